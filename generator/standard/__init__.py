"""The standards folder as data: strict reading, validation and the public export.

Imports no MkDocs: the site adapter, the CLI and the tests all come through here.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from generator.engine.model import StandardModel, read_standard
from generator.errors import DataErrors, Problem
from generator.standard.export import build_export
from generator.standard.loader import Loaded, read_folder
from generator.standard.rules import check_all

__all__ = ["DataErrors", "Standard", "load_export", "load_standard"]


@dataclass(frozen=True)
class Standard:
    """A validated standards folder."""

    root: Path
    data: dict[str, Any]
    """The export dict (JSON ``schema_version`` 1)."""
    sources: dict[str, Path]
    """Source file of each competency id, plus ``framework`` and ``positions``; ``learning:<id>``,
    ``dictionary:<id>`` and ``position:<id>`` (a real position's file) for the others."""
    warnings: tuple[Problem, ...]
    notices: frozenset[Problem] = frozenset()
    """The warnings a build only reports (see :attr:`Loaded.notices`)."""

    @cached_property
    def model(self) -> StandardModel:
        """The export as the typed model (:mod:`generator.engine.model`), read once."""
        return read_standard(self.data)

    @property
    def version(self) -> str:
        return self.model.framework.version

    def counts(self) -> dict[str, int]:
        return self.model.counts()


def _validated(root: Path) -> Loaded:
    loaded = read_folder(root)
    check_all(loaded)
    if loaded.problems:
        raise DataErrors(loaded.problems)
    return loaded


def load_standard(root: Path | str) -> Standard:
    """Read, validate and shape a standards folder; raises :class:`DataErrors` with every problem."""
    loaded = _validated(Path(root))
    sources: dict[str, Path] = {p.value["id"]: p.file for p in loaded.competencies}
    assert loaded.framework is not None and loaded.positions is not None
    sources["framework"] = loaded.framework.file
    sources["positions"] = loaded.positions.file
    for parsed in loaded.learning:
        sources[f"learning:{parsed.value['competency']}"] = parsed.file
    for parsed in loaded.dictionaries:
        sources[f"dictionary:{parsed.value['id']}"] = parsed.file
    for parsed in loaded.real_positions:
        sources[f"position:{parsed.value['id']}"] = parsed.file
    return Standard(
        Path(root),
        build_export(loaded),
        sources,
        tuple(sorted(loaded.warnings)),
        frozenset(loaded.notices),
    )


def load_export(root: Path | str) -> dict[str, Any]:
    """The export dict of a standards folder (the assessment engine's input)."""
    return load_standard(root).data
