"""The two form pages the plugin adds: the self-assessment (``/asesmen/``) and the agency recap
(``/rekap/``), as :class:`~generator.render.pages.GeneratedFile` objects.

Each is a title in Markdown and one HTML part (the form: megabytes for a large standard), so
Python-Markdown parses only the title; the plugin puts the part back after Markdown. The tests
read these very objects (no Markdown made for tests only).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from generator.quiz import page as quiz_page
from generator.quiz import recap_page
from generator.render import links
from generator.render.pages import GeneratedFile, placeholder


def _form_page(uri: str, title: str, html: str) -> GeneratedFile:
    front = "\n".join(["---", f"title: {title}", "hide:", "  - toc", "search:", "  exclude: true"])
    return GeneratedFile(uri, f"{front}\n---\n\n# {title}\n\n{placeholder(0)}\n", parts=(html,))


def _root(uri: str, directory_urls: bool) -> str:
    """The site root relative to the page's URL (``../`` for ``/asesmen/``)."""
    return "../" * links.url_path(uri, directory_urls).count("/") or "./"


def _built(
    uri: str, title: str, render_html: Callable[[dict[str, Any], str], str]
) -> Callable[[dict[str, Any], bool], GeneratedFile]:
    def build(data: dict[str, Any], directory_urls: bool) -> GeneratedFile:
        return _form_page(uri, title, render_html(data, _root(uri, directory_urls)))

    return build


assessment = _built(links.ASSESSMENT, quiz_page.PAGE_TITLE, quiz_page.render_html)
"""``assessment(data, directory_urls)``: the self-assessment page."""
recap = _built(links.RECAP, recap_page.PAGE_TITLE, recap_page.render_html)
"""``recap(data, directory_urls)``: the agency recap page, a static form the browser fills in."""
