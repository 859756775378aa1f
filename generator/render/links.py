"""Where each generated page lives, and relative Markdown link targets between them.

Links are written as paths to ``.md`` sources (``../kompetensi/integritas.md#level-3``) so MkDocs
rewrites them for the URL style in use and ``--strict`` validation checks every page and anchor.
"""

from __future__ import annotations

import functools
import posixpath
from collections.abc import Callable

from markupsafe import Markup

from generator.render.safe import anchor, slug

COMPETENCY_INDEX = "kompetensi/index.md"
MATRIX = "matriks.md"
POSITION_INDEX = "jabatan/index.md"
ASSESSMENT = "asesmen.md"
RECAP = "rekap.md"
DOWNLOADS = "unduh.md"
PRINT = "cetak.md"
JSON_DOWNLOAD = "unduh/kompetensi.json"
CSV_DOWNLOAD = "unduh/kompetensi.csv"
POSITION_FILTER_SCRIPT = "assets/javascripts/jabatan-saring.js"


def competency_page(competency_id: str) -> str:
    return f"kompetensi/{slug(competency_id)}.md"


def transition_page(competency_id: str) -> str:
    return f"kompetensi/{slug(competency_id)}/transisi.md"


def position_page(position_id: str) -> str:
    return f"jabatan/{slug(position_id)}.md"


def position_json(position_id: str) -> str:
    """A position's own download (its SKJ as JSON), beside the site's export."""
    return f"unduh/jabatan/{slug(position_id)}.json"


def position_csv(position_id: str) -> str:
    return f"unduh/jabatan/{slug(position_id)}.csv"


def level_anchor(level: int) -> Markup:
    return Markup(f"level-{int(level)}")


def indicator_anchor(indicator_id: str) -> Markup:
    """``integritas.3.2`` -> ``integritas-3-2``."""
    return anchor(indicator_id)


def transition_anchor(level: int) -> Markup:
    """The section of a transition page that leads from ``level`` to ``level + 1``."""
    return Markup(f"level-{int(level)}-ke-{int(level) + 1}")


@functools.cache
def _relative(target: str, folder: str) -> str:
    # Every page of a large standard links to the same few targets from the same few folders;
    # posixpath.relpath (two abspath calls each) was the largest cost of rendering.
    return posixpath.relpath(target, folder)


def url_path(target: str, directory_urls: bool = True) -> str:
    """The site path of a docs-relative ``.md`` source, as MkDocs writes it: with
    ``use_directory_urls``, ``kompetensi/integritas.md`` -> ``kompetensi/integritas/`` and
    ``kompetensi/index.md`` -> ``kompetensi/``; without, ``.html`` files."""
    if not target.endswith(".md"):
        return target  # a download keeps its name
    stem = target.removesuffix(".md")
    if not directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def url_resolver(here: str, directory_urls: bool = True) -> Callable[[str], str]:
    """Final URLs relative to the page at ``here``, as MkDocs rewrites Markdown links."""
    page = url_path(here, directory_urls)
    folder = page if directory_urls else posixpath.dirname(page)

    def resolve(target: str) -> str:
        url = url_path(target, directory_urls)
        relative = posixpath.relpath(url or ".", folder or ".")
        return relative + "/" if url.endswith("/") or not url else relative

    return resolve


class Linker:
    """Relative link targets as seen from the page at ``here`` (a docs-relative ``.md`` path).

    By default a target is the relative path of its ``.md`` source, which MkDocs rewrites and
    checks in Markdown. HTML that is inserted after Markdown (``GeneratedFile.parts``) is neither
    rewritten nor checked: its linker takes ``resolve`` (see :func:`url_resolver`) and records
    every target in :attr:`targets`, which the plugin checks against the site's files.
    """

    def __init__(self, here: str, resolve: Callable[[str], str] | None = None) -> None:
        self.here = here
        self.folder = posixpath.dirname(here) or "."
        self.resolve = resolve
        self.targets: set[str] = set()

    def to(self, target: str, fragment: str = "") -> Markup:
        if target == self.here:
            path = ""
        elif self.resolve is not None:
            self.targets.add(target)
            path = self.resolve(target)
        else:
            path = _relative(target, self.folder)
        return Markup(path + (f"#{anchor(fragment)}" if fragment else ""))

    def competency(self, competency_id: str, fragment: str = "") -> Markup:
        return self.to(competency_page(competency_id), fragment)

    def level(self, competency_id: str, level: int) -> Markup:
        return self.to(competency_page(competency_id), level_anchor(level))

    def indicator(self, competency_id: str, indicator_id: str) -> Markup:
        return self.to(competency_page(competency_id), indicator_anchor(indicator_id))

    def transition(self, competency_id: str, level: int | None = None) -> Markup:
        fragment = transition_anchor(level) if level is not None else ""
        return self.to(transition_page(competency_id), fragment)

    def position(self, position_id: str) -> Markup:
        return self.to(position_page(position_id))
