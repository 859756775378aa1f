"""Promise 7: Debian's nginx, running the shipped ``deploy/nginx.conf`` with the
``csp-hashes.conf`` the build generated, serves the real built site so that the whole quiz works
in Chromium under the full policy header without a single violation.

Only the ``listen`` and ``root`` lines of the shipped server block are changed (a free loopback
port, the built site). nginx runs in the foreground as one process with its own prefix under
tmp_path. ``tests/handbook/test_nginx.py`` checks the headers on a small folder; this test is the
real site end to end.
"""

from __future__ import annotations

import gzip
import http.client
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from security_support import (
    PYODIDE,
    ROOT,
    Built,
    open_search,
    quiz_flow,
    violations,
    visit,
    watched_page,
)

NGINX = Path("/usr/sbin/nginx")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _server_block(root: Path, port: int) -> str:
    text = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    for old, new in (
        ("    listen 80;\n", f"    listen 127.0.0.1:{port};\n"),
        ("    root /var/www/kompetensi-asn;\n", f"    root {root};\n"),
    ):
        assert text.count(old) == 1, f"deploy/nginx.conf should contain {old.strip()!r} once"
        text = text.replace(old, new)
    return text


def _main_config(prefix: Path) -> str:
    temp = prefix / "temp"
    paths = [
        f"    {kind}_temp_path {temp / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    ]
    return "\n".join(
        [
            "daemon off;",
            "master_process off;",
            f"pid {prefix / 'nginx.pid'};",
            f"error_log {prefix / 'error.log'} warn;",
            "events { worker_connections 256; }",
            "http {",
            "    access_log off;",
            *paths,
            "    include site.conf;",
            "}",
            "",
        ]
    )


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def nginx(
    require: Any, tmp_path_factory: pytest.TempPathFactory, real_site: Built
) -> Iterator[str]:
    """nginx serving the built site on 127.0.0.1; yields its origin."""
    require(NGINX.is_file() and shutil.which(str(NGINX)) is not None, f"{NGINX} (apt-get nginx)")
    prefix = tmp_path_factory.mktemp("nginx")
    conf = prefix / "conf"
    (conf / "kompetensi-asn").mkdir(parents=True)
    (prefix / "temp").mkdir()
    # The file the build wrote, exactly as the handbook tells the maintainer to install it.
    shutil.copy(real_site.site / "csp-hashes.conf", conf / "kompetensi-asn" / "csp-hashes.conf")
    (conf / "nginx.conf").write_text(_main_config(prefix), "utf-8")
    for _attempt in range(5):  # the free port can be taken between probing and binding
        port = _free_port()
        (conf / "site.conf").write_text(_server_block(real_site.site, port), "utf-8")
        args = [str(NGINX), "-p", f"{prefix}/", "-c", str(conf / "nginx.conf")]
        checked = subprocess.run([*args, "-t"], capture_output=True, text=True, check=False)
        assert checked.returncode == 0, checked.stderr
        process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and process.poll() is None:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        if process.poll() is None:
            try:
                yield f"http://127.0.0.1:{port}"
            finally:
                _stop(process)
            return
        _stop(process)
    raise AssertionError(f"nginx did not start:\n{(prefix / 'error.log').read_text()}")


def _get(origin: str, path: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    host, port = origin.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    try:
        connection.request("GET", path, headers=headers)
        answer = connection.getresponse()
        return answer.status, {k.lower(): v for k, v in answer.getheaders()}, answer.read()
    finally:
        connection.close()


def _normalised(policy: str) -> str:
    return "; ".join(" ".join(part.split()) for part in policy.split(";"))


def test_nginx_sends_the_policy_the_build_published(nginx: str, real_site: Built) -> None:
    policy = (real_site.site / "csp.txt").read_text(encoding="utf-8").strip()
    worker = next((real_site.site / "assets" / "quiz").glob("*/worker.mjs"))
    for path in (
        "/",
        "/asesmen/",
        "/" + worker.relative_to(real_site.site).as_posix(),
        f"{PYODIDE}/pyodide.asm.wasm",
        "/tidak/ada/",
    ):
        status, headers, _ = _get(nginx, path)
        assert status in (200, 404), path
        assert _normalised(headers["content-security-policy"]) == policy, path
    status, headers, body = _get(
        nginx, f"{PYODIDE}/pyodide.asm.wasm", **{"Accept-Encoding": "gzip"}
    )
    assert status == 200 and headers["content-encoding"] == "gzip"
    assert headers["content-type"] == "application/wasm"
    assert (
        gzip.decompress(body)
        == (real_site.site / PYODIDE.lstrip("/") / "pyodide.asm.wasm").read_bytes()
    )


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
        assert watch.csp_console() == []  # documents and the engine's worker
        assert watch.page_errors == []
        assert watch.off_origin(nginx) == []
        assert any(url.endswith("pyodide.asm.wasm") for url in watch.requests)
