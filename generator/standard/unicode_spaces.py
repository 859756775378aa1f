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

# The names a maintainer can search for; any other space separator gets the generic one.
NAMES = {
    "\u00a0": "spasi tak-putus",
    "\u1680": "spasi Ogham",
    "\u2000": "spasi en quad",
    "\u2001": "spasi em quad",
    "\u2002": "spasi en",
    "\u2003": "spasi em",
    "\u2004": "spasi sepertiga em",
    "\u2005": "spasi seperempat em",
    "\u2006": "spasi seperenam em",
    "\u2007": "spasi angka",
    "\u2008": "spasi tanda baca",
    "\u2009": "spasi tipis",
    "\u200a": "spasi rambut",
    "\u200b": "spasi lebar-nol",
    "\u202f": "spasi tak-putus sempit",
    "\u205f": "spasi matematika",
    "\u3000": "spasi ideografis",
}
_SPACES = re.compile("[" + "".join(NAMES) + "]")
_ANY_SPACE = frozenset(" \t" + "".join(NAMES))
ZERO_WIDTH = "\u200b"
ZERO_WIDTH_HINT = "delete it; it is invisible in most editors"
HINT = (
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
            name = f"{NAMES[char]} (U+{ord(char):04X})"
            if char == ZERO_WIDTH:
                message, hint = f"{name}, an invisible character", ZERO_WIDTH_HINT
            else:
                message, hint = f"{name} instead of an ordinary space", HINT
            found.append(Problem(path, number, match.start() + 1, "", message, hint))
    return found
