"""Unicode spaces that YAML would misread are named at their own line and column.

Before this check a non-breaking space after ``key:`` read as ``mapping values are not allowed
here`` (or as no error at all, the line joining the text above); in running text it is fine.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.standard import strict_yaml

SPACE_HINT = (
    "Hint: replace it with an ordinary space (it often comes with text pasted from a word "
    "processor and looks the same)"
)
NBSP = f"no-break space (U+00A0) instead of an ordinary space {SPACE_HINT}"

REPORTED = {
    "nbsp-after-a-colon": ("a:\n  b:\u00a0x\n", [f"x.yaml:2:5: {NBSP}"]),
    # The parser saw no error here: the second line became part of the id's text.
    "nbsp-after-the-colon-of-a-list-item-key": (
        "- id: x\n  name:\u00a0Foo\n",
        [f"x.yaml:2:8: {NBSP}"],
    ),
    "nbsp-in-the-indentation": ("a:\n  b: 1\n\u00a0 c: 2\n", [f"x.yaml:3:1: {NBSP}"]),
    "nbsp-before-the-colon": ("a\u00a0: x\n", [f"x.yaml:1:2: {NBSP}"]),
    "nbsp-after-a-list-dash": ("a:\n  -\u00a0x\n", [f"x.yaml:2:4: {NBSP}"]),
    "nbsp-at-the-end-of-a-line": ("a: x\u00a0\n", [f"x.yaml:1:5: {NBSP}"]),
    "every-one-of-them": (
        "a:\u2009b\nc:\n\u3000\u3000d: \u202fe\n",
        [
            f"x.yaml:1:3: thin space (U+2009) instead of an ordinary space {SPACE_HINT}",
            f"x.yaml:3:1: ideographic space (U+3000) instead of an ordinary space {SPACE_HINT}",
            f"x.yaml:3:2: ideographic space (U+3000) instead of an ordinary space {SPACE_HINT}",
            f"x.yaml:3:6: narrow no-break space (U+202F) instead of an ordinary space {SPACE_HINT}",
        ],
    ),
    "zero-width-space-inside-a-word": (
        "a: in\u200btegritas\n",
        [
            "x.yaml:1:6: zero-width space (U+200B), an invisible character "
            "Hint: delete it; it is invisible in most editors"
        ],
    ),
}


@pytest.mark.parametrize("name", list(REPORTED))
def test_a_unicode_space_yaml_would_misread_is_named_where_it_is(name: str, tmp_path: Path) -> None:
    text, expected = REPORTED[name]
    file = tmp_path / "x.yaml"
    file.write_text(text, encoding="utf-8")
    document = strict_yaml.read(file, "x.yaml")
    assert document.root is None
    assert [str(p) for p in document.problems] == expected


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("a: Pasal\u00a05 ayat\n", "Pasal\u00a05 ayat"),
        ("a: >-\n  50\u202f% dari\n  target\n", "50\u202f% dari target"),
        ("a: 'x\u2009y'\n", "x\u2009y"),
    ],
)
def test_a_unicode_space_between_words_is_text(text: str, value: str, tmp_path: Path) -> None:
    file = tmp_path / "x.yaml"
    file.write_text(text, encoding="utf-8")
    document = strict_yaml.read(file, "x.yaml")
    assert document.problems == []
    assert isinstance(document.root, strict_yaml.Mapping)
    (_key, node) = document.root.value[0]
    assert isinstance(node, strict_yaml.Scalar) and node.value == value
