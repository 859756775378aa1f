"""Benchmark 3, validation: ``kompetensi validate`` on a large synthetic standard.

Baseline of the same run: the real standards folder (9 competencies). Reported: seconds and peak
memory of the whole command (a fresh process per run), and the time per competency of both.
No budget is set in issue 7; the figures say whether validation is a share of a build worth
attention.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from bench.common import (
    ROOT,
    BuildFailed,
    Options,
    cleanup,
    measure,
    new_result,
    ratio,
    row,
    scratch,
)
from bench.synthetic import write_standard


def kompetensi_command() -> list[str]:
    script = Path(sys.executable).with_name("kompetensi")
    if script.is_file():
        return [str(script)]
    return [sys.executable, "-m", "generator.cli"]


def _validate(standards: Path, work: Path, runs: int) -> tuple[list[float], list[float], str]:
    times, memory = [], []
    output = ""
    for index in range(runs):
        measured = measure(
            [*kompetensi_command(), "validate", "--standards", str(standards)],
            cwd=ROOT,
            log=work / f"validate-{standards.name}-{index}.log",
        )
        if measured.returncode != 0:
            raise BuildFailed(f"kompetensi validate {standards} failed:\n{measured.output[-2000:]}")
        times.append(measured.seconds)
        memory.append(measured.max_rss_mb)
        output = measured.output.strip().splitlines()[-1]
    return times, memory, output


def run(options: Options) -> dict[str, Any]:
    n = options.validate_size
    runs = options.large_runs if n >= options.large_from else options.runs
    result = new_result(
        "validation",
        f"3. Validation: kompetensi validate on {n} competencies",
        {"competencies": n, "runs": runs, "baseline_runs": options.runs},
    )
    work = scratch(options, "validation")
    try:
        standards = write_standard(work / f"standards-{n}", n)
        real_times, real_memory, _ = _validate(ROOT / "standards", work, options.runs)
        times, memory, said = _validate(standards, work, runs)
        real_n = len(list((ROOT / "standards" / "competencies").glob("*.yaml")))
        rows = result["rows"]
        rows.append(row(f"validate {n} competencies", times, "s"))
        rows.append(row(f"validate {n} competencies: peak memory", memory, "MB"))
        rows.append(row("validate the real standards (baseline)", real_times, "s"))
        rows.append(row("validate the real standards: peak memory", real_memory, "MB"))
        per = [t / n * 1000 for t in times]
        rows.append(row(f"validate {n}: time per competency", per, "ms/competency"))
        result["ratios"].append(
            ratio(
                f"{n} competencies / real standards",
                rows[0]["median"],
                rows[2]["median"],
                f"validation time; the real folder has {real_n} competencies",
            )
        )
        result["notes"].append(f"validate said: {said}")
    finally:
        cleanup(options, work)
    return result
