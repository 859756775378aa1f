"""The handbook's tasks as plain text edits of a ``standards/`` folder, one function each.

Each function does what the "Tugas Sehari-hari" page tells the maintainer to do, with the page's
own example where it shows one, and returns what the change should look like afterwards. The task
tests apply them one at a time; the site test applies them all and builds the site once.
"""

from __future__ import annotations

import re
from pathlib import Path

from handbook_support import append, example, replace_once

TEKNIS_ID = "pengelolaan-arsip-dinamis"
NEW_POSITION_ID = "analis-sdm-aparatur-ahli-muda"
EDITED_INDICATOR = "integritas.2.1"


def _position_block_span(text: str, position_id: str) -> tuple[int, int]:
    """Start and end offsets of one position's block in positions.yaml."""
    start = text.index(f"  - id: {position_id}\n")
    following = text.find("\n  - id: ", start + 1)
    return start, len(text) if following == -1 else following + 1


def _edit_position(standards: Path, position_id: str, old: str, new: str) -> None:
    positions = standards / "positions.yaml"
    text = positions.read_text(encoding="utf-8")
    start, end = _position_block_span(text, position_id)
    block = text[start:end]
    assert block.count(old) == 1, f"{position_id}: expected {old!r} once in its block"
    positions.write_text(text[:start] + block.replace(old, new) + text[end:], encoding="utf-8")


def change_target(standards: Path) -> None:
    """Administrator needs Komunikasi at level 4 instead of 3."""
    shown = example("target-jabatan")
    assert "- id: administrator" in shown
    assert re.search(r"^\s+komunikasi: 4\b", shown, re.MULTILINE)
    _edit_position(standards, "administrator", "      komunikasi: 3\n", "      komunikasi: 4\n")


def add_position(standards: Path) -> None:
    append(standards / "positions.yaml", example("jabatan-baru"))


def edit_indicator(standards: Path) -> str:
    """Rewords integritas.2.1 with the page's text; returns the text as the export shows it."""
    shown = example("indikator-baru")
    head = f"      - id: {EDITED_INDICATOR}\n        text: >-\n"
    assert shown.startswith(head)
    new_lines = shown.removeprefix(head)
    competency = standards / "competencies" / "integritas.yaml"
    text = competency.read_text(encoding="utf-8")
    match = re.search(re.escape(head) + r"((?:          \S.*\n)+)", text)
    assert match is not None, f"{EDITED_INDICATOR} has a folded text block"
    competency.write_text(text[: match.start(1)] + new_lines + text[match.end(1) :], "utf-8")
    return " ".join(line.strip() for line in new_lines.splitlines())


def add_teknis_competency(standards: Path) -> None:
    """The new technical competency file, and its target line for Pengawas."""
    (standards / "competencies" / f"{TEKNIS_ID}.yaml").write_text(
        example("kompetensi-teknis"), encoding="utf-8"
    )
    (line,) = [
        line for line in example("target-teknis").splitlines() if line.strip().startswith(TEKNIS_ID)
    ]
    _edit_position(standards, "pengawas", "    targets:\n", f"    targets:\n{line}\n")


def add_activity(standards: Path) -> None:
    append(standards / "learning" / "integritas.yaml", example("kegiatan-baru"))


def add_teknis_catalogue(standards: Path) -> None:
    (standards / "learning" / f"{TEKNIS_ID}.yaml").write_text(
        example("katalog-teknis"), encoding="utf-8"
    )


def bump_version(standards: Path) -> str:
    """Sets the page's version line; returns the new version."""
    shown = example("versi-baru").strip()
    match = re.fullmatch(r'version: "([^"]+)"', shown)
    assert match is not None
    framework = standards / "framework.yaml"
    current = re.search(r"^version: .*$", framework.read_text(encoding="utf-8"), re.MULTILINE)
    assert current is not None
    replace_once(framework, current.group(0) + "\n", shown + "\n")
    return match.group(1)
