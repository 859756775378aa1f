"""Where each generated page lives, and relative Markdown link targets between them.

Links are written as paths to ``.md`` sources (``../kompetensi/integritas.md#level-3``) so MkDocs
rewrites them for the URL style in use and ``--strict`` validation checks every page and anchor.
"""

from __future__ import annotations

import posixpath

from markupsafe import Markup

from generator.render.safe import anchor, slug

COMPETENCY_INDEX = "kompetensi/index.md"
MATRIX = "matriks.md"
POSITION_INDEX = "jabatan/index.md"
ASSESSMENT = "asesmen.md"
DOWNLOADS = "unduh.md"
PRINT = "cetak.md"
JSON_DOWNLOAD = "unduh/kompetensi.json"
CSV_DOWNLOAD = "unduh/kompetensi.csv"


def competency_page(competency_id: str) -> str:
    return f"kompetensi/{slug(competency_id)}.md"


def transition_page(competency_id: str) -> str:
    return f"kompetensi/{slug(competency_id)}/transisi.md"


def position_page(position_id: str) -> str:
    return f"jabatan/{slug(position_id)}.md"


def level_anchor(level: int) -> Markup:
    return Markup(f"level-{int(level)}")


def indicator_anchor(indicator_id: str) -> Markup:
    """``integritas.3.2`` -> ``integritas-3-2``."""
    return anchor(indicator_id)


def transition_anchor(level: int) -> Markup:
    """The section of a transition page that leads from ``level`` to ``level + 1``."""
    return Markup(f"level-{int(level)}-ke-{int(level) + 1}")


class Linker:
    """Relative link targets as seen from the page at ``here`` (a docs-relative ``.md`` path)."""

    def __init__(self, here: str) -> None:
        self.here = here

    def to(self, target: str, fragment: str = "") -> Markup:
        if target == self.here:
            path = ""
        else:
            path = posixpath.relpath(target, posixpath.dirname(self.here) or ".")
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
