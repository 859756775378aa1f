"""The strict YAML reader: one case per rule (see ``malformed_cases.READER_CASES``), plus what it
must accept and what must never happen (a RecursionError, a silent type change)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from malformed_cases import NESTED_1000, READER_CASES, Case, K, P
from standard_support import Outcome, append, replace, transform

from generator.standard import strict_yaml


@pytest.mark.parametrize("case", [c.param() for c in READER_CASES])
def test_reader_rule(case: Case, load_edited: Callable[..., Outcome]) -> None:
    assert load_edited(*case.edits).errors == list(case.expected)


def test_utf8_bom_is_accepted(load_edited: Callable[..., Outcome]) -> None:
    outcome = load_edited(transform(K, lambda b: b"\xef\xbb\xbf" + b))
    assert outcome.errors == []
    assert outcome.warnings == []


def test_crlf_line_endings_are_accepted(load_edited: Callable[..., Outcome]) -> None:
    outcome = load_edited(transform(K, lambda b: b.replace(b"\n", b"\r\n")))
    assert outcome.errors == []


def test_crlf_line_endings_keep_line_numbers(load_edited: Callable[..., Outcome]) -> None:
    outcome = load_edited(
        replace(K, "aliases: []\n", "alias: []\n"),
        transform(K, lambda b: b.replace(b"\n", b"\r\n")),
    )
    assert outcome.errors == [
        f"std/{K}:6:1: alias: unknown key 'alias' Hint: did you mean 'aliases'?"
    ]


def test_document_markers_and_directive_are_accepted(load_edited: Callable[..., Outcome]) -> None:
    outcome = load_edited(
        transform(P, lambda b: b"%YAML 1.1\n---\n" + b),
        append(P, "...\n"),
    )
    assert outcome.errors == []


def test_file_of_exactly_the_size_limit_is_read(tmp_path: Path) -> None:
    file = tmp_path / "limit.yaml"
    head = b"positions: []\n"
    file.write_bytes(head + b"#" * (strict_yaml.MAX_FILE_BYTES - len(head) - 1) + b"\n")
    assert file.stat().st_size == strict_yaml.MAX_FILE_BYTES
    document = strict_yaml.read(file, "limit.yaml")
    assert document.problems == []
    assert document.root is not None


def test_1000_levels_deep_give_a_located_error_not_a_recursion_error(tmp_path: Path) -> None:
    file = tmp_path / "deep.yaml"
    file.write_text(NESTED_1000, encoding="utf-8")
    limit = sys.getrecursionlimit()
    # Well below the default: the depth cap must trip long before Python's own limit.
    sys.setrecursionlimit(400)
    try:
        document = strict_yaml.read(file, "deep.yaml")
    finally:
        sys.setrecursionlimit(limit)
    assert document.root is None
    assert [str(p) for p in document.problems] == [
        "deep.yaml:1:51: the data is nested more than 40 levels deep Hint: flatten the structure"
    ]


def test_40_levels_deep_are_read(tmp_path: Path) -> None:
    # The root mapping is level 1; 39 brackets make 40 levels, the most that is allowed.
    file = tmp_path / "deep.yaml"
    file.write_text("k: " + "[" * 39 + "]" * 39 + "\n", encoding="utf-8")
    document = strict_yaml.read(file, "deep.yaml")
    assert document.problems == []


def test_scalars_keep_the_text_that_was_typed(load_edited: Callable[..., Outcome]) -> None:
    """Nothing SafeLoader would turn into a bool, float, octal, date or sexagesimal number."""
    typed = ["no", "yes", "on", "off", "NO", "1.10", "0755", "012345", "2024-01-31", "12:30", "1e3"]
    outcome = load_edited(
        replace(K, "aliases: []\n", f"aliases: [{', '.join(typed)}]\n"),
        replace(K, "name: Kerjasama\n", "name: 12:30\n"),
    )
    assert outcome.errors == []
    assert outcome.standard is not None
    competency = next(c for c in outcome.standard.data["competencies"] if c["id"] == "kerjasama")
    assert competency["aliases"] == typed
    assert competency["name"] == "12:30"


def test_version_1_10_stays_the_text_1_10(load_edited: Callable[..., Outcome]) -> None:
    outcome = load_edited(replace("framework.yaml", 'version: "1.10"\n', "version: 1.10\n"))
    assert outcome.errors == []
    assert outcome.standard is not None
    assert outcome.standard.data["framework"]["version"] == "1.10"
    assert outcome.standard.version == "1.10"


def test_unreadable_file_is_a_located_error(tmp_path: Path) -> None:
    file = tmp_path / "missing.yaml"
    document = strict_yaml.read(file, "missing.yaml")
    assert document.root is None
    assert [str(p) for p in document.problems] == [
        "missing.yaml:1:1: cannot read the file: No such file or directory"
    ]


def test_reader_and_schema_errors_of_one_file_are_all_reported(
    load_edited: Callable[..., Outcome],
) -> None:
    """A reader problem that keeps the tree (an anchor) does not hide the schema problems."""
    outcome = load_edited(
        replace(K, "name: Kerjasama\n", "name: &n Kerjasama\n"),
        replace(K, "order: 2\n", "order: dua\n"),
    )
    assert outcome.errors == [
        f"std/{K}:3:7: anchors (&n) are not allowed Hint: write the value out in full; anchors "
        "and aliases can hide very large data",
        f"std/{K}:5:8: order: expected an integer, got 'dua'",
    ]
