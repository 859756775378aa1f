"""Data markers in hand-written pages: ``<!-- data:met_threshold -->3<!-- /data -->``.

The text between the markers is what a reader of the Markdown source sees; the build replaces it
with the current value from the data (the typed model, :mod:`generator.engine.model`), so a page
never states an outdated threshold or label.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from generator.engine.model import StandardModel
from generator.i18n import _
from generator.render.safe import inert

MARKER = re.compile(r"<!-- data:(?P<key>[^>]*?) -->(?P<text>.*?)<!-- /data -->", re.DOTALL)


def _scale_label(model: StandardModel, value: str) -> str | None:
    return next((v.label for v in model.assessment.scale if str(v.value) == value), None)


def _level_name(model: StandardModel, value: str) -> str | None:
    return next((lv.name for lv in model.framework.levels if str(lv.level) == value), None)


LOOKUPS: dict[str, Callable[[StandardModel], object]] = {
    "met_threshold": lambda model: model.assessment.met_threshold,
    "default_jp": lambda model: model.assessment.default_jp,
    "focus": lambda model: model.assessment.focus,
    "jp_rule": lambda model: model.learning.jp_rule,
    "scale_min": lambda model: model.assessment.scale_min,
    "scale_max": lambda model: model.assessment.scale_max,
    "version": lambda model: model.framework.version,
    "competency_count": lambda model: len(model.competencies),
    "position_count": lambda model: len(model.positions),
}
PARAMETRISED: dict[str, Callable[[StandardModel, str], str | None]] = {
    "scale_label": _scale_label,
    "level_name": _level_name,
}


def _value(model: StandardModel, key: str) -> object | None:
    name, _, argument = key.partition(":")
    if argument:
        lookup = PARAMETRISED.get(name)
        return lookup(model, argument) if lookup else None
    simple = LOOKUPS.get(name)
    return simple(model) if simple else None


def fill_markers(markdown: str, model: StandardModel) -> tuple[str, list[tuple[int, str]]]:
    """Replace every marker's text with the data value; also return ``(line, message)`` problems.

    Values are made inert like all data text. An unknown key is a problem and keeps its text.
    """
    problems: list[tuple[int, str]] = []

    def replace(match: re.Match[str]) -> str:
        key = match.group("key")
        value = _value(model, key)
        if value is None:
            line = markdown.count("\n", 0, match.start()) + 1
            known = ", ".join([*LOOKUPS, *(f"{k}:N" for k in PARAMETRISED)])
            message = _("unknown data marker '{key}' (known: {known})").format(key=key, known=known)
            problems.append((line, message))
            return match.group(0)
        return f"<!-- data:{key} -->{inert(value)}<!-- /data -->"

    return MARKER.sub(replace, markdown), problems
