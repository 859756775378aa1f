"""Technical dictionaries (``standards/dictionaries/<id>.yaml``): their own rules, and how many
levels each competency must describe.

A technical competency may belong to a dictionary that an instansi pembina publishes with fewer
levels than the framework's five; every other competency describes each framework level.
"""

from __future__ import annotations

import difflib
from typing import Any

from generator.i18n import _
from generator.standard.loader import Loaded, Parsed
from generator.vocabulary import TECHNICAL_GROUP


def check_dictionaries(loaded: Loaded) -> dict[str, Parsed]:
    """Reports a dictionary whose id differs from its file name or uses more levels than the
    framework; returns the dictionaries by id."""
    framework_levels = _framework_levels(loaded)
    by_id: dict[str, Parsed] = {}
    for parsed in loaded.dictionaries:
        ident = parsed.value.get("id")
        if ident is None:
            continue
        if not loaded.named_as_its_file(parsed, ident):
            continue
        levels = parsed.value.get("levels")
        if framework_levels and isinstance(levels, int) and levels > framework_levels:
            loaded.report(
                parsed,
                ("levels",),
                _("expected at most {limit} levels, got {count}").format(
                    limit=framework_levels, count=levels
                ),
                _("a dictionary cannot have more levels than framework.yaml"),
            )
        by_id[ident] = parsed
    return by_id


def _framework_levels(loaded: Loaded) -> int:
    fw = loaded.framework.value if loaded.framework else {}
    return len(fw.get("levels") or [])


def check_membership(loaded: Loaded, parsed: Parsed, dictionaries: dict[str, Parsed]) -> None:
    """A competency names a dictionary only if it is technical, and only one that exists."""
    value = parsed.value
    name = value.get("dictionary")
    if name is None:
        return
    if value.get("group") not in (None, TECHNICAL_GROUP):
        loaded.report(
            parsed,
            ("dictionary",),
            _("only a technical competency belongs to a dictionary, this one is '{group}'").format(
                group=value.get("group")
            ),
            _("remove dictionary: or set group: teknis"),
        )
    elif name not in dictionaries and name not in loaded.dictionary_files:
        close = difflib.get_close_matches(name, sorted(dictionaries), 1)
        loaded.report(
            parsed,
            ("dictionary",),
            _("unknown dictionary '{dictionary}'").format(dictionary=name),
            _("did you mean '{option}'?").format(option=close[0])
            if close
            else _("add standards/dictionaries/{dictionary}.yaml or fix the name").format(
                dictionary=name
            ),
        )


def expected_levels(
    value: dict[str, Any], dictionaries: dict[str, Parsed], framework_levels: int
) -> int:
    """How many levels the competency must describe: its dictionary's count when it is a
    technical competency of a known dictionary, else the framework's."""
    name = value.get("dictionary")
    if value.get("group") == TECHNICAL_GROUP and name in dictionaries:
        levels = dictionaries[name].value.get("levels")
        if isinstance(levels, int) and levels <= framework_levels:
            return levels
    return framework_levels


def top_level(competency: Parsed | None, level_count: int) -> int:
    """The highest level of a competency whose levels are in order and complete, else 0: a
    broken list of levels is reported on the competency, and what refers to it follows its fix."""
    if competency is None:
        return 0
    numbers = [lv.get("level") for lv in competency.value.get("levels") or []]
    if not numbers or numbers != list(range(1, len(numbers) + 1)):
        return 0
    if level_count and len(numbers) != level_count:
        return 0
    return len(numbers)
