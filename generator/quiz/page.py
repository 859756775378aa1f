"""The self-assessment page (``asesmen.md``): a static form generated from the export dict.

The form is complete HTML at build time, so a person can start answering while the browser
still loads the engine, and the questions stay readable without JavaScript. Text from the
standard reaches the page only through Jinja2 autoescaping. The page is Markdown holding one raw
HTML block (no blank lines or indentation inside, so Python-Markdown passes it through intact).

Form contract, kept stable for tests and integrators: ``<select name="position">`` with position
ids as values; per indicator, radio inputs ``name="<indicator id>" value="<rating>"`` inside a
``fieldset`` with a ``legend``; one submit button. Results and plan items are filled in by the
browser with ``data-competency/-estimated/-target/-gap`` and ``data-plan-item/-category/-jp``.
"""

from __future__ import annotations

from typing import Any

import jinja2

from generator.engine import MAX_JP, MIN_JP
from generator.quiz import layout, report

PAGE_TITLE = "Penilaian Mandiri Kompetensi"

POSITION_CATEGORY_LABELS = {
    "pimpinan_tinggi": "Jabatan Pimpinan Tinggi",
    "administrasi": "Jabatan Administrasi",
    "fungsional": "Jabatan Fungsional",
}

_ENVIRONMENT = jinja2.Environment(
    loader=jinja2.PackageLoader("generator.quiz", "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    keep_trailing_newline=False,
)


def _position_groups(positions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    groups: dict[str, list[dict[str, Any]]] = {}
    for position in positions:
        groups.setdefault(position.get("category") or "", []).append(position)
    return [
        {
            "label": POSITION_CATEGORY_LABELS.get(category, category or "Jabatan lain"),
            "positions": items,
        }
        for category, items in groups.items()
    ]


def _competencies(data: dict[str, Any]) -> list[dict[str, Any]]:
    competencies = []
    for competency in data["competencies"]:
        indicators = [
            indicator for level in competency["levels"] for indicator in level["indicators"]
        ]
        competencies.append(
            {
                "id": competency["id"],
                "name": competency["name"],
                "definition": competency["definition"],
                "indicators": indicators,
                "indicator_count": len(indicators),
            }
        )
    return competencies


def context(data: dict[str, Any], root: str = "../") -> dict[str, Any]:
    """Everything the template needs, from the export dict."""
    paths = layout.layout(data)
    assessment = data["assessment"]
    competencies = _competencies(data)
    return {
        "root": root,
        "static_dir": paths.static_path,
        "modules": layout.page_modules(),
        "attributes": {
            **paths.as_attributes(),
            "data-standards-version": data["framework"]["version"],
            "data-default-jp": str(assessment["default_jp"]),
        },
        "title": report.TITLE,
        "competencies": competencies,
        "indicator_count": sum(item["indicator_count"] for item in competencies),
        "scale": assessment["scale"]["labels"],
        "levels": data["framework"]["levels"],
        "position_groups": _position_groups(data["positions"]),
        "default_jp": assessment["default_jp"],
        "min_jp": MIN_JP,
        "max_jp": MAX_JP,
    }


def render_html(data: dict[str, Any], root: str = "../") -> str:
    """The quiz's HTML block; ``root`` is the relative URL of the site root from the page."""
    html = _ENVIRONMENT.get_template("asesmen.html").render(context(data, root))
    # One raw HTML block for Python-Markdown: no blank lines, no indented lines.
    return "\n".join(line.strip() for line in html.splitlines() if line.strip())


def render(data: dict[str, Any], *, root: str = "../") -> str:
    """The Markdown source of ``asesmen.md`` (served at ``/asesmen/``).

    ``root`` is the site root relative to the page's URL: ``../`` for ``/asesmen/`` with
    MkDocs' default ``use_directory_urls``.
    """
    front_matter = "\n".join(
        ["---", f"title: {PAGE_TITLE}", "hide:", "  - toc", "search:", "  exclude: true", "---"]
    )
    return f"{front_matter}\n\n# {PAGE_TITLE}\n\n{render_html(data, root)}\n"
