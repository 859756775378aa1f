"""Numbers in JSON input, parsed with their length limited first.

``json.loads`` turns any run of digits into an ``int``: 5,000 digits raise a ``ValueError``
("Exceeds the limit (4300 digits)") that names no file or place, and a few hundred thousand
digits take seconds (the conversion is quadratic). No rating, level or JP needs more than a few
digits, so a longer number is refused before it is converted, with where it starts.
"""

from __future__ import annotations

from typing import Any

MAX_NUMBER_CHARS = 40


class NumberTooLong(ValueError):
    """A number longer than :data:`MAX_NUMBER_CHARS`; ``line``/``column`` are 1-based."""

    def __init__(self, text: str, line: int, column: int) -> None:
        self.line = line
        self.column = column
        self.length = len(text)
        self.shown = text[:20] + "..."
        super().__init__(
            f"a number of {self.length} characters ({self.shown}) is longer than "
            f"{MAX_NUMBER_CHARS} characters"
        )


class _TooLong(Exception):
    def __init__(self, text: str) -> None:
        self.text = text


def _int(text: str) -> int:
    if len(text) > MAX_NUMBER_CHARS:
        raise _TooLong(text)
    return int(text)


def _float(text: str) -> float:
    if len(text) > MAX_NUMBER_CHARS:
        raise _TooLong(text)
    return float(text)


def loads(text: str, **options: Any) -> Any:
    """``json.loads(text, **options)`` with bounded numbers; raises :class:`NumberTooLong`."""
    import json

    try:
        return json.loads(text, parse_int=_int, parse_float=_float, **options)
    except _TooLong as exc:
        at = _position(text, exc.text)
        line = text.count("\n", 0, at) + 1
        column = at - (text.rfind("\n", 0, at) + 1) + 1
        raise NumberTooLong(exc.text, line, column) from None


def _position(text: str, number: str) -> int:
    """Where the number token starts: the first occurrence not preceded by a digit or a quote
    (a string may hold the same digits earlier)."""
    start = 0
    while True:
        at = text.find(number, start)
        if at <= 0 or text[at - 1] not in '0123456789."\\':
            return max(at, 0)
        start = at + 1
