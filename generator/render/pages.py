"""Every generated page and download of the reference site, from the export dict.

Pure Python: the MkDocs plugin adds the result in memory with ``File.generated``; the tests
render it directly. Data text is handed to the templates as plain ``str`` and made inert there
(see :mod:`generator.render.safe`); only identifiers and link targets are ``Markup``.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from generator.render import links
from generator.render.environment import render
from generator.render.links import Linker
from generator.render.safe import anchor, front_matter, slug, title
from generator.standard.export import CSV_COLUMNS, to_csv, to_json

POSITION_CATEGORIES = {
    "pimpinan_tinggi": "Jabatan Pimpinan Tinggi",
    "administrasi": "Jabatan Administrasi",
    "fungsional": "Jabatan Fungsional",
    "lainnya": "Jabatan Lainnya",
}
CSV_COLUMN_MEANINGS = {
    "indicator_id": "kode indikator, misalnya integritas.3.2",
    "competency_id": "kode kompetensi",
    "competency": "nama kompetensi",
    "group": "kode kelompok kompetensi",
    "level": "nomor level",
    "level_name": "nama level",
    "level_description": "deskripsi level",
    "indicator": "rumusan indikator perilaku",
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


class Dictionary:
    """Lookups over the export dict shared by the page renderers."""

    def __init__(self, data: Mapping[str, Any], sources: Mapping[str, str]) -> None:
        self.data = data
        self.sources = sources
        framework = data["framework"]
        self.framework = framework
        self.levels: list[dict[str, Any]] = list(framework["levels"])
        self.level_names = {lv["level"]: lv["name"] for lv in self.levels}
        self.groups: list[dict[str, Any]] = list(framework["groups"])
        self.competencies: list[dict[str, Any]] = list(data["competencies"])
        self.positions: list[dict[str, Any]] = list(data["positions"])
        self.by_id = {c["id"]: c for c in self.competencies}

    def grouped(self) -> Iterator[tuple[dict[str, Any], list[dict[str, Any]]]]:
        """Each group that has competencies, with them in data order."""
        for group in self.groups:
            members = [c for c in self.competencies if c["group"] == group["id"]]
            if members:
                yield group, members

    def group_name(self, group_id: str) -> str:
        return next((str(g["name"]) for g in self.groups if g["id"] == group_id), group_id)

    def level_label(self, level: int) -> str:
        name = self.level_names.get(level)
        return f"Level {level} · {name}" if name else f"Level {level}"

    def positions_at(self, competency_id: str, level: int) -> list[dict[str, Any]]:
        return [p for p in self.positions if p["targets"].get(competency_id) == level]

    def source(self, key: str) -> str | None:
        return self.sources.get(key)


def _page(meta: Mapping[str, Any], template: str, **context: Any) -> str:
    return render(template, front=front_matter(**meta), **context)


def _levels(d: Dictionary, competency: Mapping[str, Any], link: Linker) -> list[dict[str, Any]]:
    cid = competency["id"]
    return [
        {
            "number": lv["level"],
            "label": d.level_label(lv["level"]),
            "anchor": links.level_anchor(lv["level"]),
            "description": lv["description"],
            "indicators": [
                {
                    "number": ind["id"].split(".", 1)[1],
                    "anchor": links.indicator_anchor(ind["id"]),
                    "text": ind["text"],
                    "example": ind["example"],
                }
                for ind in lv["indicators"]
            ],
            "positions": [
                {"name": p["name"], "href": link.position(p["id"]), "verified": p["verified"]}
                for p in d.positions_at(cid, lv["level"])
            ],
            "transition_from": (link.transition(cid, lv["level"] - 1) if index > 0 else None),
        }
        for index, lv in enumerate(competency["levels"])
    ]


def competency_index(d: Dictionary) -> GeneratedFile:
    here = links.COMPETENCY_INDEX
    link = Linker(here)
    groups = [
        {
            "id": anchor(f"kelompok-{group['id']}"),
            "name": group["name"],
            "description": group["description"],
            "competencies": [
                {
                    "name": c["name"],
                    "href": link.competency(c["id"]),
                    "aliases": c["aliases"],
                    "definition": c["definition"],
                }
                for c in members
            ],
        }
        for group, members in d.grouped()
    ]
    content = _page(
        {"title": "Kompetensi"},
        "kompetensi_index.md.j2",
        groups=groups,
        count=len(d.competencies),
        level_count=len(d.levels),
        matrix=link.to(links.MATRIX),
        print_page=link.to(links.PRINT),
        framework=d.framework,
        source=d.source("framework"),
    )
    return GeneratedFile(here, content)


def competency(d: Dictionary, c: Mapping[str, Any]) -> GeneratedFile:
    here = links.competency_page(c["id"])
    link = Linker(here)
    content = _page(
        {"title": title(c["name"])},
        "kompetensi.md.j2",
        c=c,
        code=slug(c["id"]),
        group=d.group_name(c["group"]),
        levels=_levels(d, c, link),
        transitions=link.transition(c["id"]) if len(c["levels"]) > 1 else None,
        matrix=link.to(links.MATRIX),
        positions=link.to(links.POSITION_INDEX),
        source=d.source(c["id"]),
    )
    return GeneratedFile(here, content, d.source(c["id"]))


def transition(d: Dictionary, c: Mapping[str, Any]) -> GeneratedFile:
    here = links.transition_page(c["id"])
    link = Linker(here)
    levels = c["levels"]
    steps = [
        {
            "anchor": links.transition_anchor(lower["level"]),
            "lower": {
                "number": lower["level"],
                "label": d.level_label(lower["level"]),
                "description": lower["description"],
                "href": link.level(c["id"], lower["level"]),
            },
            "upper": {
                "number": upper["level"],
                "label": d.level_label(upper["level"]),
                "description": upper["description"],
                "href": link.level(c["id"], upper["level"]),
            },
            "lower_name": d.level_names.get(lower["level"], ""),
            "upper_name": d.level_names.get(upper["level"], ""),
            "indicators": [
                {
                    "number": ind["id"].split(".", 1)[1],
                    "href": link.indicator(c["id"], ind["id"]),
                    "text": ind["text"],
                }
                for ind in upper["indicators"]
            ],
            "cumulative": sum(len(lv["indicators"]) for lv in levels[: index + 2]),
        }
        for index, (lower, upper) in enumerate(itertools.pairwise(levels))
    ]
    content = _page(
        {"title": title(f"{c['name']}: perubahan antarlevel"), "search": {"exclude": True}},
        "transisi.md.j2",
        c=c,
        competency=link.competency(c["id"]),
        steps=steps,
        source=d.source(c["id"]),
    )
    return GeneratedFile(here, content, d.source(c["id"]), in_nav=False)


def matrix(d: Dictionary) -> GeneratedFile:
    here = links.MATRIX
    link = Linker(here)
    groups = [
        {
            "id": anchor(f"kelompok-{group['id']}"),
            "name": group["name"],
            "rows": [
                {
                    "name": c["name"],
                    "href": link.competency(c["id"]),
                    "cells": [
                        {
                            "label": d.level_label(lv["level"]),
                            "description": lv["description"],
                            "href": link.level(c["id"], lv["level"]),
                        }
                        for lv in c["levels"]
                    ],
                }
                for c in members
            ],
        }
        for group, members in d.grouped()
    ]
    content = _page(
        {"title": "Matriks Kompetensi", "hide": ["navigation", "toc"]},
        "matriks.md.j2",
        levels=[{"number": lv["level"], "name": lv["name"]} for lv in d.levels],
        groups=groups,
        competencies=link.to(links.COMPETENCY_INDEX),
    )
    return GeneratedFile(here, content)


def _target_summary(position: Mapping[str, Any]) -> str:
    values = list(position["targets"].values())
    known = sorted({v for v in values if v is not None})
    if not known:
        return "belum diketahui"
    span = f"level {known[0]}" if len(known) == 1 else f"level {known[0]}–{known[-1]}"
    if len(known) == 1 and None not in values:
        return f"{span} untuk setiap kompetensi"
    return span + (", sebagian belum diketahui" if None in values else "")


def position_categories(d: Dictionary) -> list[tuple[str, str, list[dict[str, Any]]]]:
    order = list(POSITION_CATEGORIES)
    seen = sorted(
        {p["category"] for p in d.positions},
        key=lambda cat: (order.index(cat) if cat in order else len(order), cat),
    )
    return [
        (cat, POSITION_CATEGORIES.get(cat, cat), [p for p in d.positions if p["category"] == cat])
        for cat in seen
    ]


def position_index(d: Dictionary) -> GeneratedFile:
    here = links.POSITION_INDEX
    link = Linker(here)
    categories = [
        {
            "id": anchor(f"kategori-{cat}"),
            "name": name,
            "positions": [
                {
                    "name": p["name"],
                    "href": link.position(p["id"]),
                    "verified": p["verified"],
                    "description": p["description"],
                    "summary": _target_summary(p),
                }
                for p in members
            ],
        }
        for cat, name, members in position_categories(d)
    ]
    content = _page(
        {"title": "Jabatan"},
        "jabatan_index.md.j2",
        categories=categories,
        unverified=sum(1 for p in d.positions if not p["verified"]),
        assessment=link.to(links.ASSESSMENT),
        source=d.source("positions"),
    )
    return GeneratedFile(here, content, d.source("positions"))


def position(d: Dictionary, p: Mapping[str, Any]) -> GeneratedFile:
    here = links.position_page(p["id"])
    link = Linker(here)
    groups = []
    for group, members in d.grouped():
        rows = []
        for c in members:
            known = c["id"] in p["targets"]
            target = p["targets"].get(c["id"])
            level = next((lv for lv in c["levels"] if lv["level"] == target), None)
            rows.append(
                {
                    "name": c["name"],
                    "href": link.competency(c["id"]),
                    "listed": known,
                    "target": target,
                    "label": d.level_label(target) if target is not None else "",
                    "level_href": link.level(c["id"], target) if level is not None else None,
                    "description": level["description"] if level is not None else "",
                }
            )
        groups.append({"name": group["name"], "rows": rows})
    content = _page(
        {"title": title(p["name"])},
        "jabatan.md.j2",
        p=p,
        code=slug(p["id"]),
        category=POSITION_CATEGORIES.get(p["category"], p["category"]),
        groups=groups,
        index=link.to(links.POSITION_INDEX),
        assessment=link.to(links.ASSESSMENT),
        source=d.source("positions"),
    )
    return GeneratedFile(here, content, d.source("positions"))


def _size(text: str) -> str:
    kilobytes = len(text.encode("utf-8")) / 1024
    return f"{kilobytes:.1f}".replace(".", ",") + " KB"


def downloads(d: Dictionary) -> list[GeneratedFile]:
    """The JSON and CSV exports, and the page that describes them."""
    json_text = to_json(dict(d.data))
    csv_text = to_csv(dict(d.data))
    link = Linker(links.DOWNLOADS)
    indicators = sum(len(lv["indicators"]) for c in d.competencies for lv in c["levels"])
    content = _page(
        {"title": "Unduh Data"},
        "unduh.md.j2",
        framework=d.framework,
        schema_version=d.data["schema_version"],
        json_href=link.to(links.JSON_DOWNLOAD),
        csv_href=link.to(links.CSV_DOWNLOAD),
        json_size=_size(json_text),
        csv_size=_size(csv_text),
        counts={
            "competencies": len(d.competencies),
            "levels": sum(len(c["levels"]) for c in d.competencies),
            "indicators": indicators,
            "positions": len(d.positions),
            "activities": len(d.data["learning"]["activities"]),
        },
        columns=[{"name": col, "meaning": CSV_COLUMN_MEANINGS.get(col, "")} for col in CSV_COLUMNS],
        assessment=link.to(links.ASSESSMENT),
    )
    return [
        GeneratedFile(links.DOWNLOADS, content),
        GeneratedFile(links.JSON_DOWNLOAD, json_text),
        GeneratedFile(links.CSV_DOWNLOAD, csv_text),
    ]


def print_page(d: Dictionary) -> GeneratedFile:
    here = links.PRINT
    link = Linker(here)
    items = [
        {
            "id": anchor(f"cetak-{c['id']}"),
            "name": c["name"],
            "group": d.group_name(c["group"]),
            "href": link.competency(c["id"]),
            "aliases": c["aliases"],
            "definition": c["definition"],
            "levels": [
                {
                    "id": anchor(f"cetak-{c['id']}-level-{lv['level']}"),
                    "label": d.level_label(lv["level"]),
                    "description": lv["description"],
                    "indicators": [
                        {"number": ind["id"].split(".", 1)[1], "text": ind["text"]}
                        for ind in lv["indicators"]
                    ],
                }
                for lv in c["levels"]
            ],
        }
        for c in d.competencies
    ]
    content = _page(
        {
            "title": "Cetak Kamus Kompetensi",
            "hide": ["navigation", "toc"],
            "search": {"exclude": True},
        },
        "cetak.md.j2",
        framework=d.framework,
        items=items,
    )
    return GeneratedFile(here, content)


def render_site(data: Mapping[str, Any], sources: Mapping[str, str]) -> list[GeneratedFile]:
    """Every generated file, in a stable order.

    ``sources`` maps a competency id, ``framework`` and ``positions`` to the data file's path as
    the maintainer sees it (``standards/competencies/integritas.yaml``).
    """
    d = Dictionary(data, sources)
    files = [competency_index(d)]
    for c in d.competencies:
        files.append(competency(d, c))
        if len(c["levels"]) > 1:
            files.append(transition(d, c))
    files.append(matrix(d))
    files.append(position_index(d))
    files.extend(position(d, p) for p in d.positions)
    files.extend(downloads(d))
    files.append(print_page(d))
    return files
