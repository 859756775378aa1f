"""argparse's own texts (headings, placeholders, errors) follow the language like our messages.

Every subcommand's ``--help`` is read in both languages: the Indonesian one may share with the
English one only names (commands, keys, files, formats) and words both languages use, so a help
text, heading or placeholder left in English fails here.
"""

from __future__ import annotations

import re

import pytest
from cli_support import run

COMMANDS = ("", "validate", "export", "import", "assess", "rekap", "build", "serve")

# Words the Indonesian help may share with the English one: the program's names (commands,
# options' values, YAML and JSON keys, files, the environment variable) and words both languages
# use. Anything else found in both is an English text the catalog does not translate.
SHARED_WORDS = {
    # commands and names
    "kompetensi", "validate", "export", "import", "assess", "rekap", "build", "serve",
    "KOMPETENSI_LANG", "MkDocs", "mkdocs", "standards", "javascript",
    # keys and columns the maintainer types as they are
    "competency_id", "competency_name", "definition", "dictionary", "group", "indicator",
    "level", "level_description", "position_id", "activity_id", "integritas", "items", "plan",
    "ratings", "targets", "null", "nip", "nama", "jabatan", "unit",
    # formats and abbreviations
    "ASN", "CSV", "JSON", "NIP", "PORT", "csv", "format",
    # Indonesian words too
    "folder", "program", "spreadsheet", "per", "data", "Build",
}  # fmt: skip
WORD = re.compile(r"(?<![-\w.{,/])[A-Za-z][A-Za-z_]{2,}(?![\w.}/-])")
ENGLISH_ONLY = re.compile(
    r"usage:|positional arguments|options:|show this help|\b(COMMAND|FILE|DIR|FILES_OR_DIRS|OUT)\b"
)


def _help(command: str, *lang: str) -> str:
    result = run(*([command] if command else []), "--help", *lang)
    assert (result.returncode, result.stderr) == (0, "")
    return result.stdout


@pytest.mark.parametrize("command", COMMANDS, ids=[c or "kompetensi" for c in COMMANDS])
def test_help_is_indonesian_throughout_and_english_when_asked(command: str) -> None:
    indonesian = _help(command)
    english = _help(command, "--lang", "en")
    prog = " ".join(filter(None, ("kompetensi", command)))
    assert indonesian.startswith(f"pemakaian: {prog} [-h]")
    assert "\nopsi:\n  -h, --help " in indonesian
    assert "tampilkan pesan bantuan ini lalu keluar\n" in indonesian
    assert ENGLISH_ONLY.search(indonesian) is None
    shared = set(WORD.findall(indonesian)) & set(WORD.findall(english))
    assert shared <= SHARED_WORDS, f"English left in the Indonesian help: {shared - SHARED_WORDS}"

    assert english.startswith(f"usage: {prog} [-h]")
    assert "\noptions:\n  -h, --help " in english
    assert "show this help message and exit\n" in english
    assert "pemakaian" not in english
    assert "opsi:" not in english


def test_positional_arguments_have_an_indonesian_heading_and_placeholder() -> None:
    indonesian = _help("import")
    english = _help("import", "--lang", "en")
    assert "\nargumen posisi:\n  BERKAS              berkas .xlsx atau .csv\n" in indonesian
    assert "\npositional arguments:\n  FILE             the .xlsx or .csv file\n" in english


REQUIRED = {
    "id": [
        "pemakaian: kompetensi import [-h] [--standards FOLDER] [--force]",
        "                             [--lang {id,en}]",
        "                             BERKAS",
        "kompetensi import: galat: argumen berikut wajib diberikan: BERKAS",
    ],
    "en": [
        "usage: kompetensi import [-h] [--standards DIR] [--force] [--lang {id,en}]",
        "                         FILE",
        "kompetensi import: error: the following arguments are required: FILE",
    ],
}
REQUIRED_OPTION = {
    "id": "kompetensi assess: galat: argumen berikut wajib diberikan: --answers",
    "en": "kompetensi assess: error: the following arguments are required: --answers",
}
INVALID_CHOICE = {
    "id": [
        "pemakaian: kompetensi export [-h] [--standards FOLDER] [--format {json,csv}]",
        "                             [--positions] [-o BERKAS] [--lang {id,en}]",
        "kompetensi export: galat: argumen --format: pilihan tidak sah: 'xml' "
        "(pilih dari 'json', 'csv')",
    ],
    "en": [
        "usage: kompetensi export [-h] [--standards DIR] [--format {json,csv}]",
        "                         [--positions] [-o FILE] [--lang {id,en}]",
        "kompetensi export: error: argument --format: invalid choice: 'xml' "
        "(choose from 'json', 'csv')",
    ],
}
INVALID_COMMAND = {
    "id": [
        "pemakaian: kompetensi [-h] [--version] [--lang {id,en}] PERINTAH ...",
        "kompetensi: galat: argumen PERINTAH: pilihan tidak sah: 'frob' (pilih dari 'validate', "
        "'export', 'import', 'assess', 'rekap', 'build', 'serve')",
    ],
    "en": [
        "usage: kompetensi [-h] [--version] [--lang {id,en}] COMMAND ...",
        "kompetensi: error: argument COMMAND: invalid choice: 'frob' (choose from 'validate', "
        "'export', 'import', 'assess', 'rekap', 'build', 'serve')",
    ],
}
# (arguments, KOMPETENSI_LANG): the default, the option, the environment variable.
WAYS = {
    "id": [((), None), (("--lang", "id"), "en")],
    "en": [(("--lang", "en"), None), ((), "en")],
}
CASES = [(language, args, env) for language, ways in WAYS.items() for args, env in ways]
IDS = ["default", "id-option-over-environment", "en-option", "en-environment"]


@pytest.mark.parametrize(("language", "args", "env"), CASES, ids=IDS)
def test_a_missing_positional_argument(
    language: str, args: tuple[str, ...], env: str | None
) -> None:
    result = run("import", *args, lang=env)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.splitlines() == REQUIRED[language]


@pytest.mark.parametrize(("language", "args", "env"), CASES, ids=IDS)
def test_a_missing_required_option(language: str, args: tuple[str, ...], env: str | None) -> None:
    result = run("assess", *args, lang=env)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.splitlines()[-1] == REQUIRED_OPTION[language]


@pytest.mark.parametrize(("language", "args", "env"), CASES, ids=IDS)
def test_an_invalid_choice(language: str, args: tuple[str, ...], env: str | None) -> None:
    result = run("export", "--format", "xml", *args, lang=env)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.splitlines() == INVALID_CHOICE[language]


@pytest.mark.parametrize(("language", "args", "env"), CASES, ids=IDS)
def test_an_unknown_command(language: str, args: tuple[str, ...], env: str | None) -> None:
    result = run(*args, "frob", lang=env)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.splitlines() == INVALID_COMMAND[language]
