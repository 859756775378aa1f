"""A syntax error the parser notices after the mistake names the line that probably caused it.

The error keeps the parser's location; its hint names the earlier line when the text just before
the error started there (a key without ':', an unclosed quote, a line indented into the value
above). Where nothing points earlier, the general hint stays.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.standard import strict_yaml

GENERAL = "Hint: check the indentation and the ':' after each key"
CASES = {
    "a-key-without-its-colon": (
        "a:\n  name Jabatan X\n  category: y\n",
        "x.yaml:3:11: YAML syntax error: mapping values are not allowed here Hint: line 2 "
        "probably lacks the ':' after its key, or is indented differently from the lines around "
        "it: its text runs on to line 3",
    ),
    "a-text-under-its-key-indented-too-little": (
        "a:\n  b: >-\n  text\n  c: 1\n",
        "x.yaml:4:3: YAML syntax error: could not find expected ':' (while scanning a simple "
        "key) Hint: line 3 probably lacks the ':' after its key, or is indented differently "
        "from the lines around it: its text runs on to line 4",
    ),
    "an-unclosed-quote": (
        'a:\n  b: "70\n  c: 6\n  d: >-\n    Catat "x" y\n',
        "x.yaml:5:12: YAML syntax error: expected <block end>, but found '<scalar>' (while "
        "parsing a block mapping) Hint: line 2 probably lacks a closing quote: the quoted text "
        "that starts there only ends on line 5",
    ),
    "a-key-indented-into-the-value-above": (
        "a:\n  name: X\n    category: y\n",
        "x.yaml:3:13: YAML syntax error: mapping values are not allowed here Hint: line 3 is "
        "probably indented more than the key on line 2, so it reads as the rest of that key's "
        "value: align it with that key",
    ),
    # The mistake is on the parser's line: the general hint, no guess about another line.
    "a-key-indented-too-little": (
        "levels:\n  - level: 1\n    description: x\n   indicators:\n      - id: a\n",
        "x.yaml:4:4: YAML syntax error: expected <block end>, but found '<block mapping start>' "
        f"(while parsing a block collection) {GENERAL}",
    ),
    "a-colon-inside-a-value": (
        "a:\n  name: Jabatan: Eselon I\n",
        f"x.yaml:2:16: YAML syntax error: mapping values are not allowed here {GENERAL}",
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_the_hint_names_the_probable_line(name: str, tmp_path: Path) -> None:
    text, expected = CASES[name]
    file = tmp_path / "x.yaml"
    file.write_text(text, encoding="utf-8")
    assert [str(p) for p in strict_yaml.read(file, "x.yaml").problems] == [expected]
