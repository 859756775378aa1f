"""Checking a plan the person edited: whole catalogue activities, each once, with their JP.

An edited plan is what the browser saves and ``kompetensi assess --plan`` reads::

    {"focus": ["kerjasama", ...], "budget_jp": 20,
     "items": [{"activity_id": "kerjasama-koordinasi-tugas-kelompok", "jp": 8}, ...]}

Only ``items`` decides anything: every item names an activity of the catalogue by its ``id`` and
repeats its JP exactly as listed (a plan never takes part of an activity). ``focus``,
``budget_jp`` and the keys the engine writes itself (``total_jp``, ``note``, ``categories``, and
an item's ``competency``, ``form``, ...) may be present, as in a plan copied from a result, and
are recomputed rather than trusted. Every problem is reported, each with its key path.
"""

from __future__ import annotations

from typing import Any

from .dictionary import Dictionary
from .inputs import InputProblem, describe, did_you_mean
from .model import Activity
from .wording import _

MAX_ITEMS = 200


def _item_problems(
    dictionary: Dictionary, item: object, where: str, seen: dict[str, str]
) -> tuple[Activity | None, list[InputProblem]]:
    if not isinstance(item, dict):
        return None, [
            InputProblem(
                where,
                _('expected an object like {{"activity_id": "...", "jp": 8}}, got {value}').format(
                    value=describe(item)
                ),
            )
        ]
    key = item.get("activity_id")
    if not isinstance(key, str):
        hint = _("every item names a catalogue activity by its id")
        message = _("expected an activity id, got {value}").format(value=describe(key))
        return None, [InputProblem(f"{where}.activity_id", message, hint)]
    activity = dictionary.activity_by_id.get(key)
    if activity is None:
        example = min(dictionary.activity_by_id, default="integritas-catatan-janji-kerja")
        fallback = _("activity ids look like '{example}'").format(example=example)
        hint = did_you_mean(key, dictionary.activity_by_id, fallback)
        message = _("unknown activity id '{id}'").format(id=key)
        return None, [InputProblem(f"{where}.activity_id", message, hint)]
    problems: list[InputProblem] = []
    if key in seen:
        problems.append(
            InputProblem(
                f"{where}.activity_id",
                _("activity '{id}' is already in {where}").format(id=key, where=seen[key]),
                _("a plan takes each activity once"),
            )
        )
    seen.setdefault(key, where)
    if activity.arranged_by_agency:
        problems.append(
            InputProblem(
                f"{where}.activity_id",
                _("activity '{id}' is arranged by the agency").format(id=key),
                _("propose it to your superior; it is not part of the JP allowance"),
            )
        )
    jp = item.get("jp")
    if jp != activity.jp or isinstance(jp, bool):
        problems.append(
            InputProblem(
                f"{where}.jp",
                _("expected {jp} (the catalogue's JP of '{id}'), got {value}").format(
                    jp=activity.jp, id=key, value=describe(jp)
                ),
                _("a plan takes whole activities with the JP the catalogue lists"),
            )
        )
    return (None if problems else activity), problems


def check_plan(
    dictionary: Dictionary, plan: object, path: str = "plan"
) -> tuple[list[Activity], list[InputProblem]]:
    """The activities of an edited plan, in its order, or every problem found in it."""
    if not isinstance(plan, dict):
        message = _("expected an object with items, got {value}").format(value=describe(plan))
        return [], [InputProblem(path, message)]
    items = plan.get("items")
    if not isinstance(items, list):
        hint = _('a plan looks like {{"items": [{{"activity_id": "...", "jp": 8}}]}}').format()
        message = _("expected a list, got {value}").format(value=describe(items))
        return [], [InputProblem(f"{path}.items", message, hint)]
    if len(items) > MAX_ITEMS:
        message = _("expected at most {limit} activities, got {count}").format(
            limit=MAX_ITEMS, count=len(items)
        )
        return [], [InputProblem(f"{path}.items", message)]
    activities: list[Activity] = []
    problems: list[InputProblem] = []
    seen: dict[str, str] = {}
    for index, item in enumerate(items):
        activity, found = _item_problems(dictionary, item, f"{path}.items[{index}]", seen)
        problems += found
        if activity is not None:
            activities.append(activity)
    return activities, problems


def plan_document(plan: object) -> dict[str, Any] | None:
    """The plan in the shape the answers document stores: focus, allowance, and the items'
    ids and JP (``None`` for no plan)."""
    if not isinstance(plan, dict):
        return None
    return {
        "focus": plan.get("focus"),
        "budget_jp": plan.get("budget_jp"),
        "items": [
            {"activity_id": item.get("activity_id"), "jp": item.get("jp")}
            for item in plan.get("items", [])
            if isinstance(item, dict)
        ],
    }
