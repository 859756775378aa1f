"""The privacy and safety gate for the built output.

No resource may come from another host, no element may carry an ``on*`` event-handler attribute,
no URL may use the ``javascript:`` scheme, no element may carry a ``style`` attribute (the CSP
blocks it; a Markdown table's column alignment writes one). Plain text that mentions an address
is fine. Run by the plugin's post-build step (:mod:`generator.postbuild`) on every build.
Pure Python: no MkDocs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from generator.i18n import _
from generator.site_files import SiteFiles

HTML_SUFFIXES = (".html", ".htm", ".svg", ".xhtml")
CSS_SUFFIXES = (".css",)
JS_SUFFIXES = (".js", ".mjs")
URL_ATTRIBUTES = frozenset(
    {
        "href", "src", "srcset", "action", "formaction", "poster", "data", "cite",
        "background", "longdesc", "manifest", "ping", "codebase", "archive", "xlink:href",
        "imagesrcset", "itemtype",
    }
)  # fmt: skip
SAFE_SCHEMES = ("mailto:", "tel:", "data:image/")
SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):", re.IGNORECASE)
CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)""", re.IGNORECASE)
CSS_IMPORT = re.compile(r"""@import\s+(?:url\(\s*)?["']?([^"')\s;]+)""", re.IGNORECASE)
JS_RESOURCE = re.compile(
    r"""(?:\b(?:src|href|action|srcset)\s*[=:]\s*["'`]|\b(?:importScripts|import|fetch)\s*\(\s*["'`]"""
    r"""|\bfrom\s*["'`]|(?<![\w$.])url\(\s*["'`]?|@import\s+(?:url\(\s*)?["'`]?)"""
    r"""((?:https?:)?//[^"'`)\s]+)""",
)  # case-sensitive: `new URL("https://" + host)` builds a value, it loads nothing
JS_SCHEME = re.compile(r"""["'`=(]\s*(javascript:)""", re.IGNORECASE)


@dataclass(frozen=True, order=True)
class Finding:
    """One unsafe spot in the built output."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def url_problem(url: str, *, resource: bool = True) -> str | None:
    """Why ``url`` must not appear in a ``src``/``href``/``url()``, or ``None`` when it may."""
    cleaned = re.sub(r"[\x00-\x20]", "", url).lower()
    if cleaned.startswith(("javascript:", "vbscript:")):
        return _("{scheme}: URL").format(scheme=cleaned.split(":", 1)[0])
    if cleaned.startswith(("//", "\\\\", "/\\", "\\/")):
        return _("URL to another host")
    match = SCHEME.match(cleaned)
    if match is None:
        return None  # a relative URL on this site
    if cleaned.startswith(SAFE_SCHEMES) or (resource and cleaned.startswith("data:")):
        return None
    if match.group(1) in ("http", "https", "ftp", "ws", "wss"):
        return _("URL to another host")
    return _("URL with the scheme '{scheme}:'").format(scheme=match.group(1))


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _css_findings(text: str, path: str, first_line: int = 1) -> Iterator[Finding]:
    for match in CSS_URL.finditer(text):
        url = next(g for g in match.groups() if g is not None)
        problem = url_problem(url)
        if problem:
            message = _("{problem} in url(): {url}").format(problem=problem, url=url[:80])
            yield Finding(path, first_line + _line(text, match.start()) - 1, message)
    for match in CSS_IMPORT.finditer(text):
        problem = url_problem(match.group(1))
        if problem:
            message = _("{problem} in @import: {url}").format(
                problem=problem, url=match.group(1)[:80]
            )
            yield Finding(path, first_line + _line(text, match.start()) - 1, message)


def _js_findings(text: str, path: str, first_line: int = 1) -> Iterator[Finding]:
    for match in JS_RESOURCE.finditer(text):
        line = first_line + _line(text, match.start()) - 1
        message = _("script loads from another host: {url}").format(url=match.group(1)[:80])
        yield Finding(path, line, message)
    for match in JS_SCHEME.finditer(text):
        line = first_line + _line(text, match.start()) - 1
        yield Finding(path, line, _("script uses a javascript: URL"))


class _HTMLScanner(HTMLParser):
    def __init__(self, path: str, own_origin: str | None = None) -> None:
        super().__init__(convert_charrefs=True)
        self.path = path
        self.own_origin = own_origin.lower() if own_origin else None
        self.findings: list[Finding] = []
        self._raw: str | None = None
        self._raw_line = 0

    def _add(self, message: str) -> None:
        self.findings.append(Finding(self.path, self.getpos()[0], message))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self._add(
                    _("<{tag}> has an event-handler attribute '{name}'").format(tag=tag, name=name)
                )
            elif name in URL_ATTRIBUTES:
                urls = (
                    [part.strip().split(" ")[0] for part in value.split(",")]
                    if name.endswith("srcset")
                    else [value]
                )
                navigation = tag in ("a", "area") and name == "href"
                for url in urls:
                    if self.own_origin and url.strip().lower().startswith(self.own_origin):
                        continue  # the preview's canonical links name the preview server itself
                    problem = url_problem(url, resource=not navigation)
                    if problem:
                        self._add(f"<{tag} {name}> {problem}: {url[:80]}")
            elif name == "style":
                # The policy has no 'unsafe-inline' for styles, so the browser drops the
                # attribute and reports a violation: the page would not look as built.
                self._add(
                    _("<{tag}> has a style attribute, which the site's CSP blocks").format(tag=tag)
                )
                for finding in _css_findings(value, self.path, self.getpos()[0]):
                    self.findings.append(finding)
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            target = values.get("content", "").partition("=")[2]
            problem = url_problem(target) if target else None
            if problem:
                self._add(f"<meta http-equiv=refresh> {problem}")
        if tag in ("style", "script"):
            self._raw = ""
            self._raw_line = self.getpos()[0]

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in ("style", "script"):
            self._raw = None

    def handle_data(self, data: str) -> None:
        if self._raw is not None:
            self._raw += data

    def handle_endtag(self, tag: str) -> None:
        if self._raw is None or tag not in ("style", "script"):
            return
        scan = _css_findings if tag == "style" else _js_findings
        self.findings.extend(scan(self._raw, self.path, self._raw_line))
        self._raw = None


def check_text(text: str, suffix: str, shown: str, own_origin: str | None = None) -> list[Finding]:
    """Findings for one file's text by its suffix (HTML/SVG, CSS or JavaScript; others none).
    ``own_origin`` (the preview server's address, ``http://127.0.0.1:8000/``) is this site, not
    another host: MkDocs gives it to the pages it serves as their ``site_url``."""
    suffix = suffix.lower()
    if suffix in CSS_SUFFIXES:
        return list(_css_findings(text, shown))
    if suffix in JS_SUFFIXES:
        return list(_js_findings(text, shown))
    if suffix not in HTML_SUFFIXES:
        return []
    scanner = _HTMLScanner(shown, own_origin)
    scanner.feed(text)
    scanner.close()
    return scanner.findings


def _checked(path: Path) -> bool:
    return path.suffix.lower() in HTML_SUFFIXES + CSS_SUFFIXES + JS_SUFFIXES


def _decoded(data: bytes) -> str:
    # Universal newlines, as a text-mode read would give: lines are counted on "\n".
    return data.decode("utf-8", errors="replace").replace("\r\n", "\n").replace("\r", "\n")


def check_site(site: Path | SiteFiles, own_origin: str | None = None) -> list[Finding]:
    """Every finding in a built site, sorted by file and line (``own_origin``: see
    :func:`check_text`)."""
    files = site if isinstance(site, SiteFiles) else SiteFiles(site)
    findings: list[Finding] = []
    for path in files.paths():
        if _checked(path):
            text = _decoded(files.read(path))
            findings.extend(check_text(text, path.suffix, files.relative(path), own_origin))
    return sorted(findings)
