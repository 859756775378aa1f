"""Promise 7: Debian's nginx, running the shipped ``deploy/nginx.conf`` with the
``csp-hashes.conf`` the build generated, serves the real built site so that the whole quiz works
in Chromium under the full policy header without a single violation.

Only the ``listen`` and ``root`` lines of the shipped server block are changed (a free loopback
port, the built site; see ``tests/nginx_support.py``), and the brotli module is loaded with
``deploy/nginx-brotli.conf`` installed, as CI does. ``tests/handbook/test_nginx.py`` checks the
headers on a small folder; this test is the real site end to end.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from typing import Any

import brotli
import pytest
from nginx_support import Server, require_nginx, running
from security_support import (
    PYODIDE,
    Built,
    open_search,
    quiz_flow,
    violations,
    visit,
    watched_page,
)


@pytest.fixture(scope="module")
def nginx(
    require: Any, tmp_path_factory: pytest.TempPathFactory, real_site: Built
) -> Iterator[str]:
    """nginx (with the brotli module, as CI installs it) serving the built site; yields its
    origin."""
    require_nginx(require, brotli=True)
    prefix = tmp_path_factory.mktemp("nginx")
    # The file the build wrote, exactly as the handbook tells the maintainer to install it.
    hashes_conf = (real_site.site / "csp-hashes.conf").read_text(encoding="utf-8")
    with running(prefix, real_site.site, hashes_conf, brotli=True) as server:
        yield server.origin


def _server(origin: str) -> Server:
    return Server(int(origin.rsplit(":", 1)[1]))


def _normalised(policy: str) -> str:
    return "; ".join(" ".join(part.split()) for part in policy.split(";"))


def test_nginx_sends_the_policy_the_build_published(nginx: str, real_site: Built) -> None:
    # The header is csp.txt plus the one directive a meta tag cannot carry.
    policy = (real_site.site / "csp.txt").read_text(encoding="utf-8").strip()
    expected = f"{policy}; frame-ancestors 'none'"
    worker = next((real_site.site / "assets" / "quiz").glob("*/worker.mjs"))
    server = _server(nginx)
    for path in (
        "/",
        "/asesmen/",
        "/" + worker.relative_to(real_site.site).as_posix(),
        f"{PYODIDE}/pyodide.asm.wasm",
        "/tidak/ada/",
    ):
        response = server.get(path)
        assert response.status in (200, 404), path
        assert _normalised(response.headers["content-security-policy"]) == expected, path
        assert response.headers["x-frame-options"] == "DENY", path


def test_nginx_sends_the_builds_brotli_and_gzip_siblings(nginx: str, real_site: Built) -> None:
    server = _server(nginx)
    runtime = real_site.site / PYODIDE.lstrip("/")
    for name, kind in (
        ("pyodide.asm.wasm", "application/wasm"),
        ("pyodide.asm.mjs", "text/javascript"),
    ):
        original = (runtime / name).read_bytes()
        as_brotli = server.get(f"{PYODIDE}/{name}", **{"Accept-Encoding": "gzip, deflate, br"})
        assert as_brotli.status == 200 and as_brotli.headers["content-encoding"] == "br", name
        assert as_brotli.headers["content-type"].split(";")[0] == kind
        assert "accept-encoding" in as_brotli.headers["vary"].lower()
        assert brotli.decompress(as_brotli.body) == original
        assert as_brotli.body == (runtime / f"{name}.br").read_bytes()
        as_gzip = server.get(f"{PYODIDE}/{name}", **{"Accept-Encoding": "gzip"})
        assert as_gzip.status == 200 and as_gzip.headers["content-encoding"] == "gzip", name
        assert as_gzip.headers["content-type"].split(";")[0] == kind
        assert gzip.decompress(as_gzip.body) == original
    # Already compressed: sent as it is whatever the browser accepts.
    stdlib = server.get(f"{PYODIDE}/python_stdlib.zip", **{"Accept-Encoding": "gzip, br"})
    assert "content-encoding" not in stdlib.headers
    assert stdlib.body == (runtime / "python_stdlib.zip").read_bytes()


@pytest.mark.browser
@pytest.mark.slow
def test_a_full_quiz_run_through_nginx_without_violations(browser: Any, nginx: str) -> None:
    with watched_page(browser, accept_downloads=True) as (_, page, watch):
        for path in ("/", "/kompetensi/integritas/", "/tidak/ada/"):
            visit(page, nginx + path)
            assert violations(page) == [], path
        open_search(page, "integritas")
        assert violations(page) == []
        quiz_flow(page, nginx)
        assert violations(page) == []
        # The service worker registered under the header policy and keeps the quiz offline.
        page.wait_for_selector("#kompetensi-offline[data-state=quiz]", timeout=240_000)
        assert watch.csp_console() == []  # documents and the engine's worker
        assert watch.page_errors == []
        assert watch.off_origin(nginx) == []
        assert any(url.endswith("pyodide.asm.wasm") for url in watch.requests)
