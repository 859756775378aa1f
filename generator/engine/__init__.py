"""The self-assessment engine: standard library only, the same code on CPython and Pyodide.

It takes plain data and returns plain data: the exported dictionary (``kompetensi.json``,
schema_version 1, exactly as the browser downloads it), a person's ratings, and a position or
explicit targets; it returns JSON-ready results. It never imports PyYAML, Jinja2 or MkDocs,
because it is shipped to the browser as a wheel without them (a test enforces this).

The rule (see :mod:`generator.engine.levels`)
    An indicator is met when its rating is at least ``assessment.met_threshold``; a level is met
    under ``assessment.level_rule``: ``all`` of its indicators met, a ``majority`` met, or their
    ``mean`` at least the threshold; the estimated level is the largest ``k`` such that levels
    1..k are all met (0 = "belum mencapai level 1"). Unanswered indicators count as not met;
    those the adaptive form asks (levels up to the first one that can no longer be met) are
    listed in ``unanswered`` and make ``complete`` false. The rule is monotonic, deterministic
    and explainable: the indicators of level ``k + 1`` that are not met are ``decided_by``.
    Gap = max(0, target − estimated); above target is a strength. ``borderline`` is true when
    moving one answer one step would change the level; ``decisive`` lists those answers.

The plan (see :mod:`generator.engine.plan`)
    A year's plan works on at most ``focus`` competencies (default ``assessment.focus`` = 3,
    1..9): those below target, the largest gap first (ties: the person's ``priorities``, then
    the dictionary's order); with no gap, toward the next level (mode ``growth``); all at the
    top: ``maintain``. It takes whole catalogue activities with the catalogue's JP, filling the
    allowance ``total_jp`` (default ``assessment.default_jp``, 1..1000) as closely as possible
    without going over it, then as near 70:20:10 as those activities allow. Activities the
    agency arranges are listed apart (``agency``), outside the allowance; the gaps left for
    later are named with the reason (``later``). A plan the person edited (``plan``) is checked
    and re-totalled instead.

Result, schema_version 1::

    {"schema_version": 1, "standards_version": "2017.1", "position": "administrator" | null,
     "total_jp": 20,
     "competencies": [{"id", "name", "target": int | null, "estimated": 0..5,
                       "gap": int >= 0 | null, "status": "gap" | "met" | "strength" | "no_target",
                       "complete": bool, "unanswered": [indicator ids], "explanation": str,
                       "decided_by": [indicator ids],
                       "levels": [{"level", "met", "total", "missing": [indicator ids]}],
                       "borderline": bool, "decisive": [indicator ids]}],
     "plan": {"total_jp": <sum of the items' JP>, "mode": "gap" | "growth" | "maintain",
              "note": str, "categories": [{"id": "70", "jp": 14}, ...],
              "items": [{"competency", "level", "category": "70" | "20" | "10", "form",
                         "form_name", "activity", "jp": int >= 1, "activity_id"}],
              "focus": [competency ids, by priority], "budget_jp": 20,
              "split": "14 : 4 : 2 JP", "edited": bool,
              "agency": [items arranged by the agency, to propose to the superior],
              "later": [{"competency", "gap": int | null, "reason": str}]}}

Bad inputs raise :class:`InputError`, whose ``problems`` list every
problem as (path, message, hint); a broken dictionary raises :class:`DictionaryError`.
"""

from .assessment import RESULT_SCHEMA_VERSION, assess, validate_inputs
from .inputs import MAX_FOCUS, MAX_JP, MIN_FOCUS, MIN_JP, InputError, InputProblem
from .model import DictionaryError

__all__ = [
    "MAX_FOCUS",
    "MAX_JP",
    "MIN_FOCUS",
    "MIN_JP",
    "RESULT_SCHEMA_VERSION",
    "DictionaryError",
    "InputError",
    "InputProblem",
    "assess",
    "validate_inputs",
]
