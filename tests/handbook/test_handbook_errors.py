"""Every message the handbook quotes is one ``kompetensi validate`` (or ``serve``) really prints.

Each ``<!-- galat: NAME -->`` block on a handbook page must equal, byte for byte, what the real
command writes to stderr for scenario NAME below: a scratch copy of ``standards/`` broken the
way the page describes. ``pytest --update-goldens`` rewrites the blocks from the real output
(review the diff of ``content/panduan/`` afterwards).
"""

from __future__ import annotations

import re
import socket
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from handbook_support import (
    HANDBOOK,
    ROOT,
    Block,
    example,
    kompetensi,
    marked_blocks,
    page_text,
    replace_once,
    scratch_standards,
)

# A mistake: (file under standards/, text to find exactly once, what the maintainer typed).
Edit = tuple[str, str, str]

MISTAKES: dict[str, list[Edit]] = {
    "tab": [
        (
            "positions.yaml",
            "    verified: false\n    targets:\n      integritas: 5\n",
            "\tverified: false\n    targets:\n      integritas: 5\n",
        )
    ],
    "titik-dua": [
        (
            "positions.yaml",
            "    name: Jabatan Pimpinan Tinggi Madya\n",
            "    name: Jabatan Pimpinan Tinggi Madya: Eselon I\n",
        )
    ],
    "kutip": [
        (
            "learning/integritas.yaml",
            '    category: "70"\n    form: penugasan\n    jp: 4\n    activity: >-\n      Catat',
            '    category: "70\n    form: penugasan\n    jp: 4\n    activity: >-\n      Catat',
        )
    ],
    "kunci-salah-ketik": [
        ("competencies/integritas.yaml", "\ndefinition: >-\n", "\ndefintion: >-\n")
    ],
    "kunci-ganda": [
        (
            "competencies/integritas.yaml",
            "      - id: integritas.1.1\n        text: >-\n",
            "      - id: integritas.1.1\n        text: Rumusan baru indikator ini.\n"
            "        text: >-\n",
        )
    ],
    "benar-salah": [
        (
            "positions.yaml",
            "    verified: false\n    targets:\n      integritas: 5\n",
            "    verified: ya\n    targets:\n      integritas: 5\n",
        )
    ],
    "target-di-luar-rentang": [
        ("positions.yaml", "      integritas: 5\n", "      integritas: 6\n")
    ],
    "kode-kompetensi-salah": [("positions.yaml", "      komunikasi: 5\n", "      komunkasi: 5\n")],
    "kode-indikator": [
        (
            "competencies/integritas.yaml",
            "      - id: integritas.1.2\n",
            "      - id: integritas.1.1\n",
        )
    ],
    "kategori-bentuk": [
        (
            "learning/integritas.yaml",
            "    form: magang\n    jp: 16\n    activity: >-\n      Ikuti magang selama dua hari",
            "    form: coaching\n    jp: 16\n    activity: >-\n      Ikuti magang selama dua hari",
        )
    ],
    "spasi-tak-putus": [
        (
            "positions.yaml",
            "    name: Jabatan Pimpinan Tinggi Madya\n",
            "    name:\u00a0Jabatan Pimpinan Tinggi Madya\n",
        )
    ],
}
# Not a mistake: the warning after the "add a technical competency" task, before its catalogue.
OTHER_SCENARIOS = ("kompetensi-teknis",)
# Not the validator: `kompetensi serve` while another preview holds its port (perintah.md).
SERVE_SCENARIOS = ("serve-port-terpakai",)
MESSAGE_LINE = re.compile(r"^(warning: |peringatan: )?standards/\S+:\d+:\d+: ")
CATALOG = ROOT / "generator" / "locale" / "id" / "LC_MESSAGES" / "kompetensi.po"


def _scenario_output(name: str, tmp_path: Path) -> tuple[int, str]:
    standards = scratch_standards(tmp_path)
    if name == "kompetensi-teknis":
        target = standards / "competencies" / "pengelolaan-arsip-dinamis.yaml"
        target.write_text(example("kompetensi-teknis"), encoding="utf-8")
    else:
        for file, old, new in MISTAKES[name]:
            replace_once(standards / file, old, new)
    run = kompetensi(tmp_path, "validate")
    return run.returncode, run.stderr


def test_galat_page_shows_the_eleven_mistakes() -> None:
    shown = [b.name for b in marked_blocks("galat") if b.page == "galat.md"]
    assert shown == list(MISTAKES), "galat.md shows each mistake once, in this order"
    assert len(MISTAKES) == 11


def test_every_quoted_block_has_a_scenario() -> None:
    names = [b.name for b in marked_blocks("galat")]
    assert sorted(names) == sorted([*MISTAKES, *OTHER_SCENARIOS, *SERVE_SCENARIOS])


@pytest.mark.parametrize("name", [*MISTAKES, *OTHER_SCENARIOS])
def test_quoted_output_is_what_validate_prints(
    name: str, tmp_path: Path, update_goldens: bool
) -> None:
    (block,) = [b for b in marked_blocks("galat") if b.name == name]
    returncode, stderr = _scenario_output(name, tmp_path)
    assert returncode == (0 if name in OTHER_SCENARIOS else 1)
    assert "Traceback" not in stderr
    _check_block(block, stderr, update_goldens)


def test_quoted_output_is_what_serve_prints(tmp_path: Path, update_goldens: bool) -> None:
    """The default address, 127.0.0.1:8000, taken: the test's socket holds a free port instead
    (8000 may be a developer's own preview), and the page names 8000 where the output names it."""
    (block,) = [b for b in marked_blocks("galat") if b.name == "serve-port-terpakai"]
    (tmp_path / "mkdocs.yml").write_text("site_name: Uji\n", encoding="utf-8")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        run = kompetensi(tmp_path, "serve", "-a", f"127.0.0.1:{port}")
    assert (run.returncode, run.stdout) == (1, "")
    assert run.stderr.startswith(f"127.0.0.1:{port}: ")
    shown = "127.0.0.1:8000: " + run.stderr.removeprefix(f"127.0.0.1:{port}: ")
    _check_block(block, shown, update_goldens)


def _check_block(block: Block, output: str, update_goldens: bool) -> None:
    """The block quotes ``output`` exactly; ``--update-goldens`` rewrites it from ``output``."""
    if update_goldens and block.body != output:
        page = HANDBOOK / block.page
        text = page.read_text(encoding="utf-8")
        page.write_text(text[: block.start] + output + text[block.end :], encoding="utf-8")
        pytest.skip(f"rewrote the '{block.name}' block of {block.page}")
    assert block.body == output, f"refresh with: pytest {__file__} --update-goldens"


def test_no_message_is_quoted_outside_a_checked_block() -> None:
    checked = {(b.page, b.start) for b in marked_blocks("galat")}
    fence = re.compile(r"^```[a-z]*\n(.*?)^```$", re.MULTILINE | re.DOTALL)
    for page in sorted(HANDBOOK.glob("*.md")):
        text = page.read_text(encoding="utf-8")
        for match in fence.finditer(text):
            if (page.name, match.start(1)) in checked:
                continue
            quoted = [line for line in match.group(1).splitlines() if MESSAGE_LINE.match(line)]
            assert not quoted, f"{page.name}: unchecked validator output {quoted}"


def test_message_fragments_in_the_table_are_real() -> None:
    """The table of rarer messages quotes fragments of messages the validator really prints:
    in Indonesian, the translations in the catalog (``…`` stands for a value)."""
    text = page_text("galat.md")
    table = re.search(r"<!-- pesan-lain -->\n(.*?)<!-- /pesan-lain -->", text, re.DOTALL)
    assert table is not None
    fragments = re.findall(r"^\| `([^`]+)` \|", table.group(1), re.MULTILINE)
    assert len(fragments) >= 8
    with CATALOG.open("rb") as handle:
        translations = [
            re.sub(r"\{[a-z_]+\}", "…", str(message.string))
            for message in read_po(handle)
            if message.id and isinstance(message.string, str)
        ]
    for fragment in fragments:
        assert any(fragment in translation for translation in translations), (
            f"'{fragment}' is not part of a message the validator prints"
        )
