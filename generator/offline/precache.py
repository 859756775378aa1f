"""The precache manifest of a built site: every file the reader may need offline, with a
revision (the first 16 hex digits of the SHA-256 of its bytes), as Workbox's precaching lists a
build's files.

Two groups: ``core`` (every page, its styles and scripts, the search index, the downloads) is
cached when the worker installs, after the first visit to any page; ``quiz`` (the Pyodide
runtime, the engine wheel, the exported data and the quiz's scripts: 4.7 MB) is cached after the
self-assessment has loaded once, from the files the browser has just fetched.

``immutable`` files have a content hash or a pinned version in their path (Material's
``bundle.<hash>.min.js``, ``assets/quiz/<hash>/``, ``assets/pyodide/<version>/``): the worker
serves them from its cache first. Every other file, the pages first of all, is fetched from the
network first, with the cache as the fallback, so a published correction shows at once.

``checked`` files are compared with their revision when the worker stores them, so a cache never
holds a file of another build (a deploy between two requests); pages are not: the build inserts
its CSP meta tag into them after this manifest is made (see :mod:`generator.csp`).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

CORE = "core"
QUIZ = "quiz"
WORKER = "sw.js"
# Not for the reader: server files, compressed siblings, source maps, the sitemap.
SKIPPED_SUFFIXES = (".br", ".gz", ".map", ".conf")
SKIPPED_NAMES = frozenset({WORKER, "csp.txt", "sitemap.xml", ".nojekyll"})
HASHED_NAME = re.compile(r"\.[0-9a-f]{8,}\.(?:min\.)?(?:js|css|json|mjs)$")
IMMUTABLE_FOLDERS = (
    re.compile(r"^assets/quiz/[0-9a-f]{16}/"),
    re.compile(r"^assets/quiz/engine/[0-9a-f]{16}/"),
    re.compile(r"^assets/pyodide/[^/]+/(?!.*\.json$)"),  # the lock file is rewritten in place
)
LUNR = "assets/javascripts/lunr/"


@dataclass(frozen=True)
class Entry:
    """One file of the manifest; ``url`` is relative to the site root (a page by its folder)."""

    url: str
    revision: str
    group: str
    immutable: bool
    checked: bool

    def as_row(self) -> list[str | int]:
        return [self.url, self.revision, self.group, int(self.immutable), int(self.checked)]


def revision(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def _search_languages(site: Path) -> list[str]:
    index = site / "search" / "search_index.json"
    if not index.is_file():
        return []
    languages = json.loads(index.read_text(encoding="utf-8")).get("config", {}).get("lang", [])
    return [str(language) for language in languages]


def _lunr_wanted(languages: list[str]) -> set[str]:
    """The files of Material's lunr folder its search worker loads for these languages."""
    others = [language for language in languages if language != "en"]
    wanted = {f"{LUNR}min/lunr.{language}.min.js" for language in others}
    if others:
        wanted.add(f"{LUNR}min/lunr.stemmer.support.min.js")
    if len(languages) > 1:
        wanted.add(f"{LUNR}min/lunr.multi.min.js")
    return wanted


def _url(relative: str) -> str:
    """A page is requested by its folder (``kompetensi/integritas/``), the root as ``./``."""
    if relative == "index.html":
        return "./"
    if relative.endswith("/index.html"):
        return relative[: -len("index.html")]
    return relative


def entries(
    site: Path,
    quiz_files: Iterable[str],
    page_salt: str = "",
    read: Callable[[Path], bytes] = Path.read_bytes,
) -> list[Entry]:
    """The manifest of ``site``: ``quiz_files`` are the site paths the quiz's asset writer wrote
    (every other file under ``assets/quiz/`` is the theme's unused copy and is left out).
    ``page_salt`` enters the revision of every page: the CSP policy the build will insert.
    ``read`` reads a file (the post-build step passes its shared reader)."""
    quiz = {name for name in quiz_files if not name.endswith(SKIPPED_SUFFIXES)}
    lunr = _lunr_wanted(_search_languages(site))
    found: list[Entry] = []
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        relative = path.relative_to(site).as_posix()
        if relative.endswith(SKIPPED_SUFFIXES) or path.name in SKIPPED_NAMES:
            continue
        if relative.startswith(LUNR) and relative not in lunr:
            continue
        in_quiz = relative.startswith(("assets/quiz/", "assets/pyodide/"))
        if in_quiz and relative not in quiz:
            continue
        page = relative.endswith((".html", ".htm"))
        data = read(path) + (page_salt.encode("utf-8") if page else b"")
        immutable = bool(HASHED_NAME.search(relative)) or any(
            folder.match(relative) for folder in IMMUTABLE_FOLDERS
        )
        found.append(
            Entry(
                url=_url(relative),
                revision=revision(data),
                group=QUIZ if in_quiz else CORE,
                immutable=immutable,
                checked=not page,
            )
        )
    return found


def build_id(manifest: list[Entry]) -> str:
    """One name for the whole build: any changed file gives a new worker and a new cache."""
    digest = hashlib.sha256()
    for entry in manifest:
        digest.update(f"{entry.url}\0{entry.revision}\0".encode())
    return digest.hexdigest()[:16]
