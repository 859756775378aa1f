"""Benchmark 5, transfer: bytes on the wire for a content page, the quiz, and a repeat visit.

The real site is served by :mod:`bench.server` the way ``deploy/nginx.conf`` serves it with the
brotli module: the build's ``.br`` siblings to a browser that accepts brotli, else its ``.gz``
siblings, as they are; every other text type gzipped on the fly (level 9). Counted are the bytes
the server sent (status line, headers, body) until the page is loaded and the network idle (for
the quiz: until the engine is ready), workers included.

The quiz's first load is also given as an nginx without the brotli module would have sent it
(each brotli body replaced by the gzip one), and its files are sized three ways: raw, gzip level
9 of every compressible file, and brotli quality 11 of every compressible file.

Budgets: a content page's first view ≤ 600 KB and no byte of Pyodide; the quiz's first load
≤ 6 MB; a repeat visit of the quiz ≤ 100 KB.
"""

from __future__ import annotations

import contextlib
import tempfile
from pathlib import Path
from typing import Any

from bench import browser
from bench.common import Options, budget, new_result, real_site, row
from bench.quiz import QUIZ_PAGE, visit_content, visit_quiz, wire_kb
from bench.server import COMPRESSED_TYPES, Sent, Server, content_type
from bench.slow_phone import CACHE_TIMEOUT_MS, QUIZ_CACHED
from generator.precompress import BROTLI, GZIP, compressed

BUDGET_CONTENT_KB = 600.0
BUDGET_QUIZ_KB = 6 * 1024.0
BUDGET_REPEAT_KB = 100.0


def content_pages(site: Path) -> list[str]:
    """The home page, a hand-written page and the first generated competency page."""
    pages = ["/", "/tentang/level/"]
    competencies = sorted(
        p.parent.name for p in (site / "kompetensi").glob("*/index.html") if p.parent.name
    )
    if competencies:
        pages.append(f"/kompetensi/{competencies[0]}/")
    return pages


def _file(site: Path, url_path: str) -> Path | None:
    path = site / url_path.lstrip("/")
    if path.is_dir():
        path = path / "index.html"
    return path if path.is_file() else None


def sizes(site: Path, sent: list[Sent]) -> dict[str, float]:
    """Raw, gzip-9 and brotli totals (KB) of the files behind the 200 responses."""
    raw = gz = br = 0
    for s in sent:
        path = _file(site, s.path) if s.status == 200 else None
        if path is None:
            continue
        data = path.read_bytes()
        raw += len(data)
        compressible = content_type(path).startswith(COMPRESSED_TYPES)
        # Through the build's content-addressed cache: the pinned runtime's brotli-11 and
        # gzip-9 bodies are there already (the same bytes; 30 s of CPU otherwise).
        gz += len(compressed(data, GZIP, 9)) if compressible else len(data)
        br += len(compressed(data, BROTLI, 11)) if compressible else len(data)
    return {"raw": raw / 1024, "gzip9": gz / 1024, "brotli": br / 1024}


def gzip_only_bytes(site: Path, sent: list[Sent]) -> int:
    """The wire bytes of ``sent`` had every brotli body been the gzip one, as nginx without the
    brotli module sends it: the build's ``.gz`` sibling (gzip -9 of the file if it has none)."""
    total = 0
    for s in sent:
        path = _file(site, s.path) if s.encoding == "br" else None
        if path is None:
            total += s.wire_bytes
            continue
        sibling = path.with_name(path.name + ".gz")
        gz = (
            sibling.stat().st_size
            if sibling.is_file()
            else len(compressed(path.read_bytes(), GZIP, 9))
        )
        total += s.wire_bytes - s.body_bytes + gz
    return total


def precompressed(site: Path) -> dict[str, Any]:
    """Which compressible files of 16 KB and more have a ``.gz`` / ``.br`` sibling."""
    candidates = [
        p
        for p in site.rglob("*")
        if p.is_file()
        and p.suffix not in (".gz", ".br")
        and content_type(p).startswith(COMPRESSED_TYPES)
        and p.stat().st_size >= 16 * 1024
    ]
    with_gz = [p for p in candidates if p.with_name(p.name + ".gz").is_file()]
    with_br = [p for p in candidates if p.with_name(p.name + ".br").is_file()]
    without = sorted(
        (p for p in candidates if p not in with_br), key=lambda p: p.stat().st_size, reverse=True
    )
    return {
        "candidates": len(candidates),
        "gz": len(with_gz),
        "br": len(with_br),
        "largest_without_br": [
            f"{p.relative_to(site).as_posix()} ({p.stat().st_size // 1024} KB)" for p in without[:6]
        ],
    }


def first_visit_kept_offline(context: Any, server: Server) -> float:
    """A first visit of the quiz, left open until the service worker has kept the site and the
    quiz for offline use; the KB the worker fetched after the engine was ready."""
    page = browser.new_page(context)
    try:
        page.goto(server.url + QUIZ_PAGE, wait_until="load")
        browser.wait_engine(page)
        server.site.take()
        page.wait_for_selector(QUIZ_CACHED, timeout=CACHE_TIMEOUT_MS)
        kept = wire_kb(server.site.take())
        page.evaluate("() => localStorage.clear()")
        return kept
    finally:
        page.close()


def run(options: Options, *, playwright: Any = None, instance: Any = None) -> dict[str, Any]:
    """Measure; ``playwright`` and a launched ``instance`` are started here unless given."""
    result = new_result(
        "transfer",
        "5. Transfer: bytes on the wire (brotli and gzip as deploy/nginx.conf serves them)",
        {"runs": 1},
    )
    notes: list[str] = result["notes"]
    site = real_site(options, notes)
    rows, budgets = result["rows"], result["budgets"]
    with Server(site) as server, browser.session(playwright, instance) as (p, chromium):
        for path in content_pages(site):
            context = browser.fresh_context(chromium)
            try:
                seen = visit_content(context, server, path)
            finally:
                context.close()
            rows.append(
                row(
                    f"content page {path}: first view",
                    [seen["kb"]],
                    "KB",
                    requests=seen["requests"],
                )
            )
            budgets.append(
                budget(f"content page {path}: first view", seen["kb"], BUDGET_CONTENT_KB, "KB")
            )
            budgets.append(
                budget(f"content page {path}: Pyodide bytes", seen["pyodide_kb"], 0.0, "KB")
            )
        context = browser.fresh_context(chromium)
        try:
            page = browser.new_page(context)
            server.site.take()
            page.goto(server.url + QUIZ_PAGE, wait_until="load")
            browser.wait_engine(page)
            with contextlib.suppress(Exception):
                page.wait_for_load_state("networkidle", timeout=10_000)
            first = server.site.take()
        finally:
            context.close()
        first_kb = sum(s.wire_bytes for s in first) / 1024
        pyodide_bytes = sum(s.wire_bytes for s in first if s.path.startswith("/assets/pyodide/"))
        brotli_bodies = sum(1 for s in first if s.encoding == "br")
        rows.append(
            row(
                "quiz first load, as served",
                [first_kb],
                "KB",
                requests=len(first),
                brotli_responses=brotli_bodies,
            )
        )
        rows.append(row("  of which Pyodide runtime", [pyodide_bytes / 1024], "KB"))
        rows.append(
            row(
                "  same load, gzip only (nginx without brotli)",
                [gzip_only_bytes(site, first) / 1024],
                "KB",
            )
        )
        measured = sizes(site, first)
        rows.append(row("  same files raw", [measured["raw"]], "KB"))
        rows.append(row("  same files, all gzip -9", [measured["gzip9"]], "KB"))
        rows.append(row("  same files, all brotli q11", [measured["brotli"]], "KB"))
        if not brotli_bodies:
            notes.append("the browser accepted no brotli body: it did not send `br`")
        budgets.append(budget("quiz first load", first_kb, BUDGET_QUIZ_KB, "KB"))
        biggest = sorted(first, key=lambda s: s.wire_bytes, reverse=True)[:5]
        notes.append(
            "largest quiz downloads: "
            + ", ".join(
                f"{s.path.rsplit('/', 1)[-1]} {s.wire_bytes // 1024} KB"
                f"{f' ({s.encoding})' if s.encoding else ''}"
                for s in biggest
            )
        )
        with tempfile.TemporaryDirectory(prefix="kompetensi-bench-profile-") as profile:
            context = browser.launch_persistent(p, Path(profile))
            try:
                offline_copy = first_visit_kept_offline(context, server)
                again = visit_quiz(context, server, submit=False)
                content_again = visit_content(context, server)
            finally:
                context.close()
        # Once per reader, after the first visit: the service worker's offline copy of the
        # reference site and the quiz (issue 19). Not part of any visit; the repeat visit is
        # measured once it is done, as a returning reader meets it.
        rows.append(row("offline copy after the first quiz visit (once)", [offline_copy], "KB"))
        rows.append(row("quiz repeat visit", [again["kb"]], "KB", requests=again["requests"]))
        rows.append(
            row("content page after the quiz (shared assets cached)", [content_again["kb"]], "KB")
        )
        budgets.append(budget("quiz repeat visit", again["kb"], BUDGET_REPEAT_KB, "KB"))
    pre = precompressed(site)
    result["precompressed"] = pre
    notes.append(
        f"build output: {pre['gz']} of {pre['candidates']} compressible files ≥ 16 KB have a .gz "
        f"sibling, {pre['br']} a .br sibling; largest without .br: "
        + ", ".join(pre["largest_without_br"])
    )
    return result
