"""Unicode spaces where YAML needs an ordinary one: named at their own line and column.

A non-breaking space pasted from a word processor looks like a space but is not one to YAML:
after ``key:`` it glues the key to its value, in the indentation it makes a line part of the text
above. The parser then reports something else (``mapping values are not allowed here``), often
on another line, or nothing at all while a value silently changes. The reader runs this check
before parsing and, when it finds such a character, reports each one instead of parsing.

Between two words a Unicode space is only text (``Pasal 5 ayat`` with a non-breaking space is
fine); everywhere else it is reported: in the indentation, next to the ``:`` of a key, after a
list's ``-``, at the end of a line or beside another space. A zero-width space is reported
everywhere: it is invisible and never meant.
"""

from __future__ import annotations

import re

from generator.errors import Problem
from generator.i18n import N_, _

# The names a maintainer can search for (Unicode's, translated by the catalog).
NAMES = {
    "\u00a0": N_("no-break space"),
    "\u1680": N_("Ogham space mark"),
    "\u2000": N_("en quad"),
    "\u2001": N_("em quad"),
    "\u2002": N_("en space"),
    "\u2003": N_("em space"),
    "\u2004": N_("three-per-em space"),
    "\u2005": N_("four-per-em space"),
    "\u2006": N_("six-per-em space"),
    "\u2007": N_("figure space"),
    "\u2008": N_("punctuation space"),
    "\u2009": N_("thin space"),
    "\u200a": N_("hair space"),
    "\u200b": N_("zero-width space"),
    "\u202f": N_("narrow no-break space"),
    "\u205f": N_("medium mathematical space"),
    "\u3000": N_("ideographic space"),
}
_SPACES = re.compile("[" + "".join(NAMES) + "]")
_ANY_SPACE = frozenset(" \t" + "".join(NAMES))
ZERO_WIDTH = "\u200b"
ZERO_WIDTH_HINT = N_("delete it; it is invisible in most editors")
HINT = N_(
    "replace it with an ordinary space (it often comes with text pasted from a word processor "
    "and looks the same)"
)


def _between_words(line: str, at: int) -> bool:
    """A space inside running text: a word on both sides, not the ``:`` of a key."""
    if line[at] == ZERO_WIDTH or at == 0 or at + 1 >= len(line):
        return False
    before, after = line[at - 1], line[at + 1]
    if before in _ANY_SPACE or after in _ANY_SPACE or before == ":":
        return False
    if before == "-" and not line[: at - 1].strip():
        return False  # a list item's "-"
    return not (after == ":" and line[at + 2 : at + 3] in ("", " ", "\r"))


def problems(text: str, path: str) -> list[Problem]:
    """One problem per Unicode space YAML would misread (none for ordinary text)."""
    if _SPACES.search(text) is None:
        return []
    found = []
    for number, line in enumerate(text.split("\n"), start=1):
        for match in _SPACES.finditer(line):
            if _between_words(line, match.start()):
                continue
            char = match.group()
            name = f"{_(NAMES[char])} (U+{ord(char):04X})"
            if char == ZERO_WIDTH:
                message = _("{name}, an invisible character").format(name=name)
                hint = _(ZERO_WIDTH_HINT)
            else:
                message = _("{name} instead of an ordinary space").format(name=name)
                hint = _(HINT)
            found.append(Problem(path, number, match.start() + 1, "", message, hint))
    return found
