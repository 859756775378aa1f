"""Small HTML readers for the site tests (standard library only)."""

from __future__ import annotations

import html
import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class Page(HTMLParser):
    """Ids, elements with their attributes, and the visible text of one HTML document."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.text_parts: list[str] = []
        self._skip = 0
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        self.elements.append((tag, values))
        if "id" in values:
            self.ids.add(values["id"])
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.text_parts.append(data)

    @property
    def text(self) -> str:
        return " ".join("".join(self.text_parts).split())

    def links(self) -> list[str]:
        return [attrs["href"] for tag, attrs in self.elements if tag == "a" and "href" in attrs]

    def attribute_names(self) -> set[str]:
        return {name for _, attrs in self.elements for name in attrs}


def read(path: Path) -> Page:
    return Page(path.read_text(encoding="utf-8"))


def resolve(site: Path, page_file: Path, href: str) -> tuple[Path, str] | None:
    """The file and fragment a relative link on ``page_file`` points at (None: not a site link)."""
    parts = urlsplit(html.unescape(href))
    if parts.scheme or parts.netloc:
        return None
    if not parts.path:
        return page_file, unquote(parts.fragment)
    base = page_file.parent.relative_to(site).as_posix()
    # Material's 404 page uses root-relative URLs, which resolve against the site's root.
    target = posixpath.normpath(posixpath.join(base, unquote(parts.path))).lstrip("/")
    path = site / target
    if parts.path.endswith("/") or path.is_dir():
        path = path / "index.html"
    return path, unquote(parts.fragment)
