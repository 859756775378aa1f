"""Benchmark 4, the self-assessment in headless Chromium on loopback, cold and warm.

Cold: a fresh browser context per run (empty HTTP cache). Warm: one persistent context
(``launch_persistent_context``, whose disk cache keeps the 9.6 MB wasm), filled by one visit of
the quiz and the content page, then one new page per run (saved answers cleared after each). The site is served by :mod:`bench.server` (nginx-like
headers, gzip). Three pages are measured in turn in every run, so machine load hits all alike:

- the quiz (``/asesmen/``): first answerable question = the later of first contentful paint and
  the moment the quiz root takes answers, i.e. saves and counts them: ``data-kq-answerable``, set
  by the inline early.js when the parser reaches the quiz (it keeps answers until the controller
  binds), or ``data-kq-bound`` on a page without it. Reported beside it: "form bound" =
  ``data-kq-bound``, the controller bound to the whole parsed form. Engine ready =
  ``data-engine="ready"``;
  submit-to-plan = click on submit until the plan's categories are in the DOM and a frame has
  passed; main-thread long tasks; bytes on the wire (the server's count, workers included);
- baseline, a plain content page of the same site: its load event (``loadEventEnd``);
- baseline, bare Pyodide from the same files: a page whose module worker only loads Pyodide,
  micropip and the engine wheel (:func:`bench.browser.write_bare_page`).

Budgets: first answerable ≤ 1.10 × the content page's load; engine ready ≤ 1.25 × bare Pyodide;
submit-to-plan ≤ 100 ms (median); no main-thread task over 200 ms while Pyodide loads.
"""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

from bench import browser
from bench.common import Options, budget, new_result, ratio, real_site, row
from bench.server import Sent, Server

CONTENT_PAGE = "/tentang/level/"
QUIZ_PAGE = "/asesmen/"
BUDGET_ANSWERABLE = 1.10
BUDGET_ENGINE = 1.25
BUDGET_SUBMIT_MS = 100.0
BUDGET_LONG_TASK_MS = 200.0

ANSWER_ALL = """
() => {
  const form = document.querySelector("#kq-form");
  const select = form.elements.namedItem("position");
  const option = [...select.options].find((o) => o.value);
  // A position chosen by the page's link (?jabatan=) is kept: it decides what is asked.
  if (option && !select.value) {
    select.value = option.value;
    select.dispatchEvent(new Event("change", { bubbles: true }));
  }
  // The statements the chosen position asks (another position's technical ones are hidden).
  const radios = [...form.querySelectorAll("input[type=radio]")].filter(
    (input) => !input.closest("[data-kq-competency]").hidden,
  );
  const names = [...new Set(radios.map((input) => input.name))];
  names.forEach((name, index) => {
    const inputs = radios.filter((input) => input.name === name);
    inputs[(index * 7 + 2) % inputs.length].checked = true;
  });
  form.dispatchEvent(new Event("change"));
  return names.length;
}
"""
SUBMIT = """
async () => {
  const plan = document.getElementById("kq-plan");
  const shown = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (plan.querySelector("[data-plan-category]")) {
        observer.disconnect();
        resolve(performance.now());
      }
    });
    observer.observe(plan, { childList: true, subtree: true });
  });
  const clicked = performance.now();
  document.getElementById("kq-submit").click();
  const inDom = await shown;
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  const own = performance.getEntriesByName("kq:submit-to-results").pop();
  return {
    dom: inDom - clicked,
    painted: performance.now() - clicked,
    own: own ? own.duration : null,
  };
}
"""


def wire_kb(sent: list[Sent]) -> float:
    return sum(s.wire_bytes for s in sent) / 1024


def pyodide_kb(sent: list[Sent]) -> float:
    return sum(s.wire_bytes for s in sent if s.path.startswith("/assets/pyodide/")) / 1024


def describe_frame(frame: dict[str, Any] | None) -> str | None:
    """A long animation frame in a few words: its length and the scripts that ran in it."""
    if frame is None:
        return None
    scripts = [
        f"{item['source'] or '?'} {item['invoker'] or item['function']} "
        f"{item['duration']:.0f} ms (forced layout {item['layout']:.0f} ms)"
        for item in sorted(frame["scripts"], key=lambda item: -item["duration"])[:3]
    ]
    return (
        f"{frame['duration']:.0f} ms frame at {frame['start']:.0f} ms, "
        f"blocking {frame['blocking']:.0f} ms: " + ("; ".join(scripts) or "no script (rendering)")
    )


def _settle(page: Any) -> None:
    """Let late requests (the search index, the worker's last fetches) finish."""
    # A page still busy after 10 s is measured as it is.
    with contextlib.suppress(Exception):
        page.wait_for_load_state("networkidle", timeout=10_000)


def visit_quiz(
    context: Any, server: Server, *, submit: bool = True, path: str = QUIZ_PAGE
) -> dict[str, Any]:
    page = browser.new_page(context)
    server.site.take()
    page.goto(server.url + path, wait_until="load")
    browser.wait_engine(page)
    _settle(page)
    t = browser.timings(page)
    sent = server.site.take()
    # Tasks that begin once the engine has started (the task that starts it is the quiz's own
    # set-up, counted in the page-load figure) and before it is ready.
    engine_start, ready = t["engine_start"] or 0.0, t["ready"]
    tasks = t["longtasks"] or []
    during = [d for start, d in tasks if engine_start < start < ready]
    frames = [f for f in t.get("frames") or [] if engine_start < f["start"] < ready]
    longest_frame = max(frames, key=lambda f: f["duration"], default=None)
    figures: dict[str, Any] = {
        "answerable": max(t["answerable"], t["fcp"] or 0.0),
        "takes_answers": t["answerable"],
        "bound": t["bound"],
        "dcl": t["dcl"],
        "fcp": t["fcp"],
        "load": t["load"],
        "ready": t["ready"],
        "longest_task_loading": max(during, default=0.0),
        "long_tasks_loading": len(during),
        "longest_task": max((d for start, d in tasks if start < ready), default=0.0),
        "kb": wire_kb(sent),
        "pyodide_kb": pyodide_kb(sent),
        "requests": len(sent),
        "longtasks_supported": t["longtasks"] is not None,
        "longest_frame_loading": describe_frame(longest_frame),
        **stage_figures(t),
    }
    if submit:
        answered = page.evaluate(ANSWER_ALL)
        timing = page.evaluate(SUBMIT)
        figures.update(
            answered=answered,
            submit_dom=timing["dom"],
            submit_painted=timing["painted"],
            submit_own=timing["own"],
        )
    page.evaluate("() => localStorage.clear()")  # the next run starts without saved answers
    page.close()
    return figures


def visit_content(context: Any, server: Server, path: str = CONTENT_PAGE) -> dict[str, Any]:
    page = browser.new_page(context)
    server.site.take()
    page.goto(server.url + path, wait_until="load")
    browser.wait_loaded(page)
    _settle(page)
    t = browser.timings(page)
    sent = server.site.take()
    page.close()
    return {
        "load": t["load"],
        "fcp": t["fcp"],
        "dcl": t["dcl"],
        "kb": wire_kb(sent),
        "pyodide_kb": pyodide_kb(sent),
        "requests": len(sent),
        "sent": sent,
    }


def visit_bare(context: Any, server: Server, path: str) -> dict[str, Any]:
    page = browser.new_page(context)
    server.site.take()
    page.goto(server.url + path, wait_until="load")
    browser.wait_engine(page)
    _settle(page)
    t = browser.timings(page)
    sent = server.site.take()
    page.close()
    return {"ready": t["ready"], "kb": wire_kb(sent), **stage_figures(t)}


STAGES = ("runtime_module", "python", "micropip", "engine", "data")
"""The worker's stage marks, in order (``worker.mjs``; the bare page's worker has all but
``data``): each is ms from the worker's boot message to the end of that stage."""


def stage_figures(t: dict[str, Any]) -> dict[str, Any]:
    """Where the time to "engine ready" went: the page's start of the worker, each stage's own
    length in the worker, and the rest (the worker's start-up before its boot message, the
    ready message's way back to the page)."""
    marks = t.get("stages") or {}
    figures: dict[str, Any] = {"stage_start": t.get("engine_start")}
    previous = 0.0
    for name in STAGES:
        if name in marks:
            figures[f"stage_{name}"] = float(marks[name]) - previous
            previous = float(marks[name])
    if t.get("engine_start") is not None and t.get("ready") is not None and marks:
        figures["stage_rest"] = t["ready"] - t["engine_start"] - previous
    return figures


def _stage_rows(cache: str, who: str, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    names = ["start", *STAGES, "rest"]
    return [
        row(f"{cache}: {who} stage {name}", _values(items, f"stage_{name}"), "ms")
        for name in names
        if _values(items, f"stage_{name}")
    ]


def _measure(
    open_context: Callable[[], AbstractContextManager[Any]],
    server: Server,
    bare_path: str,
    runs: int,
) -> dict[str, list[dict[str, Any]]]:
    """``runs`` rounds of the three pages, in a rotating order."""
    seen: dict[str, list[dict[str, Any]]] = {"quiz": [], "content": [], "bare": []}
    visits: dict[str, Callable[[Any], dict[str, Any]]] = {
        "quiz": lambda c: visit_quiz(c, server),
        "content": lambda c: visit_content(c, server),
        "bare": lambda c: visit_bare(c, server, bare_path),
    }
    names = list(visits)
    for index in range(runs):
        order = names[index % 3 :] + names[: index % 3]
        for name in order:
            with open_context() as context:
                seen[name].append(visits[name](context))
    return seen


def run(options: Options, *, playwright: Any = None, instance: Any = None) -> dict[str, Any]:
    """Measure; ``playwright`` and a launched ``instance`` are started here unless given."""
    result = new_result(
        "quiz",
        "4. Self-assessment in headless Chromium (loopback): cold and warm",
        {"runs": options.quiz_runs, "content_page": CONTENT_PAGE, "quiz_page": QUIZ_PAGE},
    )
    site = real_site(options, result["notes"])
    bare_path = browser.write_bare_page(site)
    figures: dict[str, dict[str, list[dict[str, Any]]]] = {}
    with Server(site) as server, browser.session(playwright, instance) as (p, chromium):

        @contextlib.contextmanager
        def cold() -> Iterator[Any]:
            context = browser.fresh_context(chromium)
            try:
                yield context
            finally:
                context.close()

        figures["cold"] = _measure(cold, server, bare_path, options.quiz_runs)
        with tempfile.TemporaryDirectory(prefix="kompetensi-bench-profile-") as profile:
            persistent = browser.launch_persistent(p, Path(profile))
            try:
                # Fill the cache once, then measure. The quiz brings every file of Pyodide and
                # the theme; the bare page's two small scripts are fetched by its first run.
                visit_quiz(persistent, server, submit=False)
                visit_content(persistent, server)
                figures["warm"] = _measure(
                    lambda: contextlib.nullcontext(persistent),
                    server,
                    bare_path,
                    options.quiz_runs,
                )
            finally:
                persistent.close()
    _report(result, figures)
    return result


def _values(items: list[dict[str, Any]], key: str) -> list[float]:
    return [float(item[key]) for item in items if item.get(key) is not None]


def _report(result: dict[str, Any], figures: dict[str, dict[str, list[dict[str, Any]]]]) -> None:
    rows, ratios, budgets = result["rows"], result["ratios"], result["budgets"]
    for cache, seen in figures.items():
        quiz, content, bare = seen["quiz"], seen["content"], seen["bare"]
        answerable = row(
            f"{cache}: quiz, first answerable question", _values(quiz, "answerable"), "ms"
        )
        content_load = row(f"{cache}: content page load (baseline)", _values(content, "load"), "ms")
        ready = row(f"{cache}: quiz, engine ready", _values(quiz, "ready"), "ms")
        bare_ready = row(
            f"{cache}: bare Pyodide + engine wheel ready (baseline)", _values(bare, "ready"), "ms"
        )
        submit = row(
            f"{cache}: quiz, submit to rendered plan", _values(quiz, "submit_painted"), "ms"
        )
        longest = row(
            f"{cache}: quiz, longest main-thread task begun while Pyodide loads",
            _values(quiz, "longest_task_loading"),
            "ms",
        )
        bound = row(
            f"{cache}: quiz, form bound by the controller (data-kq-bound)",
            _values(quiz, "bound"),
            "ms",
        )
        rows += [
            answerable,
            row(
                f"{cache}: quiz, root takes answers (data-kq-answerable)",
                _values(quiz, "takes_answers"),
                "ms",
            ),
            bound,
            row(f"{cache}: quiz, first contentful paint (static form)", _values(quiz, "fcp"), "ms"),
            row(f"{cache}: quiz, load event", _values(quiz, "load"), "ms"),
            content_load,
            row(f"{cache}: content page first contentful paint", _values(content, "fcp"), "ms"),
            ready,
            bare_ready,
            submit,
            row(f"{cache}: quiz, submit to plan in the DOM", _values(quiz, "submit_dom"), "ms"),
            row(
                f"{cache}: quiz, page's own kq:submit-to-results", _values(quiz, "submit_own"), "ms"
            ),
            longest,
            row(
                f"{cache}: quiz, longest main-thread task until ready, page load included",
                _values(quiz, "longest_task"),
                "ms",
            ),
            row(
                f"{cache}: quiz, long tasks (>50 ms) begun while Pyodide loads",
                _values(quiz, "long_tasks_loading"),
                "count",
            ),
            row(f"{cache}: quiz, bytes transferred until ready", _values(quiz, "kb"), "KB"),
            row(f"{cache}: content page, bytes transferred", _values(content, "kb"), "KB"),
            row(f"{cache}: bare Pyodide, bytes transferred", _values(bare, "kb"), "KB"),
            *_stage_rows(cache, "quiz", quiz),
            *_stage_rows(cache, "bare Pyodide", bare),
        ]
        first = ratio(
            f"{cache}: first answerable / content page load",
            answerable["median"],
            content_load["median"],
            "medians of the same run",
        )
        bound_ratio = ratio(
            f"{cache}: form bound / content page load (no budget)",
            bound["median"],
            content_load["median"],
            "medians of the same run",
        )
        engine = ratio(
            f"{cache}: engine ready / bare Pyodide ready",
            ready["median"],
            bare_ready["median"],
            "medians of the same run",
        )
        ratios += [first, bound_ratio, engine]
        budgets += [
            budget(
                f"{cache}: first answerable / content load", first["value"], BUDGET_ANSWERABLE, "×"
            ),
            budget(f"{cache}: engine ready / bare Pyodide", engine["value"], BUDGET_ENGINE, "×"),
            budget(f"{cache}: submit to plan (median)", submit["median"], BUDGET_SUBMIT_MS, "ms"),
            budget(
                f"{cache}: longest main-thread task while Pyodide loads (max of runs)",
                longest["max"],
                BUDGET_LONG_TASK_MS,
                "ms",
            ),
        ]
        if not all(item["longtasks_supported"] for item in quiz):
            result["notes"].append(f"{cache}: the longtask observer was not available")
        frames = [item["longest_frame_loading"] for item in quiz if item["longest_frame_loading"]]
        if frames:
            longest_frame = max(frames, key=lambda text: float(text.split(" ms")[0]))
            result["notes"].append(
                f"{cache}: longest animation frame begun while Pyodide loads: {longest_frame}"
            )
    answered = {item.get("answered") for seen in figures.values() for item in seen["quiz"]}
    result["notes"].append(f"each submit rated {sorted(a for a in answered if a)} indicators")
