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

from generator.engine.dictionary import Dictionary
from generator.engine.model import Activity
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


def plan_choices(result: Mapping[str, Any], dictionary: Dictionary) -> dict[str, Any]:
    """``{"alternatives": {activity id: [options]}, "addable": [options]}``; an option is
    ``{"id", "jp", "label"}``, labelled with competency (for additions), form, JP and activity.
    ``dictionary`` is the engine's view of the whole export."""
    names = {c.id: c.name for c in dictionary.competencies}
    taken = {item["activity_id"] for item in result["plan"]["items"]}
    open_activities = [
        activity
        for activity in dictionary.activity_by_id.values()
        if not activity.arranged_by_agency and activity.id not in taken
    ]

    def label(activity: Activity, with_competency: bool) -> str:
        head = f"{names.get(activity.competency, activity.competency)}: " * with_competency
        form = dictionary.form_names.get(activity.form, activity.form)
        return f"{head}{form}, {activity.jp} JP — {_short(without_emphasis(activity.text))}"

    alternatives = {
        item["activity_id"]: [
            {"id": activity.id, "jp": activity.jp, "label": label(activity, False)}
            for activity in open_activities
            if (activity.competency, activity.level, activity.category)
            == (item["competency"], item["level"], item["category"])
        ]
        for item in result["plan"]["items"]
    }
    levels = _target_levels(result, dictionary.max_level)
    order = list(levels)
    addable = sorted(
        (
            activity
            for activity in open_activities
            if levels.get(activity.competency) == activity.level
        ),
        key=lambda activity: order.index(activity.competency),
    )
    return {
        "alternatives": alternatives,
        "addable": [
            {"id": activity.id, "jp": activity.jp, "label": label(activity, True)}
            for activity in addable
        ],
    }
