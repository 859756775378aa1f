"""MkDocs' own lines (progress, the end of a failed build) follow the language of our messages."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest
from cli_support import run

from generator import build_wording, i18n

ROOT = Path(__file__).resolve().parents[2]

LINES = [
    ("Cleaning site directory", "Membersihkan folder situs"),
    (
        "Building documentation to directory: /tmp/x/.site-build-1",
        "Membangun dokumentasi ke folder: /tmp/x/.site-build-1",
    ),
    ("Documentation built in 15.03 seconds", "Dokumentasi selesai dibangun dalam 15.03 detik"),
    ("Serving on http://127.0.0.1:8000/", "Menyajikan di http://127.0.0.1:8000/"),
    (
        "Serving on http://127.0.0.1:8000/ and opening it in a browser",
        "Menyajikan di http://127.0.0.1:8000/ dan membukanya di peramban",
    ),
    (
        "[22:13:10] Serving on http://127.0.0.1:8000/",
        "[22:13:10] Menyajikan di http://127.0.0.1:8000/",
    ),
    (
        "[22:13:10] Watching paths for changes: 'content', 'mkdocs.yml'",
        "[22:13:10] Memantau perubahan pada: 'content', 'mkdocs.yml'",
    ),
    ("Error reading page 'index.md':", "Galat saat membaca halaman 'index.md':"),
    ("Error reading page 'a.md': boom", "Galat saat membaca halaman 'a.md': boom"),
    ("Aborted with a BuildError!", "Dibatalkan karena galat build!"),
    (
        "Aborted with 1 errors, 2 warnings in strict mode!",
        "Dibatalkan karena 1 galat, 2 peringatan dalam mode ketat!",
    ),
    ("Something MkDocs says that we do not list", "Something MkDocs says that we do not list"),
]


@pytest.mark.parametrize(("english", "indonesian"), LINES)
def test_a_line_of_mkdocs_in_each_language(english: str, indonesian: str) -> None:
    with i18n.speaking("id"):
        assert build_wording.translate(english) == indonesian
    with i18n.speaking("en"):
        expected = english.replace("1 errors", "1 error")  # the tally's plural, set right
        assert build_wording.translate(english) == expected


def test_the_filter_rewrites_mkdocs_records_only() -> None:
    translated = build_wording.TranslatedLog()
    ours = logging.LogRecord(
        "mkdocs.commands.build", logging.INFO, "", 0, "Cleaning site directory", (), None
    )
    other = logging.LogRecord("other", logging.INFO, "", 0, "Cleaning site directory", (), None)
    with i18n.speaking("id"):
        assert translated.filter(ours) and translated.filter(other)
    assert ours.getMessage() == "Membersihkan folder situs"
    assert other.getMessage() == "Cleaning site directory"


EXPECTED_END = {
    "id": [
        "ERROR   -  standards/competencies/integritas.yaml:2:1: (document): kunci wajib "
        "'definition' tidak ada",
        "ERROR   -  standards/competencies/integritas.yaml:7:1: defintion: kunci 'defintion' "
        "tidak dikenal Saran: mungkin maksudnya 'definition'?",
        "ERROR   -  2 galat di standards/; situs tidak dibangun.",
        "",
        "Dibatalkan karena galat build!",
        "Build gagal; {site} tidak diubah.",
    ],
    "en": [
        "ERROR   -  standards/competencies/integritas.yaml:2:1: (document): missing required "
        "key 'definition'",
        "ERROR   -  standards/competencies/integritas.yaml:7:1: defintion: unknown key "
        "'defintion' Hint: did you mean 'definition'?",
        "ERROR   -  2 errors in standards/; the site was not built.",
        "",
        "Aborted with a BuildError!",
        "Build failed; {site} was left unchanged.",
    ],
}


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_failed_build_ends_in_the_chosen_language(tmp_path: Path, lang: str) -> None:
    for name in ("standards", "content", "site_overrides"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    source = tmp_path / "standards/competencies/integritas.yaml"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("\ndefinition: >-\n", "\ndefintion: >-\n"), encoding="utf-8")
    result = run("build", "--lang", lang, cwd=tmp_path)
    assert (result.returncode, result.stdout) == (1, "")
    site = tmp_path / "site"
    assert result.stderr.splitlines() == [line.format(site=site) for line in EXPECTED_END[lang]]
