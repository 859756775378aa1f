"""The Indonesian catalog covers every message, and the committed .mo is its fresh compile."""

from __future__ import annotations

import gettext
import string
from pathlib import Path

from message_catalog import (
    COMMAND,
    MO_FILE,
    PO_FILE,
    ROOT,
    mo_bytes,
    po_bytes,
    read_catalog,
    template,
)

from generator import i18n

PO = PO_FILE.relative_to(ROOT)
HOW = (
    f"Run `{COMMAND}` (extracts the msgids, updates {PO}, compiles the .mo), write the formal "
    f"Indonesian translation of each entry with an empty msgstr in {PO}, then run "
    f"`{COMMAND}` again and commit both the .po and the .mo."
)


def _ids(message_id: str | tuple[str, ...]) -> tuple[str, ...]:
    return message_id if isinstance(message_id, tuple) else (message_id,)


def test_every_message_has_an_indonesian_translation() -> None:
    po = read_catalog()
    missing = []
    for message in template():
        if not message.id:
            continue
        found = po.get(message.id)
        strings = _ids(found.string) if found is not None else ()
        if found is None or found.fuzzy or not strings or not all(strings):
            missing.append(_ids(message.id)[0])
    assert not missing, f"{len(missing)} message(s) without a translation: {missing}\n{HOW}"


def test_no_obsolete_entries() -> None:
    extracted = {message.id for message in template() if message.id}
    obsolete = [_ids(m.id)[0] for m in read_catalog() if m.id and m.id not in extracted]
    assert not obsolete, f"{len(obsolete)} entr(ies) no longer in the code: {obsolete}\n{HOW}"


def _fields(text: str) -> list[str]:
    return sorted(name for _, name, _, _ in string.Formatter().parse(text) if name is not None)


def test_translations_keep_the_placeholders() -> None:
    """``{name}`` fields (and argparse's ``%(name)s``) are the same in msgid and msgstr."""
    wrong = []
    for message in read_catalog():
        if not message.id:
            continue
        for translated in _ids(message.string):
            brace = "python-brace-format" in message.flags
            if brace and _fields(_ids(message.id)[0]) != _fields(translated):
                wrong.append(message.id)
    errors = [(m.id, [str(e) for e in errs]) for m, errs in read_catalog().check()]
    assert not wrong and not errors, f"placeholders differ: {wrong} {errors}\n{HOW}"


def test_the_po_file_is_as_the_tool_writes_it() -> None:
    """Sorted by msgid, no locations: a hand edit that breaks the order is caught here."""
    assert PO_FILE.read_bytes() == po_bytes(read_catalog()), HOW


def test_the_committed_mo_is_a_fresh_compile_of_the_po() -> None:
    assert MO_FILE.read_bytes() == mo_bytes(read_catalog()), (
        f"{MO_FILE.relative_to(ROOT)} is not the compile of {PO}.\n{HOW}"
    )


def test_the_runtime_reads_the_catalog_with_the_standard_library() -> None:
    translations = gettext.translation(i18n.DOMAIN, i18n.LOCALE_DIR, languages=["id"])
    assert translations.gettext("usage: ") == "pemakaian: "
    assert Path(i18n.LOCALE_DIR, "id", "LC_MESSAGES", "kompetensi.mo") == MO_FILE


def test_the_catalog_is_shipped_with_the_package() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"locale/*/LC_MESSAGES/*.mo"' in pyproject
