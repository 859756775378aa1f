"""The strict YAML reader: one case per rule (see ``malformed_cases.READER_CASES``), plus what it
must accept and what must never happen (a RecursionError, a silent type change).

The reader runs on libyaml's parser only (every PyYAML wheel has it); without it, the command
says how to mend the install."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from malformed_cases import NESTED_1000, READER_CASES, Case, K, P
from standard_support import Outcome, append, replace, transform

from generator import cli, i18n
from generator.standard import strict_yaml


@pytest.mark.parametrize("case", [c.param() for c in READER_CASES])
def test_reader_rule(case: Case, load_edited: Callable[..., Outcome]) -> None:
    assert load_edited(*case.edits).errors == list(case.expected)


def test_the_installed_pyyaml_has_libyaml() -> None:
    assert yaml.__with_libyaml__
    assert strict_yaml.CParser is not None


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "id",
            "kompetensi: PyYAML terpasang tanpa libyaml, padahal pembaca YAML memerlukannya "
            "Saran: pasang PyYAML dari wheel resminya, yang sudah memuat libyaml: pip install "
            "--force-reinstall --only-binary pyyaml pyyaml",
        ),
        (
            "en",
            "kompetensi: PyYAML is installed without libyaml, which the YAML reader needs "
            "Hint: install PyYAML from its official wheel, which contains libyaml: pip install "
            "--force-reinstall --only-binary pyyaml pyyaml",
        ),
    ],
)
def test_pyyaml_without_libyaml_is_named_with_its_remedy(
    language: str,
    expected: str,
    make_standards: Callable[..., Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = make_standards()
    monkeypatch.setattr(strict_yaml, "CParser", None)
    code = cli.main(["--lang", language, "validate", "--standards", str(folder)])
    captured = capsys.readouterr()
    assert (code, captured.out, captured.err) == (1, "", expected + "\n")


SYNTAX_HINT = "Hint: check the indentation and the ':' after each key"
TAB_HERE = "a tab character is not allowed here Hint: replace it with a space"

# Syntax errors in the wording the handbook quotes, and what libyaml lets through or sees late
# that the reader refuses itself (a tab taken for a space, nesting beyond its own limit).
SYNTAX = {
    "colon-in-a-plain-value": (
        "a: b: c\n",
        f"x.yaml:1:5: YAML syntax error: mapping values are not allowed here {SYNTAX_HINT}",
    ),
    "text-after-a-closing-quote": (
        'a:\n  b: "x\n  c" d\n',
        "x.yaml:3:6: YAML syntax error: expected <block end>, but found '<scalar>' "
        "(while parsing a block mapping) Hint: line 2 probably lacks a closing quote: the "
        "quoted text that starts there only ends on line 3",
    ),
    "key-indented-less": (
        "a:\n  b: 1\n c: 2\n",
        "x.yaml:3:2: YAML syntax error: expected <block end>, but found '<block mapping start>' "
        f"(while parsing a block mapping) {SYNTAX_HINT}",
    ),
    "list-item-in-a-mapping": (
        "a: b\n- c\n",
        "x.yaml:2:1: YAML syntax error: expected <block end>, but found '-' "
        f"(while parsing a block mapping) {SYNTAX_HINT}",
    ),
    "missing-list-item": (
        "a: [\n",
        "x.yaml:2:1: YAML syntax error: expected the node content, but found '<stream end>' "
        f"(while parsing a flow node) {SYNTAX_HINT}",
    ),
    "empty-anchor-name": (
        "a: &\n",
        "x.yaml:1:5: YAML syntax error: expected alphabetic or numeric character, but found "
        f"'\\n' (while scanning an anchor) {SYNTAX_HINT}",
    ),
    "text-after-a-block-indicator": (
        "a: | x\n  b\n",
        "x.yaml:1:6: YAML syntax error: expected a comment or a line break, but found 'x' "
        f"(while scanning a block scalar) {SYNTAX_HINT}",
    ),
    "undefined-tag-handle": (
        "a: !x!y b\n",
        "x.yaml:1:4: YAML syntax error: found undefined tag handle '!x!' (while parsing a node) "
        f"{SYNTAX_HINT}",
    ),
    "unclosed-flow-mapping": (
        "a: {b: c\nd: e\n",
        "x.yaml:1:4: a mapping opened with '{' is never closed Hint: add the closing '}'",
    ),
    "tab-after-a-colon": ("a:\tb\n", f"x.yaml:1:3: {TAB_HERE}"),
    "tab-at-the-end-of-a-line": ("a: b\t\n", f"x.yaml:1:5: {TAB_HERE}"),
    "tab-before-a-comment": ("a: b\t# c\n", f"x.yaml:1:5: {TAB_HERE}"),
    "tab-in-a-flow-list": ("a: [b,\tc]\n", f"x.yaml:1:7: {TAB_HERE}"),
    "tab-after-a-hash-that-is-text": ("a: b#c\td\n", f"x.yaml:1:7: {TAB_HERE}"),
    "tab-indenting-block-text": (
        "a: |\n  b\n\tc\nd: e\n",
        "x.yaml:3:1: tab characters cannot be used for indentation Hint: indent with spaces",
    ),
    "bom-inside-the-text": (
        "a: b\ufeffc\n",
        "x.yaml:1:5: control character U+FEFF is not allowed "
        "Hint: delete it; it is invisible in most editors",
    ),
    "yaml-1.3": (
        "%YAML 1.3\n---\na: b\n",
        "x.yaml:1:1: the %YAML directive names a version other than 1.1 or 1.2 "
        "Hint: remove the %YAML line; the files need no version",
    ),
    "1001-levels-deep": (
        "a: " + "[" * 1001 + "]" * 1001 + "\n",
        "x.yaml:1:43: the data is nested more than 40 levels deep Hint: flatten the structure",
    ),
}


@pytest.mark.parametrize("name", list(SYNTAX))
def test_syntax_errors_are_one_located_line(name: str, tmp_path: Path) -> None:
    text, expected = SYNTAX[name]
    file = tmp_path / "x.yaml"
    file.write_text(text, encoding="utf-8")
    with i18n.speaking("en"):  # the English msgids, as every line of this file
        document = strict_yaml.read(file, "x.yaml")
    assert document.root is None
    assert [str(p) for p in document.problems] == [expected]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("a: b # c\td\n", "b"),
        ('a: "b\tc"\n', "b\tc"),
        ("a: |\n  b\tc\nd: e\n", "b\tc\n"),
        ("%YAML 1.2\n---\na: b\n", "b"),
        ("a: b😀\n", "b😀"),
        ('a: "b\\tc\\nd"\n', "b\tc\nd"),
        ('a: "\\u00e9\\x41\\_\\u200b"\n', "\u00e9A\u00a0\u200b"),
        ("a: 'b\\e\\0'\n", "b\\e\\0"),
    ],
    ids=[
        "tab-in-a-comment",
        "tab-in-quotes",
        "tab-in-block-text",
        "yaml-1.2",
        "emoji",
        "escaped-tab-and-line-feed",
        "escaped-printable-characters",
        "backslashes-in-single-quotes-are-text",
    ],
)
def test_accepted(text: str, value: str, tmp_path: Path) -> None:
    file = tmp_path / "x.yaml"
    file.write_text(text, encoding="utf-8")
    document = strict_yaml.read(file, "x.yaml")
    assert document.problems == []
    assert isinstance(document.root, strict_yaml.Mapping)
    first = document.root.value[0][1]
    assert isinstance(first, strict_yaml.Scalar)
    assert first.value == value


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


@pytest.mark.parametrize(
    ("text", "place"),
    [
        (NESTED_1000, "1:51"),
        # Past libyaml's own limit of 1,000 levels, and as deep as the size limit allows.
        ("positions: " + "[" * 499_000 + "]" * 499_000 + "\n", "1:51"),
        ("positions:\n" + "".join(" " * d + "- x:\n" for d in range(0, 1300, 2)), "21:41"),
    ],
    ids=["flow-1000", "flow-499000", "block-650"],
)
def test_deep_nesting_gives_a_located_error_not_a_recursion_error(
    text: str, place: str, tmp_path: Path
) -> None:
    file = tmp_path / "deep.yaml"
    file.write_text(text, encoding="utf-8")
    limit = sys.getrecursionlimit()
    # Well below the default: the depth cap must trip long before Python's own limit.
    sys.setrecursionlimit(400)
    try:
        document = strict_yaml.read(file, "deep.yaml")
    finally:
        sys.setrecursionlimit(limit)
    assert document.root is None
    assert [str(p) for p in document.problems] == [
        f"deep.yaml:{place}: the data is nested more than 40 levels deep "
        "Hint: flatten the structure"
    ]


def test_40_levels_deep_are_read(tmp_path: Path) -> None:
    # The root mapping is level 1; 39 brackets make 40 levels, the most that is allowed.
    file = tmp_path / "deep.yaml"
    file.write_text("k: " + "[" * 39 + "]" * 39 + "\n", encoding="utf-8")
    document = strict_yaml.read(file, "deep.yaml")
    assert document.problems == []


def test_scalars_keep_the_text_that_was_typed(load_edited: Callable[..., Outcome]) -> None:
    """Nothing SafeLoader would turn into a bool, float, octal, date or sexagesimal number."""
    typed = ["no", "yes", "on", "off", "1.10", "0755", "012345", "2024-01-31", "12:30", "1e3"]
    outcome = load_edited(
        replace(K, "aliases: []\n", f"aliases: [{', '.join(typed)}]\n"),
        replace(K, "name: Kerjasama\n", "name: 12:30\n"),
        # Another competency: aliases are unique whatever their letter case.
        replace("competencies/integritas.yaml", "aliases: []\n", "aliases: [NO]\n"),
    )
    assert outcome.errors == []
    assert outcome.standard is not None
    competencies = {c["id"]: c for c in outcome.standard.data["competencies"]}
    assert competencies["kerjasama"]["aliases"] == typed
    assert competencies["kerjasama"]["name"] == "12:30"
    assert competencies["integritas"]["aliases"] == ["NO"]


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
        f"std/{K}:3:7: name: anchors (&n) are not allowed Hint: write the value out in full; "
        "anchors and aliases can hide very large data",
        f"std/{K}:5:8: order: expected an integer, got 'dua'",
    ]
