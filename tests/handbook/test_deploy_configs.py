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
# What servers add to the build's policy: a meta tag cannot carry it, a header can.
FRAME_ANCESTORS = "; frame-ancestors 'none'"
IMMUTABLE = "public, max-age=31536000, immutable"
# Every type generator/precompress.py writes siblings for, with the type the server must send.
PRECOMPRESSED_TYPES = {
    "html": "text/html",
    "css": "text/css",
    "js": "text/javascript",
    "mjs": "text/javascript",
    "json": "application/json",
    "wasm": "application/wasm",
    "svg": "image/svg+xml",
    "xml": "application/xml",
    "txt": "text/plain",
    "csv": "text/csv",
}


def _read(name: str) -> str:
    return (DEPLOY / name).read_text(encoding="utf-8")


def _policies(text: str) -> list[str]:
    return re.findall(r"Content-Security-Policy \"([^\"]+)\"", text)


def test_one_policy_everywhere() -> None:
    nginx = [
        p.replace("$kompetensi_csp_script_hashes", "HASHES") for p in _policies(_read("nginx.conf"))
    ]
    assert nginx == [POLICY + FRAME_ANCESTORS]
    assert _policies(_read("apache.htaccess")) == [POLICY + FRAME_ANCESTORS]
    assert _policies(_read("Caddyfile")) == [POLICY + FRAME_ANCESTORS]
    shown = re.search(r"^default-src .*$", page_text("publikasi.md"), re.MULTILINE)
    assert shown is not None
    assert shown.group(0).replace("<hash>", "HASHES") == POLICY
    assert "frame-ancestors 'none'" in page_text("publikasi.md")


def test_every_config_forbids_framing() -> None:
    assert "add_header X-Frame-Options DENY always;" in _read("nginx.conf")
    assert "Header always set X-Frame-Options DENY" in _read("apache.htaccess")
    assert re.search(r"^\s+X-Frame-Options DENY$", _read("Caddyfile"), re.MULTILINE)
    assert "X-Frame-Options: DENY" in page_text("publikasi.md")


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
    nginx = _read("nginx.conf")
    assert "gzip_static on;" in nginx
    assert "include kompetensi-asn/brotli*.conf;" in nginx  # a pattern: no file, no error
    # The directive itself stays out of nginx.conf: nginx without the module would not start.
    assert "brotli_static" not in [line.split()[0] for line in nginx.splitlines() if line.split()]
    directives = [
        line for line in _read("nginx-brotli.conf").splitlines() if not line.startswith("#")
    ]
    assert [line for line in directives if line.strip()] == ["brotli_static on;"]
    assert "precompressed br gzip" in _read("Caddyfile")


def test_apache_sends_brotli_then_gzip_siblings_with_the_original_type() -> None:
    apache = _read("apache.htaccess")
    br_at = apache.index('RewriteCond "%{REQUEST_FILENAME}.br" -s')
    gz_at = apache.index('RewriteCond "%{REQUEST_FILENAME}.gz" -s')
    assert br_at < gz_at  # brotli wins when a browser accepts both
    suffixes = "|".join(PRECOMPRESSED_TYPES)
    assert f'RewriteRule "^(.+)\\.({suffixes})$" "$1.$2.br" [QSA]' in apache
    assert f'RewriteRule "^(.+)\\.({suffixes})$" "$1.$2.gz" [QSA]' in apache
    types = dict(
        (suffix, kind)
        for group, kind in re.findall(
            r'RewriteRule "\\.\(?([a-z|]+)\)?\\.\(br\|gz\)\$" "-" \[T=([^,]+),', apache
        )
        for suffix in group.split("|")
    )
    assert types == PRECOMPRESSED_TYPES
    listed = re.escape(f"({suffixes})")
    for encoding, name in (("br", "br"), ("gz", "gzip")):
        block = re.search(
            rf'<FilesMatch "\\.{listed}\\.{encoding}\$">\n(.*?)</FilesMatch>',
            apache,
            re.DOTALL,
        )
        assert block is not None, encoding
        assert f"Header set Content-Encoding {name}" in block.group(1)
        assert "Header append Vary Accept-Encoding" in block.group(1)


def test_precompressed_types_match_the_generator() -> None:
    from generator import precompress

    assert {suffix.lstrip(".") for suffix in precompress.SUFFIXES} == set(PRECOMPRESSED_TYPES)
    nginx = _read("nginx.conf")
    gzip_types = re.search(r"gzip_types([^;]+);", nginx)
    assert gzip_types is not None
    for kind in set(PRECOMPRESSED_TYPES.values()) - {"text/html"}:  # html: always gzipped
        assert kind in gzip_types.group(1).split(), kind


def test_the_handbook_describes_every_shipped_file() -> None:
    page = page_text("publikasi.md")
    for name in (
        "nginx.conf",
        "nginx-brotli.conf",
        "csp-hashes.conf",
        "apache.htaccess",
        "Caddyfile",
    ):
        assert f"deploy/{name}" in page, name
    assert ".github/workflows/pages.yml" in page
    assert "python3 -m http.server" in page
    assert "file://" in page
