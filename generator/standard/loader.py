"""Load a standards folder: read every file strictly, validate each against its schema, then check
the rules that span files. Every problem of the run is collected before anything fails."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.errors import Problem, join_path
from generator.i18n import _
from generator.standard import schema, strict_yaml
from generator.standard.places import Places

FRAMEWORK_FILE = "framework.yaml"
POSITIONS_FILE = "positions.yaml"
COMPETENCY_DIR = "competencies"
LEARNING_DIR = "learning"
DICTIONARY_DIR = "dictionaries"
"""Technical dictionaries: optional, a standard of managerial and socio-cultural competencies
alone has none."""
POSITION_DIR = "positions"
"""Real positions, one per file: optional, the 13 templates of positions.yaml stand alone."""
RESERVED_IDS = frozenset({"index", "semua", "transisi"})


@dataclass
class Parsed:
    """One validated file: its typed value, its source file, its display path and the places
    of its values as they were read.

    The node tree is not kept: with thousands of files the trees were most of the memory of a
    run. The rules locate what they report in :attr:`places`, never by reading the file again,
    so a file edited after it was read is still reported where the read data came from.
    """

    path: str
    file: Path
    value: Any
    places: Places = field(repr=False, compare=False)

    def locate(self, *keys: str | int) -> tuple[int, int]:
        """Line and column of the value at ``keys`` (or of the nearest existing parent)."""
        return self.places.locate(*keys)


@dataclass
class Loaded:
    """Everything read from a standards folder, before it is shaped for export."""

    root: Path
    framework: Parsed | None = None
    positions: Parsed | None = None
    competencies: list[Parsed] = field(default_factory=list)
    learning: list[Parsed] = field(default_factory=list)
    dictionaries: list[Parsed] = field(default_factory=list)
    real_positions: list[Parsed] = field(default_factory=list)
    """The files of positions/ (real positions, each building on a template of positions.yaml)."""
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    notices: list[Problem] = field(default_factory=list)
    """Warnings that never fail a build (``kompetensi build`` logs them as information): a
    technical dictionary often arrives before its learning catalogue."""
    unreadable_competencies: set[str] = field(default_factory=set)
    """File stems of competency files that could not be read: references to them are not
    reported again as unknown."""
    competency_folder_missing: bool = False
    dictionary_files: set[str] = field(default_factory=set)
    """File stems in dictionaries/, readable or not: a competency naming one that could not be
    read is not reported again."""

    def line_of(self, parsed: Parsed, keys: tuple[str | int, ...]) -> int:
        """The line of the value at ``keys`` in ``parsed``'s file (for a message naming it)."""
        return parsed.locate(*keys)[0]

    def report(
        self,
        parsed: Parsed,
        keys: tuple[str | int, ...],
        message: str,
        hint: str = "",
        *,
        at_key: bool = False,
        warning: bool = False,
        notice: bool = False,
    ) -> None:
        places = parsed.places
        line, column = places.locate_key(*keys) if at_key else places.locate(*keys)
        key_path = ""
        for key in keys:
            key_path = join_path(key_path, key)
        problem = Problem(parsed.path, line, column, key_path, message, hint)
        (self.warnings if warning or notice else self.problems).append(problem)
        if notice:
            self.notices.append(problem)

    def named_as_its_file(
        self,
        parsed: Parsed,
        ident: str,
        key: str = "id",
        wording: tuple[str, str] | None = None,
    ) -> bool:
        """True when the file's ``key`` (its ``id``, or the competency a learning file is for)
        is its file name; otherwise reported on that key, with ``wording`` (message and hint,
        naming ``{id}`` and ``{file}``) when the key is not the id."""
        if ident == parsed.file.stem:
            return True
        message, hint = wording or (
            _("the id '{id}' differs from the file name '{file}'"),
            _("rename the file to {id}.yaml or fix the id"),
        )
        self.report(
            parsed,
            (key,),
            message.format(id=ident, file=parsed.file.name),
            hint.format(id=ident),
        )
        return False


def display_path(file: Path) -> str:
    """Paths as the maintainer would type them: relative to the working folder when possible."""
    try:
        return os.path.relpath(file)
    except ValueError:
        return str(file)


def _parse(loaded: Loaded, file: Path, schema_name: str) -> Parsed | None:
    document = strict_yaml.read(file, display_path(file))
    loaded.problems.extend(document.problems)
    if document.root is None:
        return None
    value, problems = schema.validate(document.root, schema_name, document.path)
    loaded.problems.extend(problems)
    if value is None:
        return None
    return Parsed(document.path, file, value, Places(document.root))


def _yaml_files(folder: Path, loaded: Loaded) -> Iterator[Path]:
    if not folder.is_dir():
        loaded.problems.append(
            Problem(
                display_path(folder),
                1,
                1,
                "",
                _("folder not found"),
                _("a standards folder needs {folder}/").format(folder=folder.name),
            )
        )
        return
    seen: dict[str, Path] = {}
    for file in sorted(folder.iterdir()):
        if file.name.startswith(".") or _outside(file, loaded):
            continue
        if file.suffix != ".yaml" or not file.is_file():
            loaded.problems.append(
                Problem(
                    display_path(file),
                    1,
                    1,
                    "",
                    _("unexpected file in the standards folder"),
                    _("data files end in .yaml; move other files elsewhere"),
                )
            )
            continue
        folded = file.stem.casefold()
        if folded in seen:
            loaded.problems.append(
                Problem(
                    display_path(file),
                    1,
                    1,
                    "",
                    _("file name collides with {file}").format(file=display_path(seen[folded])),
                    _("file names must differ in more than letter case"),
                )
            )
            continue
        seen[folded] = file
        yield file


def _outside(file: Path, loaded: Loaded) -> bool:
    """True (and reported) when a link makes ``file`` a file outside the standards folder: its
    content is never read, so no message can quote a file the maintainer did not mean to give."""
    real = file.resolve()
    if real.is_relative_to(loaded.root.resolve()):
        return False
    loaded.problems.append(
        Problem(
            display_path(file),
            1,
            1,
            "",
            _("the file is a link to a file outside the standards folder"),
            _("copy the file into the standards folder instead of linking to it"),
        )
    )
    return True


def read_folder(root: Path) -> Loaded:
    """Read and schema-check every file in a standards folder (no cross-file rules yet)."""
    loaded = Loaded(root)
    if not root.is_dir():
        loaded.problems.append(
            Problem(
                display_path(root),
                1,
                1,
                "",
                _("standards folder not found"),
                _("pass --standards DIR or run from the project folder"),
            )
        )
        return loaded
    for name, attr, schema_name in (
        (FRAMEWORK_FILE, "framework", "framework"),
        (POSITIONS_FILE, "positions", "positions"),
    ):
        file = root / name
        if _outside(file, loaded):
            continue
        if file.is_file():
            setattr(loaded, attr, _parse(loaded, file, schema_name))
        else:
            loaded.problems.append(
                Problem(
                    display_path(file),
                    1,
                    1,
                    "",
                    _("file not found"),
                    _("every standards folder needs {file}").format(file=name),
                )
            )
    loaded.competency_folder_missing = not (root / COMPETENCY_DIR).is_dir()
    for file in _yaml_files(root / COMPETENCY_DIR, loaded):
        parsed = _parse(loaded, file, "competency")
        if parsed is None or not parsed.value.get("id"):
            loaded.unreadable_competencies.add(file.stem)
        if parsed is not None:
            loaded.competencies.append(parsed)
    for file in _yaml_files(root / LEARNING_DIR, loaded):
        parsed = _parse(loaded, file, "learning")
        if parsed is not None:
            loaded.learning.append(parsed)
    if (root / DICTIONARY_DIR).is_dir():
        for file in _yaml_files(root / DICTIONARY_DIR, loaded):
            loaded.dictionary_files.add(file.stem)
            parsed = _parse(loaded, file, "dictionary")
            if parsed is not None:
                loaded.dictionaries.append(parsed)
    if (root / POSITION_DIR).is_dir():
        for file in _yaml_files(root / POSITION_DIR, loaded):
            parsed = _parse(loaded, file, "position")
            if parsed is not None:
                loaded.real_positions.append(parsed)
    return loaded
