"""Bounded reading of every input file: a cap checked while reading (endless inputs stop there,
with the file named), numbers refused by length before they are converted, a flood of wrong
keys reported as the first problems and a count, and error lines that never print a raw
control character."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.commands.assess import MAX_FILE_BYTES
from generator.engine.inputs import MAX_LISTED

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "engine" / "fixtures" / "dictionary.json"
TOO_LARGE = (
    f"too large: more than {MAX_FILE_BYTES} bytes "
    "Hint: check that this is the right file; answers, targets and exports are far smaller"
)


def assess(cwd: Path, *argv: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """``kompetensi assess`` as a user runs it (a generous timeout: timings live in bench/), in
    English: these cases pin the msgids (``tests/i18n`` pins the Indonesian output)."""
    return subprocess.run(
        [sys.executable, "-m", "generator.cli", "--lang", "en", "assess", *argv],
        cwd=cwd, capture_output=True, text=True, encoding="utf-8", errors="replace",
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, check=False, timeout=timeout,
    )  # fmt: skip


@pytest.fixture
def endless_fifo(tmp_path: Path) -> Iterator[Path]:
    """A FIFO whose writer never stops (until the reader goes)."""
    fifo = tmp_path / "tanpa-akhir.json"
    os.mkfifo(fifo)

    def write() -> None:
        try:
            with fifo.open("wb") as handle:
                handle.write(b'{"ratings": {"')
                while True:
                    handle.write(b"a" * 65536)
        except OSError:
            pass  # the reader closed the FIFO: the command stopped reading

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    yield fifo
    writer.join(timeout=10)


@pytest.mark.parametrize("source", ["/dev/zero", "/dev/urandom", "fifo", "big-file"])
def test_an_endless_or_huge_answers_file_stops_at_the_cap(
    tmp_path: Path, source: str, request: pytest.FixtureRequest
) -> None:
    if source == "fifo":
        path = str(request.getfixturevalue("endless_fifo"))
    elif source == "big-file":
        path = "besar.json"
        with (tmp_path / path).open("wb") as handle:
            handle.write(b'{"ratings": {"x": "' + b"a" * (MAX_FILE_BYTES + 10) + b'"}}')
    else:
        path = source
    result = assess(tmp_path, "--answers", path, "--position", "pelaksana",
                    "--standards", str(FIXTURE))  # fmt: skip
    assert result.returncode == 1
    assert result.stderr.splitlines() == [f"{path}: {TOO_LARGE}"]


@pytest.mark.parametrize("option", ["--targets", "--standards"])
def test_targets_and_an_exported_dictionary_are_capped_too(tmp_path: Path, option: str) -> None:
    (tmp_path / "answers.json").write_text('{"ratings": {}}', encoding="utf-8")
    argv = ["--answers", "answers.json", option, "/dev/zero"]
    argv += ["--standards", str(FIXTURE)] if option == "--targets" else ["--position", "x"]
    result = assess(tmp_path, *argv)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == f"/dev/zero: {TOO_LARGE}"


NUMBER_HINT = "Hint: ratings and levels are small"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '{"ratings": {"integritas.1.1": ' + "4" * 5000 + "}}",
            "answers.json:1:32: a number of 5000 characters (44444444444444444444...) is "
            f"longer than 40 characters {NUMBER_HINT}",
        ),
        (
            '{\n  "ratings": {\n    "integritas.1.1": -' + "9" * 300 + "\n  }\n}",
            "answers.json:3:23: a number of 301 characters (-9999999999999999999...) is "
            f"longer than 40 characters {NUMBER_HINT}",
        ),
        (
            '{"ratings": {"integritas.1.1": 0.' + "5" * 100 + "}}",
            "answers.json:1:32: a number of 102 characters (0.555555555555555555...) is "
            f"longer than 40 characters {NUMBER_HINT}",
        ),
        (
            '{"ratings": {"' + "1" * 60 + '": 4, "b": ' + "1" * 60 + "}}",
            "answers.json:1:86: a number of 60 characters (11111111111111111111...) is "
            f"longer than 40 characters {NUMBER_HINT}",
        ),
    ],
    ids=["5000-digits", "negative-on-line-3", "long-fraction", "same-digits-in-a-key-first"],
)
def test_a_long_number_is_refused_before_it_is_converted(
    tmp_path: Path, text: str, expected: str
) -> None:
    (tmp_path / "answers.json").write_text(text, encoding="utf-8")
    result = assess(tmp_path, "--answers", "answers.json", "--position", "pelaksana",
                    "--standards", str(FIXTURE))  # fmt: skip
    assert result.returncode == 1
    assert result.stderr.splitlines() == [expected]


@pytest.mark.parametrize(
    ("document", "first", "count_line"),
    [
        (
            {"ratings": {f"x.{i}": 4 for i in range(600_000)}},
            "answers.json: ratings.x.0: unknown indicator id",
            f"answers.json: ratings: {600_000 - MAX_LISTED} more problems are not listed",
        ),
        (
            {"ratings": {f"integritas.9.{i}": "4" for i in range(1000)}},
            "answers.json: ratings.integritas.9.0: unknown indicator id",
            f"answers.json: ratings: {2000 - MAX_LISTED} more problems are not listed",
        ),
        (
            {"ratings": {}, **{f"kunci{i}": 1 for i in range(100_000)}},
            "answers.json: kunci0: unknown key",
            f"answers.json: {100_000 - MAX_LISTED} more problems are not listed",
        ),
    ],
    ids=["600000-unknown-ids", "unknown-ids-with-wrong-values", "100000-unknown-top-keys"],
)
def test_a_flood_of_wrong_keys_lists_the_first_problems_and_a_count(
    tmp_path: Path, document: dict[str, object], first: str, count_line: str
) -> None:
    (tmp_path / "answers.json").write_text(json.dumps(document), encoding="utf-8")
    result = assess(tmp_path, "--answers", "answers.json", "--position", "pelaksana",
                    "--standards", str(FIXTURE))  # fmt: skip
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert len(lines) == MAX_LISTED + 1
    assert lines[0].startswith(first)
    assert lines[-1] == f"{count_line} Hint: fix the first {MAX_LISTED} and check again"


def test_targets_are_capped_like_ratings(tmp_path: Path) -> None:
    (tmp_path / "answers.json").write_text('{"ratings": {}}', encoding="utf-8")
    targets = {"targets": {f"k{i}": 9 for i in range(5000)}}
    (tmp_path / "targets.json").write_text(json.dumps(targets), encoding="utf-8")
    result = assess(tmp_path, "--answers", "answers.json", "--targets", "targets.json",
                    "--standards", str(FIXTURE))  # fmt: skip
    lines = result.stderr.splitlines()
    assert len(lines) == MAX_LISTED + 1
    assert lines[-1] == (
        f"targets.json: targets: {10_000 - MAX_LISTED} more problems are not listed "
        f"Hint: fix the first {MAX_LISTED} and check again"
    )


@pytest.mark.parametrize(
    ("key", "shown"),
    [
        ("\x1b[2J\x1b[31mx", "\\u001b[2J\\u001b[31mx"),  # JSON quoting in the key path
        ("a\rforged line", "a\\rforged line"),
        ("a\nforged line", "a\\nforged line"),
        ("abc\u202edcba", "abc\\u202edcba"),
        ("x\x85\u2028y\x7f", "x\\x85\\u2028y\\x7f"),
    ],
    ids=["escape-sequences", "carriage-return", "line-feed", "bidi-override", "c1-ls-del"],
)
def test_error_lines_show_control_characters_escaped(tmp_path: Path, key: str, shown: str) -> None:
    (tmp_path / "answers.json").write_text(json.dumps({"ratings": {key: 4}}), encoding="utf-8")
    result = assess(tmp_path, "--answers", "answers.json", "--position", "pelaksana",
                    "--standards", str(FIXTURE))  # fmt: skip
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert f'ratings["{shown}"]: unknown indicator id' in lines[0]
    assert not any(ch in result.stderr for ch in "\x1b\r\x85\x7f\u2028\u202e")
