"""Benchmark 7, bounded input: hostile inputs cost about what an ordinary one costs.

Baseline of the same run: ``kompetensi assess`` on an ordinary answers file (every indicator of
the real standards rated) and ``kompetensi validate`` on the real standards folder. Measured
against them: ``assess --answers /dev/zero`` (read until the 20 MB cap), an answers file of
600,000 unknown indicator ids (the flood that took 173 s and printed 600,000 lines before the
cap on listed problems), and ``validate`` on the real standards with one competency file holding
70,000 unknown keys (just under the 1 MB file limit). Issue 20 asks that the endless input stop
at the cap in under 2 s: that is the one absolute budget; the ratios say what the caps bought.
"""

from __future__ import annotations

import json
import shutil
import statistics
from pathlib import Path
from typing import Any

from bench.common import ROOT, Options, budget, cleanup, measure, new_result, ratio, row, scratch
from bench.validation import kompetensi_command
from generator.engine.scope import assessed_export

FLOOD_KEYS = 600_000
YAML_FLOOD_KEYS = 70_000
ENDLESS_BUDGET_S = 2.0


def _runs(command: list[str], work: Path, name: str, runs: int, *, code: int) -> list[float]:
    times = []
    for index in range(runs):
        measured = measure(command, cwd=work, log=work / f"{name}-{index}.log")
        if measured.returncode != code:
            raise RuntimeError(f"{name}: exit {measured.returncode}, expected {code}")
        times.append(measured.seconds)
    return times


def _inputs(work: Path, export: dict[str, Any]) -> Path:
    """The ordinary and the flooded answers files, and the flooded standards copy."""
    ids = [
        indicator["id"]
        for competency in assessed_export(export)["competencies"]
        for level in competency["levels"]
        for indicator in level["indicators"]
    ]
    (work / "answers.json").write_text(json.dumps({"ratings": dict.fromkeys(ids, 3)}))
    flood = {f"x.{i}": 3 for i in range(FLOOD_KEYS)}
    (work / "flood.json").write_text(json.dumps({"ratings": flood}))
    standards = work / "standards"
    shutil.copytree(ROOT / "standards", standards)
    first = sorted((standards / "competencies").glob("*.yaml"))[0]
    keys = "".join(f"kunci{i}: x\n" for i in range(YAML_FLOOD_KEYS))
    first.write_text(first.read_text(encoding="utf-8") + keys, encoding="utf-8")
    return standards


def run(options: Options) -> dict[str, Any]:
    runs = options.runs
    result = new_result(
        "bounded_input",
        "7. Bounded input: endless and flooded inputs against ordinary ones",
        {"runs": runs, "flood_keys": FLOOD_KEYS, "yaml_flood_keys": YAML_FLOOD_KEYS},
    )
    work = scratch(options, "bounded-input")
    try:
        from generator.standard import load_standard

        flooded = _inputs(work, load_standard(ROOT / "standards").data)
        tool = kompetensi_command()
        assess = [
            *tool,
            "assess",
            "--position",
            "pelaksana",
            "--standards",
            str(ROOT / "standards"),
        ]
        ordinary = _runs([*assess, "--answers", "answers.json"], work, "ordinary", runs, code=0)
        endless = _runs([*assess, "--answers", "/dev/zero"], work, "endless", runs, code=1)
        flood = _runs([*assess, "--answers", "flood.json"], work, "flood", runs, code=1)
        valid = _runs([*tool, "validate", "--standards", str(ROOT / "standards")], work,
                      "validate", runs, code=0)  # fmt: skip
        yaml_flood = _runs([*tool, "validate", "--standards", str(flooded)], work,
                           "validate-flood", runs, code=1)  # fmt: skip
        rows = result["rows"]
        rows.append(row("assess, ordinary answers (baseline)", ordinary, "s"))
        rows.append(row("assess --answers /dev/zero", endless, "s"))
        rows.append(row(f"assess, {FLOOD_KEYS:,} unknown ids", flood, "s"))
        rows.append(row("validate the real standards (baseline)", valid, "s"))
        rows.append(row(f"validate, {YAML_FLOOD_KEYS:,} unknown keys in one file", yaml_flood, "s"))
        median = statistics.median
        for name, times, base in (
            ("/dev/zero / ordinary answers", endless, ordinary),
            (f"{FLOOD_KEYS:,} unknown ids / ordinary answers", flood, ordinary),
            (f"{YAML_FLOOD_KEYS:,} unknown keys / real standards", yaml_flood, valid),
        ):
            result["ratios"].append(ratio(name, median(times), median(base), "wall time"))
        result["budgets"].append(
            budget("assess --answers /dev/zero stops", median(endless), ENDLESS_BUDGET_S, "s")
        )
        lines = (work / "flood-0.log").read_text(encoding="utf-8").splitlines()
        result["notes"].append(f"the flooded answers file printed {len(lines)} lines")
    finally:
        cleanup(options, work)
    return result
