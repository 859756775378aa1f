"""The Content-Security-Policy of the built site, computed from the final HTML.

The policy allows scripts, styles, workers and connections from the site itself only, plus
``'wasm-unsafe-eval'`` for Pyodide and the sha256 hash of every inline script the theme writes
(Material's inline scripts differ by page depth, so the hashes are collected over every page).
No ``'unsafe-inline'`` and no ``'unsafe-eval'``.

:func:`publish` is a step of the plugin's post-build work (:mod:`generator.postbuild`), in
``mkdocs build``, ``kompetensi build`` and the preview alike. It writes, into the site root:

- ``csp.txt``: the complete policy, one line, for any server or CDN that takes a header value;
- ``csp-hashes.conf``: one line for ``deploy/nginx.conf``,
  ``set $kompetensi_csp_script_hashes "'sha256-...' ...";``;

and puts the same policy into every HTML page as ``<meta http-equiv="Content-Security-Policy">``
for static hosts that cannot send headers (GitHub Pages). A meta policy governs the page but not a
dedicated worker (the worker follows its own HTTP response) and cannot carry ``frame-ancestors``,
so the policy here has neither; a server should still send the header.

The hashes are those of the HTML as published: the meta tag sits outside every script, and the
hashes are computed again after it is inserted to prove that it changed none of them.

Pure Python: no MkDocs, so any site engine (or a test) can call it on a folder of HTML.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from generator.i18n import _
from generator.site_files import SiteFiles

HTML_SUFFIXES = (".html", ".htm")
POLICY_FILE = "csp.txt"
NGINX_FILE = "csp-hashes.conf"
NGINX_VARIABLE = "$kompetensi_csp_script_hashes"

# The directives in order; "{hashes}" is replaced by the inline script hashes.
DIRECTIVES: tuple[tuple[str, str], ...] = (
    ("default-src", "'self'"),
    ("script-src", "'self' 'wasm-unsafe-eval' {hashes}"),
    ("style-src", "'self'"),
    ("img-src", "'self' data:"),
    ("worker-src", "'self'"),
    ("connect-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
)

# Script types the browser executes (HTML "prepare the script element"): an empty or missing
# type, a JavaScript MIME type, "module", and the inline JSON the browser itself acts on
# (import maps, speculation rules). Anything else is a data block that CSP does not govern.
_JAVASCRIPT_TYPES = frozenset(
    {
        "application/ecmascript", "application/javascript", "application/x-ecmascript",
        "application/x-javascript", "text/ecmascript", "text/javascript",
        "text/javascript1.0", "text/javascript1.1", "text/javascript1.2",
        "text/javascript1.3", "text/javascript1.4", "text/javascript1.5", "text/jscript",
        "text/livescript", "text/x-ecmascript", "text/x-javascript",
    }
)  # fmt: skip
_EXECUTED_TYPES = _JAVASCRIPT_TYPES | {"module", "importmap", "speculationrules"}

_META_CSP = re.compile(
    r"""[ \t]*<meta\s[^>]*http-equiv\s*=\s*["']?content-security-policy["']?[^>]*>[ \t]*\n?""",
    re.IGNORECASE,
)
_META_CHARSET = re.compile(r"""<meta\s[^>]*charset\s*=[^>]*>[ \t]*\n?""", re.IGNORECASE)
_HEAD = re.compile(r"<head(?:\s[^>]*)?>[ \t]*\n?", re.IGNORECASE)
_DOCTYPE = re.compile(r"\A\s*<!doctype[^>]*>[ \t]*\n?", re.IGNORECASE)


class _ScriptCollector(HTMLParser):
    """The source text of every executed inline ``<script>``, in document order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sources: list[str] = []
        self._current: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "script":
            return
        values = {name: (value or "") for name, value in attrs}
        self._current = None if "src" in values or not _executed(values) else []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":  # <script/> is not self-closing in HTML; its body follows
            self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        if self._current is not None:
            self._current.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._current is not None:
            self.sources.append("".join(self._current))
        if tag == "script":
            self._current = None


def _executed(attributes: dict[str, str]) -> bool:
    """Whether a script element with these attributes runs (rather than being a data block)."""
    if "type" in attributes:
        kind = attributes["type"].strip().lower()
        return kind == "" or kind in _EXECUTED_TYPES
    language = attributes.get("language", "")
    return language == "" or f"text/{language.strip().lower()}" in _JAVASCRIPT_TYPES


def _normalise_newlines(text: str) -> str:
    """The browser's input stream preprocessing: CR LF and lone CR become LF before hashing."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def inline_scripts(page: str) -> list[str]:
    """The source text of each inline script the browser would execute in ``page``."""
    collector = _ScriptCollector()
    collector.feed(_normalise_newlines(page))
    collector.close()
    return collector.sources


def source_hash(source: str) -> str:
    """The CSP hash source of one script text: ``'sha256-<base64>'``."""
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def page_hashes(page: str) -> list[str]:
    """The distinct hashes of the inline scripts of one page, sorted."""
    return sorted({source_hash(source) for source in inline_scripts(page)})


def policy(hashes: Iterable[str]) -> str:
    """The policy string for the given script hashes (header and meta tag alike)."""
    joined = " ".join(sorted(set(hashes)))
    parts = []
    for name, value in DIRECTIVES:
        parts.append(f"{name} {' '.join(value.replace('{hashes}', joined).split())}")
    return "; ".join(parts)


def meta_tag(policy_text: str) -> str:
    """``<meta http-equiv="Content-Security-Policy" content="...">`` for ``policy_text``."""
    content = html.escape(policy_text, quote=False).replace('"', "&quot;")
    return f'<meta http-equiv="Content-Security-Policy" content="{content}">'


def with_meta(page: str, policy_text: str) -> str:
    """``page`` with exactly one CSP meta tag for ``policy_text``, as early in ``<head>`` as the
    charset declaration allows (a meta policy governs only what comes after it)."""
    page = _META_CSP.sub("", page)
    tag = meta_tag(policy_text) + "\n"
    head_end = page.lower().find("</head>")
    limit = head_end if head_end >= 0 else len(page)
    for pattern in (_META_CHARSET, _HEAD, _DOCTYPE):
        match = pattern.search(page, 0, limit)
        if match is not None:
            return page[: match.end()] + tag + page[match.end() :]
    return tag + page


def nginx_include(hashes: Sequence[str]) -> str:
    """The one-line ``csp-hashes.conf`` that ``deploy/nginx.conf`` includes."""
    joined = " ".join(sorted(set(hashes)))
    return f'set {NGINX_VARIABLE} "{joined}";\n'


class CspError(Exception):
    """The published pages would not match the published policy."""


@dataclass(frozen=True)
class Published:
    """What :func:`publish` wrote."""

    policy: str
    hashes: tuple[str, ...]
    pages: int


def publish(site: Path | SiteFiles) -> Published:
    """Compute the site's policy from its HTML, write it into every page, ``csp.txt`` and
    ``csp-hashes.conf``; raise :class:`CspError` if inserting the meta tag changed a hash.
    Each page is read once (through ``site``'s :class:`SiteFiles`, which later steps share)."""
    files = site if isinstance(site, SiteFiles) else SiteFiles(site)
    pages = [path for path in files.paths() if path.suffix.lower() in HTML_SUFFIXES]
    texts = {path: files.text(path) for path in pages}
    found = {path: page_hashes(text) for path, text in texts.items()}
    hashes = sorted({h for page in found.values() for h in page})
    policy_text = policy(hashes)
    for path, text in texts.items():
        updated = with_meta(text, policy_text)
        if updated == text:
            continue
        if page_hashes(updated) != found[path]:
            raise CspError(f"{files.relative(path)}: " + _("the CSP meta tag changed a hash"))
        files.write(path, updated.encode("utf-8"))
    files.write(files.root / POLICY_FILE, (policy_text + "\n").encode("utf-8"))
    files.write(files.root / NGINX_FILE, nginx_include(hashes).encode("utf-8"))
    return Published(policy_text, tuple(hashes), len(pages))
