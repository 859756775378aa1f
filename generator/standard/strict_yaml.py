"""A strict YAML reader for the standards.

PyYAML's SafeLoader silently changes data (``no`` -> False, ``1.10`` -> 1.1, ``0755`` -> 493,
duplicate keys keep the last value) and lets aliases blow up every later walk of the data. This
reader composes a node tree with *no* implicit type resolution (every scalar stays the text the
maintainer typed) and refuses anchors, aliases, merge keys, explicit tags, duplicate keys,
several documents and deep nesting. Typing happens later, against the JSON Schema, so that
``"3"`` and ``3`` can be told apart and every problem keeps its line and column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

from generator.errors import Problem

MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 40
STR_TAG = "tag:yaml.org,2002:str"
# C0/C1 controls, lone CR and the Unicode line separators: PyYAML treats some of them as line
# breaks that editors do not show, which would put every later error on the wrong line.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")
ALIAS_TAG = "tag:kompetensi,2026:refused-alias"


class _TooDeep(Exception):
    def __init__(self, node_mark: Any) -> None:
        self.mark = node_mark


@dataclass
class Document:
    """A composed file: its root node (``None`` when unusable) and the problems found."""

    path: str
    root: Node | None
    problems: list[Problem] = field(default_factory=list)


class _StrictLoader(Reader, Scanner, Parser, Composer, BaseResolver):
    """Composes nodes; BaseResolver has no implicit resolvers, so every scalar is a string."""

    def __init__(self, text: str, path: str) -> None:
        Reader.__init__(self, text)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)
        BaseResolver.__init__(self)
        self.path = path
        self.problems: list[Problem] = []
        self.depth = 0

    def _problem(self, mark: Any, message: str, hint: str = "") -> None:
        self.problems.append(Problem(self.path, mark.line + 1, mark.column + 1, "", message, hint))

    def compose_node(self, parent: Node | None, index: Any) -> Node:
        event = self.peek_event()  # type: ignore[no-untyped-call]
        if isinstance(event, AliasEvent):
            self.get_event()  # type: ignore[no-untyped-call]
            self._problem(
                event.start_mark,
                f"aliases (*{event.anchor}) are not allowed",
                "write the value out in full; anchors and aliases can hide very large data",
            )
            return ScalarNode(ALIAS_TAG, "", event.start_mark, event.end_mark)  # type: ignore[arg-type]
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            self._problem(
                event.start_mark,
                f"anchors (&{anchor}) are not allowed",
                "write the value out in full; anchors and aliases can hide very large data",
            )
            event.anchor = None
        tag = getattr(event, "tag", None)
        if tag is not None and tag != "!":
            self._problem(
                event.start_mark,
                f"explicit tags ({tag}) are not allowed",
                "remove the tag; types come from the schema",
            )
            event.tag = None
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _TooDeep(event.start_mark)
        try:
            node: Node = super().compose_node(parent, index)  # type: ignore[assignment]
            return node
        finally:
            self.depth -= 1


def _decode(data: bytes, path: str) -> tuple[str | None, list[Problem]]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [Problem(path, 1, 1, "", "the file is encoded as UTF-16", "save it as UTF-8")]
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
                f"the file is not valid UTF-8 (byte 0x{bad})",
                "save the file with UTF-8 encoding",
            ),
        ]
    problems = []
    for number, line_text in enumerate(text.split("\n"), start=1):
        for match in _CONTROL.finditer(line_text.removesuffix("\r")):
            problems.append(
                Problem(
                    path,
                    number,
                    match.start() + 1,
                    "",
                    f"control character U+{ord(match.group()):04X} is not allowed",
                    "delete it; it is invisible in most editors",
                )
            )
    return (None if problems else text), problems


_BRACKETS = {"flow sequence": ("a list", "[", "]"), "flow mapping": ("a mapping", "{", "}")}


def _syntax_problem(exc: yaml.MarkedYAMLError, path: str, lines: list[str]) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = exc.problem or "invalid YAML"
    context = exc.context or ""
    cm = exc.context_mark
    if "'\\t'" in problem or "\t" in problem:
        text = lines[line - 1] if 0 < line <= len(lines) else ""
        tab = text.find("\t")
        if tab >= 0 and text[:tab].strip():
            return Problem(
                path,
                line,
                tab + 1,
                "",
                "a tab character is not allowed here",
                "replace it with a space",
            )
        return Problem(
            path,
            line,
            tab + 1 if tab >= 0 else column,
            "",
            "tab characters cannot be used for indentation",
            "indent with spaces",
        )
    if "quoted scalar" in context and cm is not None:
        return Problem(
            path,
            cm.line + 1,
            cm.column + 1,
            "",
            "a quoted text is never closed",
            "add the closing quote",
        )
    for kind, (what, opening, closing) in _BRACKETS.items():
        if kind in context and cm is not None and mark is not None and cm.line < mark.line:
            return Problem(
                path,
                cm.line + 1,
                cm.column + 1,
                "",
                f"{what} opened with '{opening}' is never closed",
                f"add the closing '{closing}'",
            )
    if "another document" in problem or "expected a single document" in context:
        return Problem(
            path,
            line,
            column,
            "",
            "only one YAML document per file is allowed",
            "remove the '---' separator and the second document",
        )
    if "<document start>" in problem:
        return Problem(
            path,
            line,
            column,
            "",
            "only one YAML document per file is allowed",
            "remove the '...' end marker and everything after it",
        )
    message = f"YAML syntax error: {problem}"
    if context:
        message += f" ({context})"
    return Problem(
        path, line, column, "", message, "check the indentation and the ':' after each key"
    )


def _check_mappings(node: Node, path: str, problems: list[Problem]) -> None:
    """Duplicate keys, merge keys and non-text keys, at any depth (iterative: depth is bounded).

    A refused merge entry is dropped from the tree so that the schema does not report it again.
    """

    def report(mark: Any, message: str, hint: str) -> None:
        problems.append(Problem(path, mark.line + 1, mark.column + 1, "", message, hint))

    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, SequenceNode):
            stack.extend(current.value)
        elif isinstance(current, MappingNode):
            seen: dict[str, Any] = {}
            kept = []
            for key, value in current.value:
                stack.append(value)
                if not isinstance(key, ScalarNode):
                    report(key.start_mark, "keys must be plain text", "write the key as a word")
                elif key.value == "<<" and key.style is None:
                    report(
                        key.start_mark,
                        "merge keys (<<) are not allowed",
                        "write the keys out in full",
                    )
                    continue
                elif key.value in seen:
                    report(
                        key.start_mark,
                        f"duplicate key '{key.value}' (first defined on line "
                        f"{seen[key.value].line + 1})",
                        "keep one of the two; YAML would silently drop the first",
                    )
                else:
                    seen[key.value] = key.start_mark
                kept.append((key, value))
            current.value = kept


def read(file: Path, display_path: str | None = None) -> Document:
    """Read and compose one YAML file; never raises for bad content."""
    path = display_path or str(file)
    try:
        size = file.stat().st_size
        if size > MAX_FILE_BYTES:
            return Document(
                path,
                None,
                [
                    Problem(
                        path,
                        1,
                        1,
                        "",
                        f"the file is too large ({size} bytes; the limit is "
                        f"{MAX_FILE_BYTES} bytes)",
                        "split it into several files",
                    )
                ],
            )
        data = file.read_bytes()
    except OSError as exc:
        return Document(
            path, None, [Problem(path, 1, 1, "", f"cannot read the file: {exc.strerror}")]
        )
    text, problems = _decode(data, path)
    if text is None:
        return Document(path, None, problems)
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        return Document(
            path, None, [Problem(path, 1, 1, "", "the file is empty", "remove it or fill it in")]
        )
    loader = _StrictLoader(text, path)
    try:
        root = loader.get_single_node()
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
                    f"the data is nested more than {MAX_DEPTH} levels deep",
                    "flatten the structure",
                )
            ],
        )
    except yaml.MarkedYAMLError as exc:
        return Document(
            path, None, [*loader.problems, _syntax_problem(exc, path, text.split("\n"))]
        )
    except yaml.YAMLError as exc:
        return Document(path, None, [Problem(path, 1, 1, "", f"YAML error: {exc}")])
    finally:
        loader.dispose()
    problems = list(loader.problems)
    if root is not None:
        _check_mappings(root, path, problems)
    return Document(path, root, problems)
