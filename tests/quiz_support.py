"""Driving the quiz's page in Chromium: the helpers ``tests/e2e`` and ``tests/security`` share.

Waiting for the engine and the results, giving answers as a click would, reading back the
checked radios and the answers kept in localStorage. Importable as ``quiz_support`` from any
test folder (``tests/`` holds the root conftest, so pytest puts it on ``sys.path``).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

ENGINE_TIMEOUT_MS = 60_000
STORAGE_PREFIX = "kompetensi-asn:"
ANSWERS_KEY = STORAGE_PREFIX + "jawaban:"


def wait_engine(page: Any, state: str = "ready", timeout: int = ENGINE_TIMEOUT_MS) -> None:
    """Wait until ``data-engine`` leaves ``loading``; fail with the page's message if not ``state``."""
    page.wait_for_function(
        "() => ['ready', 'error'].includes(document.documentElement.dataset.engine)",
        timeout=timeout,
    )
    actual = page.evaluate("document.documentElement.dataset.engine")
    if actual != state:
        message = page.text_content("#kq-engine-error")
        raise AssertionError(f"engine is {actual}, expected {state}: {message}")


def indicator_names(page: Any) -> list[str]:
    """The indicator ids the form asks, in its order: a technical competency's statements are in
    the page but hidden (and never sent) until a position that lists it is chosen."""
    names: list[str] = page.eval_on_selector_all(
        "[data-kq-indicator]",
        "els => els.filter(e => !e.closest('[data-kq-technical][hidden]'))"
        ".map(e => e.dataset.kqIndicator)",
    )
    return names


def answer(page: Any, ratings: dict[str, int]) -> None:
    """Check the radio buttons of ``ratings`` and tell the form, as a click would."""
    page.evaluate(
        """(ratings) => { for (const [name, value] of Object.entries(ratings)) {
               document.querySelector(
                   `input[name="${CSS.escape(name)}"][value="${value}"]`).checked = true; }
           document.querySelector('#kq-form').dispatchEvent(new Event('change')); }""",
        ratings,
    )


def checked_ratings(page: Any) -> dict[str, int]:
    """The form's checked radios as ``{indicator id: rating}``."""
    ratings: dict[str, int] = page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll(
               '#kq-form input[type=radio]:checked')].map(i => [i.name, Number(i.value)]))"""
    )
    return ratings


def wait_results(page: Any) -> None:
    page.wait_for_selector("#kq-hasil:not([hidden]) #kq-result-list [data-competency]")


DOWNLOAD_TIMEOUT_MS = 30_000

# Scroll an element to the middle of the screen until two frames in a row leave it in place.
SETTLE = """async (element) => {
    const frame = () => new Promise((done) => requestAnimationFrame(() => done()));
    let last = null;
    for (let tries = 0; tries < 20; tries += 1) {
        element.scrollIntoView({ block: "center" });
        await frame();
        await frame();
        const box = element.getBoundingClientRect();
        const now = `${box.top} ${box.left}`;
        if (now === last) return;
        last = now;
    }
}"""


def click_settled(page: Any, selector: str) -> None:
    """Click ``selector`` once it has stopped moving, as a person who sees it would.

    The results' sections skip layout until they come near the screen (``content-visibility``),
    so in the frames after a jump to a button below them the button can still move. Playwright
    clicks in the same frame as its scroll: the press then lands on the button and the release
    beside it, and the browser sends the click to the section around both (seen in a CI run)."""
    page.eval_on_selector(selector, SETTLE)
    page.click(selector)


def download_from(page: Any, button: str) -> Any:
    """Click ``button`` and return the finished download (Playwright's ``Download``).

    Waits until the file is written, so the next download never starts while this one runs.
    When no download comes, fails with what the page showed: the engine's state, the status
    line and the error box (the Markdown and CSV files wait for an engine call)."""
    try:
        with page.expect_download(timeout=DOWNLOAD_TIMEOUT_MS) as info:
            click_settled(page, button)
        info.value.path()
    except Exception as error:  # Playwright's TimeoutError: say what the page showed instead
        shown = page.evaluate(
            """() => ({
                engine: document.documentElement.dataset.engine,
                status: document.getElementById('kq-status')?.textContent,
                errors: document.getElementById('kq-errors')?.hidden === false
                    ? document.getElementById('kq-errors').textContent : null,
                focused: document.activeElement && document.activeElement.id,
            })"""
        )
        raise AssertionError(
            f"no download from {button}: {error}; the page showed {shown}"
        ) from error
    return info.value


def stored_answers(page: Any, version: str) -> Any:
    """The answers kept in localStorage for standards ``version`` (``None`` if none)."""
    raw = page.evaluate("(key) => localStorage.getItem(key)", ANSWERS_KEY + version)
    return None if raw is None else json.loads(raw)


def seed_storage(entries: dict[str, str]) -> str:
    """An init script that stores ``entries`` once, in this order, before the page's scripts."""
    sets = " ".join(
        f"localStorage.setItem({json.dumps(key)}, {json.dumps(value)});"
        for key, value in entries.items()
    )
    return (
        "if (!sessionStorage.getItem('kq-test-seeded')) {"
        f" {sets} sessionStorage.setItem('kq-test-seeded', '1'); }}"
    )


def respond_with(content: bytes, content_type: str, status: int = 200) -> Callable[[Any], None]:
    """A server override's answer: ``content`` with the given type and status, never cached."""

    def respond(handler: Any) -> None:
        handler.send_response(status)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(content)))
        handler.send_header("Cache-Control", "no-store")
        handler.end_headers()
        handler.wfile.write(content)

    return respond


@dataclass
class Fault:
    """A switchable server-side fault: while ``active``, ``respond`` answers the request; then
    the real file goes through. Passed to the test server as a route override."""

    respond: Callable[[Any], None]
    active: bool = True
    hits: list[str] = field(default_factory=list)

    def __call__(self, handler: Any) -> bool:
        if not self.active:
            return False
        self.hits.append(handler.path)
        self.respond(handler)
        return True
