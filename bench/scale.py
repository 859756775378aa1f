"""Benchmark 2, scale: build time and peak memory for synthetic standards of growing size.

Each size gets a standards folder from :mod:`bench.synthetic` (teknis competencies, 5 levels × 3
indicators) and is built with the real mkdocs.yml and hand-written pages, each build in a fresh
process. The smallest size is the in-run baseline: its build time is the fixed cost (theme,
hand-written pages, the quiz runtime), so the marginal time per competency,
``(T(n) − T(smallest)) / (n − smallest)``, shows whether the work per page stays constant.

Budgets: the time per competency at 3,000 is within 1.5 × that at 100, judged on the marginal
figure (the plain ``T(n) / n`` hides growth behind the fixed cost and is shown as well); and
3,000 competencies build in under 3 minutes.
"""

from __future__ import annotations

import statistics
from typing import Any

from bench.common import (
    Options,
    budget,
    choose_strict,
    cleanup,
    folder_size_mb,
    measure,
    new_result,
    ratio,
    row,
    scratch,
    timed_build,
    write_project,
)
from bench.synthetic import write_standard
from bench.validation import kompetensi_command

BUDGET_GROWTH = 1.5
BUDGET_LARGEST_S = 180.0
SMALL, LARGE = 100, 3000


def run(options: Options) -> dict[str, Any]:
    sizes = sorted(set(options.sizes))
    runs = {n: options.large_runs if n >= options.large_from else options.runs for n in sizes}
    result = new_result(
        "scale",
        "2. Scale: synthetic standards, build time and peak memory",
        {"sizes": sizes, "runs": runs},
    )
    notes: list[str] = result["notes"]
    work = scratch(options, "scale")
    medians: dict[int, float] = {}
    cpu_medians: dict[int, float] = {}
    try:
        for n in sizes:
            standards = write_standard(work / f"standards-{n}", n)
            config_file = write_project(work / f"project-{n}", standards=standards)
            site = work / f"site-{n}"
            strict = choose_strict(options, config_file, site, notes)
            result["settings"]["strict"] = strict
            times, cpu, memory = [], [], []
            for _ in range(runs[n]):
                measured = timed_build(config_file, site, strict=strict)
                times.append(measured.seconds)
                cpu.append(measured.cpu_seconds)
                memory.append(measured.max_rss_mb)
            size_mb = folder_size_mb(site)
            pages = sum(1 for _ in site.rglob("*.html"))
            result["rows"].append(row(f"{n} competencies: build", times, "s", pages=pages))
            result["rows"].append(row(f"{n} competencies: build CPU time", cpu, "s"))
            result["rows"].append(row(f"{n} competencies: peak memory", memory, "MB"))
            result["rows"].append(row(f"{n} competencies: site size", [size_mb], "MB"))
            result["rows"].append(
                row(
                    f"{n} competencies: time per competency",
                    [t / n * 1000 for t in times],
                    "ms/competency",
                )
            )
            medians[n] = statistics.median(times)
            cpu_medians[n] = statistics.median(cpu)
            cleanup(options, site)
            cleanup(options, standards)
        base = sizes[0]
        marginal = {n: (medians[n] - medians[base]) / (n - base) * 1000 for n in sizes if n > base}
        for n, value in marginal.items():
            result["rows"].append(
                row(
                    f"{n} competencies: marginal time per competency",
                    [value],
                    "ms/competency",
                    baseline=f"{base} competencies",
                )
            )
        marginal_cpu = {
            n: (cpu_medians[n] - cpu_medians[base]) / (n - base) * 1000 for n in sizes if n > base
        }
        for n, value in marginal_cpu.items():
            result["rows"].append(
                row(
                    f"{n} competencies: marginal CPU time per competency",
                    [value],
                    "ms/competency",
                    baseline=f"{base} competencies",
                )
            )
        if SMALL in marginal and LARGE in marginal:
            growth = ratio(
                f"marginal ms/competency at {LARGE} / at {SMALL}",
                marginal[LARGE],
                marginal[SMALL],
                f"(T(n) − T({base})) / (n − {base}), same run",
            )
            plain = ratio(
                f"plain T/n at {LARGE} / at {SMALL}",
                medians[LARGE] / LARGE,
                medians[SMALL] / SMALL,
                "for reference: fixed cost dominates at small sizes",
            )
            growth_cpu = ratio(
                f"marginal CPU ms/competency at {LARGE} / at {SMALL}",
                marginal_cpu[LARGE],
                marginal_cpu[SMALL],
                "the same on CPU time, less sensitive to other work on the machine",
            )
            result["ratios"] += [growth, growth_cpu, plain]
            result["budgets"].append(
                budget(
                    "per-competency time, 3,000 vs 100 (marginal)",
                    growth["value"],
                    BUDGET_GROWTH,
                    "×",
                )
            )
        if LARGE in medians:
            result["budgets"].append(
                budget(f"{LARGE} competencies build time", medians[LARGE], BUDGET_LARGEST_S, "s")
            )
    finally:
        cleanup(options, work)
    return result


BUDGET_POSITION_PAGE_KB = 600.0


def run_positions(options: Options) -> dict[str, Any]:
    """Benchmark 2b, positions at scale: real positions (``positions/``, 10 technical targets
    each) over one technical dictionary; validate and build times per size, their marginal cost
    per competency (a position per 6 competencies) against the smallest size of the same run,
    and the largest position page."""
    result = new_result(
        "scale_positions",
        "2b. Scale with positions: real positions over a technical dictionary",
        {"sizes": [list(size) for size in options.position_sizes], "runs": options.runs},
    )
    notes: list[str] = result["notes"]
    work = scratch(options, "scale-positions")
    # Wall and CPU medians per size; the budgets are judged on CPU time, which other work on
    # a shared machine disturbs far less than wall time.
    medians: dict[tuple[str, str], dict[int, float]] = {}
    try:
        for positions, n in options.position_sizes:
            label = f"{positions} positions, {n} technical"
            standards = write_standard(work / f"standards-{n}", n, positions)
            command = [*kompetensi_command(), "validate", "--standards", str(standards)]
            checks = [
                measure(command, cwd=work, log=work / f"validate-{n}.log")
                for _ in range(options.runs)
            ]
            config_file = write_project(work / f"project-{n}", standards=standards)
            site = work / f"site-{n}"
            strict = choose_strict(options, config_file, site, notes)
            builds = [timed_build(config_file, site, strict=strict) for _ in range(options.runs)]
            for what, runs in (("validate", checks), ("build", builds)):
                for clock, values in (
                    ("wall", [m.seconds for m in runs]),
                    ("CPU", [m.cpu_seconds for m in runs]),
                ):
                    name = f"{label}: {what}" + (" CPU time" if clock == "CPU" else "")
                    result["rows"].append(row(name, values, "s"))
                    medians.setdefault((what, clock), {})[n] = statistics.median(values)
            pages = [
                p.stat().st_size / 1000 for p in (site / "jabatan").glob("jabatan-*/index.html")
            ]
            result["rows"].append(row(f"{label}: largest position page", [max(pages)], "KB"))
            if n == options.position_sizes[-1][1]:
                result["budgets"].append(
                    budget("largest position page", max(pages), BUDGET_POSITION_PAGE_KB, "KB")
                )
            cleanup(options, site)
            cleanup(options, standards)
        base, mid, large = (n for _, n in options.position_sizes)
        for (what, clock), by_size in medians.items():
            per = {n: (by_size[n] - by_size[base]) / (n - base) * 1000 for n in (mid, large)}
            for n, value in per.items():
                result["rows"].append(
                    row(
                        f"{what}: marginal {clock} time per competency at {n}",
                        [value],
                        "ms/competency",
                    )
                )
            growth = ratio(
                f"{what}: marginal {clock} ms/competency at {large} / at {mid}",
                per[large],
                per[mid],
                f"(T(n) − T({base})) / (n − {base}), same run; 1.0 is linear",
            )
            result["ratios"].append(growth)
            if clock == "CPU":
                result["budgets"].append(
                    budget(
                        f"{what}: per-competency CPU time, {large} vs {mid}",
                        growth["value"],
                        BUDGET_GROWTH,
                        "×",
                    )
                )
    finally:
        cleanup(options, work)
    return result
