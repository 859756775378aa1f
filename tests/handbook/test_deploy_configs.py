"""The nginx, Apache and Caddy configurations and the handbook say the same thing.

nginx is run for real in ``test_nginx``; Apache and Caddy are not installed in CI, so their files
are held to the same policy, types and cache rules by text. The CSP is the one promised in the
safety issue and published on the handbook's "Publikasi" page.
"""

from __future__ import annotations

import re

from handbook_support import ROOT, page_text

DEPLOY = ROOT / "deploy"
POLICY = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' HASHES; style-src 'self'; "
    "img-src 'self' data:; worker-src 'self'; connect-src 'self'; object-src 'none'; "
    "base-uri 'self'"
)
IMMUTABLE = "public, max-age=31536000, immutable"


def _read(name: str) -> str:
    return (DEPLOY / name).read_text(encoding="utf-8")


def _policies(text: str) -> list[str]:
    return re.findall(r"Content-Security-Policy \"([^\"]+)\"", text)


def test_one_policy_everywhere() -> None:
    nginx = [
        p.replace("$kompetensi_csp_script_hashes", "HASHES") for p in _policies(_read("nginx.conf"))
    ]
    assert nginx == [POLICY]
    assert _policies(_read("apache.htaccess")) == [POLICY]
    assert _policies(_read("Caddyfile")) == [POLICY]
    shown = re.search(r"^default-src .*$", page_text("publikasi.md"), re.MULTILINE)
    assert shown is not None
    assert shown.group(0).replace("<hash>", "HASHES") == POLICY


def test_the_hashes_placeholder_is_the_file_nginx_includes() -> None:
    assert "include kompetensi-asn/csp-hashes.conf;" in _read("nginx.conf")
    placeholder = [
        line for line in _read("csp-hashes.conf").splitlines() if not line.startswith("#")
    ]
    assert [line for line in placeholder if line.strip()] == [
        'set $kompetensi_csp_script_hashes "";'
    ]


def test_every_config_sets_the_pyodide_types() -> None:
    nginx = _read("nginx.conf")
    assert re.search(r"^\s+text/javascript\s+mjs js;$", nginx, re.MULTILINE)
    assert re.search(r"^\s+application/wasm\s+wasm;$", nginx, re.MULTILINE)
    apache = _read("apache.htaccess")
    assert "AddType text/javascript .mjs .js" in apache
    assert "AddType application/wasm .wasm" in apache
    # Caddy's built-in types already map .wasm and .mjs correctly; the file says so.
    assert ".wasm as application/wasm and .mjs as text/javascript" in _read("Caddyfile")


def test_every_config_caches_pyodide_for_a_year_and_revalidates_the_rest() -> None:
    for name in ("nginx.conf", "apache.htaccess", "Caddyfile"):
        text = _read(name)
        assert IMMUTABLE in text, name
        assert '"no-cache"' in text, name
        assert "assets/pyodide/[^/]+/" in text, name


def test_every_config_serves_precompressed_siblings() -> None:
    assert "gzip_static on;" in _read("nginx.conf")
    assert '"%{REQUEST_FILENAME}.gz" -s' in _read("apache.htaccess")
    assert "precompressed br gzip" in _read("Caddyfile")


def test_the_handbook_describes_every_shipped_file() -> None:
    page = page_text("publikasi.md")
    for name in ("nginx.conf", "csp-hashes.conf", "apache.htaccess", "Caddyfile"):
        assert f"deploy/{name}" in page, name
    assert ".github/workflows/pages.yml" in page
    assert "python3 -m http.server" in page
    assert "file://" in page
