"""Make data text inert wherever it lands in a generated page.

Generated pages are HTML with Markdown headings, and hand-written pages take data values through
markers. HTML escaping alone is not enough there: Python-Markdown turns ``[x](javascript:...)``
into a link in Markdown text, and ``attr_list`` applies a trailing ``{ onclick="..." }`` to any
heading. :func:`inert` therefore writes *every* ASCII punctuation character of data text
as a numeric character reference: the browser shows the same text, while neither HTML, Markdown
nor any Markdown extension sees a single syntax character in it.

Identifiers and URLs are built by our code from validated slugs; :func:`slug` re-checks them, so
a value that slipped past validation fails the build instead of reaching a page.
"""

from __future__ import annotations

import functools
import json
import re
from typing import Any

from markupsafe import Markup, escape

_WHITESPACE = re.compile(r"\s+")
_KEEP = frozenset(" ,.")
_REFERENCES = {
    code: f"&#{code};"
    for code in range(0x21, 0x7F)
    if not chr(code).isalnum() and chr(code) not in _KEEP
}  # every printable ASCII punctuation character -> its numeric character reference
_SLUG = re.compile(r"^[a-z0-9]+(?:[-_.][a-z0-9]+)*$")


def inert(value: object) -> Markup:
    """Text safe in HTML text, HTML attributes and every Markdown context (block or span).

    Control characters are dropped and whitespace runs collapse to one space (YAML folding
    already did so for ``>-`` scalars; a blank line inside a literal block would otherwise end an
    HTML block early). ``Markup`` values are trusted and returned unchanged.
    """
    if isinstance(value, Markup):
        return value
    return _inert_text(str(value))


@functools.lru_cache(maxsize=65536)
def _inert_text(text: str) -> Markup:
    # The same texts (names, level labels, indicators) reach several pages each; a large
    # standard would otherwise spend a second of its render here.
    if not text.isprintable():
        text = "".join(char for char in text if char.isprintable() or char.isspace())
    return Markup(_WHITESPACE.sub(" ", text).strip().translate(_REFERENCES))


def slug(value: str) -> Markup:
    """A validated identifier (``integritas``, ``sosial_kultural``, ``integritas.3.2``)."""
    if not _SLUG.fullmatch(value):
        raise ValueError(f"not a safe identifier: {value!r}")
    return Markup(value)


def anchor(value: str) -> Markup:
    """The HTML id of an identifier: ``integritas.3.2`` -> ``integritas-3-2``."""
    return slug(value.replace(".", "-").replace("_", "-"))


def title(value: str) -> str:
    """A page or navigation title. MkDocs themes print titles without escaping, so escape here."""
    return str(escape(_WHITESPACE.sub(" ", value).strip()))


def front_matter(**meta: Any) -> Markup:
    """YAML front matter; JSON with ASCII escapes is valid YAML and cannot break out of it."""
    lines = [f"{key}: {json.dumps(value, ensure_ascii=True)}" for key, value in meta.items()]
    return Markup("---\n" + "\n".join(lines) + "\n---\n")
