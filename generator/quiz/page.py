"""The self-assessment page (``asesmen.md``): a static form generated from the export, read
through the typed model (:mod:`generator.engine.model`).

The form is complete HTML at build time, so a person can start answering while the browser
still loads the engine, and the questions stay readable without JavaScript. Text from the
standard reaches the page only through Jinja2 autoescaping. The page is Markdown holding one raw
HTML block (no blank lines or indentation inside, so Python-Markdown passes it through intact).

``site_overrides/assets/quiz/early.js`` is inlined right after the quiz root opens
(:func:`inline_script`): it saves and counts answers given before the quiz is bound, from the
moment the parser reaches the quiz, without waiting for a request; :mod:`generator.csp` hashes
it with the theme's inline scripts. ``bind.js`` stays a file after the form: the parser waits
for it there, and that wait is when the browser runs the already loaded quiz.js, which then
binds the form (inlined, it bound later in the measurements, see ``bind.js``).

Form contract, kept stable for tests and integrators: ``<select name="position">`` with position
ids as values (a real position's option lists the technical competencies it brings in
``data-kq-technical``; their sections carry ``data-kq-technical`` and stay hidden until it is
chosen, see ``lib/position.js``); per indicator, radio inputs ``name="<indicator id>" value="<rating>"`` inside a
``fieldset`` with a ``legend``; one submit button. Results and plan items are filled in by the
browser with ``data-competency/-estimated/-target/-gap`` and ``data-plan-item/-category/-jp``.
"""

from __future__ import annotations

import json
from typing import Any

import jinja2
import markupsafe

from generator.browser import report
from generator.engine import MAX_FOCUS, MAX_JP, MIN_FOCUS, MIN_JP
from generator.engine.answers_document import (
    DOCUMENT_KEYS,
    FORMAT,
    FORMAT_VERSION,
    MAX_IDENTITY_CHARS,
)
from generator.engine.dictionary import index
from generator.engine.levels import LevelRule, rule_of
from generator.engine.model import StandardModel, read_standard
from generator.engine.plan_document import IDENTITY_LABELS
from generator.engine.recap_files import MAX_RESULT_BYTES
from generator.errors import with_hint
from generator.i18n import _
from generator.quiz import layout
from generator.vocabulary import POSITION_KIND_LABELS, TECHNICAL_GROUP, position_category_label

PAGE_TITLE = "Penilaian Mandiri Kompetensi"

_ENVIRONMENT = jinja2.Environment(
    loader=jinja2.PackageLoader("generator.quiz", "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    keep_trailing_newline=False,
)


class InlineScriptError(ValueError):
    """A script to be inlined contains text that would end its ``<script>`` element early."""


def inline_script(name: str) -> markupsafe.Markup:
    """The source of ``site_overrides/assets/quiz/<name>`` for the inside of a ``<script>``.

    Whole-line comments and indentation are left out: they explain the file, and every copy
    of the page would carry them. Raises :class:`InlineScriptError` if the text holds ``</``
    or ``<!--``, which the HTML parser would read as the end of the script (or worse).
    """
    text = (layout.STATIC_SOURCE / name).read_text(encoding="utf-8")
    lines = (line.strip() for line in text.splitlines())
    source = "\n".join(line for line in lines if line and not line.startswith("//"))
    for marker in ("</", "<!--"):
        if marker in source:
            problem = _("contains {marker}.").format(marker=repr(marker))
            hint = _("an inlined script cannot hold it; build the string from two parts.")
            raise InlineScriptError(
                f"site_overrides/assets/quiz/{name}: " + with_hint(problem, hint)
            )
    return markupsafe.Markup(source)


def _technical_ids(model: StandardModel) -> set[str]:
    return {c.id for c in model.competencies if c.group == TECHNICAL_GROUP}


def _position_groups(model: StandardModel) -> list[dict[str, Any]]:
    """The selector's groups: the templates by category (as before real positions), then the
    real positions by kind, each with the technical competencies it brings into the form."""
    technical = _technical_ids(model)
    groups: dict[str, dict[str, Any]] = {}
    for position in model.positions:
        if position.template:
            key = "category:" + position.category
            label = f"Kategori umum: {position_category_label(position.category)}"
        else:
            kind = position.kind or ""
            key = "kind:" + kind
            label = f"SKJ jabatan: {POSITION_KIND_LABELS.get(kind, kind or 'Jabatan lain')}"
        group = groups.setdefault(key, {"label": label, "positions": []})
        basis = position.basis
        group["positions"].append(
            {
                "id": position.id,
                "name": position.name,
                "basis": {"status": basis.status, "label": basis.label} if basis else {},
                "illustrative": position.illustrative,
                "template": position.template,
                "technical": " ".join(k for k in position.targets if k in technical),
            }
        )
    templates = [g for k, g in groups.items() if k.startswith("category:")]
    return templates + [g for k, g in groups.items() if k.startswith("kind:")]


def level_rule(model: StandardModel) -> LevelRule:
    """The standard's level rule (see :mod:`generator.engine.levels`)."""
    return rule_of(index(model))


def skip_penalties(model: StandardModel) -> str:
    """The penalty of each rating (JSON), for the form's "can this level still be met?" test.

    The page hides the levels above one whose answered penalties exceed its budget
    (``data-kq-budget`` on each statement); both numbers come from
    :meth:`LevelRule.skip_budget`, which a test checks against the rule itself."""
    penalties, _ = level_rule(model).skip_budget(1)
    return json.dumps({str(value): penalty for value, penalty in penalties.items()})


def _competencies(model: StandardModel) -> list[dict[str, Any]]:
    """The form's competencies: every managerial and socio-cultural one, and each technical one
    that some position lists (hidden until such a position is chosen; a technical competency
    no position needs is never asked, see generator.engine.scope)."""
    rule = level_rule(model)
    technical = _technical_ids(model)
    listed = {key for position in model.positions for key in position.targets}
    competencies = []
    for competency in model.competencies:
        is_technical = competency.id in technical
        if is_technical and competency.id not in listed:
            continue
        indicators = [
            {
                "id": indicator.id,
                "text": indicator.text,
                "example": indicator.example,
                "level": level.level,
                "budget": budget,
            }
            for level in competency.levels
            for budget in [rule.skip_budget(len(level.indicators))[1]]
            for indicator in level.indicators
        ]
        # The order of report.form_statements: level by level, as the export lists them.
        competencies.append(
            {
                "id": competency.id,
                "name": competency.name,
                "definition": competency.definition,
                "indicators": indicators,
                "indicator_count": len(indicators),
                "technical": is_technical,
            }
        )
    return competencies


def context(
    data: dict[str, Any],
    root: str = "../",
    *,
    compiled: bool = True,
    model: StandardModel | None = None,
) -> dict[str, Any]:
    """Everything the template needs, from the export dict read through the typed model;
    ``model`` is ``data`` already read (the plugin's, read once per build), else it is read
    here. ``compiled``: which engine wheel the site ships (:func:`generator.quiz.layout.layout`)."""
    paths = layout.layout(data, compiled=compiled)
    model = model or read_standard(data)
    assessment = model.assessment
    competencies = _competencies(model)
    base = [c for c in competencies if not c["technical"]]
    return {
        "root": root,
        "static_dir": paths.static_path,
        "modules": layout.page_modules(),
        "early_script": inline_script("early.js"),
        "engine_script": inline_script("start-engine.js"),
        "attributes": {
            **paths.as_attributes(),
            "data-standards-version": model.framework.version,
            "data-default-jp": str(assessment.default_jp),
            "data-default-focus": str(assessment.focus),
            # The engine's limits, so the browser's checks never restate them.
            "data-min-jp": str(MIN_JP),
            "data-max-jp": str(MAX_JP),
            "data-min-focus": str(MIN_FOCUS),
            "data-max-focus": str(MAX_FOCUS),
            "data-answer-format": FORMAT,
            "data-answer-format-version": str(FORMAT_VERSION),
            "data-answer-keys": " ".join(DOCUMENT_KEYS),
            "data-max-file-bytes": str(MAX_RESULT_BYTES),
            "data-kq-skip-penalties": skip_penalties(model),
        },
        "title": report.TITLE,
        "competencies": competencies,
        # What every form asks; a real position adds its technical statements (position.js).
        "base_competencies": base,
        "indicator_count": sum(item["indicator_count"] for item in base),
        "scale": assessment.scale,
        "levels": model.framework.levels,
        "position_groups": _position_groups(model),
        "default_jp": assessment.default_jp,
        "min_jp": MIN_JP,
        "max_jp": MAX_JP,
        "default_focus": assessment.focus,
        "min_focus": MIN_FOCUS,
        "max_focus": MAX_FOCUS,
        # The identity the printed plan carries, in its order: kept on the device with the
        # answers, never required. The form's fields are the quiz's keys and labels.
        "identity_fields": IDENTITY_LABELS,
        "max_identity_chars": MAX_IDENTITY_CHARS,
    }


def render_html(
    data: dict[str, Any],
    root: str = "../",
    *,
    compiled: bool = True,
    model: StandardModel | None = None,
) -> str:
    """The quiz's HTML block; ``root`` is the relative URL of the site root from the page;
    ``model``: ``data`` already read, as for :func:`context`."""
    page_context = context(data, root, compiled=compiled, model=model)
    html = _ENVIRONMENT.get_template("asesmen.html").render(page_context)
    # One raw HTML block for Python-Markdown: no blank lines, no indented lines.
    return "\n".join(line.strip() for line in html.splitlines() if line.strip())
