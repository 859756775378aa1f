"""The message catalog, kept with Babel (a development tool; the runtime reads the .mo with gettext).

``make messages`` (``python tests/i18n/message_catalog.py``) does the three steps in one go:

1. extract every ``_()``, ``N_()`` and ``ngettext()`` msgid from ``generator/``, every
   ``x-hint`` of ``generator/schemas/*.json``, and the msgids of the running Python's
   ``argparse`` (its "usage:", "error:" and friends are ours to translate);
2. update ``generator/locale/id/LC_MESSAGES/kompetensi.po``: new msgids come in with an empty
   translation, msgids no longer in the code go (no obsolete entries, no fuzzy guesses);
3. compile the ``.po`` into the ``.mo`` next to it (committed: ``pip install`` ships it).

The ``.po`` carries no source locations and is sorted by msgid, so moving code never changes it
and two developers adding messages rarely touch the same lines. When a ``git merge`` leaves
conflict markers in the ``.po``, this command takes both sides' entries (and rebuilds the ``.mo``):
run it, check the result, ``git add`` both files.
``tests/i18n/test_catalog.py`` checks that nothing is missing and that the ``.mo`` is fresh.
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir, extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[2]
GENERATOR = ROOT / "generator"
PO_FILE = GENERATOR / "locale" / "id" / "LC_MESSAGES" / "kompetensi.po"
MO_FILE = PO_FILE.with_suffix(".mo")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
ARGPARSE_KEYWORDS = {"_": None, "ngettext": (1, 2)}
COMMAND = "make messages"
WIDTH = 100


def template() -> Catalog:
    """Every msgid the code and argparse use now, with no translation."""
    catalog = Catalog(domain="kompetensi", project="kompetensi-asn", fuzzy=False)
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(GENERATOR), method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        catalog.add(message)
    for _line, message, _comments, _context in extract_from_file(
        "python", argparse.__file__, keywords=ARGPARSE_KEYWORDS
    ):
        catalog.add(message)
    for hint in schema_hints():
        catalog.add(hint)
    return catalog


def schema_hints() -> list[str]:
    """Every ``x-hint`` of the schemas: the validator shows them as hints, translated."""
    found: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "x-hint" and isinstance(value, str):
                    found.append(value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    for path in sorted((GENERATOR / "schemas").glob("*.json")):
        walk(json.loads(path.read_text(encoding="utf-8")))
    return found


def read_catalog(path: Path = PO_FILE) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale="id", domain="kompetensi")


def po_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_po(
        buffer,
        catalog,
        width=WIDTH,
        no_location=True,
        sort_output=True,
        ignore_obsolete=True,
    )
    return buffer.getvalue()


def mo_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def _merged_sides() -> Catalog:
    """During a merge with a conflict in the ``.po``: both sides' entries (``git show :2:`` and
    ``:3:``), a translation from either side kept, ours first when both translated one msgid."""
    relative = PO_FILE.relative_to(ROOT).as_posix()
    sides = []
    for stage in (2, 3):
        text = subprocess.run(
            ["git", "show", f":{stage}:{relative}"], cwd=ROOT, capture_output=True, check=True
        ).stdout
        sides.append(read_po(io.BytesIO(text), locale="id", domain="kompetensi"))
    ours, theirs = sides
    for message in theirs:
        if not message.id:
            continue
        mine = ours.get(message.id)
        if mine is None:
            ours[message.id] = message
        elif not mine.string or mine.fuzzy:
            mine.string, mine.flags = message.string, message.flags
    return ours


def update() -> Catalog:
    """Steps 1 to 3; returns the updated catalog."""
    conflicted = b"\n<<<<<<< " in PO_FILE.read_bytes()
    catalog = _merged_sides() if conflicted else read_catalog()
    catalog.update(
        template(),
        no_fuzzy_matching=True,
        update_header_comment=False,
        update_creation_date=False,
    )
    PO_FILE.write_bytes(po_bytes(catalog))
    compiled = read_catalog()  # compile what is on disk, as the freshness test does
    MO_FILE.write_bytes(mo_bytes(compiled))
    return compiled


def untranslated(catalog: Catalog) -> list[str]:
    return [
        str(message.id)
        for message in catalog
        if message.id
        and (
            message.fuzzy
            or not message.string
            or (isinstance(message.string, tuple) and not all(message.string))
        )
    ]


def main() -> int:
    catalog = update()
    missing = untranslated(catalog)
    print(f"{PO_FILE.relative_to(ROOT)}: {len(catalog)} messages, {len(missing)} to translate")
    for msgid in missing:
        print(f"  msgid {msgid!r}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
