"""``kompetensi import``: turn a dictionary spreadsheet into competency (and dictionary) files.

One row per indicator, the columns of :data:`REQUIRED` (plus an optional ``dictionary``). A
competency's definition and a level's description may repeat on its rows or stay empty after the
first. Nothing is written unless the whole result, merged into a copy of the standards folder,
passes the validator; every problem is reported, located as ``FILE:row:column`` (the row as the
spreadsheet numbers it, the column by its header).
"""

from __future__ import annotations

import dataclasses
import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.errors import DataErrors, Problem, printable
from generator.i18n import _
from generator.standard import load_standard
from generator.standard.loader import COMPETENCY_DIR, DICTIONARY_DIR, display_path
from generator.standard.sheet_reader import SLUG, SheetReader, clean_cell, is_level
from generator.standard.spreadsheet import Sheet, read_sheet
from generator.vocabulary import COMPETENCY_GROUPS, TECHNICAL_GROUP

REQUIRED = (
    "competency_id",
    "competency_name",
    "group",
    "definition",
    "level",
    "level_description",
    "indicator",
)
OPTIONAL = ("dictionary", "example")
IGNORED = ("indicator_id", "level_name")
"""Columns ``kompetensi export --format csv`` writes that the import derives itself."""
ALIASES = {"competency": "competency_name"}
"""The export's name for a column, so an exported CSV imports as it is."""
SCHEMA_LINE = "# yaml-language-server: $schema=../../generator/schemas/{}.schema.json\n"


@dataclass
class Level:
    row: int
    description: str
    indicators: list[tuple[str, str]] = field(default_factory=list)
    """(text, example) per indicator; the example may be empty."""


@dataclass
class Competency:
    row: int
    id: str
    name: str
    group: str
    definition: str
    dictionary: str | None
    levels: dict[int, Level] = field(default_factory=dict)


@dataclass
class Result:
    """What an import would write, or why it cannot."""

    files: dict[Path, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


class _Reader(SheetReader):
    """Collects the competencies of a sheet and every located problem."""

    def __init__(self, name: str, default_dictionary: str) -> None:
        super().__init__(name)
        self.default_dictionary = default_dictionary
        self.competencies: dict[str, Competency] = {}

    def header(self, header: list[str]) -> None:
        self.check_header(
            header,
            known=(*REQUIRED, *OPTIONAL, *IGNORED),
            listed=(*REQUIRED, *OPTIONAL),
            required=REQUIRED,
            missing_hint=_("add this column to the first row"),
            aliases=ALIASES,
        )

    def row(self, number: int, cells: dict[str, str]) -> None:
        cell = {ALIASES.get(k, k): clean_cell(v) for k, v in cells.items()}
        cid = cell.get("competency_id", "")
        if not self.valid_id(
            number,
            "competency_id",
            cid,
            _("invalid competency id: '{id}'"),
            _("empty competency id"),
            _("use lower-case letters, digits and hyphens, e.g. pengelolaan-arsip"),
        ):
            return
        competency = self.competencies.get(cid) or self._first(number, cid, cell)
        if competency is None:
            return
        self._same(number, "competency_name", cell, competency.name, competency.row)
        self._same(number, "group", cell, competency.group, competency.row)
        self._same(number, "definition", cell, competency.definition, competency.row)
        if "dictionary" in cell and competency.group == TECHNICAL_GROUP:
            self._same(number, "dictionary", cell, competency.dictionary or "", competency.row)
        level = self._level(number, cell.get("level", ""))
        if level is None:
            return
        text = cell.get("level_description", "")
        existing = competency.levels.get(level)
        if existing is None:
            if not text:
                self.problem(
                    number,
                    "level_description",
                    _("the description of level {level} is empty on its first row").format(
                        level=level
                    ),
                    _("fill in the level description on the first row of each level"),
                )
            existing = competency.levels[level] = Level(number, text)
        elif text and text != existing.description:
            self.problem(
                number,
                "level_description",
                _("differs from the description of level {level} on row {row}").format(
                    level=level, row=existing.row
                ),
                _("empty this cell or make it the same"),
            )
        indicator = cell.get("indicator", "")
        if not indicator:
            self.problem(
                number,
                "indicator",
                _("empty indicator"),
                _("every row holds one indicator"),
            )
        else:
            existing.indicators.append((indicator, cell.get("example", "")))

    def _first(self, number: int, cid: str, cell: dict[str, str]) -> Competency | None:
        missing = self.filled(
            number,
            cell,
            ("competency_name", "group", "definition"),
            _("empty on the first row of the competency '{id}'").format(id=cid),
            _("fill in this column on the first row of each competency"),
        )
        group = cell.get("group", "")
        if group and group not in COMPETENCY_GROUPS:
            self.problem(
                number,
                "group",
                _("unknown group: '{group}'").format(group=group),
                _("use teknis, manajerial or sosial_kultural"),
            )
            return None
        dictionary = cell.get("dictionary") or None
        if group == TECHNICAL_GROUP:
            dictionary = dictionary or self.default_dictionary
            if not SLUG.fullmatch(dictionary):
                self.problem(
                    number,
                    "dictionary",
                    _("invalid dictionary id: '{dictionary}'").format(dictionary=dictionary),
                    _("use lower-case letters, digits and hyphens, e.g. arsip-nasional"),
                )
                return None
        elif dictionary:
            self.problem(
                number,
                "dictionary",
                _("only a technical competency has a dictionary"),
                _("leave this column empty for managerial and socio-cultural competencies"),
            )
        if missing:
            return None
        competency = Competency(
            number,
            cid,
            cell["competency_name"],
            group,
            cell["definition"],
            dictionary if group == TECHNICAL_GROUP else None,
        )
        self.competencies[cid] = competency
        return competency

    def _same(self, number: int, column: str, cell: dict[str, str], value: str, first: int) -> None:
        text = cell.get(column, "")
        if text and text != value and number != first:
            self.problem(
                number,
                column,
                _("differs from row {row} of the same competency").format(row=first),
                _("empty this cell or make it the same"),
            )

    def _level(self, number: int, text: str) -> int | None:
        if is_level(text):
            return int(text)
        self.problem(
            number,
            "level",
            _("the level must be a whole number from 1 to 5, got '{text}'").format(text=text),
            _("write the level number only, e.g. 2"),
        )
        return None

    def check_levels(self) -> None:
        counts: dict[str, tuple[int, str]] = {}
        for competency in self.competencies.values():
            numbers = sorted(competency.levels)
            if numbers and numbers != list(range(1, len(numbers) + 1)):
                self.problem(
                    competency.row,
                    "level",
                    _(
                        "the levels of the competency '{id}' must run in order from 1, got {levels}"
                    ).format(id=competency.id, levels=", ".join(str(n) for n in numbers)),
                    _("every level from 1 to the highest needs rows"),
                )
                continue
            if competency.dictionary is None:
                continue
            first = counts.setdefault(competency.dictionary, (len(numbers), competency.id))
            if first[0] != len(numbers):
                self.problem(
                    competency.row,
                    "level",
                    _(
                        "the competency '{id}' has {count} levels, but '{other}' in the same "
                        "dictionary has {other_count}"
                    ).format(
                        id=competency.id, count=len(numbers), other=first[1], other_count=first[0]
                    ),
                    _("all competencies of one dictionary have the same number of levels"),
                )


def default_dictionary(path: Path) -> str:
    """A dictionary id from a file name: ``Kamus Arsip 2024.xlsx`` -> ``kamus-arsip-2024``."""
    return "-".join(re.findall(r"[a-z0-9]+", path.stem.casefold()))[:60] or "kamus"


def plan_import(sheet_path: Path, standards: Path, *, force: bool = False) -> Result:
    """The files an import of ``sheet_path`` into ``standards`` writes, checked by the validator
    on a copy of the folder; ``problems`` non-empty means nothing may be written."""
    name = display_path(sheet_path)
    sheet: Sheet = read_sheet(sheet_path)
    if sheet.problem:
        return Result(problems=[printable(f"{name}: {sheet.problem}")])
    # The position form (generator/standard/position_sheet.py) builds on this module's helpers.
    from generator.standard import position_sheet

    if position_sheet.POSITION_COLUMN in sheet.header:
        return position_sheet.plan_position_import(name, sheet, standards, force=force)
    reader = _Reader(name, default_dictionary(sheet_path))
    reader.header(sheet.header)
    if reader.problems:
        return Result(problems=reader.problems)
    for number, cells in sheet.rows:
        reader.row(number, cells)
    if not reader.problems:  # a dropped row would leave a gap that is no mistake of its own
        reader.check_levels()
    if not reader.competencies and not reader.problems:
        reader.no_rows(_("fill in one row per indicator"))
    if reader.problems:
        return Result(problems=reader.problems)
    result = Result(files=_files(reader, standards, force))
    if reader.problems:
        return Result(problems=reader.problems)
    validate_into(result, standards)
    return result


def _files(reader: _Reader, standards: Path, force: bool) -> dict[Path, str]:
    files: dict[Path, str] = {}
    orders = _orders(standards, set(reader.competencies) if force else set())
    dictionaries: dict[str, int] = {}
    for competency in reader.competencies.values():
        target = standards / COMPETENCY_DIR / f"{competency.id}.yaml"
        hint = _("use --force to replace it, or change the competency id")
        if not reader.is_new(target, competency.row, "competency_id", hint, force=force):
            continue
        block = (competency.group, competency.dictionary or "")
        order = _existing_order(target) if target.exists() else None
        if order is None:
            order = orders.get(block, 0) + 1
            orders[block] = order
        files[target] = _competency_yaml(competency, order)
        if competency.dictionary:
            dictionaries[competency.dictionary] = len(competency.levels)
    for ident, levels in dictionaries.items():
        target = standards / DICTIONARY_DIR / f"{ident}.yaml"
        if not target.exists():  # a dictionary's owner, source and version stay as edited
            files[target] = _dictionary_yaml(ident, levels)
    return files


def _orders(standards: Path, replaced: set[str]) -> dict[tuple[str, str], int]:
    """The highest order in use per group and dictionary, besides the files being replaced."""
    highest: dict[tuple[str, str], int] = {}
    folder = standards / COMPETENCY_DIR
    for file in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        if file.stem in replaced:
            continue
        value = _safe_load(file)
        if isinstance(value.get("order"), int):
            block = (str(value.get("group")), str(value.get("dictionary") or ""))
            highest[block] = max(highest.get(block, 0), value["order"])
    return highest


def _existing_order(file: Path) -> int | None:
    order = _safe_load(file).get("order")
    return order if isinstance(order, int) else None


def _safe_load(file: Path) -> dict[str, Any]:
    # Only for the order numbers: the validator reads every file strictly afterwards.
    try:
        value = yaml.safe_load(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    return value if isinstance(value, dict) else {}


def dump_yaml(value: dict[str, Any], schema: str) -> str:
    body = yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=96)
    return SCHEMA_LINE.format(schema) + body


def _competency_yaml(competency: Competency, order: int) -> str:
    value: dict[str, Any] = {
        "id": competency.id,
        "name": competency.name,
        "group": competency.group,
    }
    if competency.dictionary:
        value["dictionary"] = competency.dictionary
    value["order"] = order
    value["definition"] = competency.definition
    value["levels"] = [
        {
            "level": number,
            "description": competency.levels[number].description,
            "indicators": [
                {
                    "id": f"{competency.id}.{number}.{index}",
                    "text": text,
                    **({"example": example} if example else {}),
                }
                for index, (text, example) in enumerate(
                    competency.levels[number].indicators, start=1
                )
            ],
        }
        for number in sorted(competency.levels)
    ]
    return dump_yaml(value, "competency")


def _dictionary_yaml(ident: str, levels: int) -> str:
    text = dump_yaml({"id": ident, "name": ident, "levels": levels}, "dictionary")
    return text + (
        "# Lengkapi sesudah impor (lihat Panduan Pengelola):\n"
        "# owner: nama instansi pembina\n"
        "# source: peraturan atau keputusan yang menetapkan kamus ini\n"
        '# version: "2024"\n'
    )


def validate_into(
    result: Result,
    standards: Path,
    relocate: Callable[[Problem], str | None] = lambda problem: None,
) -> None:
    """Run the validator on a copy of ``standards`` with the new files in place; ``relocate``
    may point a problem at the spreadsheet cell it comes from (``None``: keep its place)."""
    with tempfile.TemporaryDirectory(prefix="kompetensi-import-") as scratch:
        copy = Path(scratch) / "standards"
        if standards.is_dir():
            shutil.copytree(standards, copy, symlinks=True)
        for path, text in result.files.items():
            target = copy / path.relative_to(standards)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        shown = display_path(copy)

        def located(problem: Problem) -> str:
            path = problem.path
            if path.startswith(shown):
                path = display_path(standards) + path[len(shown) :]
            moved = dataclasses.replace(problem, path=path)
            return relocate(moved) or str(moved)

        try:
            standard = load_standard(copy)
        except DataErrors as error:
            result.problems.extend(located(p) for p in error.problems)
            return
        result.warnings.extend(located(p) for p in standard.warnings)
