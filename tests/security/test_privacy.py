"""Promise 3: the built site asks no other host for anything, sets no cookie, and keeps only its
own namespaced keys in localStorage.

Two independent proofs: a static crawler over every built file a browser could load (HTML, CSS,
JavaScript, JSON, web manifests), and a runtime log of every request the pages and their workers
make while a person visits every page type, searches, and goes through the whole quiz (the
session's strict tour, shared with the CSP suite: under the policy a request to another host is
blocked *and* reported, so an empty off-origin log plus zero violations means none was tried).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from security_support import STORAGE_PREFIX, Built, TourRecord

from generator.site_check import check_site

# Absolute URLs at the start of a JavaScript string: what code could load from another host.
JS_URL_STRING = re.compile(r"""["'`]((?:https?:)?//[a-zA-Z0-9.-]+\.[a-z]{2,}[^"'`\s]*)""")
# A JSON value that is nothing but an absolute URL (text that mentions an address is fine).
JSON_URL_VALUE = re.compile(r"^\s*(?:[a-z][a-z0-9+.\-]*:)?//\S+\s*$", re.IGNORECASE)
# Third-party code paths that hold an address but never run on this site; the runtime log
# below proves it. (file name pattern, URL prefix, why it stays dormant)
DORMANT = [
    (r"bundle\.[0-9a-f]+\.min\.js", "https://unpkg.com/mermaid@", "no Mermaid diagrams"),
    (
        r"bundle\.[0-9a-f]+\.min\.js",
        "https://unpkg.com/resize-observer-polyfill",
        "only for browsers without ResizeObserver",
    ),
    (r"bundle\.[0-9a-f]+\.min\.js", "https://api.github.com/", "no repo_url in mkdocs.yml"),
    (r"pyodide\.mjs", "https://cdn.jsdelivr.net/pyodide/", "the worker always sets indexURL"),
]
CRAWLED = (".html", ".htm", ".css", ".js", ".mjs", ".json", ".webmanifest")


def _files(site: Path) -> Iterator[Path]:
    for path in sorted(site.rglob("*")):
        if path.is_file() and path.suffix.lower() in CRAWLED:
            yield path


def _json_urls(node: Any, where: str) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _json_urls(value, f"{where}.{key}")
    elif isinstance(node, list):
        for value in node:
            yield from _json_urls(value, f"{where}[]")
    elif isinstance(node, str) and JSON_URL_VALUE.match(node):
        yield f"{where}: {node.strip()[:80]}"


def _dormant(path: Path, url: str) -> bool:
    return any(
        re.fullmatch(name, path.name) and url.startswith(prefix) for name, prefix, _ in DORMANT
    )


@pytest.mark.slow
def test_static_crawler_finds_no_off_origin_resource(real_site: Built) -> None:
    site = real_site.site
    # HTML, CSS and JavaScript: the build's own gate, on the published bytes.
    assert [str(f) for f in check_site(site)] == []
    found: list[str] = []
    crawled = 0
    for path in _files(site):
        crawled += 1
        shown = path.relative_to(site).as_posix()
        text = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix in (".json", ".webmanifest"):
            found += [f"{shown}{hit}" for hit in _json_urls(json.loads(text), "")]
        elif path.suffix in (".js", ".mjs"):
            for match in JS_URL_STRING.finditer(text):
                url = match.group(1)
                if not url.startswith("http://www.w3.org/") and not _dormant(path, url):
                    found.append(f"{shown}: {url[:80]}")
    assert found == []
    assert crawled >= 100  # pages, theme assets, the search index, Pyodide, the quiz's files


@pytest.mark.browser
@pytest.mark.slow
def test_runtime_requests_cookies_and_storage(strict_tour: TourRecord) -> None:
    """The runtime log of the strict tour: every page type, the search, the whole quiz."""
    tour, watch = strict_tour, strict_tour.watch
    assert len(tour.states) >= 15
    assert len(watch.requests) >= 50
    assert any("/assets/pyodide/" in url for url in watch.requests)  # the quiz really ran
    assert any("search_index.json" in url for url in watch.requests)
    assert watch.off_origin(tour.origin) == []
    # Nothing was attempted and blocked either: the same tour shows no violation.
    assert {state: found for state, found in tour.violations.items() if found} == {}
    assert tour.csp_console == []
    assert tour.cookies == [] and tour.storage["cookie"] == ""
    local = tour.storage["local"]
    assert local and all(key.startswith(STORAGE_PREFIX) for key in local), local
    assert tour.storage["session"] == []
    assert tour.storage["databases"] == []
    # The service worker keeps only this site's own files, in caches named after the site, for
    # offline use (generator/offline/); it registers once the quiz's engine is ready.
    root = tour.origin + "/"
    assert tour.storage["serviceWorkers"] in ([], [root])
    assert all(name.startswith(f"kompetensi-asn {root} ") for name in tour.storage["caches"])
    assert all(url.startswith(root) for url in tour.storage["cached"])
