"""The self-assessment engine: standard library only, the same code on CPython and Pyodide.

It takes plain data and returns plain data: the exported dictionary (``kompetensi.json``,
schema_version 1, exactly as the browser downloads it), a person's ratings, and a position or
explicit targets; it returns JSON-ready results. It never imports PyYAML, Jinja2 or MkDocs,
because it is shipped to the browser as a wheel without them (a test enforces this).

The rule (see :mod:`generator.engine.levels`)
    An indicator is met when its rating is at least ``assessment.met_threshold``; a level is met
    under ``assessment.level_rule``: ``all`` of its indicators met, a ``majority`` met, or their
    ``mean`` at least the threshold; the estimated level is the largest ``k`` such that levels
    1..k are all met (0 = "belum mencapai level 1"). Unanswered indicators count as not met, are
    listed in ``unanswered`` and make ``complete`` false. The rule is monotonic, deterministic
    and explainable: the indicators of level ``k + 1`` that are not met are ``decided_by``.
    Gap = max(0, target − estimated); above target is a strength. ``borderline`` is true when
    moving one answer one step would change the level; ``decisive`` lists those answers.

The plan (see :mod:`generator.engine.plan`)
    ``total_jp`` JP (default ``assessment.default_jp``, 1..1000) split 70/20/10 by largest
    remainder, then over the competencies with a gap weighted by gap size (or, with no gap,
    toward the next level with equal weights: mode ``growth``; all at the top: ``maintain``),
    then over catalogue activities. Whole JP, exact sums.

Result, schema_version 1::

    {"schema_version": 1, "standards_version": "2017.1", "position": "administrator" | null,
     "total_jp": 20,
     "competencies": [{"id", "name", "target": int | null, "estimated": 0..5,
                       "gap": int >= 0 | null, "status": "gap" | "met" | "strength" | "no_target",
                       "complete": bool, "unanswered": [indicator ids], "explanation": str,
                       "decided_by": [indicator ids],
                       "levels": [{"level", "met", "total", "missing": [indicator ids]}],
                       "borderline": bool, "decisive": [indicator ids]}],
     "plan": {"total_jp": 20, "mode": "gap" | "growth" | "maintain", "note": str,
              "categories": [{"id": "70", "jp": 14}, ...],
              "items": [{"competency", "level", "category": "70" | "20" | "10",
                         "form": str | null, "form_name": str | null, "activity": str,
                         "jp": int >= 1}]}}

``form`` is null only when the catalogue has no activity for that cell (the item then asks the
person to design one). Bad inputs raise :class:`InputError`, whose ``problems`` list every
problem as (path, message, hint); a broken dictionary raises :class:`DictionaryError`.
"""

from .assessment import RESULT_SCHEMA_VERSION, assess, validate_inputs
from .dictionary import DictionaryError
from .inputs import MAX_JP, MIN_JP, InputError, InputProblem

__all__ = [
    "MAX_JP",
    "MIN_JP",
    "RESULT_SCHEMA_VERSION",
    "DictionaryError",
    "InputError",
    "InputProblem",
    "assess",
    "validate_inputs",
]
