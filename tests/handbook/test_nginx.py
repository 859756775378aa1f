"""The shipped deploy/nginx.conf, run by Debian's nginx on 127.0.0.1, sends the right headers.

The server block is used as shipped (see ``tests/nginx_support.py``) on a small folder with the
site's kinds of files: with the brotli module and ``deploy/nginx-brotli.conf`` installed as the
handbook says, and on an nginx without the module, where the same block must still work.
Locally a missing nginx or module skips these tests; under CI=true it fails them.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from pathlib import Path

import brotli
import pytest
from handbook_support import ROOT, root_require
from nginx_support import Server, require_nginx, running

DEPLOY = ROOT / "deploy"
PYODIDE = "/assets/pyodide/314.0.7"
POLICY = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; style-src 'self'; "
    "img-src 'self' data:; worker-src 'self'; connect-src 'self'; object-src 'none'; "
    "base-uri 'self'; frame-ancestors 'none'"
)
HASHES = (
    "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=' 'sha256-2jmj7l5rSw0yVb/vlWAYkK/YBwk='"
)
WASM = b"\x00asm\x01\x00\x00\x00"
# Each sibling holds different bytes from the plain file, so a compressed answer can only have
# come from that sibling (gzip_static, brotli_static), never from nginx compressing the file.
GZIPPED = b"\x00asm\x01\x00\x00\x00 gzip sibling"
BROTLIED = b"\x00asm\x01\x00\x00\x00 brotli sibling"
INDEX = b"<!doctype html><title>Beranda</title>\n"
INDEX_BROTLIED = b"<!doctype html><title>Beranda (br)</title>\n"
IMMUTABLE = "public, max-age=31536000, immutable"


def _site(folder: Path) -> Path:
    runtime = folder / PYODIDE.lstrip("/")
    runtime.mkdir(parents=True)
    (folder / "index.html").write_bytes(INDEX)
    (folder / "index.html.br").write_bytes(brotli.compress(INDEX_BROTLIED))
    (folder / "404.html").write_text("<!doctype html><title>Tidak ditemukan</title>\n", "utf-8")
    (folder / "search").mkdir()
    (folder / "search" / "search_index.json").write_text('{"docs": []}\n', "utf-8")
    (runtime / "pyodide.asm.wasm").write_bytes(WASM)
    (runtime / "pyodide.asm.wasm.gz").write_bytes(gzip.compress(GZIPPED, mtime=0))
    (runtime / "pyodide.asm.wasm.br").write_bytes(brotli.compress(BROTLIED))
    (runtime / "pyodide.mjs").write_text("export const loadPyodide = () => {};\n", "utf-8")
    (runtime / "pyodide-lock.json").write_text('{"packages": {}}\n', "utf-8")
    (folder / "sw.js").write_text('"use strict";\n', "utf-8")
    (folder / "manifest.webmanifest").write_text('{"name": "Kompetensi ASN"}\n', "utf-8")
    return folder


@pytest.fixture(
    scope="module",
    params=["placeholder", "generated", "generated-no-brotli-module"],
)
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Server, str, bool]]:
    """nginx with the shipped placeholder csp-hashes.conf, with a generated one, and with a
    generated one on an nginx without the brotli module; yields (server, hashes, brotli)."""
    with_brotli = not request.param.endswith("no-brotli-module")
    require_nginx(root_require(request.config), brotli=with_brotli)
    prefix = tmp_path_factory.mktemp("nginx")
    site = _site(tmp_path_factory.mktemp("www"))
    if request.param == "placeholder":
        hashes_conf, hashes = (DEPLOY / "csp-hashes.conf").read_text(encoding="utf-8"), ""
    else:
        hashes_conf, hashes = f'set $kompetensi_csp_script_hashes "{HASHES}";\n', HASHES
    with running(prefix, site, hashes_conf, brotli=with_brotli) as nginx:
        yield nginx, hashes, with_brotli


def _essence(content_type: str) -> str:
    return content_type.split(";", 1)[0].strip().lower()


def _normalised(policy: str) -> str:
    return "; ".join(" ".join(part.split()) for part in policy.split(";"))


def test_wasm_and_mjs_have_the_types_pyodide_needs(server: tuple[Server, str, bool]) -> None:
    nginx, _, _ = server
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
    server: tuple[Server, str, bool],
) -> None:
    nginx, _, _ = server
    assert nginx.get(f"{PYODIDE}/pyodide.asm.wasm").headers["cache-control"] == IMMUTABLE
    assert nginx.get(f"{PYODIDE}/pyodide.mjs").headers["cache-control"] == IMMUTABLE
    for path in ("/", "/index.html", "/search/search_index.json", f"{PYODIDE}/pyodide-lock.json"):
        assert nginx.get(path).headers["cache-control"] == "no-cache", path


def test_every_response_carries_the_csp(server: tuple[Server, str, bool]) -> None:
    nginx, hashes, _ = server
    expected = POLICY.format(hashes=f" {hashes}" if hashes else "")
    for path in ("/", f"{PYODIDE}/pyodide.mjs", f"{PYODIDE}/pyodide.asm.wasm", "/nope"):
        response = nginx.get(path)
        assert _normalised(response.headers["content-security-policy"]) == expected, path
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["x-frame-options"] == "DENY", path


def test_gzip_clients_get_the_gzip_sibling(server: tuple[Server, str, bool]) -> None:
    nginx, _, _ = server
    for accepted in ("gzip", "gzip, deflate"):
        response = nginx.get(f"{PYODIDE}/pyodide.asm.wasm", **{"Accept-Encoding": accepted})
        assert response.status == 200
        assert response.headers["content-encoding"] == "gzip"
        assert response.headers["content-type"] == "application/wasm"
        assert "accept-encoding" in response.headers["vary"].lower()
        assert gzip.decompress(response.body) == GZIPPED
        assert response.headers["cache-control"] == IMMUTABLE
    plain = nginx.get(f"{PYODIDE}/pyodide.asm.wasm")
    assert "content-encoding" not in plain.headers
    assert plain.body == WASM


def test_brotli_clients_get_the_brotli_sibling(server: tuple[Server, str, bool]) -> None:
    nginx, _, with_brotli = server
    if not with_brotli:
        # nginx without the module: the shipped block still runs, and a browser that accepts
        # both gets the gzip sibling instead.
        response = nginx.get(f"{PYODIDE}/pyodide.asm.wasm", **{"Accept-Encoding": "gzip, br"})
        assert response.headers["content-encoding"] == "gzip"
        assert gzip.decompress(response.body) == GZIPPED
        only_br = nginx.get(f"{PYODIDE}/pyodide.asm.wasm", **{"Accept-Encoding": "br"})
        assert "content-encoding" not in only_br.headers and only_br.body == WASM
        return
    for accepted in ("br", "gzip, deflate, br", "br;q=1.0, gzip;q=0.8"):
        response = nginx.get(f"{PYODIDE}/pyodide.asm.wasm", **{"Accept-Encoding": accepted})
        assert response.status == 200, accepted
        assert response.headers["content-encoding"] == "br", accepted
        assert response.headers["content-type"] == "application/wasm"
        assert "accept-encoding" in response.headers["vary"].lower()
        assert response.headers["cache-control"] == IMMUTABLE
        assert brotli.decompress(response.body) == BROTLIED
    # A folder's index page through the index module, with the HTML type and the policy.
    page = nginx.get("/", **{"Accept-Encoding": "gzip, br"})
    assert page.headers["content-encoding"] == "br"
    assert _essence(page.headers["content-type"]) == "text/html"
    assert page.headers["cache-control"] == "no-cache"
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
    assert brotli.decompress(page.body) == INDEX_BROTLIED
    # No sibling: nothing pretends to be brotli (gzip on the fly for a client that takes it).
    script = nginx.get(f"{PYODIDE}/pyodide.mjs", **{"Accept-Encoding": "br"})
    assert "content-encoding" not in script.headers


def test_missing_pages_get_the_sites_404_page(server: tuple[Server, str, bool]) -> None:
    nginx, _, _ = server
    response = nginx.get("/tidak/ada/")
    assert response.status == 404
    assert b"Tidak ditemukan" in response.body


def test_the_service_worker_is_revalidated_at_every_visit(server: tuple[Server, str, bool]) -> None:
    """What the handbook asks of a server for sw.js: JavaScript, from the site root (its scope),
    never cached without a check (a new build's worker is then found at the next visit), under
    the same policy as every script; and the web app manifest with its own type."""
    nginx, _, _ = server
    worker = nginx.get("/sw.js")
    assert worker.status == 200 and worker.body == b'"use strict";\n'
    assert _essence(worker.headers["content-type"]) == "text/javascript"
    assert worker.headers["cache-control"] == "no-cache"
    assert "service-worker-allowed" not in worker.headers  # the root is its scope already
    assert "worker-src 'self'" in worker.headers["content-security-policy"]
    manifest = nginx.get("/manifest.webmanifest")
    assert _essence(manifest.headers["content-type"]) == "application/manifest+json"
    assert manifest.headers["cache-control"] == "no-cache"
