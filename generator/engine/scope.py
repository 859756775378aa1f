"""Which competencies the self-assessment covers.

Technical competencies belong to a position, not to everyone: until positions list the
technical competencies they require (and the quiz brings exactly those in), the quiz, the recap
and ``kompetensi assess`` cover the managerial and socio-cultural competencies only, so an
agency's technical dictionary never adds dozens of unrelated statements to every employee's form.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

TECHNICAL_GROUP = "teknis"


def assessed_export(data: Mapping[str, Any]) -> dict[str, Any]:
    """``data`` without technical competencies, their activities and their position targets."""
    competencies = data.get("competencies")
    if not isinstance(competencies, list):
        return dict(data)  # not an export; the engine reports its shape
    technical = {
        c.get("id")
        for c in competencies
        if isinstance(c, Mapping) and c.get("group") == TECHNICAL_GROUP
    }
    if not technical:
        return dict(data)
    scoped = dict(data)
    scoped["competencies"] = [c for c in competencies if c.get("id") not in technical]
    learning = data.get("learning")
    if isinstance(learning, Mapping) and isinstance(learning.get("activities"), list):
        scoped["learning"] = {
            **learning,
            "activities": [
                a
                for a in learning["activities"]
                if not (isinstance(a, Mapping) and a.get("competency") in technical)
            ],
        }
    positions = data.get("positions")
    if isinstance(positions, list):
        scoped["positions"] = [
            {
                **p,
                "targets": {k: v for k, v in p["targets"].items() if k not in technical},
            }
            if isinstance(p, Mapping) and isinstance(p.get("targets"), Mapping)
            else p
            for p in positions
        ]
    return scoped
