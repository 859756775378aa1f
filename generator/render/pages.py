"""Every generated page and download of the reference site, from the typed model.

Pure Python: the MkDocs plugin adds the result in memory with ``File.generated``; the tests
render it directly. Data text is handed to the templates as plain ``str`` and made inert there
(see :mod:`generator.render.safe`); only identifiers and link targets are ``Markup``.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from generator.engine.model import Competency, CompetencyLevel, Position, StandardModel
from generator.render import links, skj
from generator.render.environment import render
from generator.render.links import Linker
from generator.render.safe import anchor, front_matter, slug, title
from generator.render.site import Site
from generator.standard.export import CSV_COLUMNS, to_csv
from generator.vocabulary import TECHNICAL_GROUP

CSV_COLUMN_MEANINGS = {
    "indicator_id": "kode indikator, misalnya integritas.3.2",
    "competency_id": "kode kompetensi",
    "competency": "nama kompetensi",
    "group": "kode kelompok kompetensi",
    "level": "nomor level",
    "level_name": "nama level",
    "level_description": "deskripsi level",
    "indicator": "rumusan indikator perilaku",
    "definition": "definisi kompetensi, diisi pada baris pertama setiap kompetensi",
    "dictionary": "kode kamus kompetensi teknis; kosong untuk kompetensi lain",
    "example": "contoh situasi kerja indikator yang dipakai penilaian mandiri; boleh kosong",
}


@dataclass(frozen=True)
class GeneratedFile:
    """One file of the site that exists only in memory."""

    uri: str
    """Path inside the docs folder, e.g. ``kompetensi/integritas.md``."""
    content: str
    source: str | None = None
    """The one data file the page comes from (for its edit link), if there is exactly one."""
    in_nav: bool = True
    """``False`` for pages reached only through links (transition views)."""
    parts: tuple[str, ...] = ()
    """The page's HTML, put back in place of its :func:`placeholder` comments after Markdown
    (see :func:`split_markdown`)."""
    targets: frozenset[str] = frozenset()
    """The docs-relative paths the parts link to: MkDocs does not check links in HTML, so the
    plugin checks these against the site's files."""

    def assembled(self) -> str:
        """The whole page as one text: :func:`insert_parts` on the Markdown, the code the plugin
        runs on the HTML (tests and the benchmark's static baseline read pages this way)."""
        return insert_parts(self.content, self.parts)


def placeholder(index: int) -> str:
    """Stands in a generated page's Markdown for its HTML part number ``index``."""
    return f"<!-- kompetensi:html:{index} -->"


def insert_parts(text: str, parts: tuple[str, ...]) -> str:
    """``text`` with each HTML part in place of its :func:`placeholder`, in order; raises
    ``ValueError`` naming the first placeholder missing."""
    out: list[str] = []
    position = 0
    for index, part in enumerate(parts):
        marker = placeholder(index)
        found = text.find(marker, position)
        if found < 0:
            raise ValueError(f"the HTML placeholder {index} is missing")
        out += [text[position:found], part]
        position = found + len(marker)
    out.append(text[position:])
    return "".join(out)


def split_markdown(text: str) -> tuple[str, tuple[str, ...]]:
    """A rendered page, HTML with Markdown headings, as Markdown and HTML parts.

    Page templates write everything as HTML except the headings, which are Markdown lines
    (``## Level 1 · Paham { #level-1 }``) so that MkDocs builds the table of contents and the
    search sections from them. Each run of lines between headings becomes a part, replaced by
    a :func:`placeholder`; the plugin puts the parts back after Markdown. Python-Markdown then
    parses a few headings per page instead of every tag (its HTML parser cost more than the
    rest of a page's build). Data text cannot start a line with ``#``: it is inert, one line.
    """
    head, _, body = text.partition("\n---\n")
    blocks: list[str] = []
    parts: list[str] = []
    lines: list[str] = []

    def flush() -> None:
        if any(line.strip() for line in lines):
            blocks.append(placeholder(len(parts)))
            parts.append("\n".join(lines).strip("\n"))
        lines.clear()

    for line in body.splitlines():
        if line.startswith("#"):
            flush()
            blocks.append(line)
        else:
            lines.append(line)
    flush()
    return f"{head}\n---\n\n" + "\n\n".join(blocks) + "\n", tuple(parts)


def _file(
    here: str,
    link: Linker,
    meta: Mapping[str, Any],
    template: str,
    *,
    source: str | None = None,
    edit_source: bool = True,
    in_nav: bool = True,
    **context: Any,
) -> GeneratedFile:
    """The page: ``source`` is the data file it shows, also its edit link if ``edit_source``."""
    text = render(template, front=front_matter(**meta), source=source, **context)
    markdown, parts = split_markdown(text)
    return GeneratedFile(
        here, markdown, source if edit_source else None, in_nav, parts, frozenset(link.targets)
    )


def _levels(d: Site, c: Competency, link: Linker, transitions: bool) -> list[dict[str, Any]]:
    return [
        {
            "number": lv.level,
            "label": d.level_label(lv.level),
            "anchor": links.level_anchor(lv.level),
            "description": lv.description,
            "indicators": [
                {
                    "number": ind.number,
                    "anchor": links.indicator_anchor(ind.id),
                    "text": ind.text,
                    "example": ind.example,
                }
                for ind in lv.indicators
            ],
            "positions": [
                {"name": p.name, "href": link.position(p.id), "basis": p.basis}
                for p in d.positions_at(c.id, lv.level)
            ],
            "transition_from": (
                link.transition(c.id, lv.level - 1) if transitions and index > 0 else None
            ),
        }
        for index, lv in enumerate(c.levels)
    ]


def _sections(
    d: Site, link: Linker, fields: Callable[[Competency], dict[str, Any]]
) -> list[dict[str, Any]]:
    """The sections of the index and matrix pages, each competency a link plus ``fields``."""
    return [
        {
            "id": section.id,
            "name": section.name,
            "description": section.description,
            "dictionary": section.dictionary,
            "competencies": [
                {"name": c.name, "href": link.competency(c.id), **fields(c)}
                for c in section.competencies
            ],
        }
        for section in d.sections()
    ]


def competency_index(d: Site) -> GeneratedFile:
    here = links.COMPETENCY_INDEX
    link = d.linker(here)
    return _file(
        here,
        link,
        {"title": "Kompetensi"},
        "kompetensi_index.md.j2",
        groups=_sections(d, link, lambda c: {"aliases": c.aliases, "definition": c.definition}),
        count=len(d.competencies),
        level_count=len(d.levels),
        matrix=link.to(links.MATRIX),
        print_page=link.to(links.PRINT),
        framework=d.model.framework,
        source=d.source("framework"),
        edit_source=False,  # the page lists every competency file too
    )


def has_transitions(c: Competency) -> bool:
    return len(c.levels) > 1


def competency(d: Site, c: Competency, transitions: bool = True) -> GeneratedFile:
    """The competency page; it links to its transition view when ``transitions`` is true."""
    here = links.competency_page(c.id)
    link = d.linker(here)
    transitions = transitions and has_transitions(c)
    return _file(
        here,
        link,
        {"title": title(c.name)},
        "kompetensi.md.j2",
        c=c,
        code=slug(c.id),
        group=d.group_name(c.group),
        dictionary=d.dictionary_of(c),
        levels=_levels(d, c, link, transitions),
        transitions=link.transition(c.id) if transitions else None,
        matrix=link.to(links.MATRIX),
        positions=link.to(links.POSITION_INDEX),
        source=d.source(c.id),
    )


def _step_end(d: Site, c: Competency, lv: CompetencyLevel, link: Linker) -> dict[str, Any]:
    return {
        "number": lv.level,
        "label": d.level_label(lv.level),
        "description": lv.description,
        "href": link.level(c.id, lv.level),
    }


def transition(d: Site, c: Competency) -> GeneratedFile:
    here = links.transition_page(c.id)
    link = d.linker(here)
    levels = c.levels
    steps = [
        {
            "anchor": links.transition_anchor(lower.level),
            "lower": _step_end(d, c, lower, link),
            "upper": _step_end(d, c, upper, link),
            "lower_name": d.level_names.get(lower.level, ""),
            "upper_name": d.level_names.get(upper.level, ""),
            "indicators": [
                {"number": ind.number, "href": link.indicator(c.id, ind.id), "text": ind.text}
                for ind in upper.indicators
            ],
            "cumulative": sum(len(lv.indicators) for lv in levels[: index + 2]),
        }
        for index, (lower, upper) in enumerate(itertools.pairwise(levels))
    ]
    return _file(
        here,
        link,
        {"title": title(f"{c.name}: perubahan antarlevel"), "search": {"exclude": True}},
        "transisi.md.j2",
        in_nav=False,
        c=c,
        dictionary=d.dictionary_of(c),
        competency=link.competency(c.id),
        steps=steps,
        source=d.source(c.id),
    )


def matrix(d: Site) -> GeneratedFile:
    here = links.MATRIX
    link = d.linker(here)
    groups = _sections(
        d,
        link,
        lambda c: {
            "cells": [
                {
                    "label": d.level_label(lv.level),
                    "description": lv.description,
                    "href": link.level(c.id, lv.level),
                }
                for lv in c.levels
            ],
            # A technical dictionary may have fewer levels than the framework.
            "missing": [d.level_label(lv.level) for lv in d.levels[len(c.levels) :]],
        },
    )
    return _file(
        here,
        link,
        # Out of the search index like the print page: it repeats every level description of
        # the competency pages, and parsing it for the index cost seconds on a large standard.
        {"title": "Matriks Kompetensi", "hide": ["navigation", "toc"], "search": {"exclude": True}},
        "matriks.md.j2",
        levels=[{"number": lv.level, "name": lv.name} for lv in d.levels],
        groups=groups,
        competencies=link.to(links.COMPETENCY_INDEX),
    )


def _target_summary(position: Position) -> str:
    values = list(position.targets.values())
    known = sorted({v for v in values if v is not None})
    if not known:
        return "tidak dimuat di situs ini; lihat dokumen SKJ jabatan Anda"
    span = f"level {known[0]}" if len(known) == 1 else f"level {known[0]}–{known[-1]}"
    if len(known) == 1 and None not in values:
        return f"{span} untuk setiap kompetensi"
    return span + (", sebagian belum diketahui" if None in values else "")


def _facet(
    values: dict[str, str], members: dict[str, list[Position]], prefix: str, link: Linker
) -> list[dict[str, Any]]:
    return [
        {
            "key": key,
            "id": anchor(f"{prefix}-{key}"),
            "name": name,
            "positions": [{"name": p.name, "href": link.position(p.id)} for p in members[key]],
        }
        for key, name in values.items()
    ]


def position_facets(
    d: Site, link: Linker
) -> tuple[dict[str, list[dict[str, Any]]], dict[str, str]]:
    """The values the index filters by, each with its positions: grades in the grades' order,
    agencies alphabetically (keyed by their rank, as agency names are free text), technical
    dictionaries by name. Kinds are the index's own sections. Also each agency's key."""
    grades: dict[str, list[Position]] = {}
    agencies: dict[str, list[Position]] = {}
    dictionaries: dict[str, list[Position]] = {}
    for p in d.positions:
        if p.grade:
            grades.setdefault(p.grade, []).append(p)
        if p.agency:
            agencies.setdefault(p.agency, []).append(p)
        for name in skj.dictionaries_used(d.model, p):
            dictionaries.setdefault(name, []).append(p)
    order = list(skj.GRADE_NAMES)
    grade_keys = sorted(grades, key=lambda g: (order.index(g) if g in order else len(order), g))
    agency_keys = {a: f"{i}" for i, a in enumerate(sorted(agencies, key=str.casefold), 1)}
    facets = {
        "grade": _facet({g: skj.grade_name(g) for g in grade_keys}, grades, "jenjang", link),
        "agency": _facet(
            {agency_keys[a]: a for a in agency_keys},
            {agency_keys[a]: m for a, m in agencies.items()},
            "instansi",
            link,
        ),
        "dictionary": _facet(
            {n: d.dictionary_name(n) for n in sorted(dictionaries, key=d.dictionary_name)},
            dictionaries,
            "kamus",
            link,
        ),
    }
    return facets, agency_keys


def _status(p: Position) -> str:
    return p.basis.status if p.basis else ""


def position_index(d: Site) -> GeneratedFile:
    here = links.POSITION_INDEX
    link = d.linker(here)
    facets, agency_key = position_facets(d, link)
    kinds = [
        {
            "key": key,
            "id": anchor(f"jenis-{key}"),
            "name": name,
            "positions": [
                {
                    "name": p.name,
                    "href": link.position(p.id),
                    "basis": p.basis,
                    "description": p.summary or p.description,
                    "summary": _target_summary(p),
                    "template": p.template,
                    "illustrative": p.illustrative,
                    "grade": p.grade or "",
                    "grade_name": skj.grade_name(p.grade),
                    "agency": p.agency or "",
                    "agency_key": agency_key.get(p.agency or "", ""),
                    "dictionaries": " ".join(skj.dictionaries_used(d.model, p)),
                }
                for p in members
            ],
        }
        for key, name, members in skj.by_kind(d.positions)
    ]
    return _file(
        here,
        link,
        # site_overrides/main.html loads the page's script: a script in the page body would be
        # the only executable tag in generated content.
        {"title": "Jabatan", "kompetensi_script": links.POSITION_FILTER_SCRIPT},
        "jabatan_index.md.j2",
        source=d.source("positions"),
        kinds=kinds,
        facets=facets,
        unverified=sum(1 for p in d.positions if _status(p) == "unverified"),
        without_target=sum(1 for p in d.positions if _status(p) == "no_target"),
        assessment=link.to(links.ASSESSMENT),
    )


def _competency_rows(d: Site, p: Position, link: Linker) -> dict[str, list[dict[str, Any]]]:
    """The rows of the SKJ's competency table by group id, each with its required level's
    description and indicators."""
    rows: dict[str, list[dict[str, Any]]] = {}
    for c, target, level in skj.required(d.model, p):
        rows.setdefault(c.group, []).append(
            {
                "name": c.name,
                "href": link.competency(c.id),
                "dictionary": c.dictionary or "",
                "target": target,
                "label": d.level_label(target) if target is not None else "",
                "level_href": link.level(c.id, level.level) if level is not None else None,
                "description": level.description if level is not None else "",
                "indicators": [
                    {"number": ind.number, "href": link.indicator(c.id, ind.id), "text": ind.text}
                    for ind in (level.indicators if level is not None else ())
                ],
            }
        )
    return rows


def position(d: Site, p: Position) -> GeneratedFile:
    """The position's SKJ document: identity, summary, managerial, socio-cultural and
    technical competencies (the last by dictionary), requirements; printable on A4."""
    here = links.position_page(p.id)
    link = d.linker(here)
    rows = _competency_rows(d, p, link)
    groups = []
    for letter, group in zip("ABCDEFGH", d.groups, strict=False):
        members = rows.get(group.id, [])
        blocks = [
            {
                "dictionary": d.dictionaries.get(name),
                "id": anchor(f"kamus-{name}") if name else "",
                "rows": [r for r in members if r["dictionary"] == name],
            }
            for name in dict.fromkeys(r["dictionary"] for r in members)
        ]
        groups.append(
            {
                "id": anchor(f"kompetensi-{group.id}"),
                "letter": letter,
                "name": group.name,
                "technical": group.id == TECHNICAL_GROUP,
                "blocks": blocks,
            }
        )
    parent = d.position(p.extends)
    return _file(
        here,
        link,
        {"title": title(p.name)},
        "jabatan.md.j2",
        source=d.source(f"position:{p.id}") or d.source("positions"),
        p=p,
        code=slug(p.id),
        kind=skj.kind_name(skj.kind_key(p)),
        grade=skj.grade_name(p.grade),
        summary=p.summary or p.description,
        generic=p.template,
        agency=p.agency,
        unit=p.unit,
        illustrative=p.illustrative,
        parent={"name": parent.name, "href": link.position(parent.id)} if parent else None,
        children=[
            {"name": c.name, "href": link.position(c.id)} for c in d.positions if c.extends == p.id
        ],
        groups=groups,
        requirements=skj.requirements(p),
        unnamed_sources=skj.unnamed_sources(p),
        has_requirements=skj.has_requirements(p),
        index=link.to(links.POSITION_INDEX),
        assess=Markup(f"{link.to(links.ASSESSMENT)}?jabatan={slug(p.id)}"),
        json_href=link.to(links.position_json(p.id)),
        csv_href=link.to(links.position_csv(p.id)),
    )


def position_downloads(d: Site, p: Position) -> list[GeneratedFile]:
    """The position's own JSON and CSV (see :mod:`generator.render.skj`)."""
    return [
        GeneratedFile(links.position_json(p.id), skj.document_json(d.data, d.model, p)),
        GeneratedFile(links.position_csv(p.id), skj.document_csv(d.model, p)),
    ]


def _size(text: str) -> str:
    kilobytes = len(text.encode("utf-8")) / 1024
    return f"{kilobytes:.1f}".replace(".", ",") + " KB"


def downloads(d: Site) -> list[GeneratedFile]:
    """The JSON and CSV exports, and the page that describes them."""
    # Compact, so the C encoder writes it (``indent`` falls back to the pure-Python encoder,
    # a second of a large standard's build); readers load it with a JSON parser anyway.
    json_text = json.dumps(d.data, ensure_ascii=False, separators=(",", ":")) + "\n"
    csv_text = to_csv(d.model)
    link = d.linker(links.DOWNLOADS)
    page = _file(
        links.DOWNLOADS,
        link,
        {"title": "Unduh Data"},
        "unduh.md.j2",
        framework=d.model.framework,
        schema_version=d.model.schema_version,
        json_href=link.to(links.JSON_DOWNLOAD),
        csv_href=link.to(links.CSV_DOWNLOAD),
        json_size=_size(json_text),
        csv_size=_size(csv_text),
        counts=d.model.counts(),
        columns=[{"name": col, "meaning": CSV_COLUMN_MEANINGS.get(col, "")} for col in CSV_COLUMNS],
        assessment=link.to(links.ASSESSMENT),
        positions=link.to(links.POSITION_INDEX),
    )
    return [
        page,
        GeneratedFile(links.JSON_DOWNLOAD, json_text),
        GeneratedFile(links.CSV_DOWNLOAD, csv_text),
    ]


def print_page(d: Site) -> GeneratedFile:
    link = d.linker(links.PRINT)
    items = [
        {
            "id": anchor(f"cetak-{c.id}"),
            "name": c.name,
            "group": d.group_name(c.group),
            "dictionary": d.dictionary_of(c),
            "aliases": c.aliases,
            "definition": c.definition,
            "levels": [
                {
                    "id": anchor(f"cetak-{c.id}-level-{lv.level}"),
                    "label": d.level_label(lv.level),
                    "description": lv.description,
                    "indicators": [
                        {"number": ind.number, "text": ind.text} for ind in lv.indicators
                    ],
                }
                for lv in c.levels
            ],
        }
        for c in d.competencies
    ]
    return _file(
        links.PRINT,
        link,
        {
            "title": "Cetak Kamus Kompetensi",
            "hide": ["navigation", "toc"],
            "search": {"exclude": True},
        },
        "cetak.md.j2",
        framework=d.model.framework,
        items=items,
    )


def render_site(
    data: Mapping[str, Any],
    sources: Mapping[str, str],
    *,
    transitions: bool = True,
    directory_urls: bool = True,
    model: StandardModel | None = None,
) -> list[GeneratedFile]:
    """Every generated file, in a stable order.

    ``sources`` maps a competency id, ``framework`` and ``positions`` to the data file's path as
    the maintainer sees it (``standards/competencies/integritas.yaml``). ``transitions=False``
    leaves out the transition views (and the links to them); ``directory_urls`` is MkDocs'
    ``use_directory_urls``, which decides the URLs written into the pages. ``model`` is
    ``data`` already read into the typed model, when the caller has it.
    """
    d = Site(data, sources, directory_urls, model)
    files = [competency_index(d)]
    for c in d.competencies:
        files.append(competency(d, c, transitions))
        if transitions and has_transitions(c):
            files.append(transition(d, c))
    files.append(matrix(d))
    files.append(position_index(d))
    files.extend(position(d, p) for p in d.positions)
    for p in d.positions:
        files.extend(position_downloads(d, p))
    files.extend(downloads(d))
    files.append(print_page(d))
    return files
