"""Navigation entries for generated pages, in MkDocs' ``nav`` configuration shape.

Material renders the expanded part of the navigation into every page. With ``navigation.prune``
only the active section is expanded, but the siblings of every expanded section are listed too
(and, with ``navigation.indexes``, each sibling's children are looked through for an index page).
So each section is kept small: one per competency group, and a group larger than ``chunk_size`` is
split into consecutive sub-sections, nested again whenever there would be more than ``chunk_size``
of them (3,000 competencies in sections of 10: 3 sections of 10 of 10 of 10). A page's navigation
then costs about ``chunk_size`` squared per level of nesting, which grows with the logarithm of
the size of the standard instead of with the size.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from generator.engine.model import StandardModel, read_standard
from generator.render import links, skj
from generator.render.safe import title
from generator.render.site import grouped

NavItem = str | dict[str, Any]


def _chunked(pages: list[tuple[str, str]], chunk_size: int) -> list[NavItem]:
    """``(name, uri)`` pairs as a flat list, or as at most ``chunk_size`` sub-sections (nested
    as deep as needed) named after their first and last page."""
    if len(pages) <= chunk_size:
        return [uri for _, uri in pages]
    span = chunk_size
    while chunk_size > 1 and -(-len(pages) // span) > chunk_size:
        span *= chunk_size
    sections: list[NavItem] = []
    for start in range(0, len(pages), span):
        part = pages[start : start + span]
        label = part[0][0] if len(part) == 1 else f"{part[0][0]} – {part[-1][0]}"
        sections.append({title(label): _chunked(part, chunk_size)})
    return sections


Standard = Mapping[str, Any] | StandardModel
"""The export, or the typed model already read from it."""


def _model(standard: Standard) -> StandardModel:
    return standard if isinstance(standard, StandardModel) else read_standard(standard)


def competency_nav(standard: Standard, chunk_size: int) -> list[NavItem]:
    """The children of the *Kompetensi* section: its index page, then one section per group."""
    model = _model(standard)
    items: list[NavItem] = [links.COMPETENCY_INDEX]
    for group, members in grouped(model):
        pages = [(c.name, links.competency_page(c.id)) for c in members]
        items.append({title(group.name): _chunked(pages, chunk_size)})
    return items


def position_nav(standard: Standard, chunk_size: int) -> list[NavItem]:
    """The children of the *Jabatan* section: its index page, then one section per kind. A kind
    with both templates and real positions lists the templates in a section of their own first,
    so the real positions are not split among sections named after template names."""
    items: list[NavItem] = [links.POSITION_INDEX]
    for _, name, members in skj.by_kind(_model(standard).positions):
        templates = [(p.name, links.position_page(p.id)) for p in members if p.template]
        real = [(p.name, links.position_page(p.id)) for p in members if not p.template]
        if templates and real:
            children = [
                {"Templat jenis jabatan": _chunked(templates, chunk_size)},
                *_chunked(real, max(chunk_size - 1, 1)),
            ]
        else:
            children = _chunked(templates or real, chunk_size)
        items.append({title(name): children})
    return items


def expand(nav: list[Any], standard: Standard, chunk_size: int) -> list[Any]:
    """Replace the top-level entries that point at the generated index pages with sections."""
    model = _model(standard)
    sections = {
        links.COMPETENCY_INDEX: competency_nav(model, chunk_size),
        links.POSITION_INDEX: position_nav(model, chunk_size),
    }
    expanded: list[Any] = []
    for item in nav:
        if isinstance(item, dict) and len(item) == 1:
            ((label, target),) = item.items()
            if isinstance(target, str) and target in sections:
                expanded.append({label: sections[target]})
                continue
        expanded.append(item)
    return expanded
