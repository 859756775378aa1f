"""The preview's error banner: the located data problems, shown at the top of every served page.

While ``kompetensi serve`` runs and the data is invalid, the pages of the last valid data stay on
screen; a maintainer watching the browser would see nothing change. The plugin passes each page
through :func:`with_banner` then, so the browser says what the terminal says. A build never gets
here: invalid data fails it, and the plugin only adds the banner while serving.

The banner is Material's own admonition markup (styled by the theme's stylesheet: no inline
style, which the pages' CSP refuses) and every text in it is escaped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape

from generator.errors import Problem, count_problems

BANNER_ID = "kompetensi-galat-pratinjau"
# Inside the page's main content when the theme's article is there, else first in the body.
_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">')
_BODY = re.compile(r"<body\b[^>]*>")


def _item(problem: Problem) -> str:
    where = f"{problem.path}:{problem.line}:{problem.column}"
    key = f"<code>{escape(problem.key_path)}</code>: " if problem.key_path else ""
    hint = f"<br>Saran: {escape(problem.hint)}" if problem.hint else ""  # as the CLI says it
    return (
        f"<li><strong>{escape(problem.path)}</strong>, baris {problem.line}, "
        f"kolom {problem.column} (<code>{escape(where)}</code>)<br>"
        f"{key}{escape(problem.message)}{hint}</li>"
    )


def banner(problems: Sequence[Problem], *, last_valid: bool = True) -> str:
    """The banner's HTML for the problems of the current data (at least one); ``last_valid``
    says whether the pages still show the last valid data (else the preview started on broken
    data and the pages made from it do not exist yet)."""
    count = count_problems(problems)
    items = "".join(_item(problem) for problem in problems)
    shown = (
        "Halaman ini masih menampilkan data valid terakhir."
        if last_valid
        else "Halaman yang dibuat dari data (kompetensi, jabatan, penilaian mandiri) baru muncul "
        "setelah data valid."
    )
    return (
        f'<div class="admonition danger" id="{BANNER_ID}" role="alert">'
        f'<p class="admonition-title">Data tidak valid: {count} galat</p>'
        f"<p>{shown} Perbaiki galat berikut lalu simpan "
        "berkasnya; pesan ini hilang sendiri setelah data valid kembali. Pesan ini hanya tampil "
        "di pratinjau (<code>kompetensi serve</code>), tidak pernah di situs hasil "
        "<code>make build</code>.</p>"
        f"<ul>{items}</ul></div>"
    )


def with_banner(page_html: str, problems: Sequence[Problem], *, last_valid: bool = True) -> str:
    """``page_html`` with the banner at the start of its main content (unchanged if none)."""
    if not problems:
        return page_html
    anchor = _ARTICLE.search(page_html) or _BODY.search(page_html)
    if anchor is None:
        return page_html
    shown = banner(problems, last_valid=last_valid)
    return page_html[: anchor.end()] + shown + page_html[anchor.end() :]
