"""The malformed-input table (issue 6, promise 1): each case is a named edit of the base folder
and the exact problem lines it must produce, ``path:line:col: key.path: message Hint: ...``.

The same table drives the in-process rule tests (``test_strict_reader.py``,
``test_schema_rules.py``, ``test_cross_file_rules.py``: the lines must be exactly these) and the
CLI test (``test_malformed_cli.py``: exit 1, no traceback, bounded time and memory, and these
lines on stderr).

A case with ``bug`` set documents a defect of the loader found by these tests: the expectation is
what the loader *should* report, and the test is ``xfail(strict=True)`` until it is fixed.
``crash`` marks a bug that also breaks the CLI contract (a traceback), so the CLI test is
expected to fail too.

Files whose parse fails are referred to elsewhere (a competency is named in positions.yaml and
in its learning catalogue); reader cases therefore mostly break positions.yaml, framework.yaml
or a learning file, and the follow-on errors of a broken competency file have their own case.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from standard_support import (
    Edit,
    append,
    copy,
    delete,
    mkdir,
    replace,
    transform,
    write,
)

K = "competencies/kerjasama.yaml"
I = "competencies/integritas.yaml"  # noqa: E741 - reads as the file name
P = "positions.yaml"
F = "framework.yaml"
L = "learning/kerjasama.yaml"

ANCHOR_HINT = "write the value out in full; anchors and aliases can hide very large data"
DUPLICATE_HINT = "keep one of the two; YAML would silently drop the first"
ALIASES_HINT = "a list of other names or spellings, e.g. [Kolaborasi], at most 20"
CONTROL_HINT = "delete it; it is invisible in most editors"
ESCAPED = (
    "control character U+{} (written as an escape) is not allowed "
    "Hint: remove the escape; the text may hold no invisible control character"
)
SYNTAX_HINT = "check the indentation and the ':' after each key"
TAG_HINT = "remove the tag; types come from the schema"
INDICATOR_HINT = "indicator ids are <competency>.<level>.<position in the list>"
TARGET_HINT = "give a level from 1 to 5, or null when the target is not known"
COMPETENCY_KEYS = "allowed keys: id, name, group, dictionary, order, aliases, definition, levels"
BOOLEAN_HINT = "write true or false in lower case"
ONE_DOCUMENT = (
    "only one YAML document per file is allowed "
    "Hint: remove the '---' separator and the second document"
)


@dataclass(frozen=True)
class Case:
    """A named malformed input and every line it must produce (in the sorted report order)."""

    id: str
    edits: tuple[Edit, ...]
    expected: tuple[str, ...]
    bug: str = ""
    crash: bool = False

    def param(self, *, cli: bool = False) -> object:
        marks = []
        if self.bug and (self.crash or not cli):
            marks.append(pytest.mark.xfail(strict=True, reason=self.bug))
        return pytest.param(self, id=self.id, marks=marks)


def case(
    id: str,
    edits: Edit | tuple[Edit, ...],
    *expected: str,
    bug: str = "",
    crash: bool = False,
) -> Case:
    return Case(id, edits if isinstance(edits, tuple) else (edits,), expected, bug, crash)


def _billion_laughs(depth: int = 9) -> tuple[str, tuple[str, ...]]:
    """The classic alias bomb (9 levels of 9 aliases) and the lines it must produce."""
    names = [chr(ord("a") + i) for i in range(depth)]
    lines = [f"{names[0]}: &{names[0]} [" + ", ".join(['"lol"'] * 9) + "]"]
    expected = [
        f"std/{P}:1:1: (document): missing required key 'positions'",
        f"std/{P}:1:1: {names[0]}: unknown key '{names[0]}' Hint: allowed keys: positions",
        f"std/{P}:1:4: {names[0]}: anchors (&{names[0]}) are not allowed Hint: {ANCHOR_HINT}",
    ]
    for number, name in enumerate(names[1:], start=2):
        previous = names[number - 2]
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
        expected.append(
            f"std/{P}:{number}:1: {name}: unknown key '{name}' Hint: allowed keys: positions"
        )
        expected.append(
            f"std/{P}:{number}:4: {name}: anchors (&{name}) are not allowed Hint: {ANCHOR_HINT}"
        )
        expected.extend(
            f"std/{P}:{number}:{8 + 4 * i}: {name}[{i}]: aliases (*{previous}) are not allowed "
            f"Hint: {ANCHOR_HINT}"
            for i in range(9)
        )
    return "\n".join(lines) + "\n", tuple(expected)


BOMB, BOMB_LINES = _billion_laughs()
MB = 1_000_000
NESTED_41 = "positions: " + "[" * 41 + "]" * 41 + "\n"
NESTED_1000 = "positions: " + "[" * 1000 + "]" * 1000 + "\n"
NESTED_BLOCK = "".join("  " * depth + "k:\n" for depth in range(50))
DEEP_LINE = f"std/{P}:1:51: the data is nested more than 40 levels deep Hint: flatten the structure"
LEVEL_3_OF_K = (
    "  - level: 3\n"
    "    description: Kerjasama tingkat menengah.\n"
    "    indicators:\n"
    "      - id: kerjasama.3.1\n"
    "        text: Kerjasama indikator satu pada level tiga.\n"
    "        example: Contoh Kerjasama 3.1.\n"
    "      - id: kerjasama.3.2\n"
    "        text: Kerjasama indikator dua pada level tiga.\n"
    "        example: Contoh Kerjasama 3.2.\n"
)
INDICATORS_OF_K_LEVEL_3 = LEVEL_3_OF_K.split("    indicators:\n")[1]


READER_CASES = [
    # Encodings.
    case(
        "utf16-le-with-bom",
        write(P, "positions: []\n".encode("utf-16")),
        f"std/{P}:1:1: the file is encoded as UTF-16 Hint: save it as UTF-8",
    ),
    case(
        "utf16-be-with-bom",
        write(P, b"\xfe\xff" + "positions: []\n".encode("utf-16-be")),
        f"std/{P}:1:1: the file is encoded as UTF-16 Hint: save it as UTF-8",
    ),
    case(
        "latin1-byte-located-by-line-and-column",
        transform(P, lambda b: b.replace(b"Pelaksana kegiatan.", b"Pelaksana kegiatan \xe9.")),
        f"std/{P}:16:37: the file is not valid UTF-8 (byte 0xE9) "
        "Hint: save the file with UTF-8 encoding",
    ),
    case(
        # The column counts characters, not bytes: 'á' before the bad byte is one column.
        "invalid-utf8-column-counts-characters",
        transform(
            P,
            lambda b: b.replace(b"Pelaksana kegiatan.", "Pelaksana kegiatán ".encode() + b"\xff."),
        ),
        f"std/{P}:16:37: the file is not valid UTF-8 (byte 0xFF) "
        "Hint: save the file with UTF-8 encoding",
    ),
    case(
        "overlong-utf8-sequence",
        transform(
            P,
            lambda b: b.replace(
                b"Data uji.]\n    verified: false", b"\xc0\xaf]\n    verified: false"
            ),
        ),
        f"std/{P}:17:15: the file is not valid UTF-8 (byte 0xC0) "
        "Hint: save the file with UTF-8 encoding",
    ),
    case(
        "utf8-bom-keeps-lines-and-columns",
        (
            transform(K, lambda b: b"\xef\xbb\xbf" + b),
            replace(K, "aliases: []\n", "alias: []\n"),
        ),
        f"std/{K}:6:1: alias: unknown key 'alias' Hint: did you mean 'aliases'?",
    ),
    # Invisible characters.
    case(
        "control-characters-nul-and-escape",
        replace(P, "    name: Jabatan Pelaksana\n", "    name: Jabatan\x00 Pelaksana\x1b\n"),
        f"std/{P}:14:18: control character U+0000 is not allowed Hint: {CONTROL_HINT}",
        f"std/{P}:14:29: control character U+001B is not allowed Hint: {CONTROL_HINT}",
    ),
    case(
        "control-characters-delete-and-c1",
        replace(P, "    name: Jabatan Pelaksana\n", "    name: Jabatan\x7f Pelaksana\x9b\n"),
        f"std/{P}:14:18: control character U+007F is not allowed Hint: {CONTROL_HINT}",
        f"std/{P}:14:29: control character U+009B is not allowed Hint: {CONTROL_HINT}",
    ),
    case(
        "line-separator-u2028",
        replace(
            P,
            "    description: Pelaksana kegiatan.\n",
            "    description: Pelaksana\u2028kegiatan.\n",
        ),
        f"std/{P}:16:27: control character U+2028 is not allowed Hint: {CONTROL_HINT}",
    ),
    case(
        "next-line-u0085",
        replace(
            P, "    description: Pelaksana kegiatan.\n", "    description: Pelaksana\x85kegiatan.\n"
        ),
        f"std/{P}:16:27: control character U+0085 is not allowed Hint: {CONTROL_HINT}",
    ),
    case(
        "lone-carriage-return",
        replace(
            P, "    description: Pelaksana kegiatan.\n", "    description: Pelaksana\rkegiatan.\n"
        ),
        f"std/{P}:16:27: control character U+000D is not allowed Hint: {CONTROL_HINT}",
    ),
    # Escapes in double-quoted text decode to the same invisible characters: refused too, at the
    # quote, and an error line shows them escaped (a key with ESC cannot recolour a terminal).
    case(
        "escaped-nul-escape-and-delete",
        replace(
            P, "    name: Jabatan Pelaksana\n", '    name: "Jabatan\\0 Pelak\\e[31msana\\x7f"\n'
        ),
        f"std/{P}:14:11: positions[1].name: {ESCAPED.format('0000')}",
        f"std/{P}:14:11: positions[1].name: {ESCAPED.format('001B')}",
        f"std/{P}:14:11: positions[1].name: {ESCAPED.format('007F')}",
    ),
    case(
        "escaped-c1-and-line-separators",
        replace(
            P,
            "    description: Pelaksana kegiatan.\n",
            '    description: "Pelaksana\\Nkegiatan\\L\\P\\x9b\\r"\n',
        ),
        f"std/{P}:16:18: positions[1].description: {ESCAPED.format('000D')}",
        f"std/{P}:16:18: positions[1].description: {ESCAPED.format('0085')}",
        f"std/{P}:16:18: positions[1].description: {ESCAPED.format('009B')}",
        f"std/{P}:16:18: positions[1].description: {ESCAPED.format('2028')}",
        f"std/{P}:16:18: positions[1].description: {ESCAPED.format('2029')}",
    ),
    case(
        "escaped-bidirectional-overrides",
        replace(
            P,
            "    description: Pelaksana kegiatan.\n",
            '    description: "Pelaksana \\u202Enatagiek\\u202C \\u2066x\\U00002069"\n',
        ),
        f"std/{P}:16:18: positions[1].description: {ESCAPED.format('202C')}",
        f"std/{P}:16:18: positions[1].description: {ESCAPED.format('202E')}",
        f"std/{P}:16:18: positions[1].description: {ESCAPED.format('2066')}",
        f"std/{P}:16:18: positions[1].description: {ESCAPED.format('2069')}",
    ),
    case(
        "escaped-control-in-a-list-item",
        replace(K, "aliases: []\n", 'aliases: [Kolaborasi, "Kerja\\x00sama"]\n'),
        f"std/{K}:6:23: aliases[1]: {ESCAPED.format('0000')}",
    ),
    case(
        "escaped-control-in-a-key-is-shown-escaped",
        replace(P, "    verified: false\n", '    verified: false\n    "warna\\e[31m": 1\n'),
        f"std/{P}:19:5: positions[1].warna\\x1b[31m: {ESCAPED.format('001B')}",
        f"std/{P}:19:5: positions[1].warna\\x1b[31m: unknown key 'warna\\x1b[31m' "
        "Hint: allowed keys: id, name, category, description, sources, verified, targets",
    ),
    case(
        "raw-bidirectional-override",
        replace(P, "    name: Jabatan Pelaksana\n", "    name: Jabatan \u202ePelaksana\u2069\n"),
        f"std/{P}:14:19: control character U+202E is not allowed Hint: {CONTROL_HINT}",
        f"std/{P}:14:29: control character U+2069 is not allowed Hint: {CONTROL_HINT}",
    ),
    # Tabs and quotes.
    case(
        "tab-indentation",
        replace(P, "    verified: false\n", "\tverified: false\n"),
        f"std/{P}:18:1: tab characters cannot be used for indentation Hint: indent with spaces",
    ),
    case(
        "tab-inside-a-value",
        replace(P, "    name: Jabatan Pelaksana\n", "    name: Jabatan\tPelaksana\n"),
        f"std/{P}:14:18: a tab character is not allowed here Hint: replace it with a space",
    ),
    case(
        "unclosed-double-quote",
        replace(P, "    name: Jabatan Pelaksana\n", '    name: "Jabatan Pelaksana\n'),
        f"std/{P}:14:11: a quoted text is never closed Hint: add the closing quote",
    ),
    case(
        "unclosed-single-quote-at-end-of-file",
        replace(F, "short_title: Kompetensi Uji\n", "short_title: 'Kompetensi Uji\n"),
        f"std/{F}:4:14: a quoted text is never closed Hint: add the closing quote",
    ),
    case(
        "unclosed-flow-list",
        replace(P, "    verified: true\n", "    verified: [true\n"),
        f"std/{P}:8:15: a list opened with '[' is never closed Hint: add the closing ']'",
    ),
    # Anchors, aliases, merge keys.
    case(
        "anchor",
        replace(K, "name: Kerjasama\n", "name: &n Kerjasama\n"),
        f"std/{K}:3:7: name: anchors (&n) are not allowed Hint: {ANCHOR_HINT}",
    ),
    case(
        "alias",
        (
            replace(K, "name: Kerjasama\n", "name: &n Kerjasama\n"),
            replace(K, "aliases: []\n", "aliases: [*n]\n"),
        ),
        f"std/{K}:3:7: name: anchors (&n) are not allowed Hint: {ANCHOR_HINT}",
        f"std/{K}:6:11: aliases[0]: aliases (*n) are not allowed Hint: {ANCHOR_HINT}",
    ),
    case("billion-laughs", write(P, BOMB), *BOMB_LINES),
    case(
        "merge-key",
        replace(L, '  - {level: 2, category: "70"', '  - {<<: {jp: 1}, level: 2, category: "70"'),
        f"std/{L}:7:6: activities[3]: merge keys (<<) are not allowed Hint: write the keys out in full",
    ),
    # Tags.
    case(
        "explicit-str-tag",
        replace(K, "name: Kerjasama\n", "name: !!str Kerjasama\n"),
        f"std/{K}:3:7: name: explicit tags (tag:yaml.org,2002:str) are not allowed Hint: {TAG_HINT}",
    ),
    case(
        "python-object-apply-tag",
        replace(K, "name: Kerjasama\n", 'name: !!python/object/apply:os.system ["echo pwned"]\n'),
        f"std/{K}:3:7: name: expected a text, got a list",
        f"std/{K}:3:7: name: explicit tags (tag:yaml.org,2002:python/object/apply:os.system) "
        f"are not allowed Hint: {TAG_HINT}",
    ),
    case(
        "python-object-tag",
        replace(K, "name: Kerjasama\n", "name: !!python/object:os.system Kerjasama\n"),
        f"std/{K}:3:7: name: explicit tags (tag:yaml.org,2002:python/object:os.system) are not "
        f"allowed Hint: {TAG_HINT}",
    ),
    case(
        "local-tag",
        replace(K, "name: Kerjasama\n", "name: !teks Kerjasama\n"),
        f"std/{K}:3:7: name: explicit tags (!teks) are not allowed Hint: {TAG_HINT}",
    ),
    # Documents.
    case(
        "two-documents",
        append(P, "---\npositions: []\n"),
        f"std/{P}:23:1: {ONE_DOCUMENT}",
    ),
    case(
        "document-end-marker-then-more",
        append(P, "...\npositions: []\n"),
        f"std/{P}:24:1: only one YAML document per file is allowed "
        "Hint: remove the '...' end marker and everything after it",
    ),
    case(
        "empty-file", write(P, b""), f"std/{P}:1:1: the file is empty Hint: remove it or fill it in"
    ),
    case(
        "whitespace-only-file",
        write(P, "  \n\n"),
        f"std/{P}:1:1: the file is empty Hint: remove it or fill it in",
    ),
    case(
        "comment-only-file",
        write(P, "# yaml-language-server: $schema=x\n# nothing else\n"),
        f"std/{P}:1:1: the file is empty Hint: remove it or fill it in",
    ),
    case(
        "null-document",
        write(P, "~\n"),
        f"std/{P}:1:1: (document): expected a mapping, got nothing (null)",
    ),
    case(
        "list-document",
        write(P, "- a\n"),
        f"std/{P}:1:1: (document): expected a mapping, got a list",
    ),
    # Size and depth.
    case("nested-41-flow", write(P, NESTED_41), DEEP_LINE),
    case("nested-1000-flow", write(P, NESTED_1000), DEEP_LINE),
    case(
        "nested-50-block",
        write(P, NESTED_BLOCK),
        f"std/{P}:40:79: the data is nested more than 40 levels deep Hint: flatten the structure",
    ),
    case(
        "oversized-file",
        write(P, b"# big\n" + b"#" * MB + b"\n"),
        f"std/{P}:1:1: the file is too large (1000007 bytes; the limit is 1000000 bytes) "
        "Hint: split it into several files",
    ),
    # Duplicate keys at several depths.
    case(
        "duplicate-key-top-level",
        replace(K, "aliases: []\n", "order: 3\n"),
        f"std/{K}:6:1: order: duplicate key 'order' (first defined on line 5) "
        f"Hint: {DUPLICATE_HINT}",
    ),
    case(
        "duplicate-key-quoted-and-plain",
        replace(K, "aliases: []\n", "'order': 3\n"),
        f"std/{K}:6:1: order: duplicate key 'order' (first defined on line 5) "
        f"Hint: {DUPLICATE_HINT}",
    ),
    case(
        "duplicate-key-in-indicator",
        replace(
            K, "        example: Contoh Kerjasama 2.2.\n", "        text: Contoh Kerjasama 2.2.\n"
        ),
        f"std/{K}:26:9: levels[1].indicators[1].text: duplicate key 'text' (first defined on "
        f"line 25) Hint: {DUPLICATE_HINT}",
    ),
    case(
        "duplicate-key-in-targets",
        replace(P, "      perekat-bangsa: 1\n", "      kerjasama: 2\n"),
        f"std/{P}:20:7: positions[1].targets: no target for perekat-bangsa Hint: {TARGET_HINT}",
        f"std/{P}:22:7: positions[1].targets.kerjasama: duplicate key 'kerjasama' (first defined "
        f"on line 21) Hint: {DUPLICATE_HINT}",
    ),
    case(
        "duplicate-key-in-flow-mapping",
        replace(
            L,
            "jp: 4, activity: Tugas Kerjasama level 2.",
            "jp: 4, jp: 5, activity: Tugas Kerjasama level 2.",
        ),
        f"std/{L}:7:56: activities[3].jp: duplicate key 'jp' (first defined on line 7) "
        f"Hint: {DUPLICATE_HINT}",
    ),
    case(
        "complex-key",
        append(K, "? [a]\n: b\n"),
        f"std/{K}:36:3: (document): keys must be plain text Hint: write the key as a word",
    ),
]


SCHEMA_CASES = [
    # Required and unknown keys.
    case(
        "missing-required-key",
        replace(K, "name: Kerjasama\n", "# name: Kerjasama\n"),
        f"std/{K}:2:1: (document): missing required key 'name'",
    ),
    case(
        "missing-required-key-in-list-item",
        replace(K, "        text: Kerjasama indikator dua pada level dua.\n", "        # text\n"),
        f"std/{K}:24:9: levels[1].indicators[1]: missing required key 'text'",
    ),
    case(
        "unknown-key-did-you-mean",
        replace(K, "aliases: []\n", "aliasses: []\n"),
        f"std/{K}:6:1: aliasses: unknown key 'aliasses' Hint: did you mean 'aliases'?",
    ),
    case(
        "unknown-key-lists-allowed-keys",
        replace(K, "aliases: []\n", "warna: merah\n"),
        f"std/{K}:6:1: warna: unknown key 'warna' Hint: {COMPETENCY_KEYS}",
    ),
    case(
        "misspelt-required-key",
        replace(P, "    verified: true\n", "    verifed: true\n"),
        f"std/{P}:3:5: positions[0]: missing required key 'verified'",
        f"std/{P}:8:5: positions[0].verifed: unknown key 'verifed' Hint: did you mean 'verified'?",
    ),
    # Wrong types, one per type.
    case(
        "text-got-list",
        replace(K, "name: Kerjasama\n", "name: [Kerjasama]\n"),
        f"std/{K}:3:7: name: expected a text, got a list",
    ),
    case(
        "text-got-mapping",
        replace(K, "definition: Definisi Kerjasama untuk data uji.\n", "definition: {id: x}\n"),
        f"std/{K}:7:13: definition: expected a text, got a mapping",
    ),
    case(
        "text-got-null",
        replace(K, "name: Kerjasama\n", "name:\n"),
        f"std/{K}:3:6: name: expected a text, got nothing (null)",
    ),
    case(
        "integer-got-text",
        replace(K, "order: 2\n", "order: dua\n"),
        f"std/{K}:5:8: order: expected an integer, got 'dua'",
    ),
    case(
        "integer-got-float",
        replace(K, "order: 2\n", "order: 2.0\n"),
        f"std/{K}:5:8: order: expected an integer, got '2.0'",
    ),
    case(
        "integer-got-hex",
        replace(K, "order: 2\n", "order: 0x2\n"),
        f"std/{K}:5:8: order: expected an integer, got '0x2'",
    ),
    case(
        "integer-with-leading-zero",
        replace(K, "order: 2\n", "order: 02\n"),
        f"std/{K}:5:8: order: expected an integer, got '02' "
        "Hint: write the number without leading zeros",
    ),
    case(
        "integer-in-quotes",
        replace(K, "order: 2\n", 'order: "3"\n'),
        f"std/{K}:5:8: order: expected an integer, got '3' Hint: remove the quotes",
    ),
    case(
        "integer-or-null-got-text",
        replace(P, "      kerjasama: 1\n", "      kerjasama: tinggi\n"),
        f"std/{P}:21:18: positions[1].targets.kerjasama: expected an integer or null, got "
        "'tinggi' Hint: a target is a level from 1 to 5, or null when unknown",
    ),
    case(
        "boolean-yes",
        replace(P, "    verified: false\n", "    verified: yes\n"),
        f"std/{P}:18:15: positions[1].verified: expected true or false, got 'yes' "
        f"Hint: {BOOLEAN_HINT}",
    ),
    case(
        "boolean-no",
        replace(P, "    verified: false\n", "    verified: no\n"),
        f"std/{P}:18:15: positions[1].verified: expected true or false, got 'no' "
        f"Hint: {BOOLEAN_HINT}",
    ),
    case(
        "boolean-on",
        replace(P, "    verified: false\n", "    verified: on\n"),
        f"std/{P}:18:15: positions[1].verified: expected true or false, got 'on' "
        f"Hint: {BOOLEAN_HINT}",
    ),
    case(
        "boolean-off",
        replace(P, "    verified: false\n", "    verified: off\n"),
        f"std/{P}:18:15: positions[1].verified: expected true or false, got 'off' "
        f"Hint: {BOOLEAN_HINT}",
    ),
    case(
        "boolean-capitalised",
        replace(P, "    verified: false\n", "    verified: False\n"),
        f"std/{P}:18:15: positions[1].verified: expected true or false, got 'False' "
        f"Hint: {BOOLEAN_HINT}",
    ),
    case(
        "boolean-got-number",
        replace(P, "    verified: false\n", "    verified: 0\n"),
        f"std/{P}:18:15: positions[1].verified: expected true or false, got '0'",
    ),
    case(
        "mapping-got-text",
        replace(
            F,
            "source:\n  regulation: Peraturan Uji Nomor 1 Tahun 2024\n  short: PU 1/2024\n"
            "  part: Lampiran\n  note: Data uji, bukan teks resmi.\n",
            "source: PermenPANRB 38/2017\n\n\n\n\n",
        ),
        f"std/{F}:6:9: source: expected a mapping, got 'PermenPANRB 38/2017'",
    ),
    case(
        "list-got-text",
        replace(K, "aliases: []\n", "aliases: Kerja Sama\n"),
        f"std/{K}:6:10: aliases: expected a list, got 'Kerja Sama' Hint: {ALIASES_HINT}",
    ),
    case(
        "list-got-mapping",
        replace(K, "aliases: []\n", "aliases: {kerja: sama}\n"),
        f"std/{K}:6:10: aliases: expected a list, got a mapping Hint: {ALIASES_HINT}",
    ),
    # Ranges, enums, patterns, lengths.
    case(
        "integer-above-maximum",
        replace(
            L,
            '  - {level: 1, category: "70", form: penugasan, jp: 4,',
            '  - {level: 1, category: "70", form: penugasan, jp: 5000,',
        ),
        f"std/{L}:4:53: activities[0].jp: expected an integer from 1 to 1000, got 5000",
    ),
    case(
        "integer-below-minimum",
        replace(K, "order: 2\n", "order: 0\n"),
        f"std/{K}:5:8: order: expected an integer from 1 to 9999, got 0",
    ),
    case(
        "negative-integer",
        replace(K, "order: 2\n", "order: -1\n"),
        f"std/{K}:5:8: order: expected an integer from 1 to 9999, got -1",
    ),
    case(
        "target-level-out-of-range",
        replace(P, "      kerjasama: 1\n", "      kerjasama: 6\n"),
        f"std/{P}:21:18: positions[1].targets.kerjasama: expected an integer from 1 to 5, got 6 "
        "Hint: a target is a level from 1 to 5, or null when unknown",
    ),
    case(
        "integer-with-5000-digits",
        replace(K, "order: 2\n", "order: " + "9" * 5000 + "\n"),
        f"std/{K}:5:8: order: expected an integer from 1 to 9999, got '{'9' * 37}...'",
    ),
    case(
        "enum-did-you-mean",
        replace(K, "group: manajerial\n", "group: manajerail\n"),
        f"std/{K}:4:8: group: expected one of 'manajerial', 'sosial_kultural', 'teknis', got "
        "'manajerail' Hint: did you mean 'manajerial'?",
    ),
    case(
        "level-rule-unknown",
        replace(F, "  met_threshold: 3\n", "  met_threshold: 3\n  level_rule: semua\n"),
        f"std/{F}:30:15: assessment.level_rule: expected one of 'all', 'majority', 'mean', got "
        "'semua'",
    ),
    case(
        "enum-no-close-match",
        replace(P, "    category: administrasi\n", "    category: struktural\n"),
        f"std/{P}:15:15: positions[1].category: expected one of 'pimpinan_tinggi', "
        "'administrasi', 'fungsional', 'lainnya', got 'struktural'",
    ),
    case(
        "slug-pattern",
        replace(P, "  - id: pelaksana\n", "  - id: Jabatan Pelaksana\n"),
        f"std/{P}:13:9: positions[1].id: 'Jabatan Pelaksana' is not in the expected form "
        "Hint: ids are lowercase slugs such as jpt-pratama",
    ),
    case(
        "path-traversal-in-position-id",
        replace(P, "  - id: pelaksana\n", "  - id: ../../etc/passwd\n"),
        f"std/{P}:13:9: positions[1].id: '../../etc/passwd' is not in the expected form "
        "Hint: ids are lowercase slugs such as jpt-pratama",
    ),
    case(
        "path-traversal-in-form",
        replace(
            L,
            "form: coaching, jp: 2, activity: Coaching Kerjasama level 2.",
            "form: ../../etc/passwd, jp: 2, activity: Coaching Kerjasama level 2.",
        ),
        f"std/{L}:8:38: activities[4].form: '../../etc/passwd' is not in the expected form "
        "Hint: it must match ^[a-z0-9]+(-[a-z0-9]+)*$",
        f"std/{L}:8:38: activities[4].form: unknown learning form '../../etc/passwd' "
        "Hint: use an id from learning.forms in framework.yaml",
    ),
    case(
        "path-traversal-in-target-key",
        replace(
            P, "      perekat-bangsa: 1\n", "      perekat-bangsa: 1\n      ../integritas: 1\n"
        ),
        f"std/{P}:23:7: positions[1].targets.../integritas: '../integritas' is not in the "
        "expected form Hint: it must match ^[a-z0-9]+(-[a-z0-9]+)*$",
        f"std/{P}:23:7: positions[1].targets.../integritas: unknown competency '../integritas' "
        "Hint: did you mean 'integritas'?",
    ),
    case(
        "empty-text",
        replace(K, "name: Kerjasama\n", 'name: "  "\n'),
        f"std/{K}:3:7: name: expected a non-empty text, got an empty one",
    ),
    case(
        "text-too-long",
        replace(F, "short_title: Kompetensi Uji\n", "short_title: " + "x" * 41 + "\n"),
        f"std/{F}:4:14: short_title: text is too long (41 characters; at most 40)",
    ),
    case(
        "empty-list",
        replace(K, "    indicators:\n" + INDICATORS_OF_K_LEVEL_3, "    indicators: []\n"),
        f"std/{K}:29:17: levels[2].indicators: expected a non-empty list, got an empty one "
        "Hint: every level needs its behavioural indicators",
    ),
    case(
        "null-list",
        write(L, "competency: kerjasama\nactivities:\n"),
        f"std/{L}:2:12: activities: expected a non-empty list, got nothing (null)",
    ),
    case(
        "too-few-items",
        replace(
            F,
            "    - value: 2\n      label: Kadang-kadang\n      description: Sesekali menunjukkan "
            "perilaku ini.\n    - value: 3\n      label: Sering\n      description: Sering "
            "menunjukkan perilaku ini.\n    - value: 4\n      label: Selalu\n      description: "
            "Selalu menunjukkan perilaku ini.\n",
            "\n" * 9,
        ),
        f"std/{F}:32:5: assessment.scale: expected at least 2 items, got 1",
    ),
    # Items of a list of mappings that are not mappings.
    case(
        "position-that-is-a-text",
        append(P, "  - pengawas\n"),
        f"std/{P}:23:5: positions[2]: expected a mapping, got 'pengawas'",
    ),
    case(
        "level-that-is-a-number",
        append(K, "  - 4\n"),
        f"std/{K}:36:5: levels[3]: expected a mapping, got '4'",
    ),
    case(
        "indicator-that-is-a-text",
        append(K, "      - kerjasama.3.3\n"),
        f"std/{K}:36:9: levels[2].indicators[2]: expected a mapping, got 'kerjasama.3.3'",
    ),
    case(
        "activity-that-is-a-text",
        append(L, "  - kursus\n"),
        f"std/{L}:13:5: activities[9]: expected a mapping, got 'kursus'",
    ),
    case(
        "learning-form-that-is-a-text",
        append(F, "    - kursus\n"),
        f"std/{F}:63:7: learning.forms[4]: expected a mapping, got 'kursus'",
    ),
]


def _swap(data: bytes, a: bytes, b: bytes) -> bytes:
    return data.replace(a, b"\0").replace(b, a).replace(b"\0", b)


def _renamed_copy(source: str, target: str, old: str, new: str, name: str) -> tuple[Edit, ...]:
    """A new competency file made from ``source`` with its id (and name, order) changed."""
    return (
        copy(source, target),
        transform(
            target,
            lambda b: (
                b.replace(old.encode(), new.encode())
                .replace(old.capitalize().encode(), name.encode())
                .replace(b"order: 2\n", b"order: 3\n")
            ),
        ),
    )


CROSS_FILE_CASES = [
    # Competencies.
    case(
        "id-differs-from-file-name",
        (copy(K, "competencies/kerja-sama.yaml"), delete(K)),
        "std/competencies/kerja-sama.yaml:2:5: id: the id 'kerjasama' differs from the file name "
        "'kerja-sama.yaml' Hint: rename the file to kerjasama.yaml or fix the id",
    ),
    case(
        "id-typo-reported-once",
        replace(K, "id: kerjasama\n", "id: kerjasma\n"),
        f"std/{K}:2:5: id: the id 'kerjasma' differs from the file name 'kerjasama.yaml' "
        "Hint: rename the file to kerjasma.yaml or fix the id",
    ),
    case(
        "duplicate-competency-id",
        copy(I, "competencies/integritas-2.yaml"),
        "std/competencies/integritas-2.yaml:2:5: id: duplicate competency id 'integritas' (also "
        f"in std/{I}) Hint: every id must be unique",
        "std/competencies/integritas-2.yaml:2:5: id: the id 'integritas' differs from the file "
        "name 'integritas-2.yaml' Hint: rename the file to integritas.yaml or fix the id",
        f"std/{I}:2:5: id: duplicate competency id 'integritas' (also in "
        "std/competencies/integritas-2.yaml) Hint: every id must be unique",
    ),
    case(
        "reserved-id-index",
        _renamed_copy(K, "competencies/index.yaml", "kerjasama", "index", "Indeks"),
        "std/competencies/index.yaml:2:5: id: 'index' is reserved for a site page "
        "Hint: choose another id",
        f"std/{P}:10:7: positions[0].targets: no target for index Hint: {TARGET_HINT}",
        f"std/{P}:20:7: positions[1].targets: no target for index Hint: {TARGET_HINT}",
    ),
    case(
        "duplicate-name-ignoring-case",
        replace(K, "name: Kerjasama\n", "name: INTEGRITAS\n"),
        f"std/{K}:3:7: name: the name 'INTEGRITAS' is already used by 'integritas' "
        "Hint: two competencies cannot share a name",
    ),
    case(
        "duplicate-order-in-group",
        replace(K, "order: 2\n", "order: 1\n"),
        f"std/{K}:5:8: order: order 1 is already used by 'integritas' in group 'manajerial' "
        "Hint: give each competency its own place",
    ),
    case(
        "undeclared-group",
        replace(
            F,
            "  - id: sosial_kultural\n    name: Kompetensi Sosial Kultural\n"
            "    description: Berinteraksi dengan masyarakat majemuk.\n",
            "\n\n\n",
        ),
        "std/competencies/perekat-bangsa.yaml:4:8: group: group 'sosial_kultural' is not "
        "declared in framework.yaml Hint: add it under groups: in framework.yaml",
    ),
    # Levels and indicators.
    case(
        "level-gap",
        transform(
            K,
            lambda b: b.replace(b"level: 3\n", b"level: 4\n").replace(
                b"kerjasama.3.", b"kerjasama.4."
            ),
        ),
        f"std/{K}:27:12: levels[2].level: expected level 3 here, got 4 "
        "Hint: levels must run 1, 2, ... in order without gaps",
    ),
    case(
        "level-disorder",
        transform(
            K,
            lambda b: _swap(
                _swap(b, b"level: 2\n", b"level: 3\n"), b"kerjasama.2.", b"kerjasama.3."
            ),
        ),
        f"std/{K}:18:12: levels[1].level: expected level 2 here, got 3 "
        "Hint: levels must run 1, 2, ... in order without gaps",
        f"std/{K}:27:12: levels[2].level: expected level 3 here, got 2 "
        "Hint: levels must run 1, 2, ... in order without gaps",
    ),
    case(
        "level-number-typo-reported-once",
        replace(K, "  - level: 3\n", "  - level: 4\n"),
        f"std/{K}:27:12: levels[2].level: expected level 3 here, got 4 "
        "Hint: levels must run 1, 2, ... in order without gaps",
    ),
    case(
        "wrong-number-of-levels",
        replace(K, LEVEL_3_OF_K, ""),
        f"std/{K}:9:3: levels: expected 3 levels, got 2 "
        "Hint: every competency describes each level of framework.yaml",
    ),
    case(
        "indicator-id-out-of-place",
        replace(K, "      - id: kerjasama.2.2\n", "      - id: kerjasama.2.3\n"),
        f"std/{K}:24:13: levels[1].indicators[1].id: expected the id 'kerjasama.2.2' here, got "
        f"'kerjasama.2.3' Hint: {INDICATOR_HINT}",
    ),
    case(
        "indicator-id-of-another-competency",
        replace(K, "      - id: kerjasama.2.2\n", "      - id: integritas.2.2\n"),
        f"std/{K}:24:13: levels[1].indicators[1].id: expected the id 'kerjasama.2.2' here, got "
        f"'integritas.2.2' Hint: {INDICATOR_HINT}",
    ),
    case(
        "indicator-id-pattern",
        replace(K, "      - id: kerjasama.2.2\n", "      - id: kerjasama-2-2\n"),
        f"std/{K}:24:13: levels[1].indicators[1].id: 'kerjasama-2-2' is not in the expected "
        "form Hint: indicator ids look like integritas.3.2",
        f"std/{K}:24:13: levels[1].indicators[1].id: expected the id 'kerjasama.2.2' here, got "
        f"'kerjasama-2-2' Hint: {INDICATOR_HINT}",
    ),
    # Positions.
    case(
        "position-unknown-competency-did-you-mean",
        replace(P, "      kerjasama: 1\n", "      kerjasma: 1\n"),
        f"std/{P}:20:7: positions[1].targets: no target for kerjasama Hint: {TARGET_HINT}",
        f"std/{P}:21:7: positions[1].targets.kerjasma: unknown competency 'kerjasma' "
        "Hint: did you mean 'kerjasama'?",
    ),
    case(
        "position-unknown-competency",
        append(P, "      empati: 2\n"),
        f"std/{P}:23:7: positions[1].targets.empati: unknown competency 'empati' "
        "Hint: use an id from standards/competencies/",
    ),
    case(
        "position-missing-target",
        replace(P, "      perekat-bangsa: 1\n", ""),
        f"std/{P}:20:7: positions[1].targets: no target for perekat-bangsa Hint: {TARGET_HINT}",
    ),
    case(
        "duplicate-position-id",
        replace(P, "  - id: pelaksana\n", "  - id: jpt-pratama\n"),
        f"std/{P}:13:9: positions[1].id: duplicate position id 'jpt-pratama' (first defined on line 3) "
        "Hint: every id must be unique",
    ),
    # Learning catalogue.
    case(
        "learning-unknown-form",
        replace(
            L,
            "form: coaching, jp: 2, activity: Coaching Kerjasama level 2.",
            "form: coachng, jp: 2, activity: Coaching Kerjasama level 2.",
        ),
        f"std/{L}:8:38: activities[4].form: unknown learning form 'coachng' "
        "Hint: did you mean 'coaching'?",
    ),
    case(
        "learning-category-differs-from-form",
        replace(
            L,
            "form: coaching, jp: 2, activity: Coaching Kerjasama level 2.",
            "form: kursus, jp: 2, activity: Coaching Kerjasama level 2.",
        ),
        f"std/{L}:8:26: activities[4].category: the form 'kursus' belongs to category '10', "
        "not '20' Hint: change the category or pick a form of this category",
    ),
    case(
        "learning-unknown-competency",
        write(
            "learning/empati.yaml",
            "competency: empati\nactivities:\n"
            '  - {level: 1, category: "70", form: penugasan, jp: 4, activity: Tugas., id: empati-1}\n',
        ),
        "std/learning/empati.yaml:1:13: competency: unknown competency 'empati' "
        "Hint: use an id from standards/competencies/",
    ),
    case(
        "learning-competency-differs-from-file-name",
        replace(L, "competency: kerjasama\n", "competency: kerjasma\n"),
        f"std/{L}:2:13: competency: 'kerjasma' differs from the file name 'kerjasama.yaml' "
        "Hint: rename the file to kerjasma.yaml",
        f"std/{L}:2:13: competency: unknown competency 'kerjasma' Hint: did you mean 'kerjasama'?",
    ),
    case(
        "duplicate-learning-catalogue",
        copy(L, "learning/kerjasama-2.yaml"),
        "std/learning/kerjasama-2.yaml:2:13: competency: 'kerjasama' differs from the file name "
        "'kerjasama-2.yaml' Hint: rename the file to kerjasama.yaml",
        "std/learning/kerjasama-2.yaml:2:13: competency: a catalogue for 'kerjasama' already "
        f"exists in std/{L} Hint: keep one catalogue file per competency",
        f"std/{L}:2:13: competency: a catalogue for 'kerjasama' already exists in "
        "std/learning/kerjasama-2.yaml Hint: keep one catalogue file per competency",
    ),
    case(
        "learning-activity-for-a-level-the-competency-lacks",
        append(
            L,
            '  - {level: 4, category: "70", form: penugasan, jp: 4, activity: Tugas level 4., id: kerjasama-4}\n',
        ),
        f"std/{L}:13:13: activities[9].level: 'kerjasama' has no level 4 "
        "Hint: its levels run from 1 to 3",
    ),
    case(
        "verified-with-one-source",
        replace(P, "sources: [Data uji A., Data uji B.]", "sources: [Data uji A.]"),
        f"std/{P}:8:15: positions[0].verified: verified is true, but sources lists "
        "only 1 distinct source "
        "Hint: name at least two independent sources that give these targets, or set "
        "verified: false",
    ),
    case(
        "verified-with-the-same-source-twice",
        replace(P, "sources: [Data uji A., Data uji B.]", "sources: [Data uji A., data  uji a.]"),
        f"std/{P}:8:15: positions[0].verified: verified is true, but sources lists "
        "only 1 distinct source "
        "Hint: name at least two independent sources that give these targets, or set "
        "verified: false",
    ),
    case(
        "verified-without-sources",
        replace(P, "sources: [Data uji A., Data uji B.]", "sources: []"),
        f"std/{P}:8:15: positions[0].verified: verified is true, but sources lists "
        "no source "
        "Hint: name at least two independent sources that give these targets, or set "
        "verified: false",
    ),
    case(
        # One mistake, one error: the schema's range, not also "has no level 6".
        "learning-activity-level-above-every-level",
        append(
            L,
            '  - {level: 6, category: "70", form: penugasan, jp: 4, activity: Tugas level 6., '
            "id: kerjasama-6}\n",
        ),
        f"std/{L}:13:13: activities[9].level: expected an integer from 1 to 5, got 6",
    ),
    case(
        "activity-id-used-in-another-catalogue",
        replace(L, "id: kerjasama-coaching-2}", "id: integritas-coaching-2}"),
        f"std/{L}:8:98: activities[4].id: duplicate activity id 'integritas-coaching-2' (also at "
        "std/learning/integritas.yaml:8:99) Hint: every activity id must be unique across "
        "standards/learning/",
    ),
    case(
        "activity-id-repeated-in-one-catalogue",
        replace(L, "id: kerjasama-coaching-2}", "id: kerjasama-coaching-1}"),
        f"std/{L}:8:98: activities[4].id: duplicate activity id 'kerjasama-coaching-1' (also at "
        f"std/{L}:5:98) Hint: every activity id must be unique across standards/learning/",
    ),
    case(
        "activity-id-not-a-slug",
        replace(L, "id: kerjasama-coaching-2}", "id: Kerjasama_Coaching}"),
        f"std/{L}:8:98: activities[4].id: 'Kerjasama_Coaching' is not in the expected form "
        "Hint: a unique id of lowercase words joined by hyphens, e.g. integritas-catatan-janji-kerja",
    ),
    case(
        "activity-without-id",
        replace(L, ", id: kerjasama-coaching-2}", "}"),
        f"std/{L}:8:5: activities[4]: missing required key 'id' "
        "Hint: a unique id of lowercase words joined by hyphens, e.g. integritas-catatan-janji-kerja",
    ),
    case(
        "activity-arranged-by-agency-not-a-boolean",
        replace(
            L,
            ", id: kerjasama-coaching-2}",
            ", id: kerjasama-coaching-2, arranged_by_agency: ya}",
        ),
        f"std/{L}:8:140: activities[4].arranged_by_agency: expected true or false, got 'ya'",
    ),
    # Framework.
    case(
        "scale-not-contiguous",
        replace(F, "    - value: 3\n", "    - value: 5\n"),
        f"std/{F}:38:14: assessment.scale[2].value: expected value 3 here, got 5 "
        "Hint: values must run 1, 2, ... in order without gaps",
    ),
    case(
        "met-threshold-at-lowest-answer",
        replace(F, "  met_threshold: 3\n", "  met_threshold: 1\n"),
        f"std/{F}:29:18: assessment.met_threshold: expected a value from 2 to 4 of the scale, "
        "got 1 Hint: the lowest answer can never count as met",
    ),
    case(
        "met-threshold-above-scale",
        replace(F, "  met_threshold: 3\n", "  met_threshold: 5\n"),
        f"std/{F}:29:18: assessment.met_threshold: expected a value from 2 to 4 of the scale, "
        "got 5 Hint: no answer on the scale could ever count as met",
    ),
    case(
        "category-percentages-not-100",
        replace(F, "      percent: 20\n", "      percent: 25\n"),
        f"std/{F}:46:5: learning.categories: the percentages add up to 105, not 100",
    ),
    case(
        "category-twice",
        replace(F, '    - id: "10"\n', '    - id: "20"\n'),
        f"std/{F}:46:5: learning.categories: expected the categories '70', '20' and '10' once "
        "each, got '70', '20', '20'",
    ),
    case(
        "framework-level-gap",
        replace(F, "  - level: 2\n", "  - level: 3\n"),
        f"std/{F}:15:12: levels[1].level: expected level 2 here, got 3 "
        "Hint: levels must run 1, 2, ... in order without gaps",
    ),
    case(
        "duplicate-form-id",
        replace(F, "    - {id: mentoring,", "    - {id: coaching,"),
        f"std/{F}:61:12: learning.forms[2].id: duplicate form id 'coaching' (first defined on line 60) "
        "Hint: every id must be unique",
    ),
    # Files and folders.
    case(
        "file-name-case-collision",
        copy(K, "competencies/KerjaSama.yaml"),
        "std/competencies/KerjaSama.yaml:2:5: id: the id 'kerjasama' differs from the file name "
        "'KerjaSama.yaml' Hint: rename the file to kerjasama.yaml or fix the id",
        f"std/{K}:1:1: file name collides with std/competencies/KerjaSama.yaml "
        "Hint: file names must differ in more than letter case",
    ),
    case(
        "unexpected-text-file",
        write("competencies/catatan.txt", "catatan\n"),
        "std/competencies/catatan.txt:1:1: unexpected file in the standards folder "
        "Hint: data files end in .yaml; move other files elsewhere",
    ),
    case(
        "unexpected-yml-extension",
        write("learning/catatan.yml", "competency: kerjasama\n"),
        "std/learning/catatan.yml:1:1: unexpected file in the standards folder "
        "Hint: data files end in .yaml; move other files elsewhere",
    ),
    case(
        "unexpected-folder",
        mkdir("competencies/arsip"),
        "std/competencies/arsip:1:1: unexpected file in the standards folder "
        "Hint: data files end in .yaml; move other files elsewhere",
    ),
    case(
        "missing-framework",
        delete(F),
        f"std/{F}:1:1: file not found Hint: every standards folder needs framework.yaml",
    ),
    case(
        "missing-positions",
        delete(P),
        f"std/{P}:1:1: file not found Hint: every standards folder needs positions.yaml",
    ),
    case(
        "broken-competency-file-reported-once",
        replace(K, "name: Kerjasama\n", "name: 'Kerjasama\n"),
        f"std/{K}:3:7: a quoted text is never closed Hint: add the closing quote",
    ),
    case(
        "missing-competencies-folder-reported-once",
        delete("competencies"),
        "std/competencies:1:1: folder not found Hint: a standards folder needs competencies/",
    ),
]

ALL_CASES = READER_CASES + SCHEMA_CASES + CROSS_FILE_CASES
