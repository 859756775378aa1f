"""Does the theme's search survive the site's own words? Checked on ``search/search_index.json``.

Material's search worker builds a lunr 2.3.9 index in the browser from that file. lunr then
turns every term of its inverted index into a ``TokenSet`` (a minimised word graph) and, while
minimising, recognises equal nodes by a key written as ``final flag + label + child id`` for
each edge, with no separator between them. When the labels are digits the key is ambiguous:
a node with the edges ``1 -> node 2`` and ``2 -> node 2`` has the key ``01222``, exactly as a
node with the single edge ``1 -> node 222``. lunr then merges the two nodes, so the token set
loses real terms (``dinamis.1.1``) and gains terms the inverted index lacks
(``dinamis.1.11001``). A query that expands to such a phantom term throws
(``Cannot read properties of undefined (reading '_index')``): Material logs ``Invalid query``
and shows no result, for every query beginning like it, already from its first letter (the
theme searches as one types). Known upstream: olivernn/lunr.js#503. The node ids depend on
every term of the site, so one more number anywhere (a port ``1024``) can bring it about.

The build prevents it at the root (:func:`pad`: one more document whose single long term gives
every real node an id of the same length, so a key reads back one way only) and then checks
the index it publishes (:func:`check`), failing the build with the terms and pages named should
a break remain (a configuration :func:`pad` cannot handle). The check replays what the shipped
worker does, exactly: Material's tokenizer (its HTML
section splitter and the configured separator, no pipeline function, lower case) and lunr's
``TokenSet.Builder`` with its global node ids, over terms as UTF-16 code units sorted as
JavaScript sorts them. ``tests/site/test_search_check.py`` proves the replay against the worker
itself run in Node. Pure Python: no MkDocs.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from generator.errors import with_hint
from generator.i18n import _
from generator.site_check import Finding
from generator.site_files import SiteFiles

INDEX_FILE = "search/search_index.json"
# The document that holds the padding term (see :func:`pad`): no page has this address.
PADDING_LOCATION = "search/padding/"
# JavaScript's \s (ECMAScript WhiteSpace and LineTerminator); Python's \s differs at the edges.
_JS_SPACE = "\t\n\v\f\r \xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
# Pipeline functions the worker removes unless mkdocs.yml names them (it runs none here).
_PIPELINE = frozenset({"trimmer", "stopWordFilter", "stemmer"})


class NotReplayable(ValueError):
    """The search configuration uses something this replay does not model."""


def _units(text: str) -> str:
    """``text`` as JavaScript sees it: one character per UTF-16 code unit."""
    data = text.encode("utf-16-le", "surrogatepass")
    return "".join(chr(data[i] | data[i + 1] << 8) for i in range(0, len(data), 2))


def _from_units(units: str) -> str:
    data = b"".join(ord(unit).to_bytes(2, "little") for unit in units)
    return data.decode("utf-16-le", "surrogatepass")


def separator(pattern: str) -> re.Pattern[str]:
    """The configured separator as JavaScript's ``new RegExp(pattern)`` reads it: ASCII ``\\d``,
    ``\\w`` and ``\\b``, and JavaScript's own whitespace for ``\\s``."""
    out: list[str] = []
    in_class = False
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\" and i + 1 < len(pattern):
            pair = pattern[i : i + 2]
            if pair == "\\s":
                out.append(_JS_SPACE if in_class else f"[{_JS_SPACE}]")
            elif pair == "\\S" and not in_class:
                out.append(f"[^{_JS_SPACE}]")
            elif pair == "\\S":
                raise NotReplayable("\\S inside a character class")
            else:
                out.append(pair)
            i += 2
            continue
        if char == "[" and not in_class:
            in_class = True
        elif char == "]" and in_class:
            in_class = False
        out.append(char)
        i += 1
    try:
        return re.compile("".join(out), re.ASCII)
    except re.error as exc:
        raise NotReplayable(str(exc)) from exc


def _sections(value: str) -> list[str]:
    """The text sections Material's ``extract`` hands to the tokenizer (tags and anything
    before a stray ``>`` are skipped, as the worker skips them)."""
    sections = []
    start = 0
    for end, char in enumerate(value):
        if char == "<" and end > start:
            sections.append(value[start:end])
            start = end
        elif char == ">":
            start = end + 1
    if len(value) > start:
        sections.append(value[start:])
    return sections


def _split(section: str, sep: re.Pattern[str]) -> list[str]:
    """Material's ``split``: the non-empty ranges between separator matches (``section`` in
    code units, so a zero-length match steps one code unit as ``lastIndex + 1`` does)."""
    parts = []
    index = position = 0
    while True:
        match = sep.search(section, position)
        until = match.start() if match else len(section)
        if index < until:
            parts.append(section[index:until])
        if match is None:
            return parts
        index = match.end()
        position = match.end() if match.end() > match.start() else match.start() + 1


def terms(index: dict[str, object]) -> dict[str, str]:
    """Every term of the worker's inverted index (in code units) and the first document
    (``location``) that holds it."""
    config = index.get("config")
    if not isinstance(config, dict):
        raise NotReplayable("no config")
    if config.get("lang") != ["en"] or _PIPELINE & set(config.get("pipeline") or ()):
        raise NotReplayable("a language or pipeline function besides plain lunr")
    sep = separator(str(config.get("separator", r"[\s\-]+")))
    found: dict[str, str] = {}
    docs = index.get("docs")
    for doc in docs if isinstance(docs, list) else ():
        _add_terms(found, doc, config, sep)
    return found


def _add_terms(
    found: dict[str, str], doc: dict[str, object], config: dict[str, object], sep: re.Pattern[str]
) -> None:
    """Add the terms of one search document to ``found`` (see :func:`terms`)."""
    fields = config.get("fields")
    for name in fields if isinstance(fields, dict) else ():
        value = doc.get(name)
        values = value if isinstance(value, list) else [] if value is None else [value]
        for text in values:
            for section in _sections(_units(str(text))):
                for part in _split(section, sep):
                    term = _units(_from_units(part).lower())
                    found.setdefault(term, str(doc.get("location", "")))


def _common_prefix(word: str, previous: str) -> int:
    common = 0
    for a, b in zip(word, previous, strict=False):
        if a != b:
            break
        common += 1
    return common


class _Node:
    __slots__ = ("edges", "final", "id", "key")
    next_id = 1

    def __init__(self) -> None:
        self.final = False
        self.edges: dict[str, _Node] = {}
        self.id = _Node.next_id
        _Node.next_id += 1
        self.key: str | None = None

    def to_string(self) -> str:  # lunr.TokenSet.prototype.toString
        if self.key is not None:
            return self.key
        key = "1" if self.final else "0"
        for label in sorted(self.edges):
            key += label + str(self.edges[label].id)
        return key


@dataclass
class Merge:
    """lunr took the node after ``prefix`` for another one with the same key, first made while
    inserting the term ``other``."""

    prefix: str
    other: str


@dataclass
class Replay:
    words: set[str] = field(default_factory=set)  # what the token set holds
    merges: list[Merge] = field(default_factory=list)


def token_set(sorted_terms: list[str]) -> Replay:
    """lunr's ``TokenSet.fromArray`` over the index's terms, node ids from 1 as in the fresh
    worker; the words it ends up holding and every wrong merge."""
    _Node.next_id = 1
    root = _Node()
    replay = Replay()
    unchecked: list[tuple[_Node, str, _Node]] = []
    minimized: dict[str, _Node] = {}
    made_by: dict[int, str] = {}
    previous = ""

    def minimize(down_to: int) -> None:
        while len(unchecked) > down_to:
            parent, char, child = unchecked.pop()
            key = child.to_string()
            other = minimized.get(key)
            if other is None:
                child.key = key
                minimized[key] = child
                made_by[id(child)] = previous
                continue
            if (
                other.final != child.final
                or other.edges.keys() != child.edges.keys()
                or any(other.edges[label] is not node for label, node in child.edges.items())
            ):
                prefix = previous[: len(unchecked) + 1]
                replay.merges.append(Merge(prefix, made_by[id(other)]))
            parent.edges[char] = other

    for word in sorted_terms:
        common = _common_prefix(word, previous)
        minimize(common)
        node = unchecked[-1][2] if unchecked else root
        for char in word[common:]:
            child = _Node()
            node.edges[char] = child
            unchecked.append((node, char, child))
            node = child
        node.final = True
        previous = word
    minimize(0)
    stack = [("", root)]
    while stack:
        prefix, node = stack.pop()
        if node.final:
            replay.words.add(prefix)
        stack.extend((prefix + label, child) for label, child in node.edges.items())
    return replay


@dataclass(frozen=True)
class Breakage:
    """A term lunr mixes up: searches beginning like it find nothing."""

    term: str  # a phantom's real prefix: the shortest term of the site it cuts off
    location: str  # the document that holds ``term``
    other: str  # the term whose node lunr took instead
    other_location: str


def breakages(index: dict[str, object], found: dict[str, str] | None = None) -> list[Breakage]:
    """Every wrong merge that leaves a phantom term (one a query can expand to and throw on);
    ``found``: the index's :func:`terms` when already known."""
    found = terms(index) if found is None else found
    replay = token_set(sorted(found))
    phantoms = replay.words - found.keys()
    result: list[Breakage] = []
    seen: set[str] = set()
    for merge in replay.merges:
        if merge.prefix in seen or not any(word.startswith(merge.prefix) for word in phantoms):
            continue
        seen.add(merge.prefix)
        lost = sorted(word for word in found if word.startswith(merge.prefix))
        term = _from_units(lost[0] if lost else merge.prefix)
        location = found[lost[0]] if lost else ""
        result.append(Breakage(term, location, _from_units(merge.other), found[merge.other]))
    return result


def read_index(files: SiteFiles) -> dict[str, object] | None:
    """The site's search index, or ``None`` when the site has none (search plugin off)."""
    path = files.root / INDEX_FILE
    if not path.is_file():
        return None
    data = json.loads(files.read(path).decode("utf-8"))
    return data if isinstance(data, dict) else None


def _created_nodes(sorted_terms: list[str]) -> int:
    """How many nodes lunr's builder creates for these terms (one per character past the
    prefix a term shares with the one before it), before minimising."""
    count = 0
    previous = ""
    for word in sorted_terms:
        count += len(word) - _common_prefix(word, previous)
        previous = word
    return count


def pad(files: SiteFiles) -> dict[str, str] | None:
    """Make lunr's node keys unambiguous for this site's index; the padded index's
    :func:`terms` (for :func:`check`, which then need not tokenize it again), ``None`` when it
    was not padded.

    A key is ambiguous only because ids of different lengths follow one another. One more
    document holds a term of ``10**(D-1) - 1`` copies of a character that sorts before every
    real term: lunr creates its nodes first (ids 2 to ``10**(D-1)``, its end the leaf every
    other leaf is merged into), so every node a real term creates, and every id in a real
    node's key, has exactly D digits. A key then reads back one way only: equal keys mean equal
    nodes, as lunr assumes. The term cannot be typed (a control character) and matches no query.
    """
    index = read_index(files)
    if index is None:
        return None
    try:
        found = terms(index)
        config = index["config"]
        sep = separator(str(config["separator"]))  # type: ignore[index]
    except (NotReplayable, KeyError, TypeError):
        return None
    real = sorted(found)
    first = min((ord(term[0]) for term in real), default=0x110000)
    fill = next((chr(unit) for unit in range(1, first) if not sep.match(chr(unit))), None)
    if fill is None:
        return None
    nodes = _created_nodes(real)
    digits = 2
    while 10 ** (digits - 1) + nodes >= 10**digits:
        digits += 1
    docs = index.get("docs")
    if not isinstance(docs, list):
        return None
    padding: dict[str, object] = {
        "location": PADDING_LOCATION,
        "title": "",
        "text": fill * (10 ** (digits - 1) - 1),
    }
    docs.append(padding)
    _add_terms(found, padding, config, sep)  # type: ignore[arg-type]
    data = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    files.write(files.root / INDEX_FILE, data.encode("utf-8"))
    return found


def _page(files: SiteFiles, location: str, term: str) -> tuple[str, int]:
    """The built page of a search document and the first line that shows ``term``."""
    page = location.split("#", 1)[0]
    shown = page + "index.html" if page == "" or page.endswith("/") else page
    path = files.root / shown
    if not path.is_file():
        return shown, 1
    text = files.read(path).decode("utf-8", errors="replace").lower()
    offset = text.find(term.lower())
    return shown, text.count("\n", 0, offset) + 1 if offset >= 0 else 1


def check(
    files: SiteFiles, padded_terms: dict[str, str] | None = None
) -> tuple[list[Finding], str | None]:
    """One finding per term lunr would break the search on, located on the page that holds
    it; and a note when the configuration is one this replay does not model.
    ``padded_terms``: what :func:`pad` returned for this index, unchanged since."""
    index = read_index(files)
    if index is None:
        return [], None
    try:
        found = breakages(index, padded_terms)
    except NotReplayable as exc:
        return [], _(
            "Search index neither padded nor checked: the search configuration is not plain lunr "
            "({why})"
        ).format(why=exc)
    by_other: dict[str, list[Breakage]] = {}
    for breakage in found:
        by_other.setdefault(breakage.other, []).append(breakage)
    findings = []
    for other, group in by_other.items():
        path, line = _page(files, group[0].other_location, other)
        lost = ", ".join(f"'{breakage.term}'" for breakage in group)
        pages = ", ".join(sorted({_page(files, b.location, b.term)[0] for b in group}))
        message = _(
            "the site's search would find nothing for a query beginning like {terms} (on "
            "{pages}): lunr, the theme's search library, confuses them with the term '{term}' "
            "on this page and fails on every such query, from its first letter on"
        ).format(terms=lost, pages=pages, term=other)
        hint = _(
            "rephrase '{term}' (for example write the number with spaces or in words) or a "
            "number near the terms named; any change to the site's terms renumbers lunr's "
            "word graph, so build again to check"
        ).format(term=other)
        findings.append(Finding(path, line, with_hint(message, hint)))
    return sorted(findings), None
