"""Benchmark 3, validation: ``kompetensi validate`` on a large synthetic standard.

Baseline of the same run: the real standards folder (9 competencies). Reported: seconds, CPU
seconds and peak memory of the whole command (a fresh process per run), the time per competency
of both, and the CPU time of ``load_standard()`` on the real folder in this process (what every
build pays; CPU time, because the machine's other work makes wall time noisy). No budget is set
in issue 7; the figures say whether validation is a share of a build worth attention.
"""

from __future__ import annotations

import statistics
import sys
import time
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
from generator.standard import load_standard

LOAD_RUNS = 9


def kompetensi_command() -> list[str]:
    script = Path(sys.executable).with_name("kompetensi")
    if script.is_file():
        return [str(script)]
    return [sys.executable, "-m", "generator.cli"]


def _validate(
    standards: Path, work: Path, runs: int
) -> tuple[list[float], list[float], list[float], str]:
    times, cpu, memory = [], [], []
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
        cpu.append(measured.cpu_seconds)
        memory.append(measured.max_rss_mb)
        output = measured.output.strip().splitlines()[-1]
    return times, cpu, memory, output


def _load_cpu(standards: Path, runs: int) -> list[float]:
    load_standard(standards)  # imports and schema caches are not what a build repeats
    times = []
    for _ in range(runs):
        start = time.process_time()
        load_standard(standards)
        times.append(time.process_time() - start)
    return times


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
        real_times, real_cpu, real_memory, _ = _validate(ROOT / "standards", work, options.runs)
        times, cpu, memory, said = _validate(standards, work, runs)
        load_cpu = _load_cpu(ROOT / "standards", max(options.runs, LOAD_RUNS))
        real_n = len(list((ROOT / "standards" / "competencies").glob("*.yaml")))
        rows = result["rows"]
        rows.append(row(f"validate {n} competencies", times, "s"))
        rows.append(row(f"validate {n} competencies: CPU time", cpu, "s"))
        rows.append(row(f"validate {n} competencies: peak memory", memory, "MB"))
        rows.append(row("validate the real standards (baseline)", real_times, "s"))
        rows.append(row("validate the real standards: CPU time", real_cpu, "s"))
        rows.append(row("validate the real standards: peak memory", real_memory, "MB"))
        rows.append(
            row(
                f"validate {n}: time per competency", [t / n * 1000 for t in times], "ms/competency"
            )
        )
        rows.append(row("load_standard() on the real standards: CPU time", load_cpu, "s"))
        result["ratios"].append(
            ratio(
                f"{n} competencies / real standards",
                statistics.median(times),
                statistics.median(real_times),
                f"validation time; the real folder has {real_n} competencies",
            )
        )
        result["notes"].append(f"validate said: {said}")
    finally:
        cleanup(options, work)
    return result
