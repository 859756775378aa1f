"""Every benchmark runs end to end at the smallest size and returns a well-formed result.

Not timed and no budget asserted: the figures of a 1-run smoke are meaningless. The browser
benchmarks take the shared ``browser`` fixture, so under CI=true a missing Chromium fails.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from bench import (
    bounded_input,
    import_scale,
    lighthouse,
    overhead,
    preview,
    quiz,
    quiz_position,
    recap,
    run_all,
    scale,
    slow_phone,
    transfer,
    validation,
)
from bench.common import Options, table
from bench.synthetic import write_standard
from generator.standard import load_standard


def check(result: dict[str, Any], name: str) -> None:
    assert result["benchmark"] == name
    assert {"title", "started", "settings", "rows", "ratios", "budgets", "notes"} <= set(result)
    assert result["rows"]
    for r in result["rows"]:
        assert r["unit"], r
        assert r["runs"] == len(r["values"]) >= 1, r
        assert r["min"] <= r["median"] <= r["max"], r
    for q in result["ratios"]:
        assert q["value"] is None or q["value"] > 0, q
    for b in result["budgets"]:
        assert b["pass"] == (b["value"] is not None and b["value"] <= b["limit"]), b
    json.dumps(result)
    printed = table(result)
    assert result["title"] in printed
    assert all(r["name"] in printed for r in result["rows"])


def names(result: dict[str, Any], key: str = "rows") -> list[str]:
    return [item["name"] for item in result[key]]


def test_synthetic_standard_is_valid(tmp_path: Path) -> None:
    standard = load_standard(write_standard(tmp_path / "standards", 3))
    assert standard.counts() == {
        "competencies": 3, "levels": 15, "indicators": 45, "positions": 4, "activities": 45,
    }  # fmt: skip
    assert standard.warnings == ()


def test_overhead(tiny: Options) -> None:
    result = overhead.run(tiny)
    check(result, "overhead")
    assert names(result)[:2] == ["build with the plugin", "build of static Markdown (baseline)"]
    assert names(result, "budgets") == ["generator overhead (plugin / static)"]
    # The baseline is only fair if it builds the very same files.
    assert any(note.startswith("both builds wrote the same") for note in result["notes"]), result
    # Its mkdocs build is not what a host publishes: the browser benchmarks build their own site
    # with `kompetensi build` (CSP meta tags, siblings of every page).
    assert tiny.site is None


def test_scale(tiny: Options) -> None:
    result = scale.run(tiny)
    check(result, "scale")
    assert "5 competencies: build" in names(result)
    assert "10 competencies: peak memory" in names(result)
    assert "10 competencies: marginal time per competency" in names(result)
    assert result["budgets"] == []  # the budgets compare 100 and 3,000 competencies


def test_synthetic_positions_are_valid(tmp_path: Path) -> None:
    standard = load_standard(write_standard(tmp_path / "standards", 12, 2))
    real = [p for p in standard.data["positions"] if not p["template"]]
    assert [len(p["targets"]) for p in real] == [10, 10]
    assert all(p["dictionaries"] == ["teknis-sintetis"] for p in real)
    assert standard.warnings == ()


def test_scale_with_positions(tiny: Options) -> None:
    result = scale.run_positions(replace(tiny, position_sizes=((1, 10), (2, 20), (3, 30))))
    check(result, "scale_positions")
    assert "3 positions, 30 technical: build" in names(result)
    assert names(result, "ratios") == [
        f"{what}: marginal {clock} ms/competency at 30 / at 20"
        for what in ("validate", "build")
        for clock in ("wall", "CPU")
    ]
    assert "largest position page" in names(result, "budgets")


def test_validation(tiny: Options) -> None:
    result = validation.run(tiny)
    check(result, "validation")
    assert names(result)[0] == "validate 10 competencies"
    assert any("OK" in note and "10 kompetensi" in note for note in result["notes"])


def test_preview(tiny: Options) -> None:
    result = preview.run(tiny)
    check(result, "preview")
    assert names(result) == [
        "first page, empty compression cache",
        "first page, warm cache (baseline)",
    ]
    assert names(result, "budgets") == ["cold start / warm start"]


@pytest.mark.browser
def test_quiz(tiny: Options, playwright_instance: Any, browser: Any) -> None:
    result = quiz.run(tiny, playwright=playwright_instance, instance=browser)
    check(result, "quiz")
    for cache in ("cold", "warm"):
        assert f"{cache}: quiz, engine ready" in names(result)
        assert f"{cache}: bare Pyodide + engine wheel ready (baseline)" in names(result)
    assert len(result["budgets"]) == 8
    by_name = {r["name"]: r for r in result["rows"]}
    for cache in ("cold", "warm"):
        # early.js takes answers before the controller binds the whole form.
        takes = by_name[f"{cache}: quiz, root takes answers (data-kq-answerable)"]["median"]
        bound = by_name[f"{cache}: quiz, form bound by the controller (data-kq-bound)"]["median"]
        assert 0 < takes < bound
    assert by_name["cold: quiz, bytes transferred until ready"]["median"] > 1000  # Pyodide came
    assert by_name["cold: quiz, submit to rendered plan"]["median"] > 0


@pytest.mark.browser
def test_quiz_position(tiny: Options, playwright_instance: Any, browser: Any) -> None:
    result = quiz_position.run(tiny, playwright=playwright_instance, instance=browser)
    check(result, "quiz_position")
    assert len(result["budgets"]) == 4
    # The position's quiz asks its 10 technical competencies beside the 9; the other, the 9.
    assert "each submit rated [285] (position) and [135] (no position)" in result["notes"]
    by_name = {r["name"]: r for r in result["rows"]}
    assert by_name["cold: position quiz, submit to rendered plan"]["median"] > 0


@pytest.mark.browser
def test_transfer(tiny: Options, playwright_instance: Any, browser: Any) -> None:
    result = transfer.run(tiny, playwright=playwright_instance, instance=browser)
    check(result, "transfer")
    budgets = names(result, "budgets")
    assert "content page /: Pyodide bytes" in budgets
    assert budgets[-2:] == ["quiz first load", "quiz repeat visit"]
    # The worker's one-time offline copy is its own row, never counted in the repeat visit.
    assert "offline copy after the first quiz visit (once)" in names(result)
    assert result["precompressed"]["candidates"] > 0


def test_run_all_writes_results(tmp_path: Path) -> None:
    code = run_all.main(
        ["--only", "validation", "--quick", "--work", str(tmp_path), "--results", str(tmp_path)]
    )
    assert code == 0  # validation has no budget, so nothing can be missed
    assert json.loads((tmp_path / "validation.json").read_text())["benchmark"] == "validation"
    summary = json.loads((tmp_path / "summary.json").read_text())
    assert summary["benchmarks"] == ["validation"] and summary["failed_to_run"] == []


def test_run_all_refuses_an_unknown_benchmark(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        run_all.main(["--only", "speed"])
    assert exit_info.value.code == 2
    assert f"unknown benchmark speed (known: {', '.join(run_all.BENCHMARKS)})" in (
        capsys.readouterr().err
    )


@pytest.mark.browser
def test_recap(tiny: Options, playwright_instance: Any, browser: Any) -> None:
    result = recap.run(tiny, playwright=playwright_instance, instance=browser)
    check(result, "recap")
    assert names(result)[:3] == [
        "rekap 5 files",
        "rekap 5 files: CPU time",
        "rekap 5 files: peak memory",
    ]
    assert "/rekap/ 8 files: click to table" in names(result)
    assert [b["name"] for b in result["budgets"]] == [
        "50 files / 5 files (time)",
        "/rekap/: longest main-thread task while reading",
    ]


def test_bounded_input(tiny: Options) -> None:
    result = bounded_input.run(tiny)
    check(result, "bounded_input")
    assert names(result, "budgets") == ["assess --answers /dev/zero stops"]


def test_import_scale(tiny: Options) -> None:
    result = import_scale.run(tiny)
    check(result, "import_scale")
    assert [r["name"] for r in result["rows"]] == [
        "validate the real standards (baseline)",
        "import 3 technical competencies",
        "import 6 technical competencies",
        "validate with the 6 imported",
    ]


@pytest.mark.browser
def test_slow_phone(tiny: Options, playwright_instance: Any, browser: Any) -> None:
    result = slow_phone.run(tiny, playwright=playwright_instance, instance=browser)
    check(result, "slow_phone")
    by_name = {r["name"]: r for r in result["rows"]}
    assert by_name["quiz: bytes transferred until the engine is ready"]["median"] > 1000
    # The repeat visit came from the service worker: a few KB (the page), not Pyodide again.
    assert by_name["quiz: bytes transferred, repeat visit via the worker"]["median"] < 500
    assert by_name["quiz: requests reaching the server offline"]["median"] == 0
    assert len(result["budgets"]) == 6
    # The fast network is said in the settings and the notes, never passed off as the phone's.
    assert (
        result["settings"]["downloadThroughput"] == slow_phone.SMOKE_NETWORK["downloadThroughput"]
    )
    assert any(note.startswith("smoke run: network emulated") for note in result["notes"])


@pytest.mark.browser
def test_lighthouse(tiny: Options, browser: Any) -> None:
    result = lighthouse.run(tiny)
    check(result, "lighthouse")
    assert {"home: accessibility", "quiz: performance", "quiz_submitted: accessibility"} <= set(
        names(result)
    )
