"""Benchmark 9, dictionary import: ``kompetensi import`` grows linearly with the spreadsheet.

Baseline of the same run: ``kompetensi validate`` on the real standards folder. Measured
against it: importing a generated technical dictionary spreadsheet (three levels, three
indicators each, no learning catalogue) of ``small`` and ``large`` competencies into a fresh
copy of the real standards, and validating the folder the large import leaves. The import reads
the sheet, writes the files into a scratch copy of the standards, runs the whole validator on it
and only then writes: the large / small ratio says whether that stays linear (issue 17 asks for
300 technical competencies).
"""

from __future__ import annotations

import csv
import shutil
import statistics
from pathlib import Path
from typing import Any

from bench.common import ROOT, Options, cleanup, measure, new_result, ratio, row, scratch
from bench.validation import kompetensi_command
from generator.standard.importer import REQUIRED

HEADER = REQUIRED  # the columns kompetensi import requires


def write_sheet(path: Path, competencies: int) -> Path:
    """A CSV dictionary of ``competencies`` technical competencies, 3 levels x 3 indicators."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for n in range(1, competencies + 1):
            cid = f"teknis-uji-{n}"
            for level in (1, 2, 3):
                for i in (1, 2, 3):
                    first = level == 1 and i == 1
                    writer.writerow(
                        (
                            cid,
                            f"Kompetensi Teknis Uji {n}" if first else "",
                            "teknis",
                            f"Definisi kompetensi teknis uji nomor {n}." if first else "",
                            level,
                            f"Deskripsi level {level} kompetensi uji {n}." if i == 1 else "",
                            f"Indikator {i} level {level} kompetensi uji {n}.",
                        )
                    )
    return path


def _import_runs(work: Path, sheet: Path, name: str, runs: int) -> tuple[list[float], Path]:
    times = []
    folder = work / f"{name}-standards"
    for index in range(runs):
        shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(ROOT / "standards", folder)
        command = [*kompetensi_command(), "import", str(sheet), "--standards", str(folder)]
        measured = measure(command, cwd=work, log=work / f"{name}-{index}.log")
        if measured.returncode != 0:
            raise RuntimeError(f"{name}: exit {measured.returncode}")
        times.append(measured.seconds)
    return times, folder


def run(options: Options) -> dict[str, Any]:
    runs = options.runs
    small, large = options.import_sizes
    result = new_result(
        "import_scale",
        "9. Dictionary import: kompetensi import of a generated technical dictionary",
        {"runs": runs, "sizes": [small, large]},
    )
    work = scratch(options, "import-scale")
    try:
        tool = kompetensi_command()
        valid = []
        for index in range(runs):
            command = [*tool, "validate", "--standards", str(ROOT / "standards")]
            measured = measure(command, cwd=work, log=work / f"validate-{index}.log")
            valid.append(measured.seconds)
        small_times, _ = _import_runs(work, write_sheet(work / "small.csv", small), "small", runs)
        large_times, folder = _import_runs(
            work, write_sheet(work / "large.csv", large), "large", runs
        )
        after = []
        for index in range(runs):
            command = [*tool, "validate", "--standards", str(folder)]
            after.append(measure(command, cwd=work, log=work / f"after-{index}.log").seconds)
        rows = result["rows"]
        rows.append(row("validate the real standards (baseline)", valid, "s"))
        rows.append(row(f"import {small} technical competencies", small_times, "s"))
        rows.append(row(f"import {large} technical competencies", large_times, "s"))
        rows.append(row(f"validate with the {large} imported", after, "s"))
        median = statistics.median
        result["ratios"].append(
            ratio(
                f"import {large} / import {small}",
                median(large_times),
                median(small_times),
                "wall time",
            )
        )
        result["ratios"].append(
            ratio(
                f"import {large} / validate real", median(large_times), median(valid), "wall time"
            )
        )
        result["notes"].append(
            f"the {large}-competency sheet is {(work / 'large.csv').stat().st_size // 1024} KB"
        )
    finally:
        cleanup(options, work)
    return result
