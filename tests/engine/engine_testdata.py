"""Fixtures for the engine tests: a small exported dictionary (schema_version 1).

``fixtures/dictionary.json`` holds three competencies: ``integritas`` and ``kerjasama`` with three
indicators per level, and ``perekat-bangsa`` with two (the engine must not assume three). Every
(competency, level, category) cell has two activities, the first with the larger indicative JP
(70: 6 and 4 JP, 20: 3 and 2 JP, 10: 4 and 2 JP). Positions: ``pelaksana`` (all 1),
``administrator`` (3, 3, null) and ``jpt-madya`` (all 5).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

FIXTURE = Path(__file__).parent / "fixtures" / "dictionary.json"
DICTIONARY: dict[str, Any] = json.loads(FIXTURE.read_text(encoding="utf-8"))


def indicator_ids(dictionary: dict[str, Any], competency: str | None = None) -> list[str]:
    """Indicator ids in dictionary order, of one competency or of all."""
    return [
        indicator["id"]
        for item in dictionary["competencies"]
        if competency in (None, item["id"])
        for level in item["levels"]
        for indicator in level["indicators"]
    ]


def up_to(dictionary: dict[str, Any], k: int, high: int = 4, low: int = 1) -> dict[str, int]:
    """Ratings ``high`` for every indicator of levels 1..k and ``low`` above."""
    return {
        indicator["id"]: high if level["level"] <= k else low
        for item in dictionary["competencies"]
        for level in item["levels"]
        for indicator in level["indicators"]
    }
