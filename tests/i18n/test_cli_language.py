"""``kompetensi`` speaks Indonesian by default, English with ``--lang en`` or ``KOMPETENSI_LANG=en``."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from cli_support import run as _run


def test_a_usage_error_is_indonesian_by_default() -> None:
    run = _run("validate", "--bogus")
    assert run.returncode == 2
    assert run.stderr.splitlines()[-1] == "kompetensi: galat: argumen tidak dikenal: --bogus"
    assert run.stderr.startswith("pemakaian: kompetensi ")


@pytest.mark.parametrize(("args", "lang"), [(("--lang", "en"), None), ((), "en")])
def test_a_usage_error_is_english_when_asked(args: tuple[str, ...], lang: str | None) -> None:
    run = _run(*args, "validate", "--bogus", lang=lang)
    assert run.returncode == 2
    assert run.stderr.splitlines()[-1] == "kompetensi: error: unrecognized arguments: --bogus"
    assert run.stderr.startswith("usage: kompetensi ")


def test_the_option_wins_over_the_environment() -> None:
    run = _run("validate", "--bogus", "--lang", "id", lang="en")
    assert run.stderr.splitlines()[-1] == "kompetensi: galat: argumen tidak dikenal: --bogus"


def test_an_unknown_language_in_the_environment_is_a_usage_error() -> None:
    run = _run("validate", lang="fr")
    assert run.returncode == 2
    assert run.stderr == (
        "kompetensi: KOMPETENSI_LANG: bahasa 'fr' tidak dikenal "
        "Saran: gunakan salah satu dari id, en\n"
    )


@pytest.mark.parametrize("args", [("--lang", "fr", "validate"), ("--lang", "fr")])
def test_an_unknown_language_option_is_a_usage_error(args: tuple[str, ...]) -> None:
    run = _run(*args)
    assert (run.returncode, run.stdout) == (2, "")
    assert run.stderr.splitlines() == [
        "pemakaian: kompetensi [-h] [--version] [--lang {id,en}] PERINTAH ...",
        "kompetensi: galat: argumen --lang: pilihan tidak sah: 'fr' (pilih dari 'id', 'en')",
    ]


def test_a_language_option_without_its_value_is_a_usage_error() -> None:
    run = _run("validate", "--lang")
    assert (run.returncode, run.stdout) == (2, "")
    assert run.stderr.splitlines()[-1] == (
        "kompetensi validate: galat: argumen --lang: diharapkan satu argumen"
    )


def test_help_is_indonesian_by_default_and_english_when_asked() -> None:
    indonesian = _run("--help").stdout
    english = _run("--lang", "en", "--help").stdout
    assert "  -h, --help      tampilkan pesan bantuan ini lalu keluar\n" in indonesian
    assert "  -h, --help      show this help message and exit\n" in english


ROOT = Path(__file__).resolve().parents[2]


def _broken_standards(tmp_path: Path) -> None:
    """A copy of the real standards with mistakes for the schema, the rules and the parser."""
    shutil.copytree(ROOT / "standards", tmp_path / "standards")

    def edit(name: str, old: str, new: str) -> None:
        path = tmp_path / "standards" / name
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1
        path.write_text(text.replace(old, new), encoding="utf-8")

    edit("competencies/integritas.yaml", "\ndefinition: >-\n", "\ndefintion: >-\n")
    edit("positions.yaml", "      komunikasi: 5\n", "      komunkasi: 5\n")
    edit("positions.yaml", "    verified: false\n    targets:\n      integritas: 5\n",
         "    verified: ya\n    targets:\n      integritas: 5\n")  # fmt: skip
    edit(
        "learning/integritas.yaml",
        '    category: "70"\n    form: penugasan\n    jp: 4\n    activity: >-\n      Catat',
        '    category: "70\n    form: penugasan\n    jp: 4\n    activity: >-\n      Catat',
    )


INDONESIAN = [
    "standards/competencies/integritas.yaml:2:1: (document): kunci wajib 'definition' tidak ada",
    "standards/competencies/integritas.yaml:7:1: defintion: kunci 'defintion' tidak dikenal "
    "Saran: mungkin maksudnya 'definition'?",
    "standards/learning/integritas.yaml:14:16: galat sintaksis YAML: diharapkan <block end>, "
    "tetapi ditemukan '<scalar>' (saat mengurai pemetaan blok) Saran: baris 6 kemungkinan "
    "kehilangan tanda kutip penutup: teks berkutip yang dimulai di sana baru berakhir di baris 14",
    "standards/positions.yaml:15:15: positions[0].verified: diharapkan true atau false, "
    "tertulis 'ya'",
    "standards/positions.yaml:17:7: positions[0].targets: tidak ada target untuk komunikasi "
    "Saran: berikan level 1 sampai 5, atau null bila targetnya belum diketahui",
    "standards/positions.yaml:19:7: positions[0].targets.komunkasi: kompetensi 'komunkasi' "
    "tidak dikenal Saran: mungkin maksudnya 'komunikasi'?",
    "6 galat di standards",
]
ENGLISH = [
    "standards/competencies/integritas.yaml:2:1: (document): missing required key 'definition'",
    "standards/competencies/integritas.yaml:7:1: defintion: unknown key 'defintion' "
    "Hint: did you mean 'definition'?",
    "standards/learning/integritas.yaml:14:16: YAML syntax error: expected <block end>, but "
    "found '<scalar>' (while parsing a block mapping) Hint: line 6 probably lacks a closing "
    "quote: the quoted text that starts there only ends on line 14",
    "standards/positions.yaml:15:15: positions[0].verified: expected true or false, got 'ya'",
    "standards/positions.yaml:17:7: positions[0].targets: no target for komunikasi "
    "Hint: give a level from 1 to 5, or null when the target is not known",
    "standards/positions.yaml:19:7: positions[0].targets.komunkasi: unknown competency "
    "'komunkasi' Hint: did you mean 'komunikasi'?",
    "6 errors in standards",
]


@pytest.mark.parametrize(
    ("args", "lang", "expected"),
    [
        ((), None, INDONESIAN),
        (("--lang", "en"), None, ENGLISH),
        ((), "en", ENGLISH),
        (("--lang", "id"), "en", INDONESIAN),
    ],
    ids=["default", "option", "environment", "option-over-environment"],
)
def test_validate_on_a_malformed_folder(
    tmp_path: Path, args: tuple[str, ...], lang: str | None, expected: list[str]
) -> None:
    _broken_standards(tmp_path)
    run = _run("validate", *args, lang=lang, cwd=tmp_path)
    assert (run.returncode, run.stdout) == (1, "")
    assert run.stderr.splitlines() == expected
