"""What the reader may put in the plan instead of, or beside, the engine's choice.

A swap offers the other catalogue activities of the same competency, level and category; an
addition offers every activity of the focus competencies at the level the plan works on. Both
leave out what the plan already holds and what only the agency can arrange (those are proposed
to the superior, never counted in the allowance). The engine checks whatever comes back
(``generator.engine.plan_edit``), so these lists are a convenience, not a safeguard.

Runs in the browser (shipped in the engine wheel): standard library only.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from generator.engine.report import without_emphasis

# The label of an option: short enough to read in a list, whole enough to choose by.
_LABEL_WORDS = 14


def _short(text: str) -> str:
    words = text.split()
    return " ".join(words[:_LABEL_WORDS]) + ("…" if len(words) > _LABEL_WORDS else "")


def _target_levels(result: Mapping[str, Any], top: int) -> dict[str, int]:
    """The level each focus competency works on (as the engine chose it)."""
    estimated = {item["id"]: item["estimated"] for item in result["competencies"]}
    plan = result["plan"]
    return {
        key: top if plan["mode"] == "maintain" else min(top, estimated[key] + 1)
        for key in plan["focus"]
        if key in estimated
    }


def plan_choices(result: Mapping[str, Any], export: Mapping[str, Any]) -> dict[str, Any]:
    """``{"alternatives": {activity id: [options]}, "addable": [options]}``; an option is
    ``{"id", "jp", "label"}``, labelled with competency (for additions), form, JP and activity."""
    learning = export["learning"]
    forms = {item["id"]: item["name"] for item in learning["forms"]}
    names = {item["id"]: item["name"] for item in export["competencies"]}
    top = max((level["level"] for level in export["framework"]["levels"]), default=0)
    taken = {item["activity_id"] for item in result["plan"]["items"]}
    open_activities = [
        activity
        for activity in learning["activities"]
        if not activity.get("arranged_by_agency") and activity["id"] not in taken
    ]

    def label(activity: Mapping[str, Any], with_competency: bool) -> str:
        head = f"{names.get(activity['competency'], activity['competency'])}: " * with_competency
        form = forms.get(activity["form"], activity["form"])
        text = without_emphasis(activity["activity"])
        return f"{head}{form}, {activity['jp']} JP — {_short(text)}"

    alternatives = {
        item["activity_id"]: [
            {"id": activity["id"], "jp": activity["jp"], "label": label(activity, False)}
            for activity in open_activities
            if (activity["competency"], activity["level"], activity["category"])
            == (item["competency"], item["level"], item["category"])
        ]
        for item in result["plan"]["items"]
    }
    levels = _target_levels(result, top)
    order = list(levels)
    addable = sorted(
        (
            activity
            for activity in open_activities
            if levels.get(activity["competency"]) == activity["level"]
        ),
        key=lambda activity: order.index(activity["competency"]),
    )
    return {
        "alternatives": alternatives,
        "addable": [
            {"id": activity["id"], "jp": activity["jp"], "label": label(activity, True)}
            for activity in addable
        ],
    }
