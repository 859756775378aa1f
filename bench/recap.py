"""Benchmark 6, the agency recap: ``kompetensi rekap`` on 1,000 and 10,000 result files, and
the ``/rekap/`` page on 2,000 files in headless Chromium.

The files are generated from the real standards (:mod:`bench.recap_data`), as the quiz writes
them (about 25 KB each). The CLI is measured as a fresh process per run (wall time, CPU time,
peak memory); the baseline of the same run is the 1,000-file recap, and the budget is the issue's
"10k ≤ 12 × the 1k time" (linear is 10 ×: the process start and the dictionary are paid once).
Peak memory should barely grow: the recap keeps a small record per person, never a file.

The page: files chosen with ``input[name=results]``, the button pressed, time until the results
section holds every table (``data-kr-ready``); how often the progress text changed on the way
(it must move), and the longest main-thread task meanwhile (the work runs in the engine's
worker, so the page stays responsive).
"""

from __future__ import annotations

import json
import statistics
from pathlib import Path
from typing import Any

from bench import browser
from bench.common import (
    ROOT,
    BuildFailed,
    Options,
    budget,
    cleanup,
    measure,
    new_result,
    ratio,
    real_site,
    row,
    scratch,
)
from bench.recap_data import write_files
from bench.server import Server
from bench.validation import kompetensi_command
from generator.standard import load_standard

BUDGET_10K_OVER_1K = 12.0
BUDGET_LONG_TASK_MS = 200.0

WATCH = """
() => {
  const seen = (window.__recap = { progress: [], longest: 0 });
  new MutationObserver(() => {
    seen.progress.push(document.getElementById("kr-progress-text").textContent);
  }).observe(document.getElementById("kr-progress-text"), { childList: true, subtree: true,
                                                            characterData: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) seen.longest = Math.max(seen.longest, e.duration);
  }).observe({ type: "longtask" });
}
"""

RUN = """
async () => {
  const shown = new Promise((resolve) => {
    const section = document.getElementById("kr-hasil");
    new MutationObserver(() => { if (section.dataset.krReady) resolve(performance.now()); })
      .observe(section, { attributes: true });
  });
  const clicked = performance.now();
  document.getElementById("kr-run").click();
  const done = await shown;
  return { ms: done - clicked, progress: window.__recap.progress.length,
           longest: window.__recap.longest,
           rows: document.querySelectorAll("[data-rekap-competency]").length };
}
"""


def _cli(export: Path, folder: Path, work: Path, runs: int) -> dict[str, list[float]]:
    figures: dict[str, list[float]] = {"seconds": [], "cpu": [], "memory": []}
    for index in range(runs):
        out = work / f"rekap-{folder.name}-{index}.json"
        measured = measure(
            [*kompetensi_command(), "rekap", "--standards", str(export), "-o", str(out),
             str(folder)],
            cwd=ROOT,
            log=work / f"rekap-{folder.name}-{index}.log",
        )  # fmt: skip
        if measured.returncode != 0:
            raise BuildFailed(f"kompetensi rekap {folder} failed:\n{measured.output[-2000:]}")
        figures["seconds"].append(measured.seconds)
        figures["cpu"].append(measured.cpu_seconds)
        figures["memory"].append(measured.max_rss_mb)
    return figures


def _browser(
    site: Path, files: list[Path], runs: int, playwright: Any, instance: Any
) -> list[dict[str, Any]]:
    measured = []
    with browser.session(playwright, instance) as (_, instance), Server(site) as server:
        for _ in range(runs):
            context = browser.fresh_context(instance)
            try:
                page = browser.new_page(context)
                page.goto(server.url + "/rekap/")
                page.wait_for_selector("#kr-run:not([disabled])", timeout=browser.TIMEOUT_MS)
                page.set_input_files("input[type=file][name=results]", [str(p) for p in files])
                page.evaluate(WATCH)
                measured.append(page.evaluate(RUN))
            finally:
                context.close()
    return measured


def run(options: Options, *, playwright: Any = None, instance: Any = None) -> dict[str, Any]:
    """Measure; ``playwright`` and a launched ``instance`` are started here unless given."""
    small, large = options.recap_sizes
    large_runs = options.large_runs if large >= 10 * small else options.runs
    result = new_result(
        "recap",
        f"6. Recap: kompetensi rekap on {small} and {large} files, /rekap/ on "
        f"{options.recap_browser_files}",
        {
            "files": [small, large],
            "runs": options.runs,
            "large_runs": large_runs,
            "browser_files": options.recap_browser_files,
            "browser_runs": options.quiz_runs,
        },
    )
    work = scratch(options, "recap")
    try:
        export = work / "kompetensi.json"
        data = load_standard(ROOT / "standards").data
        export.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        small_files = write_files(data, small, work / f"files-{small}")
        write_files(data, large, work / f"files-{large}")
        size_kb = statistics.mean(p.stat().st_size for p in small_files[:100]) / 1000
        result["notes"].append(f"a generated result file is {size_kb:.1f} KB on average")
        base = _cli(export, work / f"files-{small}", work, options.runs)
        big = _cli(export, work / f"files-{large}", work, large_runs)
        rows = result["rows"]
        for n, figures in ((small, base), (large, big)):
            rows.append(row(f"rekap {n} files", figures["seconds"], "s"))
            rows.append(row(f"rekap {n} files: CPU time", figures["cpu"], "s"))
            rows.append(row(f"rekap {n} files: peak memory", figures["memory"], "MB"))
        scale = statistics.median(big["seconds"]) / statistics.median(base["seconds"])
        result["ratios"].append(
            ratio(
                f"{large} / {small} files",
                statistics.median(big["seconds"]),
                statistics.median(base["seconds"]),
                f"wall time; linear would be {large / small:g}",
            )
        )
        result["ratios"].append(
            ratio(
                f"peak memory {large} / {small} files",
                statistics.median(big["memory"]),
                statistics.median(base["memory"]),
                "the recap keeps a small record per person, never a file",
            )
        )
        if large == 10 * small:
            result["budgets"].append(
                budget(f"{large} files / {small} files (time)", scale, BUDGET_10K_OVER_1K, "×")
            )
        if browser.available():
            pages = write_files(data, options.recap_browser_files, work / "files-browser", seed=5)
            notes: list[str] = []
            site = real_site(options, notes)
            result["notes"] += notes
            measured = _browser(site, pages, options.quiz_runs, playwright, instance)
            n = options.recap_browser_files
            rows.append(
                row(f"/rekap/ {n} files: click to table", [m["ms"] for m in measured], "ms")
            )
            rows.append(
                row(
                    f"/rekap/ {n} files: progress updates",
                    [m["progress"] for m in measured],
                    "updates",
                )
            )
            rows.append(
                row(
                    f"/rekap/ {n} files: longest main-thread task",
                    [m["longest"] for m in measured],
                    "ms",
                )
            )
            result["budgets"].append(
                budget(
                    "/rekap/: longest main-thread task while reading",
                    max(m["longest"] for m in measured),
                    BUDGET_LONG_TASK_MS,
                    "ms",
                )
            )
            if not all(m["rows"] for m in measured):
                result["notes"].append("the page showed no competency rows in some run")
        else:
            result["notes"].append("Chromium or Playwright missing: the page was not measured")
    finally:
        cleanup(options, work)
    return result
