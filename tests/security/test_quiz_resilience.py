"""Promise 6, the faults ``tests/e2e`` does not inject: running out of memory (while Pyodide
starts, and inside the engine during an assessment) and a new standards version (on the server
while the page is open, and in storage under more than one older version).

Covered elsewhere, in ``tests/e2e/test_quiz_faults.py`` and ``test_quiz_storage.py``: the .wasm
blocked or sent with a wrong MIME type, a CSP without 'wasm-unsafe-eval', the Python standard
library missing or hanging, no WebAssembly, a crashing worker, a missing engine wheel, an
unusable export, corrupt storage, a full quota, disabled storage and a one-step version bump.

Each fault here must give a visible message within the watchdog time and lose no answer given:
the radio buttons keep them, localStorage keeps them, and once the fault is gone the same answers
produce results.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from quiz_support import Fault, click_settled, respond_with
from security_support import (
    ANSWERS_KEY,
    Built,
    answer,
    checked_ratings,
    indicator_names,
    seed_storage,
    stored_answers,
    wait_engine,
    wait_results,
    watched_page,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WATCHDOG_MS = 30_000

# Chromium's own words when it cannot reserve the memory of a new WebAssembly instance.
WASM_OOM = """
{
  const outOfMemory = () => Promise.reject(new RangeError(
    "WebAssembly.instantiate(): Out of memory: Cannot allocate Wasm memory for new instance"));
  WebAssembly.instantiate = outOfMemory;
  WebAssembly.instantiateStreaming = outOfMemory;
}
"""

# Appended to the real worker module (same scope): once the engine is ready, the engine's
# next assess() raises MemoryError, as a failed allocation inside Python does; the one after
# that has the memory again.
PYTHON_OOM = """
{
  const post = self.postMessage.bind(self);
  self.postMessage = (message, ...rest) => {
    if (message && message.type === "ready") {
      pyodide.runPython([
        "import generator.browser.bridge as _bridge",
        "_assess = _bridge.assess",
        "def _out_of_memory(*args, **kwargs):",
        "    _bridge.assess = _assess",
        "    raise MemoryError('cannot allocate 268435456 bytes')",
        "_bridge.assess = _out_of_memory",
      ].join("\\n"));
    }
    post(message, ...rest);
  };
}
"""


def _worker(site: Path) -> tuple[str, bytes]:
    """The URL path and bytes of the worker the quiz page starts (the versioned copy)."""
    (path,) = [p for p in (site / "assets" / "quiz").glob("*/worker.mjs")]
    return "/" + path.relative_to(site).as_posix(), path.read_bytes()


def _export(site: Path) -> tuple[str, dict[str, Any]]:
    (path,) = (site / "assets" / "quiz" / "data").glob("kompetensi.*.json")
    return "/" + path.relative_to(site).as_posix(), json.loads(path.read_text(encoding="utf-8"))


def _some_ratings(page: Any, share: int = 4) -> dict[str, int]:
    """Ratings for every ``share``-th statement of the form."""
    names = indicator_names(page)
    return {name: 1 + index % 4 for index, name in enumerate(names) if index % share == 0}


def _assert_kept(page: Any, ratings: dict[str, int], version: str) -> None:
    assert checked_ratings(page) == ratings
    assert stored_answers(page, version)["ratings"] == ratings


def _engine_fault(page: Any, origin: str, code: str | None) -> tuple[dict[str, int], str]:
    """Open the quiz, answer, and wait for the engine to fail: the message is visible in time,
    the answers stay, and submitting sends the reader to the message."""
    started = time.monotonic()
    page.goto(f"{origin}/asesmen/?kq-watchdog={WATCHDOG_MS}")
    version = page.get_attribute("[data-kq-root]", "data-standards-version")
    ratings = _some_ratings(page)
    answer(page, ratings)
    wait_engine(page, "error", timeout=WATCHDOG_MS + 15_000)
    assert (time.monotonic() - started) * 1000 < WATCHDOG_MS + 10_000
    box = page.locator("#kq-engine-error")
    assert box.is_visible()
    if code is not None:
        assert box.get_attribute("data-code") == code
    message = page.text_content("#kq-engine-error-message") or ""
    assert message.strip()
    assert "Jawaban Anda tetap tersimpan" in (page.text_content("#kq-engine-error") or "")
    _assert_kept(page, ratings, version)
    click_settled(page, "#kq-submit")
    assert page.evaluate("document.activeElement.id") == "kq-engine-error"
    _assert_kept(page, ratings, version)
    return ratings, message


def _recover(page: Any, fault: Fault, ratings: dict[str, int]) -> None:
    """Fault gone, "Coba lagi": the submission made during the failure now gives results."""
    fault.active = False
    page.click("#kq-retry")
    wait_engine(page)
    wait_results(page)
    assert checked_ratings(page) == ratings


@dataclass
class BootFailure:
    """What the page showed when Pyodide could not allocate its memory, and after the retry."""

    message: str = ""
    code: str = ""
    detail: str = ""
    hits: int = 0
    recovered: bool = False
    page_errors: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def boot_out_of_memory(browser: Any, serve_module: Any, real_site: Built) -> BootFailure:
    """Pyodide cannot allocate its WebAssembly memory: the fault run, then "Coba lagi"."""
    site = real_site.site
    path, real = _worker(site)
    fault = Fault(respond_with(WASM_OOM.encode() + real, "text/javascript"))
    seen = BootFailure()
    with (
        serve_module(site, overrides={path: fault}) as server,
        watched_page(browser) as (
            _,
            page,
            watch,
        ),
    ):
        ratings, seen.message = _engine_fault(page, server.url, code=None)
        seen.detail = page.text_content("#kq-engine-error-detail") or ""
        seen.code = page.get_attribute("#kq-engine-error", "data-code") or ""
        seen.hits = len(fault.hits)
        _recover(page, fault, ratings)
        seen.recovered = True
        seen.page_errors = watch.page_errors
    return seen


def test_out_of_memory_while_pyodide_starts(boot_out_of_memory: BootFailure) -> None:
    # _engine_fault checked the visible message, the time and the kept answers; _recover that
    # the same answers give results once memory is available again.
    assert boot_out_of_memory.hits
    assert "Out of memory" in boot_out_of_memory.detail
    assert boot_out_of_memory.recovered
    assert boot_out_of_memory.page_errors == []


def test_out_of_memory_is_named_as_such(boot_out_of_memory: BootFailure) -> None:
    # Not the missing-standard-library message of the stage it happened in.
    assert boot_out_of_memory.code == "memory"
    assert "memori" in boot_out_of_memory.message.lower()
    assert "python_stdlib" not in boot_out_of_memory.message


def test_out_of_memory_inside_the_engine(browser: Any, serve: Any, real_site: Built) -> None:
    """The engine is ready, then an assessment fails to allocate: a message, answers kept, and
    once memory is available again the same answers give results."""
    site = real_site.site
    path, real = _worker(site)
    fault = Fault(respond_with(real + PYTHON_OOM.encode(), "text/javascript"))
    with serve(site, overrides={path: fault}) as server, watched_page(browser) as (_, page, watch):
        page.goto(server.url + "/asesmen/")
        version = page.get_attribute("[data-kq-root]", "data-standards-version")
        ratings = _some_ratings(page)
        answer(page, ratings)
        wait_engine(page)
        click_settled(page, "#kq-submit")
        page.wait_for_selector("#kq-errors:not([hidden])", timeout=WATCHDOG_MS)
        assert page.evaluate("document.activeElement.id") == "kq-errors"
        assert "MemoryError" in (page.text_content("#kq-errors") or "")
        assert page.is_hidden("#kq-hasil")
        _assert_kept(page, ratings, version)
        assert fault.hits
        click_settled(page, "#kq-submit")  # what the message asks for: try again
        wait_results(page)
        _assert_kept(page, ratings, version)
        assert watch.page_errors == []


def test_a_new_version_on_the_server_while_the_page_is_open(
    browser: Any, serve: Any, real_site: Built
) -> None:
    """The site was rebuilt with new standards under an open page: the engine refuses the
    mismatched data with a message, and the answers stay for the reload."""
    site = real_site.site
    path, export = _export(site)
    export["framework"]["version"] = "9999.1"
    newer = json.dumps(export, ensure_ascii=False).encode("utf-8")
    fault = Fault(respond_with(newer, "application/json"))
    with serve(site, overrides={path: fault}) as server, watched_page(browser) as (_, page, watch):
        ratings, message = _engine_fault(page, server.url, code="version-mismatch")
        assert "Muat ulang halaman" in message
        assert fault.hits
        fault.active = False
        page.reload()  # what the message asks for: the answers are back in the form
        assert checked_ratings(page) == ratings
        assert watch.page_errors == []


def test_answers_under_two_older_versions_keep_the_newer_ones(
    browser: Any, serve: Any, real_site: Built
) -> None:
    """Someone skipped a release: answers are stored under two older versions. The page warns,
    carries over the newer answers, and keeps the older key's answers nowhere it could mistake
    for current ones."""
    site = real_site.site
    with serve(site) as server, watched_page(browser) as (context, page, _watch):
        page.goto(server.url + "/asesmen/")
        version = page.get_attribute("[data-kq-root]", "data-standards-version")
        names = indicator_names(page)
        older = {name: 1 for name in names[:10]}
        newer = {name: 4 for name in names[:20]}

        def doc(standards_version: str, ratings: dict[str, int]) -> str:
            return json.dumps(
                {
                    "format": "kompetensi-asn/jawaban",
                    "format_version": 1,
                    "standards_version": standards_version,
                    "position": None,
                    "targets": {},
                    "total_jp": 20,
                    "ratings": ratings,
                    "submitted": False,
                }
            )

        # localStorage lists keys in no promised order: seed the newer one first, then the older.
        context.add_init_script(
            seed_storage(
                {
                    ANSWERS_KEY + "2017.0": doc("2017.0", newer),
                    ANSWERS_KEY + "2016.9": doc("2016.9", older),
                }
            )
        )
        page.goto(server.url + "/asesmen/")
        page.wait_for_selector("[data-kq-notice=migrated]")
        text = page.text_content("[data-kq-notice=migrated]") or ""
        assert f"ke versi {version}" in text
        assert checked_ratings(page) == newer, text
        assert stored_answers(page, version)["ratings"] == newer
