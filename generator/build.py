"""Atomic, checked site builds, and the development server.

``build`` runs ``mkdocs build --strict`` into a temporary sibling of the output folder (never with
``-q``: it swallows warnings and exits 0), scans the result with :func:`check_site`, and only then
swaps it into place. Any failure leaves the previous output byte-identical and returns 1.

:func:`check_site` is the privacy and safety gate for the built output: no resource may come from
another host, no element may carry an ``on*`` event-handler attribute, no URL may use the
``javascript:`` scheme, no element may carry a ``style`` attribute (the CSP blocks it; a Markdown
table's column alignment writes one). Plain text that mentions an address is fine.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import TextIO

from generator import build_child, csp, precompress, site_folder
from generator.build_child import QUIET_BANNER as QUIET_BANNER  # tests set it too
from generator.quiz import assets as quiz_assets

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
        return f"{cleaned.split(':', 1)[0]}: URL"
    if cleaned.startswith(("//", "\\\\", "/\\", "\\/")):
        return "URL to another host"
    match = SCHEME.match(cleaned)
    if match is None:
        return None  # a relative URL on this site
    if cleaned.startswith(SAFE_SCHEMES) or (resource and cleaned.startswith("data:")):
        return None
    if match.group(1) in ("http", "https", "ftp", "ws", "wss"):
        return "URL to another host"
    return f"URL with the scheme '{match.group(1)}:'"


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _css_findings(text: str, path: str, first_line: int = 1) -> Iterator[Finding]:
    for match in CSS_URL.finditer(text):
        url = next(g for g in match.groups() if g is not None)
        problem = url_problem(url)
        if problem:
            yield Finding(
                path, first_line + _line(text, match.start()) - 1, f"{problem} in url(): {url[:80]}"
            )
    for match in CSS_IMPORT.finditer(text):
        problem = url_problem(match.group(1))
        if problem:
            yield Finding(
                path,
                first_line + _line(text, match.start()) - 1,
                f"{problem} in @import: {match.group(1)[:80]}",
            )


def _js_findings(text: str, path: str, first_line: int = 1) -> Iterator[Finding]:
    for match in JS_RESOURCE.finditer(text):
        line = first_line + _line(text, match.start()) - 1
        yield Finding(path, line, f"script loads from another host: {match.group(1)[:80]}")
    for match in JS_SCHEME.finditer(text):
        line = first_line + _line(text, match.start()) - 1
        yield Finding(path, line, "script uses a javascript: URL")


class _HTMLScanner(HTMLParser):
    def __init__(self, path: str) -> None:
        super().__init__(convert_charrefs=True)
        self.path = path
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
                self._add(f"<{tag}> has an event-handler attribute '{name}'")
            elif name in URL_ATTRIBUTES:
                urls = (
                    [part.strip().split(" ")[0] for part in value.split(",")]
                    if name.endswith("srcset")
                    else [value]
                )
                navigation = tag in ("a", "area") and name == "href"
                for url in urls:
                    problem = url_problem(url, resource=not navigation)
                    if problem:
                        self._add(f"<{tag} {name}> {problem}: {url[:80]}")
            elif name == "style":
                # The policy has no 'unsafe-inline' for styles, so the browser drops the
                # attribute and reports a violation: the page would not look as built.
                self._add(f"<{tag}> has a style attribute, which the site's CSP blocks")
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


def check_file(path: Path, shown: str) -> list[Finding]:
    """Findings for one built file (HTML/SVG, CSS or JavaScript; other files have none)."""
    suffix = path.suffix.lower()
    if suffix not in HTML_SUFFIXES + CSS_SUFFIXES + JS_SUFFIXES:
        return []
    text = path.read_text(encoding="utf-8", errors="replace")
    if suffix in CSS_SUFFIXES:
        return list(_css_findings(text, shown))
    if suffix in JS_SUFFIXES:
        return list(_js_findings(text, shown))
    scanner = _HTMLScanner(shown)
    scanner.feed(text)
    scanner.close()
    return scanner.findings


def check_site(site: Path) -> list[Finding]:
    """Every finding in a built site, sorted by file and line."""
    findings: list[Finding] = []
    for path in sorted(site.rglob("*")):
        if path.is_file():
            findings.extend(check_file(path, path.relative_to(site).as_posix()))
    return sorted(findings)


def build(config_file: Path, site_dir: Path, *, out: TextIO | None = None) -> int:
    """Build ``config_file`` into ``site_dir`` atomically; 0 on success, 1 on any failure.

    ``site_dir`` is checked first (:func:`site_folder.refusal`): a folder whose loss would
    destroy work is refused before anything is touched."""
    out = out or sys.stderr
    if not config_file.is_file():
        print(f"{config_file}: config file not found", file=out)
        return 1
    refused = site_folder.refusal(site_dir, config_file)
    if refused is not None:
        print(refused, file=out)
        return 1
    config_file = config_file.resolve()
    site_dir = site_dir.resolve()
    try:
        site_dir.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        print(f"{site_dir.parent}: cannot create the build folder: {exc.strerror}", file=out)
        return 1
    with build_child.stop_on_signals():
        try:
            with site_folder.building(site_dir), site_folder.staging_folder(site_dir) as staging:
                code = _build_into(staging, config_file, site_dir, out)
                if code != 0:
                    return code
                site_folder.write_marker(staging)
                site_folder.publish_modes(staging)
                site_folder.replace(staging, site_dir)
        except OSError as exc:
            where = exc.filename or site_dir
            print(f"{where}: build gagal: {exc.strerror or exc}; {site_dir} tidak diubah.",
                  file=out)  # fmt: skip
            return 1
    print(f"Site written to {site_dir}", file=out)
    return 0


def _build_into(staging: Path, config_file: Path, site_dir: Path, out: TextIO) -> int:
    """MkDocs, the policy, the checker and the precompressed siblings, all in ``staging``."""
    command = [*build_child.command(), "build", "--strict", "--clean",
               "-f", str(config_file), "-d", str(staging)]  # fmt: skip
    code, crashed = build_child.run(command, out, config_file.parent, staging, site_dir)
    if code != 0:
        if not crashed:
            print(f"Build failed; {site_dir} was left unchanged.", file=out)
        return 1
    # The Content-Security-Policy, from the final HTML: csp.txt, csp-hashes.conf (nginx) and
    # a meta tag in every page (static hosts). Before the checker, so it sees the published
    # bytes.
    try:
        published = csp.publish(staging)
    except csp.CspError as exc:
        print(f"ERROR   -  Content-Security-Policy: {exc}", file=out)
        print(f"Build failed; {site_dir} was left unchanged.", file=out)
        return 1
    print(
        f"INFO    -  Content-Security-Policy: {len(published.hashes)} inline script hashes "
        f"in {csp.POLICY_FILE}, {csp.NGINX_FILE} and {published.pages} pages",
        file=out,
    )
    findings = check_site(staging)
    for finding in findings:
        print(f"ERROR   -  {finding}", file=out)  # the MkDocs log format
    if findings:
        count = len(findings)
        print(
            f"{count} unsafe spot{'s' if count != 1 else ''} in the built site; "
            f"{site_dir} was left unchanged.",
            file=out,
        )
        return 1
    # After the CSP step and the checker: siblings of the exact bytes that are published.
    siblings = precompress.precompress_site(staging, pinned=quiz_assets.pinned)
    print(f"INFO    -  Precompressed: {len(siblings)} .gz/.br siblings written", file=out)
    return 0


def serve(config_file: Path, dev_addr: str | None = None, *, open_browser: bool = False) -> int:
    """``mkdocs serve`` with live reload (``mkdocs.yml`` watches standards/ and site_overrides/;
    MkDocs itself watches content/ and the config file)."""
    config_file = config_file.resolve()
    command = [*build_child.MKDOCS, "serve", "--livereload", "-f", str(config_file)]
    if dev_addr:
        command += ["-a", dev_addr]
    if open_browser:
        command.append("--open")
    try:
        return subprocess.call(command, env=build_child.build_env(config_file.parent))
    except KeyboardInterrupt:
        return 0
