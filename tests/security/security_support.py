"""Helpers of the security suites: sites built through ``kompetensi build``, hostile standards,
and a watch over everything a browser context does (requests, CSP violations, console errors,
page errors, dialogs, cookies, storage)."""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from project_support import Built as Built
from project_support import real_config, write_project
from project_support import run_build as run_build

# The quiz helpers are shared with tests/e2e (tests/quiz_support.py); imported here under their
# own names, so the security tests keep importing them from this module.
from quiz_support import ANSWERS_KEY as ANSWERS_KEY
from quiz_support import ENGINE_TIMEOUT_MS as ENGINE_TIMEOUT_MS
from quiz_support import STORAGE_PREFIX as STORAGE_PREFIX
from quiz_support import Fault, respond_with
from quiz_support import answer as answer
from quiz_support import checked_ratings as checked_ratings
from quiz_support import click_settled as click_settled
from quiz_support import download_from as download_from
from quiz_support import indicator_names as indicator_names
from quiz_support import seed_storage as seed_storage
from quiz_support import stored_answers as stored_answers
from quiz_support import wait_engine as wait_engine
from quiz_support import wait_results as wait_results

# Material's search, typed on the page shown: shared with tests/site.
from search_support import search as open_search

ROOT = Path(__file__).resolve().parents[2]
SITE_FIXTURES = ROOT / "tests" / "site" / "fixtures"
PYODIDE = "/assets/pyodide/314.0.7"

# Every page type of the real site, by URL path. The 404 page is served for a missing path by a
# server override (see ``not_found_override``).
PAGE_TYPES: dict[str, str] = {
    "home": "/",
    "about": "/tentang/",
    "about-levels": "/tentang/level/",
    "competency-index": "/kompetensi/",
    "competency": "/kompetensi/integritas/",
    "transition": "/kompetensi/integritas/transisi/",
    "matrix": "/matriks/",
    "positions": "/jabatan/",
    "position": "/jabatan/jpt-pratama/",
    "downloads": "/unduh/",
    "print": "/cetak/",
    "method": "/metode-penilaian/",
    "handbook": "/panduan/publikasi/",
    "quiz": "/asesmen/",
    "recap": "/rekap/",
    "404": "/tidak/ada/",
}


@dataclass(frozen=True)
class Hostile:
    """The hostile site and the payload of each poisoned field, by number."""

    built: Built
    payloads: dict[int, str]


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` by relative path: for byte-identical comparisons."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def project_config(
    standards_dir: str = "standards", *, quiz_assets: bool = True, nav: list[Any] | None = None
) -> dict[str, Any]:
    """The real mkdocs.yml, for a project in another folder (only the given navigation)."""
    return real_config(nav=nav, standards_dir=standards_dir, quiz_assets=quiz_assets)


# Projects are written the same way as the site tests' (tests/project_support.py).
make_project = write_project


# ---- Hostile text ------------------------------------------------------------------------------

# Keys of free text in the standards files (ids, enums and numbers are validated elsewhere).
TEXT_KEYS = frozenset(
    {
        "title", "short_title", "regulation", "short", "part", "note", "name", "summary",
        "description", "label", "definition", "text", "example", "source", "activity",
    }
)  # fmt: skip
LIST_TEXT_KEYS = frozenset({"aliases"})
SEARCH_WORD = "zqxpayload"


# Longest text the schemas allow, by key (the other text fields have no limit).
LIMITS = {"short_title": 40, "name": 120, "aliases": 100}
# Fields that reach the CSV exports (the dictionary's and the quiz's).
FORMULA_KEYS = frozenset({"name", "text", "activity", "description"})


def payload(number: int, key: str = "") -> str:
    """Hostile text for field ``number``: every vector sets ``window.__pwned`` to the number.

    It starts with a search word (search results then show payloads; half the names, indicator
    texts and activities start with a spreadsheet formula, for the CSV exports) and ends with an
    attr_list block, which only applies at the end of a line. A field whose ``key`` has a length
    limit gets the attr_list block and as many other vectors as fit, in an order that rotates
    with ``number`` so every vector reaches short fields too.
    """
    js = f"__pwned={number}"  # a sloppy-mode assignment: sets window.__pwned
    vectors = [
        f"<script>{js}</script>",
        f"<img src=x onerror={js}>",
        f"<svg onload={js}></svg>",
        f'<a href="javascript:{js}">a</a>',
        f"[k](javascript:{js})",
        f"[d](data:text/html,<script>{js}</script>)",
        f"![i](x){{ onerror={js} }}",
        f'" onmouseover="{js}" x="',
        f"' onfocus='{js}' autofocus x='",
        f"</title></textarea></style></noscript></script><script>{js}</script>",
        f"<iframe srcdoc='<script>parent.{js}</script>'></iframe>",
        f"<!-- --><script>{js}</script>",
        f"${{{js}}} {{{{ {number}*7 }}}}",
    ]
    tail = f'{{ onclick="{js}" }}'
    formula = number % 2 == 0 and key in FORMULA_KEYS
    lead = f"=HYPERLINK(1) {SEARCH_WORD}{number}" if formula else f"{SEARCH_WORD}{number}"
    limit = LIMITS.get(key)
    if limit is None:
        return " ".join([lead, *vectors, tail])
    shift = number % len(vectors)
    chosen: list[str] = []
    for vector in [tail, *vectors[shift:], *vectors[:shift]]:
        if len(" ".join([lead, *chosen, vector])) <= limit:
            chosen.append(vector)
    return " ".join([lead, *chosen[1:], chosen[0]] if chosen else [lead])


def _poison(node: Any, payloads: dict[int, str], key: str = "") -> Any:
    if isinstance(node, dict):
        return {k: _poison(v, payloads, k) for k, v in node.items()}
    if isinstance(node, list):
        return [_poison(v, payloads, key) for v in node]
    if isinstance(node, str) and (key in TEXT_KEYS or key in LIST_TEXT_KEYS):
        number = len(payloads) + 1
        payloads[number] = payload(number, key)
        return payloads[number]
    return node


def hostile_standards(target: Path, source: Path = SITE_FIXTURES / "three") -> dict[int, str]:
    """A copy of ``source`` with hostile text in every free-text field; the payloads by number."""
    payloads: dict[int, str] = {}
    for path in sorted(source.rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        out = target / path.relative_to(source)
        out.parent.mkdir(parents=True, exist_ok=True)
        text = yaml.safe_dump(
            _poison(data, payloads), allow_unicode=True, sort_keys=False, width=10_000
        )
        out.write_text(text, encoding="utf-8")
    return payloads


HOSTILE_HOME = f"""# Beranda

Skala: <!-- data:scale_label:1 -->x<!-- /data -->, <!-- data:scale_label:3 -->x<!-- /data -->.

## Level <!-- data:level_name:1 -->x<!-- /data -->

| Level | Nama |
|---|---|
| 2 | <!-- data:level_name:2 -->x<!-- /data --> |

Cari kata {SEARCH_WORD} di kotak pencarian.
"""


# ---- The browser ------------------------------------------------------------------------------


def settle_animations(page: Any, seconds: float = 10.0) -> None:
    """Wait until no CSS animation or transition runs (the search fades in: axe measured its
    text half-transparent, at 3:1). Polled from Python: the strict policy forbids the string
    evaluation that ``wait_for_function`` uses."""
    deadline = time.monotonic() + seconds
    running = "document.getAnimations().some((a) => a.playState === 'running')"
    while page.evaluate(running) and time.monotonic() < deadline:
        time.sleep(0.05)


# Runs before every page script: collects CSP violations of the document.
VIOLATIONS_SCRIPT = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.__violations.push([event.effectiveDirective, event.blockedURI, event.sourceFile,
                            event.lineNumber, event.sample].join(' '));
});
"""


@dataclass
class Watch:
    """What one browser context did: requests, console errors, page errors, dialogs."""

    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def attach(self, context: Any) -> None:
        context.add_init_script(VIOLATIONS_SCRIPT)
        context.on("request", lambda request: self.requests.append(request.url))
        context.on("console", self._console)
        context.on("page", self._page)

    def _console(self, message: Any) -> None:
        if message.type in ("error", "warning"):
            self.console_errors.append(f"{message.type}: {message.text}")

    def _page(self, page: Any) -> None:
        page.on("pageerror", lambda error: self.page_errors.append(str(error)))

        def dialog(d: Any) -> None:
            self.dialogs.append(f"{d.type}: {d.message}")
            d.dismiss()

        page.on("dialog", dialog)

    def csp_console(self) -> list[str]:
        """Console messages about the Content Security Policy (documents and workers)."""
        return [m for m in self.console_errors if "Content Security Policy" in m]

    def off_origin(self, origin: str) -> list[str]:
        return [
            url
            for url in self.requests
            if not url.startswith(origin + "/") and not url.startswith(("data:", "blob:"))
        ]


@contextmanager
def watched_page(browser: Any, **options: Any) -> Iterator[tuple[Any, Any, Watch]]:
    """A fresh context and page under a :class:`Watch`; the context is closed afterwards."""
    context = browser.new_context(**options)
    watch = Watch()
    watch.attach(context)
    page = context.new_page()
    page.set_default_timeout(ENGINE_TIMEOUT_MS)
    try:
        yield context, page, watch
    finally:
        context.close()


def violations(page: Any) -> list[str]:
    found: list[str] = page.evaluate("window.__violations || []")
    return found


def not_found_override(site: Path) -> Any:
    """A server override answering with the site's own 404.html and status 404."""
    return Fault(respond_with((site / "404.html").read_bytes(), "text/html; charset=utf-8", 404))


# ---- The quiz ---------------------------------------------------------------------------------


def full_quiz_run(page: Any, url: str, position: str | None = None) -> dict[str, int]:
    """Open the quiz, answer every statement, submit, wait for the results; the ratings."""
    page.goto(url + "/asesmen/")
    names = indicator_names(page)
    ratings = {name: 1 + (index * 7) % 4 for index, name in enumerate(names)}
    if position:
        page.select_option("select[name=position]", position)
    answer(page, ratings)
    wait_engine(page)
    click_settled(page, "#kq-submit")
    wait_results(page)
    return ratings


def copy_site(site: Path, target: Path) -> Path:
    shutil.copytree(site, target)
    return target


def visit(page: Any, url: str) -> None:
    """Open ``url`` and wait until the page has made every request it makes by itself."""
    page.goto(url)
    page.wait_for_load_state("networkidle")


def tour(page: Any, origin: str) -> Iterator[str]:
    """Every page type (except the quiz), then the search box open with results: yields the
    name of each state once the page shows it."""
    for name, path in PAGE_TYPES.items():
        if name == "quiz":
            continue
        visit(page, origin + path)
        yield name
    visit(page, origin + PAGE_TYPES["competency"])
    if page.viewport_size["width"] < 1200:  # below 60em the search opens from its icon
        page.click("label[for=__search]")
    open_search(page, "integritas")
    settle_animations(page)
    yield "search"


def quiz_flow(page: Any, origin: str) -> dict[str, int]:
    """The whole quiz: answer everything for a position, results, the three downloads, a share
    link. Returns the ratings given."""
    ratings = full_quiz_run(page, origin, position="jpt-pratama")
    for button in ("#kq-download-json", "#kq-download-md", "#kq-download-csv"):
        download_from(page, button)
    click_settled(page, "#kq-share")
    page.wait_for_selector("#kq-share-box:not([hidden])")
    return ratings


@dataclass
class TourRecord:
    """Everything one strict-policy tour of the real site saw (see ``strict_tour``)."""

    origin: str
    states: list[str] = field(default_factory=list)
    violations: dict[str, list[str]] = field(default_factory=dict)
    watch: Watch = field(default_factory=Watch)
    cookies: list[Any] = field(default_factory=list)
    storage: dict[str, Any] = field(default_factory=dict)
    csp_console: list[str] = field(default_factory=list)
    control_blocked: bool = False
    control_reported: list[str] = field(default_factory=list)


# Inline script injected at the end of a tour: the policy must block it and report it.
INJECT = """() => { const s = document.createElement('script');
    s.textContent = 'window.__injected = true'; document.head.append(s);
    return window.__injected !== true; }"""

STORAGE_STATE = """async () => ({
    local: Object.keys(localStorage),
    session: Object.keys(sessionStorage),
    cookie: document.cookie,
    databases: indexedDB.databases ? (await indexedDB.databases()).map(d => d.name) : [],
    caches: await caches.keys(),
    cached: (await Promise.all((await caches.keys()).map(async (name) =>
        (await (await caches.open(name)).keys()).map((request) => request.url)))).flat(),
    serviceWorkers: (await navigator.serviceWorker.getRegistrations()).map((r) => r.scope),
})"""


def run_strict_tour(browser: Any, server_class: Any, site: Path) -> TourRecord:
    """Every page type, the search, and the whole quiz, under the published policy as a header
    on every response (workers included); records requests, violations, cookies and storage."""
    policy = (site / "csp.txt").read_text(encoding="utf-8").strip()
    headers = {"Content-Security-Policy": policy}
    overrides = {"/tidak/ada/": not_found_override(site)}
    with (
        server_class(site, headers=headers, overrides=overrides) as server,
        watched_page(browser, accept_downloads=True) as (context, page, watch),
    ):
        record = TourRecord(server.url, watch=watch)
        for state in tour(page, server.url):
            record.states.append(state)
            record.violations[state] = violations(page)
        quiz_flow(page, server.url)
        page.wait_for_load_state("networkidle")
        record.states.append("quiz")
        record.violations["quiz"] = violations(page)
        record.storage = page.evaluate(STORAGE_STATE)
        record.cookies = context.cookies()
        record.csp_console = watch.csp_console()  # before the control adds its own message
        record.control_blocked = page.evaluate(INJECT)
        page.wait_for_function("window.__violations.length > 0")
        record.control_reported = violations(page)
    return record
