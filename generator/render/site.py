"""What every page renderer reads: the typed model of the standard plus the page-only lookups.

The model (:mod:`generator.engine.model`) is read once from the export, with its shape checks;
:class:`Site` adds what only pages need: the data file behind each page (for the edit links),
the URL style, the level labels, the sections of the index pages and the links.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from generator.engine.model import (
    Competency,
    FrameworkLevel,
    Group,
    Position,
    StandardModel,
    TechnicalDictionary,
    read_standard,
)
from generator.render import links
from generator.render.links import Linker
from generator.render.safe import anchor


def grouped(model: StandardModel) -> Iterator[tuple[Group, list[Competency]]]:
    """Each group that has competencies, with them in data order."""
    for group in model.framework.groups:
        members = [c for c in model.competencies if c.group == group.id]
        if members:
            yield group, members


@dataclass(frozen=True)
class Section:
    """A block of competencies on the index, matrix and print pages: a group, or one technical
    dictionary of the technical group."""

    id: str
    name: str
    description: str
    dictionary: TechnicalDictionary | None
    competencies: list[Competency]


class Site:
    """The standard as the page renderers read it."""

    def __init__(
        self,
        data: Mapping[str, Any],
        sources: Mapping[str, str],
        directory_urls: bool = True,
        model: StandardModel | None = None,
    ) -> None:
        """``model`` is ``data`` already read (:func:`read_standard`), when the caller has it."""
        self.data = data
        """The export itself, for the downloads that copy it (the JSON files)."""
        self.model = model or read_standard(data)
        self.sources = sources
        self.directory_urls = directory_urls
        framework = self.model.framework
        self.levels: tuple[FrameworkLevel, ...] = framework.levels
        self.level_names = framework.level_names
        self.groups: tuple[Group, ...] = framework.groups
        self.competencies: tuple[Competency, ...] = self.model.competencies
        self.positions: tuple[Position, ...] = self.model.positions
        self.dictionaries = {d.id: d for d in self.model.dictionaries}

    def sections(self) -> Iterator[Section]:
        """Each group that has competencies; technical ones split by dictionary (those without
        one first), so an agency's dictionary reads as one block."""
        for group, members in grouped(self.model):
            names = sorted(
                {c.dictionary or "" for c in members},
                key=lambda n: (n != "", self.dictionary_name(n)),
            )
            for name in names:
                dictionary = self.dictionaries.get(name)
                yield Section(
                    anchor(f"kelompok-{group.id}" + (f"-{name}" if name else "")),
                    group.name + (f": {dictionary.name}" if dictionary else ""),
                    group.description,
                    dictionary,
                    [c for c in members if (c.dictionary or "") == name],
                )

    def dictionary_name(self, name: str) -> str:
        return self.dictionaries[name].name if name in self.dictionaries else name

    def dictionary_of(self, competency: Competency) -> TechnicalDictionary | None:
        return self.dictionaries.get(competency.dictionary or "")

    def group_name(self, group_id: str) -> str:
        return next((g.name for g in self.groups if g.id == group_id), group_id)

    def level_label(self, level: int) -> str:
        name = self.level_names.get(level)
        return f"Level {level} · {name}" if name else f"Level {level}"

    def positions_at(self, competency_id: str, level: int) -> list[Position]:
        return [p for p in self.positions if p.targets.get(competency_id) == level]

    def position(self, position_id: str | None) -> Position | None:
        return next((p for p in self.positions if p.id == position_id), None)

    def source(self, key: str) -> str | None:
        return self.sources.get(key)

    def linker(self, here: str) -> Linker:
        """Links for the HTML parts of the page at ``here``: final URLs, targets recorded."""
        return Linker(here, links.url_resolver(here, self.directory_urls))
