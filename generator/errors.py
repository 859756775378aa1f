"""Located data problems: one line each, ``path:line:col: key.path: message Hint: ...``."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one input file, pointing at the offending key or value."""

    path: str
    line: int
    column: int
    key_path: str
    message: str
    hint: str = ""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}:"
        text = (
            f"{where} {self.key_path}: {self.message}"
            if self.key_path
            else f"{where} {self.message}"
        )
        return f"{text} Hint: {self.hint}" if self.hint else text


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
