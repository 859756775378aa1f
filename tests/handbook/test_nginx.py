"""The shipped deploy/nginx.conf, run by Debian's nginx on 127.0.0.1, sends the right headers.

The server block is used as shipped; only its ``listen`` and ``root`` lines are pointed at a free
port and a small folder with the site's kinds of files. nginx runs in the foreground as one
process (no daemon, no worker user) with its own prefix, pid file and error log under tmp_path.
Locally a missing nginx skips these tests; under CI=true it fails them.
"""

from __future__ import annotations

import gzip
import http.client
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from handbook_support import ROOT, root_require

NGINX = Path("/usr/sbin/nginx")
DEPLOY = ROOT / "deploy"
PYODIDE = "/assets/pyodide/314.0.7"
POLICY = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; style-src 'self'; "
    "img-src 'self' data:; worker-src 'self'; connect-src 'self'; object-src 'none'; "
    "base-uri 'self'"
)
HASHES = (
    "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=' 'sha256-2jmj7l5rSw0yVb/vlWAYkK/YBwk='"
)
WASM = b"\x00asm\x01\x00\x00\x00"
# The .gz sibling holds different bytes from the plain file, so a gzip answer can only have
# come from the sibling (gzip_static), never from nginx compressing the plain file itself.
PRECOMPRESSED = b"\x00asm\x01\x00\x00\x00 precompressed sibling"
IMMUTABLE = "public, max-age=31536000, immutable"


@dataclass(frozen=True)
class Response:
    status: int
    headers: dict[str, str]
    body: bytes


@dataclass(frozen=True)
class Server:
    port: int

    def get(self, path: str, **headers: str) -> Response:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            connection.request("GET", path, headers=headers)
            answer = connection.getresponse()
            return Response(
                answer.status, {k.lower(): v for k, v in answer.getheaders()}, answer.read()
            )
        finally:
            connection.close()


def _site(folder: Path) -> Path:
    runtime = folder / PYODIDE.lstrip("/")
    runtime.mkdir(parents=True)
    (folder / "index.html").write_text("<!doctype html><title>Beranda</title>\n", "utf-8")
    (folder / "404.html").write_text("<!doctype html><title>Tidak ditemukan</title>\n", "utf-8")
    (folder / "search").mkdir()
    (folder / "search" / "search_index.json").write_text('{"docs": []}\n', "utf-8")
    (runtime / "pyodide.asm.wasm").write_bytes(WASM)
    (runtime / "pyodide.asm.wasm.gz").write_bytes(gzip.compress(PRECOMPRESSED, mtime=0))
    (runtime / "pyodide.mjs").write_text("export const loadPyodide = () => {};\n", "utf-8")
    (runtime / "pyodide-lock.json").write_text('{"packages": {}}\n', "utf-8")
    return folder


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _server_block(root: Path, port: int) -> str:
    """deploy/nginx.conf with only its listen and root lines changed."""
    text = (DEPLOY / "nginx.conf").read_text(encoding="utf-8")
    for old, new in (
        ("    listen 80;\n", f"    listen 127.0.0.1:{port};\n"),
        ("    root /var/www/kompetensi-asn;\n", f"    root {root};\n"),
    ):
        assert text.count(old) == 1, f"deploy/nginx.conf should contain {old.strip()!r} once"
        text = text.replace(old, new)
    return text


def _main_config(prefix: Path) -> str:
    temp = prefix / "temp"
    return "\n".join(
        [
            "daemon off;",
            "master_process off;",  # one process, as the test user: no worker user to configure
            f"pid {prefix / 'nginx.pid'};",
            f"error_log {prefix / 'error.log'} warn;",
            "events { worker_connections 64; }",
            "http {",
            "    access_log off;",
            *(
                f"    {kind}_temp_path {temp / kind};"
                for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
            ),
            "    include site.conf;",
            "}",
            "",
        ]
    )


def _start(prefix: Path, site: Path, hashes_conf: str) -> tuple[subprocess.Popen[bytes], int]:
    conf = prefix / "conf"
    (conf / "kompetensi-asn").mkdir(parents=True)
    (prefix / "temp").mkdir()
    (conf / "kompetensi-asn" / "csp-hashes.conf").write_text(hashes_conf, "utf-8")
    (conf / "nginx.conf").write_text(_main_config(prefix), "utf-8")
    for _attempt in range(5):  # the free port can be taken between probing and binding
        port = _free_port()
        (conf / "site.conf").write_text(_server_block(site, port), "utf-8")
        args = [str(NGINX), "-p", f"{prefix}/", "-c", str(conf / "nginx.conf")]
        checked = subprocess.run([*args, "-t"], capture_output=True, text=True, check=False)
        assert checked.returncode == 0, checked.stderr
        assert "[warn]" not in checked.stderr and "[emerg]" not in checked.stderr, checked.stderr
        process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and process.poll() is None:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                return process, port
            except OSError:
                time.sleep(0.05)
        _stop(process)
    raise AssertionError(f"nginx did not start:\n{(prefix / 'error.log').read_text()}")


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    if process.stderr is not None:
        process.stderr.close()


@pytest.fixture(scope="module", params=["placeholder", "generated"])
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Server, str]]:
    """nginx with the shipped placeholder csp-hashes.conf, and with a generated one."""
    require = root_require(request.config)
    require(
        NGINX.is_file() and shutil.which(str(NGINX)) is not None, f"{NGINX} (apt-get install nginx)"
    )
    prefix = tmp_path_factory.mktemp("nginx")
    site = _site(tmp_path_factory.mktemp("www"))
    if request.param == "placeholder":
        hashes_conf, hashes = (DEPLOY / "csp-hashes.conf").read_text(encoding="utf-8"), ""
    else:
        hashes_conf, hashes = f'set $kompetensi_csp_script_hashes "{HASHES}";\n', HASHES
    process, port = _start(prefix, site, hashes_conf)
    try:
        yield Server(port), hashes
    finally:
        _stop(process)


def _essence(content_type: str) -> str:
    return content_type.split(";", 1)[0].strip().lower()


def _normalised(policy: str) -> str:
    return "; ".join(" ".join(part.split()) for part in policy.split(";"))


def test_wasm_and_mjs_have_the_types_pyodide_needs(server: tuple[Server, str]) -> None:
    nginx, _ = server
    wasm = nginx.get(f"{PYODIDE}/pyodide.asm.wasm")
    assert wasm.status == 200
    assert wasm.headers["content-type"] == "application/wasm"
    assert wasm.body == WASM
    assert _essence(nginx.get(f"{PYODIDE}/pyodide.mjs").headers["content-type"]) == (
        "text/javascript"
    )
    assert _essence(nginx.get("/").headers["content-type"]) == "text/html"
    assert _essence(nginx.get("/search/search_index.json").headers["content-type"]) == (
        "application/json"
    )


def test_versioned_pyodide_files_are_immutable_html_and_json_revalidate(
    server: tuple[Server, str],
) -> None:
    nginx, _ = server
    assert nginx.get(f"{PYODIDE}/pyodide.asm.wasm").headers["cache-control"] == IMMUTABLE
    assert nginx.get(f"{PYODIDE}/pyodide.mjs").headers["cache-control"] == IMMUTABLE
    for path in ("/", "/index.html", "/search/search_index.json", f"{PYODIDE}/pyodide-lock.json"):
        assert nginx.get(path).headers["cache-control"] == "no-cache", path


def test_every_response_carries_the_csp(server: tuple[Server, str]) -> None:
    nginx, hashes = server
    expected = POLICY.format(hashes=f" {hashes}" if hashes else "")
    for path in ("/", f"{PYODIDE}/pyodide.mjs", f"{PYODIDE}/pyodide.asm.wasm", "/nope"):
        response = nginx.get(path)
        assert _normalised(response.headers["content-security-policy"]) == expected, path
        assert response.headers["x-content-type-options"] == "nosniff"


def test_gzip_clients_get_the_precompressed_sibling(server: tuple[Server, str]) -> None:
    nginx, _ = server
    response = nginx.get(f"{PYODIDE}/pyodide.asm.wasm", **{"Accept-Encoding": "gzip"})
    assert response.status == 200
    assert response.headers["content-encoding"] == "gzip"
    assert response.headers["content-type"] == "application/wasm"
    assert "accept-encoding" in response.headers["vary"].lower()
    assert gzip.decompress(response.body) == PRECOMPRESSED
    assert response.headers["cache-control"] == IMMUTABLE
    plain = nginx.get(f"{PYODIDE}/pyodide.asm.wasm")
    assert "content-encoding" not in plain.headers


def test_missing_pages_get_the_sites_404_page(server: tuple[Server, str]) -> None:
    nginx, _ = server
    response = nginx.get("/tidak/ada/")
    assert response.status == 404
    assert b"Tidak ditemukan" in response.body
