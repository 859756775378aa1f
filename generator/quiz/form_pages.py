"""The two form pages the plugin adds: the self-assessment (``/asesmen/``) and the agency recap
(``/rekap/``), as :class:`~generator.render.pages.GeneratedFile` objects.

Each is a title in Markdown and one HTML part (the form: megabytes for a large standard), so
Python-Markdown parses only the title; the plugin puts the part back after Markdown. The tests
read these very objects (no Markdown made for tests only).
"""

from __future__ import annotations

from typing import Any, Protocol

from generator.engine.model import StandardModel
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


class _RenderHtml(Protocol):
    def __call__(
        self,
        data: dict[str, Any],
        root: str = ...,
        *,
        compiled: bool = ...,
        model: StandardModel | None = ...,
    ) -> str: ...


class _FormPage(Protocol):
    def __call__(
        self,
        data: dict[str, Any],
        directory_urls: bool,
        *,
        compiled: bool = ...,
        model: StandardModel | None = ...,
    ) -> GeneratedFile: ...


def _built(uri: str, title: str, render_html: _RenderHtml) -> _FormPage:
    def build(
        data: dict[str, Any],
        directory_urls: bool,
        *,
        compiled: bool = True,
        model: StandardModel | None = None,
    ) -> GeneratedFile:
        html = render_html(data, _root(uri, directory_urls), compiled=compiled, model=model)
        return _form_page(uri, title, html)

    return build


assessment = _built(links.ASSESSMENT, quiz_page.PAGE_TITLE, quiz_page.render_html)
"""``assessment(data, directory_urls, compiled=True, model=None)``: the self-assessment page;
``compiled`` names the engine wheel a build ships (bytecode), ``False`` the preview's (source);
``model`` is ``data`` already read (:func:`~generator.engine.model.read_standard`): the plugin
passes the one it read, so a build reads the export into the model once."""
recap = _built(links.RECAP, recap_page.PAGE_TITLE, recap_page.render_html)
"""``recap(data, directory_urls, compiled=True, model=None)``: the agency recap page, a static
form the browser fills in."""
