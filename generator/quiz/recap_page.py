"""The recap page (``rekap.md``, served at ``/rekap/``): the form an HR officer fills.

Static HTML from the export, like the quiz page, and the same browser runtime: the page's
``rekap.js`` starts the quiz's engine worker (``lib/engine.js``, ``worker.mjs``) with the same
wheel and data, then calls :mod:`generator.browser.recap_bridge`. Nothing is computed in
JavaScript.

Page contract for tests and integrators: ``input[type=file][name=results]`` (multiple),
``input[name=roster]``; the competency table's rows carry ``data-rekap-competency``,
``data-below-target`` and ``data-respondents``.
"""

from __future__ import annotations

from typing import Any

from generator.engine.model import StandardModel, read_standard
from generator.engine.recap_files import MAX_RESULT_BYTES
from generator.engine.recap_roster import MAX_ROSTER_BYTES
from generator.quiz import layout
from generator.quiz.page import _ENVIRONMENT

PAGE_TITLE = "Rekap Kebutuhan Pengembangan"


def render_html(
    data: dict[str, Any],
    root: str = "../",
    *,
    compiled: bool = True,
    model: StandardModel | None = None,
) -> str:
    """The page's HTML block; ``root`` is the relative URL of the site root from the page;
    ``compiled``: which engine wheel the site ships (:func:`generator.quiz.layout.layout`);
    ``model``: ``data`` already read (the plugin's), else it is read here."""
    paths = layout.layout(data, compiled=compiled)
    model = model or read_standard(data)
    version = model.framework.version
    html = _ENVIRONMENT.get_template("rekap.html").render(
        root=root,
        static_dir=paths.static_path,
        attributes={
            **paths.as_attributes(),
            "data-standards-version": version,
            # The engine's limits, which rekap.js checks a chosen file against before reading.
            "data-max-file-bytes": str(MAX_RESULT_BYTES),
            "data-max-roster-bytes": str(MAX_ROSTER_BYTES),
        },
        standards_version=version,
        min_group=model.recap.min_group,
    )
    return "\n".join(line.strip() for line in html.splitlines() if line.strip())
