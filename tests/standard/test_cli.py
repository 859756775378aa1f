"""``kompetensi validate`` and ``kompetensi export`` as a user runs them: a subprocess, exit codes
(0 success, 1 bad data, 2 usage), the output formats and the ``-o`` file."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from malformed_cases import K
from standard_support import ROOT, STD, build, replace, run_cli, summary

from generator.standard import load_standard
from generator.standard.export import CSV_COLUMNS, to_csv, to_json

OK_LINE = re.compile(
    r"OK (?P<dir>\S+): (?P<competencies>\d+) competencies, (?P<levels>\d+) levels, "
    r"(?P<indicators>\d+) indicators, (?P<positions>\d+) positions, "
    r"(?P<activities>\d+) learning activities \(version (?P<version>[^)]+)\)\n"
)
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def cli(*args: str, cwd: Path = ROOT) -> tuple[int, str, str]:
    """``python -m generator.cli ARGS`` exactly, no resource limits."""
    result = run_cli(list(args), cwd, memory_limit=None)
    assert "Traceback" not in result.stderr
    return result.returncode, result.stdout, result.stderr


# validate


def test_validate_real_standards_with_the_default_folder() -> None:
    code, out, err = cli("validate")
    assert (code, err) == (0, "")
    match = OK_LINE.fullmatch(out)
    assert match, out
    assert match["dir"] == "standards"
    # The nine of the regulation and the technical example dictionary (4 x 5 levels x 3).
    assert (match["competencies"], match["levels"], match["indicators"]) == ("13", "65", "195")


def test_validate_success_line(tmp_path: Path) -> None:
    build(tmp_path)
    code, out, err = cli("validate", "--standards", STD, cwd=tmp_path)
    assert (code, err) == (0, "")
    assert out == (
        "OK std: 3 competencies, 9 levels, 18 indicators, 2 positions, "
        "27 learning activities (version 1.10)\n"
    )


def test_validate_prints_warnings_and_succeeds(tmp_path: Path) -> None:
    build(tmp_path, replace("learning/kerjasama.yaml", '  - {level: 3, category: "10"', "#"))
    code, out, err = cli("validate", "--standards", STD, cwd=tmp_path)
    assert code == 0
    assert out.startswith("OK std: ")
    assert err == (
        f"warning: std/{K}:2:5: id: the learning catalogue has no activity for 1 level/category "
        "cell(s), e.g. level 3 category 10 Hint: add activities in "
        "standards/learning/kerjasama.yaml\n"
    )


def test_validate_strict_fails_on_warnings(tmp_path: Path) -> None:
    build(tmp_path, replace("learning/kerjasama.yaml", '  - {level: 3, category: "10"', "#"))
    code, out, err = cli("validate", "--strict", "--standards", STD, cwd=tmp_path)
    assert code == 1
    assert out == ""
    assert err.startswith(f"warning: std/{K}:2:5: id: the learning catalogue has no activity")


def test_validate_reports_every_problem_then_a_count(tmp_path: Path) -> None:
    build(
        tmp_path,
        replace(K, "order: 2\n", "order: dua\n"),
        replace("positions.yaml", "    verified: false\n", "    verified: yes\n"),
    )
    code, out, err = cli("validate", "--standards", STD, cwd=tmp_path)
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        f"std/{K}:5:8: order: expected an integer, got 'dua'",
        "std/positions.yaml:18:15: positions[1].verified: expected true or false, got 'yes' "
        "Hint: write true or false in lower case",
        summary(2),
    ]


@pytest.mark.parametrize("target", ["nowhere", "file.txt"])
def test_validate_without_a_standards_folder(target: str, tmp_path: Path) -> None:
    (tmp_path / "file.txt").write_text("x\n")
    code, out, err = cli("validate", "--standards", target, cwd=tmp_path)
    assert (code, out) == (1, "")
    assert err == (
        f"{target}:1:1: standards folder not found "
        "Hint: pass --standards DIR or run from the project folder\n"
        f"1 error in {target}\n"
    )


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["frobnicate"],
        ["validate", "--bogus"],
        ["validate", "--standards"],
        ["export", "--format", "xml"],
        ["export", "-o"],
    ],
    ids=[
        "no-command",
        "unknown-command",
        "unknown-option",
        "option-without-value",
        "bad-choice",
        "o-without-file",
    ],
)
def test_usage_errors_exit_2(args: list[str], tmp_path: Path) -> None:
    code, out, err = cli(*args, cwd=tmp_path)
    assert code == 2
    assert out == ""
    assert "usage: kompetensi" in err


# export


@pytest.fixture(scope="module")
def real_json() -> str:
    """``kompetensi export`` of the real standards (the default format is JSON)."""
    code, out, err = cli("export")
    assert (code, err) == (0, "")
    return out


@pytest.fixture(scope="module")
def real_csv() -> str:
    code, out, err = cli("export", "--format", "csv")
    assert (code, err) == (0, "")
    return out


def test_export_json_equals_the_library_export(real_json: str) -> None:
    assert real_json == to_json(load_standard(ROOT / "standards").data)


def test_export_json_documented_shape(real_json: str) -> None:
    data = json.loads(real_json)
    assert data["schema_version"] == 1
    assert list(data) == [
        "schema_version",
        "framework",
        "assessment",
        "recap",
        "learning",
        "competencies",
        "dictionaries",
        "positions",
    ]
    assert data["recap"] == {"group_size": 20, "min_group": 3}
    framework = data["framework"]
    assert {"title", "source", "version", "levels"} <= set(framework)
    assert all({"level", "name"} <= set(level) for level in framework["levels"])
    assert {"regulation", "short"} <= set(framework["source"])
    dictionaries = {d["id"]: d for d in data["dictionaries"]}
    assert all(
        list(d) == ["id", "name", "owner", "source", "version", "levels", "illustrative"]
        for d in dictionaries.values()
    )
    for competency in data["competencies"]:
        assert {"id", "name", "group", "dictionary", "definition", "levels"} <= set(competency)
        if competency["dictionary"] is not None:
            assert competency["group"] == "teknis"
            assert len(competency["levels"]) == dictionaries[competency["dictionary"]]["levels"]
        for level in competency["levels"]:
            assert {"level", "description", "indicators"} <= set(level)
            for indicator in level["indicators"]:
                assert {"id", "text"} <= set(indicator)
    activities = data["learning"]["activities"]
    for activity in activities:
        assert list(activity) == [
            "id",
            "competency",
            "level",
            "category",
            "form",
            "jp",
            "arranged_by_agency",
            "activity",
        ]
        assert isinstance(activity["arranged_by_agency"], bool)
    ids = [activity["id"] for activity in activities]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", i) and len(i) <= 64 for i in ids)
    for position in data["positions"]:
        assert {"id", "name", "category", "targets", "sources", "verified", "basis"} <= set(
            position
        )
        assert set(position["basis"]) == {"status", "label", "text"}
        assert all(v is None or 1 <= v <= 5 for v in position["targets"].values())


def _csv_rows(text: str) -> list[list[str]]:
    assert text.startswith("\ufeff")  # spreadsheet programs pick UTF-8 from the BOM
    return list(csv.reader(io.StringIO(text[1:], newline="")))


def test_export_csv_one_row_per_indicator(real_csv: str) -> None:
    assert real_csv == to_csv(load_standard(ROOT / "standards").model)
    header, *rows = _csv_rows(real_csv)
    assert header == list(CSV_COLUMNS)
    assert len(rows) == 195
    assert len({row[0] for row in rows}) == 195
    seen: set[str] = set()
    for row in rows:
        indicator_id, competency_id, _, group, level, *_, definition, dictionary, example = row
        assert indicator_id.startswith(f"{competency_id}.{level}.")
        # The definition on a competency's first row only; the dictionary on technical rows.
        assert bool(definition) == (competency_id not in seen)
        seen.add(competency_id)
        assert bool(dictionary) == (group == "teknis")
        assert example  # every indicator of the real standard has its work situation


def test_export_csv_neutralises_formula_cells(tmp_path: Path) -> None:
    hostile = {
        "kerjasama.1.1": '=HYPERLINK("http://example.com/x","klik")',
        "kerjasama.1.2": "+62 812 0000",
        "kerjasama.2.1": "-1+1",
        "kerjasama.2.2": "@SUM(A1:A2)",
    }
    edits = [
        replace(
            K,
            f"      - id: {ident}\n        text: ",
            f"      - id: {ident}\n        text: {json.dumps(text)} #",
        )
        for ident, text in hostile.items()
    ]
    edits.append(replace(K, "name: Kerjasama\n", 'name: "=1+1"\n'))
    edits.append(
        replace(K, "    description: Kerjasama tingkat menengah.\n", '    description: "@cmd"\n')
    )
    build(tmp_path, *edits)
    code, out, err = cli("export", "--format", "csv", "--standards", STD, cwd=tmp_path)
    assert (code, err) == (0, "")
    header, *rows = _csv_rows(out)
    text = {row[0]: row[header.index("indicator")] for row in rows}
    for ident, value in hostile.items():
        assert text[ident] == "'" + value
    cells = [cell for row in rows for cell in row]
    assert "'=1+1" in cells and "'@cmd" in cells
    assert [cell for cell in cells if cell.startswith(TRIGGERS)] == []


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_export_is_deterministic(fmt: str, real_json: str, real_csv: str) -> None:
    code, out, _ = cli("export", "--format", fmt)
    assert code == 0
    assert out.encode() == (real_json if fmt == "json" else real_csv).encode()


def test_export_to_a_file(tmp_path: Path) -> None:
    build(tmp_path)
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "kompetensi.json"
    code, out, err = cli("export", "--standards", STD, "-o", str(target), cwd=tmp_path)
    assert (code, out, err) == (0, "", "")
    assert target.read_text(encoding="utf-8") == to_json(load_standard(tmp_path / STD).data)
    assert sorted(p.name for p in target.parent.iterdir()) == ["kompetensi.json"]


def test_export_replaces_an_existing_file(tmp_path: Path) -> None:
    build(tmp_path)
    target = tmp_path / "kompetensi.csv"
    target.write_text("old\n")
    code, _, _ = cli(
        "export", "--format", "csv", "--standards", STD, "-o", str(target), cwd=tmp_path
    )
    assert code == 0
    assert target.read_bytes() == to_csv(load_standard(tmp_path / STD).model).encode()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kompetensi.csv", STD]


def test_export_of_bad_data_writes_nothing(tmp_path: Path) -> None:
    build(tmp_path, replace(K, "order: 2\n", "order: dua\n"))
    target = tmp_path / "kompetensi.json"
    target.write_text("previous\n")
    code, out, err = cli("export", "--standards", STD, "-o", str(target), cwd=tmp_path)
    assert (code, out) == (1, "")
    assert err == f"std/{K}:5:8: order: expected an integer, got 'dua'\n{summary(1)}\n"
    assert target.read_text() == "previous\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kompetensi.json", STD]


def _export_with_a_failing_disk(tmp_path: Path) -> tuple[int, str, Path]:
    """Export to a file while writes beyond 1 KB fail (RLIMIT_FSIZE), like a full disk."""
    build(tmp_path)
    target = tmp_path / "kompetensi.json"
    target.write_text("previous\n")
    result = run_cli(
        ["export", "--standards", STD, "-o", str(target)], tmp_path, file_size_limit=1024
    )
    return result.returncode, result.stderr, target


def test_failed_write_keeps_the_previous_file(tmp_path: Path) -> None:
    code, err, target = _export_with_a_failing_disk(tmp_path)
    assert code == 1
    assert err == f"{target}: cannot write: File too large\n"
    assert target.read_text() == "previous\n"


def test_failed_write_leaves_no_partial_file(tmp_path: Path) -> None:
    code, _, _ = _export_with_a_failing_disk(tmp_path)
    assert code == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kompetensi.json", STD]


def test_export_of_bad_data_to_stdout_prints_nothing(tmp_path: Path) -> None:
    build(tmp_path, replace(K, "order: 2\n", "order: dua\n"))
    code, out, err = cli("export", "--format", "csv", "--standards", STD, cwd=tmp_path)
    assert (code, out) == (1, "")
    assert err.endswith(f"{summary(1)}\n")
