"""Located data problems: one line each, ``path:line:col: key.path: message Hint: ...``."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from generator.i18n import _

# Characters that must never reach a terminal or a CI log raw from an error line: C0 controls
# (an ESC sequence rewrites the screen, a CR or LF forges another line), DEL, C1, the Unicode
# line separators, the bidirectional controls (they reorder what is shown) and a BOM.
UNPRINTABLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]"
)
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _escaped(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    return _NAMED.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def printable(line: str) -> str:
    """``line`` with every :data:`UNPRINTABLE` character written as its escape (``\\x1b``,
    ``\\u202e``), as Python's ``repr`` would: what an error quotes stays visible and inert."""
    return UNPRINTABLE.sub(_escaped, line)


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one input file, pointing at the offending key or value."""

    path: str
    line: int
    column: int
    key_path: str
    message: str
    hint: str = ""
    stands_for: int = field(default=1, compare=False)
    """How many problems this line reports: more than one for the line that counts those not
    listed (a flood of unknown keys is listed as the first ones and a count)."""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}:"
        text = (
            f"{where} {self.key_path}: {self.message}"
            if self.key_path
            else f"{where} {self.message}"
        )
        return printable(with_hint(text, self.hint))


def with_hint(message: str, hint: str) -> str:
    """``message Hint: hint`` in the current language (just ``message`` without a hint)."""
    return _("{message} Hint: {hint}").format(message=message, hint=hint) if hint else message


class DataErrors(Exception):
    """Every problem found in one run; raised once, after collecting them all."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


def join_path(parent: str, key: str | int) -> str:
    """Extend a key path: ``levels`` + 2 -> ``levels[2]``, ``levels[2]`` + ``text`` -> ``levels[2].text``."""
    if isinstance(key, int):
        return f"{parent}[{key}]"
    return f"{parent}.{key}" if parent else key


def count_problems(problems: Iterable[Problem]) -> int:
    """How many problems ``problems`` report, the counted ones included."""
    return sum(problem.stands_for for problem in problems)


def did_you_mean(value: str, options: list[str]) -> str:
    """A hint naming the option closest to a mistyped ``value``, or "" when none is close."""
    close = difflib.get_close_matches(value, options, 1)
    return _("did you mean '{option}'?").format(option=close[0]) if close else ""
