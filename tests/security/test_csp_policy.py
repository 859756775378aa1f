"""Promise 4, the build side: ``generator/csp.py`` computes the inline script hashes from the final
HTML, and the build publishes one policy three ways (``csp.txt``, ``csp-hashes.conf``, a meta tag
in every page) that agree with each other, with ``deploy/nginx.conf`` and with the issue."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import pytest
from security_support import ROOT, Built, snapshot

from generator import csp

ISSUE_POLICY = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' {hashes}; style-src 'self'; "
    "img-src 'self' data:; worker-src 'self'; connect-src 'self'; object-src 'none'; "
    "base-uri 'self'"
)
META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


# ---- The pure module ----------------------------------------------------------------------------


def test_a_known_hash() -> None:
    # The example of the CSP specification: sha256 of "alert('Hello, world.');".
    assert csp.source_hash("alert('Hello, world.');") == (
        "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"
    )


def test_only_executed_inline_scripts_count() -> None:
    page = (
        "<!doctype html><html><head><meta charset=utf-8>"
        "<script>a()</script>"
        '<script type="module">b()</script>'
        '<script type="text/javascript ">c()</script>'
        '<script type="importmap">{"imports": {}}</script>'
        '<script src="x.js"></script>'
        '<script type="application/json" id="__config">{"x": "</p>"}</script>'
        '<script type="text/x-template">d()</script>'
        "<!-- <script>e()</script> -->"
        "</head><body><p>&lt;script&gt;f()&lt;/script&gt;</p>"
        '<svg><script>g()</script></svg><script language="javascript">h()</script>'
        "</body></html>"
    )
    assert csp.inline_scripts(page) == [
        "a()",
        "b()",
        "c()",
        '{"imports": {}}',
        "g()",
        "h()",
    ]


def test_hashes_are_of_the_text_as_the_browser_sees_it() -> None:
    """Character references stay as written inside a script; CR LF becomes LF first."""
    assert csp.page_hashes("<script>a = '&amp;';\r\nb()</script>") == [_hash("a = '&amp;';\nb()")]
    assert csp.page_hashes("<script>x</script><script>x</script>") == [_hash("x")]


def test_the_policy_is_the_one_of_the_issue() -> None:
    hashes = [_hash("b"), _hash("a")]
    assert csp.policy(hashes) == ISSUE_POLICY.format(hashes=" ".join(sorted(hashes)))
    assert csp.policy([]) == ISSUE_POLICY.format(hashes="").replace(" ;", ";")


def test_the_meta_tag_goes_after_the_charset_and_is_replaced_not_repeated() -> None:
    page = '<!doctype html>\n<html>\n<head>\n<meta charset="utf-8">\n<title>t</title></head>'
    once = csp.with_meta(page, "default-src 'self'")
    assert once.splitlines()[3:5] == [
        '<meta charset="utf-8">',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'self\'">',
    ]
    twice = csp.with_meta(once, "default-src 'none'")
    assert len(META.findall(twice)) == 1
    assert META.findall(twice) == ["default-src 'none'"]
    # Without a charset: right after <head>; without a head: after the doctype.
    assert "<head>\n<meta http-equiv" in csp.with_meta("<html><head>\n<title>t</title>", "x")
    assert csp.with_meta("<!DOCTYPE html>\n<p>x", "y").startswith(
        '<!DOCTYPE html>\n<meta http-equiv="Content-Security-Policy" content="y">\n<p>x'
    )


def test_the_nginx_include_is_one_set_line() -> None:
    text = csp.nginx_include([_hash("b"), _hash("a"), _hash("a")])
    assert (
        text
        == f'set $kompetensi_csp_script_hashes "{" ".join(sorted([_hash("a"), _hash("b")]))}";\n'
    )
    assert "include kompetensi-asn/csp-hashes.conf;" in (ROOT / "deploy/nginx.conf").read_text(
        encoding="utf-8"
    )


def test_publish_on_a_folder(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        '<!doctype html><head><meta charset="utf-8"><script>one()</script></head>', "utf-8"
    )
    (tmp_path / "a" / "index.html").write_bytes(
        b'<!doctype html>\r\n<head><meta charset="utf-8">\r\n<script>two()\r\n</script></head>'
    )
    published = csp.publish(tmp_path)
    assert published.hashes == tuple(sorted([_hash("one()"), _hash("two()\n")]))
    assert published.pages == 2
    assert (tmp_path / "csp.txt").read_text(encoding="utf-8") == published.policy + "\n"
    assert (tmp_path / "csp-hashes.conf").read_text(encoding="utf-8") == csp.nginx_include(
        published.hashes
    )
    nested = (tmp_path / "a" / "index.html").read_bytes()
    assert b"\r\n<script>two()\r\n</script>" in nested  # the rest of the page is untouched
    before = snapshot(tmp_path)
    assert csp.publish(tmp_path) == published  # idempotent: a second run changes nothing
    assert snapshot(tmp_path) == before


# ---- What the real build published ---------------------------------------------------------------


def _html_files(site: Path) -> list[Path]:
    return sorted(path for path in site.rglob("*.html") if path.is_file())


def _site_hashes(site: Path) -> list[str]:
    """The distinct inline script hashes of every page as stored (no newline translation)."""
    found: set[str] = set()
    for path in _html_files(site):
        found.update(csp.page_hashes(path.read_bytes().decode("utf-8")))
    return sorted(found)


@pytest.mark.slow
def test_the_build_publishes_one_policy_three_ways(real_site: Built) -> None:
    site = real_site.site
    assert "Content-Security-Policy: " in real_site.output
    policy = (site / "csp.txt").read_text(encoding="utf-8")
    assert policy.endswith("\n") and policy.count("\n") == 1
    policy = policy.strip()
    hashes = _site_hashes(site)  # recomputed on the published bytes, meta tags included
    assert len(hashes) >= 3  # Material's scripts differ by page depth
    assert policy == ISSUE_POLICY.format(hashes=" ".join(hashes))
    conf = (site / "csp-hashes.conf").read_text(encoding="utf-8")
    assert conf == f'set $kompetensi_csp_script_hashes "{" ".join(hashes)}";\n'
    pages = _html_files(site)
    assert len(pages) >= 40
    for path in pages:
        text = path.read_text(encoding="utf-8")
        assert [m.replace("&#x27;", "'") for m in META.findall(text)] == [policy], path
        head = text[: text.index("</head>")]
        # The meta policy governs only what follows it: it precedes every script and style.
        first = head.index('http-equiv="Content-Security-Policy"')
        assert "<script" not in head[:first] and "<link" not in head[:first], path
        assert set(csp.page_hashes(text)) <= set(hashes), path
