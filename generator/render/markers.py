"""Data markers in hand-written pages: ``<!-- data:met_threshold -->3<!-- /data -->``.

The text between the markers is what a reader of the Markdown source sees; the build replaces it
with the current value from the data, so a page never states an outdated threshold or label.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from generator.i18n import _
from generator.render.safe import inert

MARKER = re.compile(r"<!-- data:(?P<key>[^>]*?) -->(?P<text>.*?)<!-- /data -->", re.DOTALL)


def _scale_label(data: Mapping[str, Any], value: str) -> str | None:
    for label in data["assessment"]["scale"]["labels"]:
        if str(label["value"]) == value:
            return str(label["label"])
    return None


def _level_name(data: Mapping[str, Any], value: str) -> str | None:
    for level in data["framework"]["levels"]:
        if str(level["level"]) == value:
            return str(level["name"])
    return None


LOOKUPS: dict[str, Callable[[Mapping[str, Any]], object]] = {
    "met_threshold": lambda data: data["assessment"]["met_threshold"],
    "default_jp": lambda data: data["assessment"]["default_jp"],
    "focus": lambda data: data["assessment"].get("focus", 3),
    "jp_rule": lambda data: data["learning"].get("jp_rule", ""),
    "scale_min": lambda data: data["assessment"]["scale"]["min"],
    "scale_max": lambda data: data["assessment"]["scale"]["max"],
    "version": lambda data: data["framework"]["version"],
    "competency_count": lambda data: len(data["competencies"]),
    "position_count": lambda data: len(data["positions"]),
}
PARAMETRISED: dict[str, Callable[[Mapping[str, Any], str], str | None]] = {
    "scale_label": _scale_label,
    "level_name": _level_name,
}


def _value(data: Mapping[str, Any], key: str) -> object | None:
    name, _, argument = key.partition(":")
    if argument:
        lookup = PARAMETRISED.get(name)
        return lookup(data, argument) if lookup else None
    simple = LOOKUPS.get(name)
    return simple(data) if simple else None


def fill_markers(markdown: str, data: Mapping[str, Any]) -> tuple[str, list[tuple[int, str]]]:
    """Replace every marker's text with the data value; also return ``(line, message)`` problems.

    Values are made inert like all data text. An unknown key is a problem and keeps its text.
    """
    problems: list[tuple[int, str]] = []

    def replace(match: re.Match[str]) -> str:
        key = match.group("key")
        value = _value(data, key)
        if value is None:
            line = markdown.count("\n", 0, match.start()) + 1
            known = ", ".join([*LOOKUPS, *(f"{k}:N" for k in PARAMETRISED)])
            message = _("unknown data marker '{key}' (known: {known})").format(key=key, known=known)
            problems.append((line, message))
            return match.group(0)
        return f"<!-- data:{key} -->{inert(value)}<!-- /data -->"

    return MARKER.sub(replace, markdown), problems
