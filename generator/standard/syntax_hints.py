"""Which earlier line probably caused a YAML syntax error, when the parser noticed it later.

A parser reports where the text stopped making sense, which is often after the mistake: a key
without its ``:`` joins the next line into one text, and an unclosed quote swallows every line up
to the next quote. In both cases the text token just before the error started on an earlier
line. :func:`probable_cause` scans the file with libyaml's scanner up to the error, finds that
token and words a hint naming its line; the error keeps the parser's location.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml._yaml import CParser
from yaml.tokens import ScalarToken

from generator.i18n import _


def _tokens_before(text: str, index: int) -> list[Any]:
    """The tokens that start before ``index``. The text is cut there: libyaml scans ahead and
    delivers nothing of what it had queued when it meets the error itself."""
    scanner = CParser(text[:index])
    seen: list[Any] = []
    try:
        while (token := scanner.get_token()) is not None:
            if token.start_mark.index < index:  # the stream's end starts at the cut
                seen.append(token)
    except yaml.YAMLError:
        pass
    finally:
        scanner.dispose()
    return seen


def _index(text: str, line: int, column: int) -> int:
    """The character index of a 1-based line and column."""
    start = 0
    for _line in range(line - 1):
        start = text.index("\n", start) + 1
    return start + column - 1


def probable_cause(
    text: str, line: int, column: int, context: str = "", context_line: int = 0
) -> str | None:
    """A hint naming the earlier line that probably caused the error at ``line:column``;
    ``context`` and ``context_line`` are the parser's ("while scanning a simple key", 3)."""
    if context == "while scanning a simple key" and 0 < context_line < line:
        return _lacks_colon(context_line, line)
    try:
        index = _index(text, line, column)
    except ValueError:
        return None
    scalars = [t for t in _tokens_before(text, index) if isinstance(t, ScalarToken)]
    if not scalars:
        return None
    last = scalars[-1]
    start = last.start_mark
    if start.line + 1 >= line or text[last.end_mark.index : index].strip():
        return None  # the text before the error starts on this line, or does not reach it
    cause = start.line + 1
    if last.style in ('"', "'"):
        return _(
            "line {cause} probably lacks a closing quote: the quoted text that starts there "
            "only ends on line {line}"
        ).format(cause=cause, line=line)
    if last.style or last.end_mark.line + 1 != line:  # libyaml: '' for a plain scalar
        return None  # only a plain text that runs on to the error's line tells its cause
    if not text[text.rfind("\n", 0, start.index) + 1 : start.index].strip(" -"):
        return _lacks_colon(cause, line)  # the text starts its line: a key without ':'
    return _(
        "line {line} is probably indented more than the key on line {cause}, so it reads as "
        "the rest of that key's value: align it with that key"
    ).format(cause=cause, line=line)


def _lacks_colon(cause: int, line: int) -> str:
    return _(
        "line {cause} probably lacks the ':' after its key, or is indented differently "
        "from the lines around it: its text runs on to line {line}"
    ).format(cause=cause, line=line)
