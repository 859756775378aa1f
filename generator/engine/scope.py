"""Which competencies one self-assessment covers: the position decides.

Technical competencies belong to a position, not to everyone. An assessment covers every
managerial and socio-cultural competency, plus the technical competencies its position lists in
its (resolved) targets; a template position (the 13 of ``positions.yaml``), a person's own
targets or no position at all cover no technical competency. So an agency's technical
dictionary of hundreds of competencies never adds unrelated statements to anyone's form, and a
real position brings exactly the technical competencies its SKJ names.

:func:`scoped` applies the rule to the engine's view (``assess`` calls it for every request);
:func:`assessed_export` applies the same rule to an export dict, for whatever simulates the quiz
(``bench/``) or builds its form. Standard library only: shipped in the engine wheel.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from .dictionary import Dictionary
from .model import TECHNICAL_GROUP

__all__ = ["TECHNICAL_GROUP", "assessed_export", "left_out", "scoped"]


def left_out(technical: frozenset[str], targets: Mapping[str, Any] | None) -> frozenset[str]:
    """The technical competencies an assessment leaves out: those its position's targets do not
    list (all of them without a position)."""
    return technical - frozenset(targets or ())


def scoped(view: Dictionary, position: object) -> Dictionary:
    """``view`` as an assessment for ``position`` sees it: the technical competencies the
    position does not list are gone (with their indicators and activities) and named in
    ``out_of_scope``, so their ids are refused with a reason. An unknown position gets the
    scope of none (the engine reports the position itself). Views are kept per position on
    ``view``: the browser's bridge assesses the same positions again and again."""
    key = position if isinstance(position, str) else None
    cached = view.scopes.get(key)
    if cached is not None:
        return cached
    dropped = left_out(view.technical, view.position_targets.get(key) if key else None)
    if not dropped:
        result = view
    else:
        competencies = tuple(c for c in view.competencies if c.id not in dropped)
        activities = {k: v for k, v in view.activities.items() if k[0] not in dropped}
        result = dataclasses.replace(
            view,
            competencies=competencies,
            competency_by_id={c.id: c for c in competencies},
            indicator_ids=frozenset(
                i for c in competencies for level in c.indicator_levels for i in level
            ),
            activities=activities,
            activity_by_id={a.id: a for group in activities.values() for a in group},
            out_of_scope=dropped,
            scopes={},
        )
    view.scopes[key] = result
    return result


def assessed_export(data: Mapping[str, Any], position: str | None = None) -> dict[str, Any]:
    """``data`` as the assessment for ``position`` covers it (see :func:`scoped`): the
    technical competencies the position does not list are removed, with their activities and
    their targets in every position."""
    competencies = data.get("competencies")
    if not isinstance(competencies, list):
        return dict(data)  # not an export; the engine reports its shape
    positions = data.get("positions")
    targets = next(
        (
            p.get("targets")
            for p in (positions if isinstance(positions, list) else [])
            if isinstance(p, Mapping) and p.get("id") == position
        ),
        None,
    )
    technical = frozenset(
        str(c.get("id"))
        for c in competencies
        if isinstance(c, Mapping) and c.get("group") == TECHNICAL_GROUP
    )
    dropped = left_out(technical, targets if isinstance(targets, Mapping) else None)
    if not dropped:
        return dict(data)
    scoped_data = dict(data)
    scoped_data["competencies"] = [c for c in competencies if c.get("id") not in dropped]
    learning = data.get("learning")
    if isinstance(learning, Mapping) and isinstance(learning.get("activities"), list):
        scoped_data["learning"] = {
            **learning,
            "activities": [
                a
                for a in learning["activities"]
                if not (isinstance(a, Mapping) and a.get("competency") in dropped)
            ],
        }
    if isinstance(positions, list):
        scoped_data["positions"] = [
            {
                **p,
                "targets": {k: v for k, v in p["targets"].items() if k not in dropped},
            }
            if isinstance(p, Mapping) and isinstance(p.get("targets"), Mapping)
            else p
            for p in positions
        ]
    return scoped_data
