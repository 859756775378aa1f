"""Headless Chromium for the browser benchmarks, and the in-page probes they read.

The probe script is installed with ``add_init_script``, before any script of the page: it keeps
every main-thread long task (``PerformanceObserver`` ``longtask``), every long animation frame
with the scripts it ran (``long-animation-frame``, Chromium), and, read by a MutationObserver so
the timestamp does not depend on polling: the moment the quiz root first says it takes answers
(``data-kq-answerable``, set by the inline early.js as soon as the parser reaches the quiz, or
``data-kq-bound`` on a page without it), the moment the controller binds the whole form
(``data-kq-bound``) and the moment the engine reports ready (``data-engine``). All times are ms
from navigation start.
"""

from __future__ import annotations

import html.parser
import shutil
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

from bench.common import CHROMIUM

LAUNCH_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
TIMEOUT_MS = 120_000

PROBE = """
(() => {
  const bench = (window.__bench = {
    longtasks: [], answerable: null, bound: null, ready: null, failed: null,
  });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) bench.longtasks.push([e.startTime, e.duration]);
    }).observe({ type: "longtask", buffered: true });
  } catch (error) {
    bench.longtasks = null;
  }
  // Long animation frames name the scripts that ran in them (source, function, invoker),
  // which the longtask entries do not: what the report quotes for the longest task.
  bench.frames = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        bench.frames.push({
          start: e.startTime,
          duration: e.duration,
          blocking: e.blockingDuration,
          scripts: e.scripts.map((s) => ({
            source: (s.sourceURL || "").split("/").pop(),
            function: s.sourceFunctionName || "",
            invoker: s.invoker || "",
            duration: s.duration,
            layout: s.forcedStyleAndLayoutDuration,
          })),
        });
      }
    }).observe({ type: "long-animation-frame", buffered: true });
  } catch (error) {
    bench.frames = null;
  }
  const seen = () => {
    const root = document.documentElement;
    if (!root) return;
    const engine = root.dataset.engine;
    if (engine === "ready" && bench.ready === null) bench.ready = performance.now();
    if (engine === "error" && bench.failed === null) bench.failed = performance.now();
    // From either attribute on, an answer is saved and counted (early.js, then the controller).
    const takes = "[data-kq-root][data-kq-answerable], [data-kq-root][data-kq-bound]";
    if (bench.answerable === null && document.querySelector(takes)) {
      bench.answerable = performance.now();
    }
    if (bench.bound === null && document.querySelector("[data-kq-root][data-kq-bound]")) {
      bench.bound = performance.now();
    }
  };
  new MutationObserver(seen).observe(document, {
    attributes: true, subtree: true,
    attributeFilter: ["data-engine", "data-kq-answerable", "data-kq-bound"],
  });
})();
"""

READ_TIMINGS = """
() => {
  const nav = performance.getEntriesByType("navigation")[0];
  const paint = performance.getEntriesByName("first-contentful-paint")[0];
  const start = performance.getEntriesByName("kq:engine-start")[0];
  return {
    dcl: nav ? nav.domContentLoadedEventEnd : null,
    load: nav ? nav.loadEventEnd : null,
    fcp: paint ? paint.startTime : null,
    engine_start: start ? start.startTime : null,
    answerable: window.__bench.answerable,
    bound: window.__bench.bound,
    ready: window.__bench.ready,
    failed: window.__bench.failed,
    longtasks: window.__bench.longtasks,
    frames: window.__bench.frames,
    error: document.documentElement.dataset.engineDetail || null,
    // The worker's own stage marks (ms since its boot message): the quiz's or the bare page's.
    stages: window.KompetensiQuiz
      ? window.KompetensiQuiz.timings().worker
      : window.__bareTimings || null,
  };
}
"""


def available() -> bool:
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        return False
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return False
    return True


@contextmanager
def playwright() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@contextmanager
def session(p: Any = None, instance: Any = None) -> Iterator[tuple[Any, Any]]:
    """``(playwright, browser)``: the given ones, or started here (and stopped afterwards)."""
    if not available():
        raise RuntimeError(f"Chromium ({CHROMIUM}) or the playwright package is missing")
    with ExitStack() as stack:
        if p is None:
            p = stack.enter_context(playwright())
        if instance is None:
            instance = launch(p)
            stack.callback(instance.close)
        yield p, instance


def launch(p: Any) -> Any:
    return p.chromium.launch(executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS)


def launch_persistent(p: Any, user_data_dir: Path) -> Any:
    """A context whose HTTP cache survives between pages (``new_context()`` keeps none)."""
    context = p.chromium.launch_persistent_context(
        str(user_data_dir), executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS
    )
    context.add_init_script(PROBE)
    return context


def fresh_context(browser: Any) -> Any:
    context = browser.new_context()
    context.add_init_script(PROBE)
    return context


def new_page(context: Any) -> Any:
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    return page


def wait_loaded(page: Any) -> None:
    page.wait_for_function("() => performance.getEntriesByType('navigation')[0]?.loadEventEnd > 0")


def wait_engine(page: Any) -> None:
    page.wait_for_function(
        "() => window.__bench && (window.__bench.ready || window.__bench.failed)"
    )
    state = page.evaluate("document.documentElement.dataset.engine")
    if state != "ready":
        detail = page.evaluate(
            "() => (document.querySelector('#kq-engine-error') || document.documentElement)"
            ".textContent.trim().slice(0, 300)"
        )
        raise RuntimeError(f"the engine did not start ({state}): {detail}")


def timings(page: Any) -> dict[str, Any]:
    result: dict[str, Any] = page.evaluate(READ_TIMINGS)
    return result


class _QuizAttributes(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if "data-kq-root" in values:
            self.found = values


def quiz_attributes(site: Path) -> dict[str, str]:
    """The quiz root's ``data-kq-*`` attributes in the built page (runtime and wheel paths)."""
    parser = _QuizAttributes()
    parser.feed((site / "asesmen" / "index.html").read_text(encoding="utf-8"))
    if not parser.found:
        raise RuntimeError("asesmen/index.html has no [data-kq-root] element")
    return parser.found


BARE_HTML = """<!doctype html>
<html lang="id"><head><meta charset="utf-8"><title>Pyodide saja</title></head>
<body><p>Bare Pyodide boot (benchmark baseline).</p><script src="bare.js"></script></body></html>
"""
BARE_JS = """// Starts the same runtime as the quiz, in a module worker, and flags the result.
(() => {
  const here = document.currentScript.src;
  const root = new URL("../", here);
  document.documentElement.dataset.engine = "loading";
  const worker = new Worker(new URL("worker.mjs", here), { type: "module" });
  worker.onmessage = (event) => {
    if (!event.data.ok) document.documentElement.dataset.engineDetail = event.data.detail;
    window.__bareTimings = event.data.timings || null;
    document.documentElement.dataset.engine = event.data.ok ? "ready" : "error";
  };
  performance.mark("kq:engine-start");
  worker.postMessage({
    pyodide: new URL(%(pyodide)s, root).href,
    wheel: new URL(%(wheel)s, root).href,
  });
})();
"""
BARE_WORKER = """// Pyodide, micropip, and the engine wheel: nothing else. The stage marks are the quiz
// worker's (ms since the boot message), for the benchmark's report.
self.onmessage = async (event) => {
  try {
    const started = performance.now();
    const timings = {};
    const mark = (name) => (timings[name] = Math.round(performance.now() - started));
    const { pyodide, wheel } = event.data;
    const { loadPyodide } = await import(pyodide + "pyodide.mjs");
    mark("runtime_module");
    const py = await loadPyodide({ indexURL: pyodide, lockFileURL: pyodide + "pyodide-lock.json" });
    mark("python");
    await py.loadPackage("micropip");
    const micropip = py.pyimport("micropip");
    mark("micropip");
    await micropip.install(wheel);
    mark("engine");
    self.postMessage({ ok: true, timings });
  } catch (error) {
    self.postMessage({ ok: false, detail: String(error) });
  }
};
"""
BARE_PATH = "bench-bare"


def write_bare_page(site: Path) -> str:
    """Write the bare Pyodide page into the built site; returns its URL path."""
    import json

    attributes = quiz_attributes(site)
    folder = site / BARE_PATH
    folder.mkdir(exist_ok=True)
    (folder / "index.html").write_text(BARE_HTML, encoding="utf-8")
    script = BARE_JS % {
        "pyodide": json.dumps(attributes["data-kq-pyodide"]),
        "wheel": json.dumps(attributes["data-kq-wheel"]),
    }
    (folder / "bare.js").write_text(script, encoding="utf-8")
    (folder / "worker.mjs").write_text(BARE_WORKER, encoding="utf-8")
    return f"/{BARE_PATH}/"
