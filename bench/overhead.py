"""Benchmark 1, generator overhead: the real site with the plugin vs. the same pages on disk.

Baseline: :mod:`bench.static_export` writes what the plugin generates (pages, downloads, filled
data markers, the quiz's runtime files) into a docs folder, built with the same theme and
plugins minus kompetensi. The two variants are built alternately, each build in a fresh process.
Budget: median plugin build ≤ 1.10 × median static build.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bench import static_export
from bench.common import (
    Options,
    budget,
    choose_strict,
    cleanup,
    new_result,
    ratio,
    row,
    scratch,
    timed_build,
    write_project,
)

BUDGET_RATIO = 1.10


def _files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


OVERHEAD_RUNS_FACTOR = 3
"""Builds of the real site take 1–2 s, and on this virtual machine the CPU time of the same
build varies by up to 1.7× between runs with nothing else running: 3 × ``--runs`` pairs make the
median of a 10 % budget trustworthy at little cost."""


def run(options: Options) -> dict[str, Any]:
    result = new_result(
        "overhead",
        "1. Generator overhead: plugin build vs. the same pages as static Markdown",
        {"runs": options.runs * OVERHEAD_RUNS_FACTOR},
    )
    notes: list[str] = result["notes"]
    work = scratch(options, "overhead")
    try:
        plugin_config = write_project(work / "plugin")
        static_config = static_export.export(plugin_config, work / "static")
        strict = choose_strict(options, plugin_config, work / "probe", notes)
        result["settings"]["strict"] = strict
        times: dict[str, list[float]] = {"plugin": [], "static": []}
        memory: dict[str, list[float]] = {"plugin": [], "static": []}
        cpu: dict[str, list[float]] = {"plugin": [], "static": []}
        configs = {"plugin": plugin_config, "static": static_config}
        for index in range(options.runs * OVERHEAD_RUNS_FACTOR):
            # Alternate which variant goes first, so drift in machine load hits both alike.
            order = ("plugin", "static") if index % 2 == 0 else ("static", "plugin")
            for variant in order:
                site = work / f"site-{variant}"
                measured = timed_build(configs[variant], site, strict=strict)
                times[variant].append(measured.seconds)
                memory[variant].append(measured.max_rss_mb)
                cpu[variant].append(measured.cpu_seconds)
        plugin_files, static_files = _files(work / "site-plugin"), _files(work / "site-static")
        html = sum(1 for f in plugin_files if f.endswith(".html"))
        if plugin_files == static_files:
            notes.append(f"both builds wrote the same {len(plugin_files)} files ({html} pages)")
        else:
            only_plugin = sorted(plugin_files - static_files)[:5]
            only_static = sorted(static_files - plugin_files)[:5]
            notes.append(
                f"the builds differ: only with the plugin {only_plugin}, only static {only_static}"
            )
        rows = result["rows"]
        rows.append(row("build with the plugin", times["plugin"], "s"))
        rows.append(row("build of static Markdown (baseline)", times["static"], "s"))
        rows.append(row("CPU time, plugin build", cpu["plugin"], "s"))
        rows.append(row("CPU time, static build", cpu["static"], "s"))
        rows.append(row("peak memory, plugin build", memory["plugin"], "MB"))
        rows.append(row("peak memory, static build", memory["static"], "MB"))
        overhead = ratio(
            "plugin / static",
            rows[0]["median"],
            rows[1]["median"],
            "median build times of the same run",
        )
        cpu_ratio = ratio(
            "plugin / static, CPU time",
            rows[2]["median"],
            rows[3]["median"],
            "median CPU times: less sensitive to other work on the machine",
        )
        result["ratios"] += [overhead, cpu_ratio]
        result["budgets"].append(
            budget("generator overhead (plugin / static)", overhead["value"], BUDGET_RATIO, "×")
        )
    finally:
        cleanup(options, work)
    return result
