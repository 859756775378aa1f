"""Checking a user's ratings, targets, position and JP total against the dictionary.

Every check collects all of its problems instead of stopping at the first, so a person fixing an
answers file (or the browser showing an imported one) sees everything in one pass. A problem is
a key path, what was expected and what was found, and usually a hint::

    ratings.integritas.9.1: unknown indicator id Hint: did you mean 'integritas.1.1'?

The data arrive JSON-decoded from a file or from the browser, so nothing is trusted to have the
type its annotation promises: a rating of ``"4"``, ``3.0`` or ``true`` is reported, not coerced.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from typing import Any, NamedTuple

from .dictionary import Dictionary
from .wording import _

MIN_JP = 1
MAX_JP = 1000
MIN_FOCUS = 1
MAX_FOCUS = 9
MAX_LISTED = 50
"""Most problems listed per input part; the rest are counted in one more line."""

_PLAIN_KEY = re.compile(r"[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*")


class InputProblem(NamedTuple):
    """One problem in the user's input: where, what, and how to fix it (hint may be empty)."""

    path: str
    message: str
    hint: str = ""

    def format(self, location: str = "") -> str:
        """The one-line message, e.g. ``answers.json: ratings.x: unknown indicator id``."""
        parts = [part for part in (location, self.path) if part]
        parts.append(
            _("{message} Hint: {hint}").format(message=self.message, hint=self.hint)
            if self.hint
            else self.message
        )
        return ": ".join(parts)

    def __str__(self) -> str:
        return self.format()

    def as_dict(self) -> dict[str, str]:
        """JSON-ready form for the browser."""
        return {"path": self.path, "message": self.message, "hint": self.hint}


class InputError(ValueError):
    """The user's input has problems; ``problems`` lists every one of them, in input order."""

    def __init__(self, problems: Iterable[InputProblem]) -> None:
        self.problems: list[InputProblem] = list(problems)
        super().__init__("\n".join(problem.format() for problem in self.problems))


def key_path(prefix: str, key: str) -> str:
    """``prefix.key``, or ``prefix["key"]`` when the key would be ambiguous or unreadable bare."""
    if _PLAIN_KEY.fullmatch(key):
        return f"{prefix}.{key}" if prefix else key
    return f"{prefix}[{json.dumps(key, ensure_ascii=False)}]"


def describe(value: object) -> str:
    """How a JSON value reads in a message: ``7``, ``"4"``, ``true``, ``null``, ``a list``."""
    if isinstance(value, dict):
        return _("an object")
    if isinstance(value, list | tuple):
        return _("a list")
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:37] + "..."


def _is_int_between(value: object, low: int, high: int) -> bool:
    """True for a whole number in ``low..high``; ``true``/``false`` are not numbers here."""
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def did_you_mean(word: str, choices: Iterable[str], fallback: str) -> str:
    # Imported here: only a wrong answer file needs it, and in the browser every stdlib module
    # is compiled from source on first import (difflib: a noticeable part of the start-up).
    import difflib

    matches = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.75)
    return _("did you mean '{option}'?").format(option=matches[0]) if matches else fallback


def scale_hint(dictionary: Dictionary) -> str:
    """E.g. ``the scale is 1 = Belum pernah, 2 = Kadang-kadang, 3 = Sering, 4 = Selalu``."""
    values = range(dictionary.scale_min, dictionary.scale_max + 1)
    return _("the scale is {scale}").format(
        scale=", ".join(f"{v} = {dictionary.scale_label(v)}" for v in values)
    )


def _indicator_hint(dictionary: Dictionary, key: str) -> str:
    """The range of a known competency's ids, a close match, or what an id looks like."""
    competency = dictionary.competency_by_id.get(key.rsplit(".", 2)[0])
    if competency is not None:
        ids = [indicator for level in competency.indicator_levels for indicator in level]
        if ids:
            return _("'{id}' has indicators {first} to {last}").format(
                id=competency.id, first=ids[0], last=ids[-1]
            )
    example = min(dictionary.indicator_ids, default="integritas.1.1")
    fallback = _("indicator ids look like '{example}' (competency.level.number)").format(
        example=example
    )
    return did_you_mean(key, dictionary.indicator_ids, fallback)


def _out_of_scope_hint() -> str:
    return _(
        "technical competencies are assessed only for a position whose targets list them; "
        "choose that position"
    )


def _out_of_scope(dictionary: Dictionary, key: str) -> str | None:
    """The technical competency ``key`` (an id, or an indicator id) belongs to when the chosen
    position leaves it out (:mod:`generator.engine.scope`), else None."""
    for competency in (key, key.rsplit(".", 2)[0]):
        if competency in dictionary.out_of_scope:
            return competency
    return None


def check_ratings(
    dictionary: Dictionary, ratings: object, path: str = "ratings"
) -> list[InputProblem]:
    """Problems in ``{indicator id: rating}``: unknown ids, non-integers, values off the scale."""
    low, high = dictionary.scale_min, dictionary.scale_max

    def faults(key: Any, value: object) -> tuple[bool, bool]:
        return key not in dictionary.indicator_ids, not _is_int_between(value, low, high)

    def problems_of(where: str, key: Any, value: object) -> list[InputProblem]:
        unknown, wrong = faults(key, value)
        problems = []
        outside = _out_of_scope(dictionary, str(key)) if unknown else None
        if outside:
            message = _("'{competency}' is not a competency of the chosen position").format(
                competency=outside
            )
            problems.append(InputProblem(where, message, _out_of_scope_hint()))
        elif unknown:
            problems.append(
                InputProblem(
                    where, _("unknown indicator id"), _indicator_hint(dictionary, str(key))
                )
            )
        if wrong:
            hint = (
                _("leave an indicator out to mark it unanswered")
                if value is None
                else scale_hint(dictionary)
            )
            message = _("expected an integer from {low} to {high}, got {value}").format(
                low=low, high=high, value=describe(value)
            )
            problems.append(InputProblem(where, message, hint))
        return problems

    expected = _("expected an object mapping indicator ids to ratings, got {value}")
    return _entry_problems(ratings, path, expected, faults, problems_of)


def _entry_problems(
    mapping: object,
    path: str,
    expected: str,
    faults: Callable[[Any, object], tuple[bool, bool]],
    problems_of: Callable[[str, Any, object], list[InputProblem]],
) -> list[InputProblem]:
    """The problems of each entry of the object ``mapping`` (``expected`` says what it must be,
    with ``{value}``): ``faults`` tells cheaply whether a key is unknown and whether its value is
    wrong, ``problems_of`` words them. Past :data:`MAX_LISTED` problems the entries are only
    counted, so a file of 600,000 wrong keys is reported in a second, not in minutes and 600,000
    lines with a suggestion search each."""
    if not isinstance(mapping, dict):
        return [InputProblem(path, expected.format(value=describe(mapping)))]
    problems: list[InputProblem] = []
    hidden = 0
    for key, value in mapping.items():
        if len(problems) >= MAX_LISTED:
            hidden += sum(faults(key, value))
            continue
        problems += problems_of(key_path(path, str(key)), key, value)
    return capped(problems, hidden, path)


def capped(problems: list[InputProblem], hidden: int, path: str) -> list[InputProblem]:
    """``problems`` plus one line counting those not listed."""
    hidden += max(0, len(problems) - MAX_LISTED)  # a key may add two problems past the cap
    del problems[MAX_LISTED:]
    if hidden:
        problems.append(
            InputProblem(
                path,
                _("{count} more problems are not listed").format(count=hidden),
                _("fix the first {count} and check again").format(count=MAX_LISTED),
            )
        )
    return problems


def check_targets(
    dictionary: Dictionary, targets: object, path: str = "targets"
) -> list[InputProblem]:
    """Problems in ``{competency id: target level or null}``."""
    known = dictionary.competency_by_id

    def top_of(key: Any) -> int:
        # A technical competency may have fewer levels than the framework.
        top = dictionary.max_level
        return min(top, len(known[key].indicator_levels)) if key in known else top

    def faults(key: Any, value: object) -> tuple[bool, bool]:
        return key not in known, value is not None and not _is_int_between(value, 1, top_of(key))

    def problems_of(where: str, key: Any, value: object) -> list[InputProblem]:
        unknown, wrong = faults(key, value)
        problems = []
        if unknown and _out_of_scope(dictionary, str(key)):
            message = _("not a competency of the chosen position")
            problems.append(InputProblem(where, message, _out_of_scope_hint()))
        elif unknown:
            fallback = _("known competencies: {ids}").format(ids=", ".join(known))
            hint = did_you_mean(str(key), known, fallback)
            problems.append(InputProblem(where, _("unknown competency id"), hint))
        if wrong:
            own_top = top_of(key)
            levels = ", ".join(
                f"{level} = {dictionary.level_name(level)}" for level in range(1, own_top + 1)
            )
            problems.append(
                InputProblem(
                    where,
                    _("expected a level from 1 to {top} or null, got {value}").format(
                        top=own_top, value=describe(value)
                    ),
                    _("levels are {levels}; null means no target").format(levels=levels),
                )
            )
        return problems

    expected = _("expected an object mapping competency ids to target levels, got {value}")
    return _entry_problems(targets, path, expected, faults, problems_of)


def check_position(
    dictionary: Dictionary, position: object, path: str = "position"
) -> list[InputProblem]:
    """Problems with a position id (jabatan): not a string, or not in the dictionary."""
    known = dictionary.position_targets
    if not isinstance(position, str):
        message = _("expected a position id, got {value}").format(value=describe(position))
        return [InputProblem(path, message)]
    if position in known:
        return []
    fallback = (
        _("known positions: {ids}").format(ids=", ".join(known))
        if known
        else _("the dictionary has none")
    )
    return [
        InputProblem(
            path,
            _("unknown position '{id}'").format(id=position),
            did_you_mean(position, known, fallback),
        )
    ]


def check_open_targets(
    dictionary: Dictionary, position: str, targets: dict[Any, Any]
) -> list[InputProblem]:
    """With a position, own targets may only fill what the position leaves open (null): a
    functional position's targets come from its own SKJ document, not from this dictionary."""
    known = dictionary.position_targets.get(position)
    if known is None:
        return []  # the unknown position is reported on its own
    return [
        InputProblem(
            key_path("targets", str(key)),
            _("the position '{id}' already sets level {level} for this competency").format(
                id=position, level=known[key]
            ),
            _(
                "own targets fill only the competencies whose target the position leaves open (null)"
            ),
        )
        for key, value in targets.items()
        if value is not None and known.get(key) is not None
    ]


def check_focus(dictionary: Dictionary, focus: object, path: str = "focus") -> list[InputProblem]:
    """Problems with how many competencies the plan works on: a whole number from 1 to 9."""
    hint = _("the default is {count} competencies a year").format(count=dictionary.default_focus)
    return _outside(focus, MIN_FOCUS, MAX_FOCUS, path, hint)


def check_priorities(
    dictionary: Dictionary, priorities: object, path: str = "priorities"
) -> list[InputProblem]:
    """Problems in the competencies the person marked as priorities (a list of ids, once each)."""
    if not isinstance(priorities, list):
        message = _("expected a list of competency ids, got {value}").format(
            value=describe(priorities)
        )
        return [InputProblem(path, message)]
    known = dictionary.competency_by_id
    problems: list[InputProblem] = []
    for index, key in enumerate(priorities):
        where = f"{path}[{index}]"
        if not isinstance(key, str) or key not in known:
            fallback = _("known competencies: {ids}").format(ids=", ".join(known))
            hint = did_you_mean(key, known, fallback) if isinstance(key, str) else fallback
            message = _("unknown competency id {value}").format(value=describe(key))
            problems.append(InputProblem(where, message, hint))
        elif key in priorities[:index]:
            message = _("'{id}' is listed twice").format(id=key)
            problems.append(InputProblem(where, message, _("list each once")))
    return problems


def check_total_jp(
    dictionary: Dictionary, total_jp: object, path: str = "total_jp"
) -> list[InputProblem]:
    """Problems with the plan's total JP (jam pelajaran): a whole number from 1 to 1000."""
    hint = _("the default is {count} JP, every civil servant's yearly minimum").format(
        count=dictionary.default_jp
    )
    return _outside(total_jp, MIN_JP, MAX_JP, path, hint)


def _outside(value: object, low: int, high: int, path: str, hint: str) -> list[InputProblem]:
    """A problem when ``value`` is not a whole number from ``low`` to ``high``."""
    if _is_int_between(value, low, high):
        return []
    message = _("expected an integer from {low} to {high}, got {value}").format(
        low=low, high=high, value=describe(value)
    )
    return [InputProblem(path, message, hint)]


def document_value(document: object, key: str, example: str) -> tuple[object, list[InputProblem]]:
    """The value under ``key`` of a one-key input file such as ``{"ratings": {...}}``.

    Returns ``(value, [])``, or ``(None, problems)`` when the document is not an object holding
    exactly that key; ``example`` shows the expected file in the hint.
    """
    if not isinstance(document, dict):
        message = _('expected an object like {{"{key}": {{...}}}}, got {value}').format(
            key=key, value=describe(document)
        )
        return None, [InputProblem("", message, _looks_like(example))]
    others = [other for other in document if other != key]
    problems = [
        InputProblem(
            key_path("", str(other)),
            _("unknown key"),
            _('the file holds only "{key}"').format(key=key),
        )
        for other in others[:MAX_LISTED]
    ]
    problems = capped(problems, len(others) - len(problems), "")
    if key not in document:
        message = _('missing key "{key}"').format(key=key)
        problems.append(InputProblem("", message, _looks_like(example)))
    elif document[key] is None:
        message = _("expected an object, got null")
        problems.append(InputProblem(key, message, _looks_like(example)))
    return (None if problems else document[key]), problems


def _looks_like(example: str) -> str:
    return _("the file looks like {example}").format(example=example)
