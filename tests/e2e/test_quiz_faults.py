"""Each way the engine can fail gives a clear message within the watchdog time, keeps every
answer, and "Coba lagi" starts a fresh load once the fault is gone."""

from __future__ import annotations

import base64
import hashlib
import re
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from e2e_quiz import (
    WarmProfile,
    answer_by_clicking,
    assert_page_matches_engine,
    checked_ratings,
    new_page,
    random_ratings,
    stored,
    submit_and_compare,
    wait_engine,
    wait_results,
    warm_page,
)
from quiz_support import Fault, click_settled, download_from, respond_with

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PYODIDE = "/assets/pyodide/314.0.7"
WATCHDOG_MS = 30_000
STALL_WATCHDOG_MS = 4_000
RELEASE = threading.Event()  # set at the end of the module so stalled responses finish


@pytest.fixture(scope="module", autouse=True)
def _release_stalls() -> Any:
    yield
    RELEASE.set()


def not_found(handler: Any) -> None:
    handler.send_error(404)


def stall(handler: Any) -> None:
    RELEASE.wait(60)
    handler.send_error(503)


def inline_script_hashes(html: str) -> list[str]:
    hashes = []
    for match in re.finditer(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", html, re.S):
        attrs = match.group("attrs")
        if "src=" in attrs or "application/json" in attrs:
            continue
        digest = hashlib.sha256(match.group("body").encode("utf-8")).digest()
        hashes.append(f"'sha256-{base64.b64encode(digest).decode()}'")
    return hashes


def csp(site: Path, wasm: bool) -> str:
    html = (site / "asesmen" / "index.html").read_text(encoding="utf-8")
    script = " ".join(
        ["'self'", *(["'wasm-unsafe-eval'"] if wasm else []), *inline_script_hashes(html)]
    )
    return (
        f"default-src 'self'; script-src {script}; style-src 'self'; img-src 'self' data:; "
        "worker-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'"
    )


def _worker_path(site: Path) -> str:
    (worker,) = (site / "assets" / "quiz").glob("*/worker.mjs")  # the versioned copy
    return "/" + worker.relative_to(site).as_posix()


def _wheel_path(site: Path) -> str:
    (wheel,) = (site / "assets" / "quiz" / "engine").rglob("*.whl")
    return "/" + wheel.relative_to(site).as_posix()


def _export_path(site: Path) -> str:
    (data,) = (site / "assets" / "quiz" / "data").glob("kompetensi.*.json")
    return "/" + data.relative_to(site).as_posix()


# name -> (path of the fault or None, how to respond, expected code, message fragment, retry?)
SERVER_FAULTS: dict[str, tuple[str, Callable[[Any], None], str, str, bool]] = {
    "wasm-404": (f"{PYODIDE}/pyodide.asm.wasm", not_found, "wasm", "WebAssembly", True),
    "wasm-wrong-mime": (
        f"{PYODIDE}/pyodide.asm.wasm",
        respond_with(b"\0asm\1\0\0\0", "text/plain"),
        "wasm",
        "jenis MIME",
        False,
    ),
    "stdlib-missing": (
        f"{PYODIDE}/python_stdlib.zip",
        not_found,
        "python",
        "pustaka standar",
        False,
    ),
    "runtime-missing": (f"{PYODIDE}/pyodide.mjs", not_found, "runtime", "Pyodide", False),
    "worker-crash": (
        "worker",
        respond_with(b"throw new Error('mogok');\n", "text/javascript"),
        "crash",
        "berhenti secara tak terduga",
        True,
    ),
    "engine-wheel-missing": ("wheel", not_found, "engine", "Paket mesin penilaian", False),
    "export-unusable": (
        "export",
        respond_with(b'{"schema_version": 2}', "application/json"),
        "dictionary",
        "tidak dapat dipakai",
        False,
    ),
    "stdlib-hangs": (
        f"{PYODIDE}/python_stdlib.zip",
        stall,
        "timeout",
        "tidak selesai dimuat",
        False,
    ),
}


def _run_fault(
    page: Any,
    url: str,
    export: dict[str, Any],
    code: str,
    fragment: str,
    watchdog_ms: int,
) -> dict[str, int]:
    """Open the quiz, answer, wait for the failure; check message, answers, storage, focus."""
    version = export["framework"]["version"]
    ratings = random_ratings(export, seed=7, share=0.2)
    started = time.monotonic()
    page.goto(f"{url}/asesmen/?kq-watchdog={watchdog_ms}")
    answer_by_clicking(page, ratings)
    wait_engine(page, "error", timeout=watchdog_ms + 15_000)
    elapsed_ms = (time.monotonic() - started) * 1000
    assert elapsed_ms < watchdog_ms + 10_000
    box = page.locator("#kq-engine-error")
    assert box.is_visible()
    assert box.get_attribute("data-code") == code
    assert fragment in page.text_content("#kq-engine-error-message")
    assert "gagal dimuat" in page.text_content("#kq-status")
    assert checked_ratings(page) == ratings
    assert stored(page, version)["ratings"] == ratings
    # Submitting now keeps the answers and sends focus to the failure message.
    click_settled(page, "#kq-submit")
    assert page.evaluate("document.activeElement.id") == "kq-engine-error"
    assert checked_ratings(page) == ratings
    return ratings


@pytest.mark.parametrize("name", list(SERVER_FAULTS))
def test_server_fault(
    name: str, browser: Any, serve: Any, quiz_site: Path, site_export: dict[str, Any]
) -> None:
    path, respond, code, fragment, retry = SERVER_FAULTS[name]
    special = {"wheel": _wheel_path, "export": _export_path, "worker": _worker_path}
    path = special[path](quiz_site) if path in special else path
    fault = Fault(respond)
    watchdog = STALL_WATCHDOG_MS if respond is stall else WATCHDOG_MS
    with serve(quiz_site, overrides={path: fault}) as server, new_page(browser) as (_, page, log):
        ratings = _run_fault(page, server.url, site_export, code, fragment, watchdog)
        assert fault.hits
        if retry:
            fault.active = False
            page.click("#kq-retry")
            wait_engine(page)
            wait_results(page)  # the submission made during the failure runs now
            assert_page_matches_engine(page, site_export, ratings)
        assert log.off_origin(server.url) == []


def test_csp_without_wasm_unsafe_eval(
    browser: Any, serve: Any, quiz_site: Path, site_export: dict[str, Any]
) -> None:
    headers = {"Content-Security-Policy": csp(quiz_site, wasm=False)}
    with (
        serve(quiz_site, headers=headers) as server,
        new_page(browser, bypass_csp=False) as (_, page, _log),
    ):
        _run_fault(page, server.url, site_export, "csp-wasm", "wasm-unsafe-eval", WATCHDOG_MS)


def test_no_webassembly_in_the_browser(
    warm: WarmProfile, browser: Any, quiz_site: Path, site_export: dict[str, Any]
) -> None:
    with warm_page(warm) as (page, _log):
        page.add_init_script("delete globalThis.WebAssembly;")
        _run_fault(
            page, warm.url, site_export, "no-wasm", "tidak mendukung WebAssembly", WATCHDOG_MS
        )


def test_strict_csp_whole_flow_without_violations(
    browser: Any, serve: Any, quiz_site: Path, site_export: dict[str, Any]
) -> None:
    """The policy of issue 6, with 'wasm-unsafe-eval' and the theme's hashes: no violation."""
    headers = {"Content-Security-Policy": csp(quiz_site, wasm=True)}
    ratings = random_ratings(site_export, seed=31)
    with (
        serve(quiz_site, headers=headers) as server,
        new_page(browser, bypass_csp=False) as (_, page, log),
    ):
        page.add_init_script(
            "window.__violations = [];"
            "document.addEventListener('securitypolicyviolation', (e) =>"
            " window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));"
        )
        page.goto(server.url + "/asesmen/")
        page.select_option("select[name=position]", "jpt-pratama")
        answer_by_clicking(page, ratings)
        submit_and_compare(page, site_export, ratings, position="jpt-pratama")
        download_from(page, "#kq-download-csv")
        click_settled(page, "#kq-share")
        assert page.evaluate("window.__violations") == []
        assert log.off_origin(server.url) == []
