"""``assess``: ratings and targets in, estimated levels, gaps, explanations and a plan out."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .dictionary import Dictionary, read_dictionary
from .explain import explain
from .inputs import (
    InputError,
    check_focus,
    check_open_targets,
    check_position,
    check_priorities,
    check_ratings,
    check_targets,
    check_total_jp,
)
from .levels import LevelEstimate, estimate_level, rule_of
from .model import Activity
from .plan import build_plan
from .plan_edit import check_plan
from .scope import scoped

RESULT_SCHEMA_VERSION = 1

STATUS_GAP = "gap"
STATUS_MET = "met"
STATUS_STRENGTH = "strength"
STATUS_NO_TARGET = "no_target"


def validate_inputs(
    dictionary: Mapping[str, Any] | Dictionary,
    ratings: object,
    *,
    position: object = None,
    targets: object = None,
    total_jp: object = None,
    focus: object = None,
    priorities: object = None,
    plan: object = None,
) -> None:
    """Raise :class:`InputError` listing every problem in the inputs of :func:`assess`.

    Raises :class:`DictionaryError` when ``dictionary`` itself is not a usable export.
    """
    view = scoped(read_dictionary(dictionary), position)
    _check(view, ratings, position, targets, total_jp, focus, priorities, plan)


def _check(
    view: Dictionary,
    ratings: object,
    position: object,
    targets: object,
    total_jp: object,
    focus: object,
    priorities: object,
    plan: object,
) -> list[Activity] | None:
    """The edited plan's activities (None without one); raises :class:`InputError`."""
    # An input left at None was not given and is not checked; every problem is listed.
    problems = check_ratings(view, ratings)
    if position is not None:
        problems += check_position(view, position)
    if targets is not None:
        problems += check_targets(view, targets)
        if isinstance(position, str) and isinstance(targets, dict):
            problems += check_open_targets(view, position, targets)
    if total_jp is not None:
        problems += check_total_jp(view, total_jp)
    if focus is not None:
        problems += check_focus(view, focus)
    if priorities is not None:
        problems += check_priorities(view, priorities)
    edited: list[Activity] | None = None
    if plan is not None:
        edited, more = check_plan(view, plan)
        problems += more
    if problems:
        raise InputError(problems)
    return edited


def status_of(target: int | None, estimated: int) -> str:
    """``no_target``, ``gap`` (below target), ``met`` (at target) or ``strength`` (above)."""
    if target is None:
        return STATUS_NO_TARGET
    if estimated < target:
        return STATUS_GAP
    return STATUS_MET if estimated == target else STATUS_STRENGTH


def _competency_result(
    estimate: LevelEstimate, target: int | None, view: Dictionary, ratings: Mapping[str, int]
) -> dict[str, Any]:
    return {
        "id": estimate.competency.id,
        "name": estimate.competency.name,
        "target": target,
        "estimated": estimate.estimated,
        "gap": None if target is None else max(0, target - estimate.estimated),
        "status": status_of(target, estimate.estimated),
        "complete": estimate.complete,
        "unanswered": list(estimate.unanswered),
        "explanation": explain(estimate, view, ratings),
        "decided_by": list(estimate.decided_by),
        "levels": [
            {"level": p.level, "met": p.met, "total": p.total, "missing": list(p.missing)}
            for p in estimate.levels
        ],
        "borderline": estimate.borderline,
        "decisive": list(dict.fromkeys(change.indicator for change in estimate.changes)),
    }


def assess(
    dictionary: Mapping[str, Any] | Dictionary,
    ratings: dict[str, int],
    *,
    position: str | None = None,
    targets: dict[str, int | None] | None = None,
    total_jp: int | None = None,
    focus: int | None = None,
    priorities: list[str] | None = None,
    plan: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Estimate every competency's level from ``ratings`` and plan ``total_jp`` JP of learning.

    ``dictionary`` is the exported JSON (schema_version 1), or the :class:`Dictionary` that
    :func:`generator.engine.dictionary.read_dictionary` made of it once; ``ratings`` maps indicator ids to
    integers on ``assessment.scale``; unrated indicators are unanswered. Targets come from
    ``position`` (a position id), from ``targets`` ({competency id: level or null}), from both
    (own targets then fill only what the position leaves null, e.g. a functional position whose
    levels are in the person's own SKJ document), or from neither (no targets). The technical
    competencies assessed are those ``position`` lists (none without one; see
    :mod:`generator.engine.scope`): ratings or targets of any other are refused. ``total_jp``
    (the plan's allowance) defaults to ``assessment.default_jp``, ``focus`` (how many
    competencies it works on) to ``assessment.focus``; ``priorities`` (competency ids) order
    equal gaps; ``plan`` is a plan the person edited (see :mod:`generator.engine.plan_edit`),
    checked and re-totalled instead of choosing the activities anew.

    Returns JSON-ready data (schema_version 1, documented in ``generator.engine``). Raises
    :class:`InputError` listing every problem in the inputs, or :class:`DictionaryError` when
    the dictionary is not a usable export. The result depends on nothing but the arguments.
    """
    # The competencies of this assessment: the managerial and socio-cultural ones, and the
    # technical ones the position lists (generator.engine.scope).
    view = scoped(read_dictionary(dictionary), position)
    edited = _check(view, ratings, position, targets, total_jp, focus, priorities, plan)
    chosen: Mapping[str, int | None] = {}
    if position is not None:
        # Own targets fill what the position leaves open (checked above: nothing else).
        own = {key: value for key, value in (targets or {}).items() if value is not None}
        chosen = {**view.position_targets[position], **own}
    elif targets is not None:
        chosen = targets
    jp = view.default_jp if total_jp is None else total_jp

    rule = rule_of(view)
    estimates = [estimate_level(competency, ratings, rule) for competency in view.competencies]
    competencies = [
        _competency_result(estimate, chosen.get(estimate.competency.id), view, ratings)
        for estimate in estimates
    ]
    return {
        "schema_version": RESULT_SCHEMA_VERSION,
        "standards_version": view.standards_version,
        "position": position,
        "total_jp": jp,
        "competencies": competencies,
        "plan": build_plan(
            view,
            estimates,
            [result["gap"] for result in competencies],
            jp,
            view.default_focus if focus is None else focus,
            priorities or (),
            edited,
        ),
    }
