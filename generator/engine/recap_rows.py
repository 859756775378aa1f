"""What the recap keeps of each person, and the tidy rows made from it.

:class:`Entry` is a person's recomputed levels and planned activities (never their file);
:func:`tidy_rows` and :func:`activity_rows` are the tables ``--emit-rows`` writes and
``bench/recap.sql`` aggregates; :func:`people_rows` is the ``--detail`` table. Standard library
only.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from .dictionary import Dictionary


@dataclass(frozen=True, slots=True)
class PlannedActivity:
    """One line of a person's recomputed plan."""

    activity_id: str | None
    competency: str
    level: int
    category: str
    form: str | None
    activity: str
    jp: int
    by_agency: bool = False
    """Arranged by the agency (a placement, an exchange): outside the person's JP allowance."""


@dataclass(frozen=True, slots=True)
class Entry:
    """What the recap keeps of one person's file: about 1 KB (slots, shared values)."""

    source: str
    digest: str
    modified: float
    order: int
    nip: str | None
    name: str | None
    unit: str
    position: str
    levels: tuple[tuple[int, int | None] | None, ...]
    """(estimated, target) per competency, in the dictionary's order; None for a technical
    competency the person's position does not list (not assessed)."""
    plan: tuple[PlannedActivity, ...]
    stored_differs: bool


def people_rows(view: Dictionary, entries: Iterable[Entry]) -> Iterator[dict[str, Any]]:
    """The per-person rows of ``--detail``: file, NIP, name, unit, position, levels and gaps.

    Every row has the same columns: each managerial and socio-cultural competency, and each
    technical one someone was assessed on (empty for the people whose position does not list
    it)."""
    entries = list(entries)
    shown = [
        (index, competency)
        for index, competency in enumerate(view.competencies)
        if competency.id not in view.technical
        or any(entry.levels[index] is not None for entry in entries)
    ]
    for entry in entries:
        row: dict[str, Any] = {
            "file": entry.source,
            "nip": entry.nip or "",
            "name": entry.name or "",
            "unit": entry.unit,
            "position": entry.position,
        }
        for index, competency in shown:
            pair = entry.levels[index]
            estimated, target = pair if pair is not None else (None, None)
            row[f"{competency.id}.estimated"] = estimated
            row[f"{competency.id}.target"] = target
        yield row


def tidy_rows(
    view: Dictionary, entries: Iterable[Entry], *, detail: bool = False
) -> Iterator[dict[str, Any]]:
    """One row per person × competency (the table the aggregate is computed from).

    ``respondent`` is a number in the order of the files (``nip`` is added only with
    ``detail``): the rows can leave the agency without personal data.
    """
    for number, entry in enumerate(entries, start=1):
        for competency, pair in zip(view.competencies, entry.levels, strict=True):
            if pair is None:
                continue  # a technical competency the person's position does not list
            estimated, target = pair
            row: dict[str, Any] = {"respondent": number}
            if detail:
                row["nip"] = entry.nip or ""
            row |= {
                "unit": entry.unit,
                "position": entry.position,
                "competency": competency.id,
                "estimated": estimated,
                "target": target,
                "gap": None if target is None else max(0, target - estimated),
            }
            yield row


def activity_rows(entries: Iterable[Entry]) -> Iterator[dict[str, Any]]:
    """One row per planned activity of each person (the second tidy table)."""
    for number, entry in enumerate(entries, start=1):
        for item in entry.plan:
            yield {
                "respondent": number,
                "unit": entry.unit,
                "position": entry.position,
                "activity_id": item.activity_id,
                "competency": item.competency,
                "level": item.level,
                "category": item.category,
                "form": item.form,
                "jp": item.jp,
            }
