"""A strict YAML reader for the standards.

PyYAML's SafeLoader silently changes data (``no`` -> False, ``1.10`` -> 1.1, ``0755`` -> 493,
duplicate keys keep the last value) and lets aliases blow up every later walk of the data. This
reader composes a node tree with *no* implicit type resolution (every scalar stays the text the
maintainer typed) and refuses anchors, aliases, merge keys, explicit tags, duplicate keys,
several documents and deep nesting. Typing happens later, against the JSON Schema, so that
``"3"`` and ``3`` can be told apart and every problem keeps its line and column.

Scanning and parsing are libyaml's (``CParser``), which every PyYAML wheel contains: the
pure-Python scanner was more than 90 % of a validation run, so PyYAML without libyaml is refused
with a clear message (:class:`LibyamlMissing`) rather than read slowly. Every strictness rule
lives here, in the composer that consumes the parser's events. Syntax errors keep the wording
the handbook and the tests quote (PyYAML's, which names the token found): where libyaml words
one differently, it is reworded.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import yaml
from yaml.events import (
    AliasEvent,
    Event,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    StreamEndEvent,
)

from generator.errors import Problem, join_path
from generator.i18n import N_, _, os_reason
from generator.standard import syntax_hints, unicode_spaces, yaml_wording

try:
    from yaml._yaml import CParser
except ImportError:  # a PyYAML built from source without libyaml
    CParser = None  # type: ignore[assignment, misc]

MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 40
# C0/C1 controls, lone CR, the Unicode line separators and a BOM past the start: PyYAML treats
# some of them as line breaks that editors do not show, which would put every later error on
# the wrong line, and libyaml and PyYAML disagree on a BOM inside the text.
# The bidirectional controls (U+202A-U+202E, U+2066-U+2069) reorder what is shown, so a text
# could read differently on a page, in an export and in an editor.
_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]"
)
# The same set over the whole text, except the CR of a CRLF line end (or at the very end).
_CONTROL_IN_TEXT = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff"
    "\ufffe\uffff]|\r(?!\n|\\Z)"
)
# The same set in the *decoded* text of a double-quoted scalar, the only style with escapes
# ("\0", "\e", "\x7f", "\u202e", "\L"): a tab ("\t") and a line break ("\n") stay text.
_CONTROL_DECODED = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]"
)
ESCAPE_HINT = N_("remove the escape; the text may hold no invisible control character")
_ASCII_TEXT = bytes(range(0x20, 0x7F)) + b"\t\n"
ANCHOR_HINT = N_("write the value out in full; anchors and aliases can hide very large data")


class Node:
    """A composed value and where it starts (1-based), nothing more: the trees of a whole
    standards folder stay in memory for the cross-file rules, so nodes are small."""

    __slots__ = ("column", "line")

    def __init__(self, line: int, column: int) -> None:
        self.line = line
        self.column = column


class Scalar(Node):
    __slots__ = ("style", "value")

    def __init__(self, line: int, column: int, value: str, style: str | None) -> None:
        super().__init__(line, column)
        self.value = value
        self.style = style
        """``None`` for a plain scalar, else the quote or block indicator."""


class Sequence(Node):
    __slots__ = ("value",)

    def __init__(self, line: int, column: int) -> None:
        super().__init__(line, column)
        self.value: list[Node] = []


class Mapping(Node):
    __slots__ = ("value",)

    def __init__(self, line: int, column: int) -> None:
        super().__init__(line, column)
        self.value: list[tuple[Node, Node]] = []


class Alias(Node):
    """Stands in for a refused alias: the reader has reported it; it is no data."""

    __slots__ = ()


@dataclass
class Document:
    """A composed file: its root node (``None`` when unusable) and the problems found."""

    path: str
    root: Node | None
    problems: list[Problem] = field(default_factory=list)


class _EventSource(Protocol):
    def get_event(self) -> Event | None: ...
    def check_event(self, *choices: type[Event]) -> bool: ...
    def dispose(self) -> None: ...


class LibyamlMissing(RuntimeError):
    """PyYAML was installed without libyaml, whose parser the reader needs."""

    def __str__(self) -> str:
        return _(
            "PyYAML is installed without libyaml, which the YAML reader needs Hint: install "
            "PyYAML from its official wheel, which contains libyaml: pip install "
            "--force-reinstall --only-binary pyyaml pyyaml"
        )


def _parser(text: str) -> _EventSource:
    if CParser is None:
        raise LibyamlMissing
    parser: _EventSource = CParser(text)
    return parser


class _TooDeep(Exception):
    def __init__(self, mark: Any) -> None:
        self.mark = mark


class _Syntax(Exception):
    """A problem that makes the whole file unusable, found by the composer itself."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem


_NO_KEY: Any = object()  # a mapping frame waits for a key
_DROPPED: Any = object()  # the key was refused (a merge key): its value is dropped too


class _Frame:
    __slots__ = ("key", "node", "seen")

    def __init__(self, node: Sequence | Mapping) -> None:
        self.node = node
        self.key: Node = _NO_KEY
        self.seen: dict[str, int] = {}


class _Composer:
    """Builds the node tree from parser events without recursion (depth is checked per node)."""

    def __init__(self, parser: _EventSource, path: str, quoted_spans: bool) -> None:
        self.parser = parser
        self.path = path
        self.problems: list[Problem] = []
        self.stack: list[_Frame] = []
        # Character spans of quoted and block scalars, where a tab is text (kept only when the
        # file has a tab at all).
        self.spans: list[tuple[int, int]] | None = [] if quoted_spans else None

    def key_path(self, key: str | None = None) -> str:
        """Where the node being composed sits; ``key`` names it when it is itself a key."""
        path = ""
        for frame in self.stack:
            if isinstance(frame.node, Sequence):
                path = join_path(path, len(frame.node.value))
            elif frame.key is _NO_KEY:
                if key is not None:
                    path = join_path(path, key)
            elif isinstance(frame.key, Scalar):
                path = join_path(path, frame.key.value)
        return path or "(document)"

    def report(self, mark: Any, key_path: str, message: str, hint: str) -> None:
        self.problems.append(
            Problem(self.path, mark.line + 1, mark.column + 1, key_path, message, hint)
        )

    def compose(self) -> Node | None:
        parser = self.parser
        parser.get_event()  # stream start
        if parser.check_event(StreamEndEvent):
            return None
        parser.get_event()  # document start
        root = self._node()
        parser.get_event()  # document end
        if not parser.check_event(StreamEndEvent):
            event: Any = parser.get_event()
            mark = event.start_mark
            raise _Syntax(
                Problem(
                    self.path,
                    mark.line + 1,
                    mark.column + 1,
                    "",
                    _("only one YAML document per file is allowed"),
                    _("remove the '---' separator and the second document"),
                )
            )
        return root

    def _node(self) -> Node:
        get_event = self.parser.get_event
        stack = self.stack
        spans = self.spans
        while True:
            event: Any = get_event()
            kind = event.__class__
            node: Node
            if kind is MappingEndEvent or kind is SequenceEndEvent:
                node = stack.pop().node
            else:
                if len(stack) >= MAX_DEPTH:
                    raise _TooDeep(event.start_mark)
                mark = event.start_mark
                line, column = mark.line + 1, mark.column + 1
                if kind is AliasEvent:
                    self.report(
                        mark,
                        self.key_path(),
                        _("aliases (*{name}) are not allowed").format(name=event.anchor),
                        _(ANCHOR_HINT),
                    )
                    node = Alias(line, column)
                else:
                    if event.anchor is not None or (event.tag is not None and event.tag != "!"):
                        self._refuse_anchor_and_tag(event)
                    if kind is ScalarEvent:
                        # libyaml gives '' for a plain scalar, PyYAML None
                        style = event.style or None
                        node = Scalar(line, column, event.value, style)
                        if spans is not None and style is not None:
                            spans.append((mark.index, event.end_mark.index))
                        if style == '"' and _CONTROL_DECODED.search(event.value):
                            self._refuse_escaped_control(event)
                    else:
                        stack.append(
                            _Frame(
                                Mapping(line, column)
                                if kind is MappingStartEvent
                                else Sequence(line, column)
                            )
                        )
                        continue
            if not stack:
                return node
            frame = stack[-1]
            parent = frame.node
            if isinstance(parent, Sequence):
                parent.value.append(node)
            elif frame.key is _NO_KEY:
                frame.key = self._key(frame, node)
            else:
                if frame.key is not _DROPPED:
                    parent.value.append((frame.key, node))
                frame.key = _NO_KEY

    def _refuse_anchor_and_tag(self, event: Any) -> None:
        key = event.value if event.__class__ is ScalarEvent else None
        at_key = bool(self.stack) and self.stack[-1].key is _NO_KEY
        key_path = self.key_path(key if at_key else None)
        if event.anchor is not None:
            self.report(
                event.start_mark,
                key_path,
                _("anchors (&{name}) are not allowed").format(name=event.anchor),
                _(ANCHOR_HINT),
            )
        if event.tag is not None and event.tag != "!":
            self.report(
                event.start_mark,
                key_path,
                _("explicit tags ({tag}) are not allowed").format(tag=event.tag),
                _("remove the tag; types come from the schema"),
            )

    def _refuse_escaped_control(self, event: Any) -> None:
        at_key = bool(self.stack) and self.stack[-1].key is _NO_KEY
        for char in dict.fromkeys(_CONTROL_DECODED.findall(event.value)):
            self.report(
                event.start_mark,
                self.key_path(event.value if at_key else None),
                _("control character U+{code} (written as an escape) is not allowed").format(
                    code=f"{ord(char):04X}"
                ),
                _(ESCAPE_HINT),
            )

    def _key(self, frame: _Frame, key: Node) -> Node:
        """Checks a mapping key as it arrives; returns what the frame keeps for its value."""
        if not isinstance(key, Scalar):
            self._report_key(
                key, self.key_path(), _("keys must be plain text"), _("write the key as a word")
            )
            return key
        if key.value == "<<" and key.style is None:
            self._report_key(
                key,
                self.key_path(),
                _("merge keys (<<) are not allowed"),
                _("write the keys out in full"),
            )
            return _DROPPED  # type: ignore[no-any-return]
        first = frame.seen.get(key.value)
        if first is not None:
            self._report_key(
                key,
                self.key_path(key.value),
                _("duplicate key '{key}' (first defined on line {line})").format(
                    key=key.value, line=first
                ),
                _("keep one of the two; YAML would silently drop the first"),
            )
        else:
            frame.seen[key.value] = key.line
        return key

    def _report_key(self, key: Node, key_path: str, message: str, hint: str) -> None:
        self.problems.append(Problem(self.path, key.line, key.column, key_path, message, hint))


def _no_control(data: bytes, text: str) -> bool:
    """True when there is no character :data:`_CONTROL` refuses (fast for plain ASCII files)."""
    if text.isascii():
        # Deleting every allowed byte is much faster than a regular expression over the text.
        rest = data.translate(None, _ASCII_TEXT)
        if not rest or (rest.count(b"\r") == len(rest) == data.count(b"\r\n")):
            return True
    return _CONTROL_IN_TEXT.search(text) is None


def _decode(data: bytes, path: str) -> tuple[str | None, list[Problem]]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [
            Problem(path, 1, 1, "", _("the file is encoded as UTF-16"), _("save it as UTF-8"))
        ]
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        column = len(data[line_start : exc.start].decode("utf-8", errors="replace")) + 1
        bad = data[exc.start : exc.start + 1].hex().upper()
        return None, [
            Problem(
                path,
                line,
                column,
                "",
                _("the file is not valid UTF-8 (byte {byte})").format(byte=f"0x{bad}"),
                _("save the file with UTF-8 encoding"),
            ),
        ]
    if _no_control(data, text):
        return text, []
    problems = []
    for number, line_text in enumerate(text.split("\n"), start=1):
        for match in _CONTROL.finditer(line_text.removesuffix("\r")):
            problems.append(
                Problem(
                    path,
                    number,
                    match.start() + 1,
                    "",
                    _("control character U+{code} is not allowed").format(
                        code=f"{ord(match.group()):04X}"
                    ),
                    _("delete it; it is invisible in most editors"),
                )
            )
    return None, problems


_BRACKETS = {
    "flow sequence": (N_("a list opened with '{opening}' is never closed"), "[", "]"),
    "flow mapping": (N_("a mapping opened with '{opening}' is never closed"), "{", "}"),
}

# libyaml's wording of the syntax errors that PyYAML words differently, as PyYAML words them:
# one message per mistake whichever parser ran. ``{found}`` is the character at the error,
# ``{token}`` the token that starts there, both as PyYAML quotes them.
_LIBYAML_WORDING = {
    "mapping values are not allowed in this context": N_("mapping values are not allowed here"),
    "block sequence entries are not allowed in this context": N_(
        "sequence entries are not allowed here"
    ),
    "mapping keys are not allowed in this context": N_("mapping keys are not allowed here"),
    "found character that cannot start any token": N_(
        "found character {found} that cannot start any token"
    ),
    "did not find expected key": N_("expected <block end>, but found {token}"),
    "did not find expected '-' indicator": N_("expected <block end>, but found {token}"),
    "did not find expected ',' or ']'": N_("expected ',' or ']', but got {token}"),
    "did not find expected ',' or '}'": N_("expected ',' or '}', but got {token}"),
    "did not find expected node content": N_("expected the node content, but found {token}"),
    "did not find expected alphabetic or numeric character": N_(
        "expected alphabetic or numeric character, but found {found}"
    ),
    "did not find expected comment or line break": N_(
        "expected a comment or a line break, but found {found}"
    ),
    "found unexpected document indicator": N_("found unexpected document separator"),
    "found duplicate %YAML directive": N_("found duplicate YAML directive"),
    "found undefined tag handle": N_("found undefined tag handle {handle}"),
}
# A key on the rest of the line: PyYAML names what starts there a block mapping.
_KEY_AHEAD = re.compile(r"""[^\s\-?:,\[\]{}#&*!|>'"%@`][^\n]*?:(?:[ \r\n]|$)""")
_TAG_HANDLE = re.compile(r"![\w-]*!")
_INDICATOR_TOKENS = {
    "[": "[",
    "]": "]",
    "{": "{",
    "}": "}",
    ",": ",",
    "*": "<alias>",
    "&": "<anchor>",
    "!": "<tag>",
    "%": "<directive>",
}


def _token_at(text: str, index: int) -> str:
    """The token PyYAML would name at ``index``, as PyYAML's messages quote it."""
    char = text[index : index + 1]
    after = text[index + 1 : index + 2]
    if not char:
        name = "<stream end>"
    elif char in "-?:" and after in ("", " ", "\n", "\r"):
        name = char
    elif text.startswith(("---", "..."), index) and text[index + 3 : index + 4] in (
        "",
        " ",
        "\n",
        "\r",
    ):
        name = "<document start>" if char == "-" else "<document end>"
    elif _KEY_AHEAD.match(text, index):
        name = "<block mapping start>"
    else:
        name = _INDICATOR_TOKENS.get(char, "<scalar>")
    return f"'{name}'"


def _reworded(problem: str, text: str, mark: Any) -> str:
    template = _LIBYAML_WORDING.get(problem)
    if template is None or mark is None:
        return yaml_wording.translated(problem)
    template = _(template)
    index = mark.index
    found = repr(text[index : index + 1] or "\0")
    handle = _TAG_HANDLE.match(text, index)
    return (
        template.replace("{found}", found)
        .replace("{token}", _token_at(text, index))
        .replace("{handle}", repr(handle.group()) if handle else "")
    )


def _tab_problem(path: str, line: int, text_line: str, column: int) -> Problem:
    tab = text_line.find("\t")
    if tab >= 0 and text_line[:tab].strip():
        return Problem(
            path,
            line,
            tab + 1,
            "",
            _("a tab character is not allowed here"),
            _("replace it with a space"),
        )
    return Problem(
        path,
        line,
        tab + 1 if tab >= 0 else column,
        "",
        _("tab characters cannot be used for indentation"),
        _("indent with spaces"),
    )


def _syntax_problem(exc: yaml.MarkedYAMLError, path: str, text: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = _reworded(exc.problem or "invalid YAML", text, exc.problem_mark)
    context = exc.context or ""
    cm = exc.context_mark
    at_tab = mark is not None and text[mark.index : mark.index + 1] == "\t"
    if at_tab or "'\\t'" in problem or "\t" in problem:
        lines = text.split("\n")
        return _tab_problem(path, line, lines[line - 1] if 0 < line <= len(lines) else "", column)
    if "quoted scalar" in context and cm is not None:
        return Problem(
            path,
            cm.line + 1,
            cm.column + 1,
            "",
            _("a quoted text is never closed"),
            _("add the closing quote"),
        )
    for kind, (what, opening, closing) in _BRACKETS.items():
        if kind in context and cm is not None and mark is not None and cm.line < mark.line:
            return Problem(
                path,
                cm.line + 1,
                cm.column + 1,
                "",
                _(what).format(opening=opening),
                _("add the closing '{closing}'").format(closing=closing),
            )
    if "<document start>" in problem:
        return Problem(
            path,
            line,
            column,
            "",
            _("only one YAML document per file is allowed"),
            _("remove the '...' end marker and everything after it"),
        )
    message = (
        _("YAML syntax error: {problem} ({context})").format(
            problem=problem, context=yaml_wording.translated(context)
        )
        if context
        else _("YAML syntax error: {problem}").format(problem=problem)
    )
    # Where the parser's line is not the cause, the hint names the line that probably is.
    hint = syntax_hints.probable_cause(text, line, column, context, cm.line + 1 if cm else 0)
    return Problem(
        path,
        line,
        column,
        "",
        message,
        hint or _("check the indentation and the ':' after each key"),
    )


def _stray_tab(text: str, spans: list[tuple[int, int]], path: str) -> Problem | None:
    """The first tab outside a quoted or block scalar and outside a comment.

    libyaml takes such a tab for a space, but editors show it at a width of their own, so the
    text a maintainer sees is not the structure read: the reader refuses it.
    """
    starts = [start for start, _ in spans]

    def in_scalar(index: int) -> bool:
        at = bisect.bisect_right(starts, index) - 1
        return at >= 0 and index < spans[at][1]

    for match in re.finditer("\t", text):
        index = match.start()
        if in_scalar(index):
            continue
        line_start = text.rfind("\n", 0, index) + 1
        before = text[line_start:index]
        if any(
            char == "#" and (at == 0 or before[at - 1] in " \t") and not in_scalar(line_start + at)
            for at, char in enumerate(before)
        ):
            continue  # inside a comment
        line = text.count("\n", 0, index) + 1
        return _tab_problem(path, line, before + "\t", index - line_start + 1)
    return None


def _too_large(path: str, size: int) -> Problem:
    return Problem(
        path,
        1,
        1,
        "",
        _("the file is too large ({size} bytes; the limit is {limit} bytes)").format(
            size=size, limit=MAX_FILE_BYTES
        ),
        _("split it into several files"),
    )


def _empty(path: str) -> Document:
    return Document(
        path,
        None,
        [Problem(path, 1, 1, "", _("the file is empty"), _("remove it or fill it in"))],
    )


def read(file: Path, display_path: str | None = None) -> Document:
    """Read and compose one YAML file; never raises for bad content."""
    path = display_path or str(file)
    try:
        size = file.stat().st_size
        if size > MAX_FILE_BYTES:
            return Document(path, None, [_too_large(path, size)])
        with file.open("rb") as handle:  # capped while reading: the size may not be known
            data = handle.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:  # it grew after the stat
            return Document(path, None, [_too_large(path, len(data))])
    except OSError as exc:
        return Document(
            path,
            None,
            [
                Problem(
                    path,
                    1,
                    1,
                    "",
                    _("cannot read the file: {reason}").format(reason=os_reason(exc)),
                )
            ],
        )
    text, problems = _decode(data, path)
    if text is None:
        return Document(path, None, problems)
    spaces = unicode_spaces.problems(text, path)
    if spaces:  # the parser would misread them, often on another line: name them instead
        return Document(path, None, spaces)
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        return _empty(path)
    return _compose(text, path)


def _yaml_version(path: str, mark: Any) -> Problem:
    return Problem(
        path,
        mark.line + 1,
        mark.column + 1,
        "",
        _("the %YAML directive names a version other than 1.1 or 1.2"),
        _("remove the %YAML line; the files need no version"),
    )


def _compose(text: str, path: str) -> Document:
    has_tab = "\t" in text
    parser = _parser(text)
    composer = _Composer(parser, path, has_tab)
    try:
        root = composer.compose()
    except _TooDeep as exc:
        return Document(
            path,
            None,
            [
                Problem(
                    path,
                    exc.mark.line + 1,
                    exc.mark.column + 1,
                    "",
                    _("the data is nested more than {depth} levels deep").format(depth=MAX_DEPTH),
                    _("flatten the structure"),
                )
            ],
        )
    except _Syntax as exc:
        return Document(path, None, [*composer.problems, exc.problem])
    except yaml.MarkedYAMLError as exc:
        if exc.problem == "exceeded maximum nesting depth" and exc.problem_mark is not None:
            # libyaml refuses more than 1,000 levels of flow nesting while scanning ahead, before
            # the composer saw the 41st level. The text before that point holds the 41st: its
            # composition reports it where it starts.
            return _compose(text[: exc.problem_mark.index], path)
        if exc.problem == "found incompatible YAML document" and exc.problem_mark is not None:
            return Document(path, None, [_yaml_version(path, exc.problem_mark)])
        return Document(path, None, [*composer.problems, _syntax_problem(exc, path, text)])
    except yaml.YAMLError as exc:
        message = _("YAML error: {error}").format(error=exc)
        return Document(path, None, [Problem(path, 1, 1, "", message)])
    finally:
        parser.dispose()
    if root is None:
        return _empty(path)
    if has_tab and composer.spans is not None:
        tab = _stray_tab(text, composer.spans, path)
        if tab is not None:
            return Document(path, None, [*composer.problems, tab])
    return Document(path, root, composer.problems)
