"""``kompetensi`` speaks Indonesian by default, English with ``--lang en`` or ``KOMPETENSI_LANG=en``."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

KOMPETENSI = Path(sys.executable).with_name("kompetensi")


def _run(
    *args: str, lang: str | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "KOMPETENSI_LANG"}
    env["COLUMNS"] = "80"  # argparse wraps help to the terminal width
    if lang is not None:
        env["KOMPETENSI_LANG"] = lang
    return subprocess.run(
        [str(KOMPETENSI), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=cwd,
        timeout=120,
        check=False,
    )


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


def test_an_unknown_language_option_is_a_usage_error() -> None:
    run = _run("--lang", "fr", "validate")
    assert run.returncode == 2
    assert run.stderr.splitlines()[-1] == (
        "kompetensi: galat: argumen --lang: pilihan tidak sah: 'fr' (pilih dari 'id', 'en')"
    )


def test_help_is_indonesian_by_default_and_english_when_asked() -> None:
    indonesian = _run("--help").stdout
    english = _run("--lang", "en", "--help").stdout
    assert "  -h, --help      tampilkan pesan bantuan ini lalu keluar\n" in indonesian
    assert "  -h, --help      show this help message and exit\n" in english
