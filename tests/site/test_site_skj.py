"""A position's page is its SKJ document: the regulation's sections in order, each required
competency with its level, level description and indicators (technical ones by dictionary), the
requirements, the illustrative label, the quiz link, and the position's own JSON and CSV; the
positions index filters by kind, grade, agency and dictionary without JavaScript."""

from __future__ import annotations

import copy
import csv
import html
import io
import json
import re
from typing import Any

import pytest
from project_support import ROOT

from generator.render import navigation
from generator.render.pages import GeneratedFile, render_site
from generator.standard import load_standard

ILLUSTRATIVE = "Contoh ilustratif, bukan standar resmi"
EXAMPLE_ID = "analis-sdm-aparatur-ahli-muda-contoh"
"""One of the illustrative SDM Aparatur positions of standards/positions/."""


@pytest.fixture(scope="module")
def data() -> dict[str, Any]:
    return load_standard(ROOT / "standards").data


@pytest.fixture(scope="module")
def files(data: dict[str, Any]) -> dict[str, GeneratedFile]:
    return {f.uri: f for f in render_site(data, {"positions": "standards/positions.yaml"})}


@pytest.fixture(scope="module")
def page(files: dict[str, GeneratedFile]) -> str:
    return html.unescape(files[f"jabatan/{EXAMPLE_ID}.md"].assembled())


def _example(data: dict[str, Any]) -> dict[str, Any]:
    return next(p for p in data["positions"] if p["id"] == EXAMPLE_ID)


def test_the_sections_follow_the_regulations_skj_format(data: dict[str, Any], page: str) -> None:
    anchors = [
        "{ #judul }",
        "{ #identitas }",
        "{ #ikhtisar }",
        "{ #standar-kompetensi }",
        "### A. Kompetensi Manajerial { #kompetensi-manajerial }",
        "### B. Kompetensi Sosial Kultural { #kompetensi-sosial-kultural }",
        "### C. Kompetensi Teknis { #kompetensi-teknis }",
        "{ #persyaratan }",
    ]
    places = [page.index(a) for a in anchors]
    assert places == sorted(places)
    position = _example(data)
    identity = page[page.index("{ #identitas }") : page.index("{ #ikhtisar }")]
    for label, value in (
        ("Nama jabatan", position["name"]),
        ("Jenis jabatan", "Jabatan Fungsional"),
        ("Jenjang", "Ahli Muda"),
        ("Instansi", position["agency"]),
        ("Unit kerja", position["unit"]),
    ):
        assert f'<th scope="row">{label}</th><td data-label="{label}">{value}</td>' in identity
    summary = page[page.index("{ #ikhtisar }") : page.index("{ #standar-kompetensi }")]
    assert f'<p class="kompetensi-definisi">{position["summary"]}</p>' in summary


def _rows(section: str) -> list[str]:
    return re.findall(r"<tr>\n<th scope=\"row\">.*?</tr>", section, re.DOTALL)


def test_every_required_competency_shows_its_level_description_and_indicators(
    data: dict[str, Any], page: str
) -> None:
    position = _example(data)
    standard = page[page.index("{ #standar-kompetensi }") : page.index("{ #persyaratan }")]
    rows = _rows(standard)
    assert len(rows) == len(position["targets"]) == len(data["competencies"])
    names = {lv["level"]: lv["name"] for lv in data["framework"]["levels"]}
    for competency in data["competencies"]:
        cid, target = competency["id"], position["targets"][competency["id"]]
        (row,) = [r for r in rows if f">{competency['name']}</a></th>" in r]
        level = next(lv for lv in competency["levels"] if lv["level"] == target)
        assert f'href="../../kompetensi/{cid}/"' in row
        assert (
            f'href="../../kompetensi/{cid}/#level-{target}">Level {target} · {names[target]}</a>'
            in row
        )
        assert f'<td data-label="Deskripsi level">{level["description"]}</td>' in row
        for ind in level["indicators"]:
            number = ind["id"].split(".", 1)[1]
            anchor = ind["id"].replace(".", "-")
            assert (
                f'#{anchor}" title="Indikator {number} di halaman kompetensi">{number}</a> '
                f"{ind['text']}</li>"
            ) in row
        others = [lv for lv in competency["levels"] if lv["level"] != target]
        assert not [lv for lv in others if lv["indicators"][0]["text"] in row]


def test_technical_competencies_are_grouped_by_their_dictionary(
    data: dict[str, Any], page: str
) -> None:
    technical = page[page.index("{ #kompetensi-teknis }") : page.index("{ #persyaratan }")]
    dictionary = data["dictionaries"][0]
    assert f'<h4 id="kamus-{dictionary["id"]}">{dictionary["name"]}</h4>' in technical
    assert ILLUSTRATIVE in technical  # the dictionary's own label
    names = [c["name"] for c in data["competencies"] if c["group"] == "teknis"]
    assert len(_rows(technical)) == len(names) == 4
    managerial = page[
        page.index("{ #kompetensi-manajerial }") : page.index("{ #kompetensi-teknis }")
    ]
    assert not [n for n in names if n in managerial]


def test_requirements_list_education_each_training_type_and_experience(
    data: dict[str, Any], page: str
) -> None:
    section = page[page.index("{ #persyaratan }") :]
    needed = _example(data)["requirements"]
    by_type = needed["training_by_type"]
    assert needed["education"] and needed["experience"] and all(by_type.values())

    def items(texts: list[str]) -> str:
        return (
            texts[0]
            if len(texts) == 1
            else "<ul>" + "".join(f"<li>{t}</li>" for t in texts) + "</ul>"
        )

    for label, texts in (
        ("A. Pendidikan", needed["education"]),
        ("B.1 Pelatihan manajerial", by_type["managerial"]),
        ("B.2 Pelatihan teknis", by_type["technical"]),
        ("B.3 Pelatihan fungsional", by_type["functional"]),
        ("C. Pengalaman kerja", needed["experience"]),
    ):
        row = f'<tr><th scope="row">{label}</th><td data-label="Uraian">{items(texts)}</td></tr>'
        assert row in section, label


def test_the_example_is_labelled_links_to_the_quiz_and_its_downloads(
    data: dict[str, Any], page: str
) -> None:
    head = page[: page.index("{ #identitas }")]
    assert ILLUSTRATIVE in head
    assert 'Dibangun di atas templat <a href="../jf-ahli-muda/">' in head
    assert f'href="../../asesmen/?jabatan={EXAMPLE_ID}">Nilai diri terhadap jabatan ini</a>' in head
    assert f'href="../../unduh/jabatan/{EXAMPLE_ID}.json" download>' in head
    assert f'href="../../unduh/jabatan/{EXAMPLE_ID}.csv" download>' in head
    # The sources and how far they were checked, worded as on every position, in the label.
    label = head[head.index(ILLUSTRATIVE) :]
    assert label.index(f"<p>{_example(data)['basis']['text']}</p>") < label.index("</div>")
    assert "{ #sumber }" not in page  # the basis sentence names the sources already


def test_sources_the_basis_does_not_name_are_listed(data: dict[str, Any]) -> None:
    data = copy.deepcopy(data)
    position = _example(data)
    position["sources"] = ["Sumber pertama.", "Sumber kedua."]
    position["illustrative"] = False
    position["basis"] = {
        "status": "unverified",
        "label": "belum terverifikasi",
        "text": "Sumber-sumber target ini belum dicocokkan satu sama lain.",
    }
    files = {f.uri: f for f in render_site(data, {})}
    page = html.unescape(files[f"jabatan/{EXAMPLE_ID}.md"].assembled())
    assert ILLUSTRATIVE not in page[: page.index("{ #identitas }")]
    assert "Belum terverifikasi</p>" in page
    sources = page[page.index("## Sumber { #sumber }") :]
    assert "<li>Sumber pertama.</li>\n<li>Sumber kedua.</li>" in sources


def test_a_template_shows_what_it_has(
    data: dict[str, Any], files: dict[str, GeneratedFile]
) -> None:
    text = html.unescape(files["jabatan/jf-ahli-muda.md"].assembled())
    assert ILLUSTRATIVE not in text
    assert "Halaman ini adalah templat umum" in text
    name = _example(data)["name"]
    assert f'<a href="../{EXAMPLE_ID}/">{name}</a>' in text  # built on this template
    assert "templat ini tidak memuatnya" in text  # no technical competencies
    assert "Templat ini tidak memuat persyaratan" in text
    pratama = html.unescape(files["jabatan/jpt-pratama.md"].assembled())
    assert pratama.count('#level-4">Level 4 · Mumpuni</a>') == 9
    assert 'Jenjang</th><td data-label="Jenjang">Pratama</td>' in pratama


def test_the_json_download_is_the_positions_export_entry_with_the_texts_it_needs(
    data: dict[str, Any], files: dict[str, GeneratedFile]
) -> None:
    document = json.loads(files[f"unduh/jabatan/{EXAMPLE_ID}.json"].content)
    position = _example(data)
    assert document["position"] == position
    assert document["schema_version"] == data["schema_version"]
    assert [d["id"] for d in document["dictionaries"]] == position["dictionaries"]
    assert [c["id"] for c in document["competencies"]] == list(position["targets"])
    integrity = document["competencies"][0]
    source = data["competencies"][0]
    assert integrity == {
        "id": "integritas",
        "name": source["name"],
        "group": "manajerial",
        "dictionary": None,
        "definition": source["definition"],
        "level": 3,
        "level_name": "Menengah",
        "level_description": source["levels"][2]["description"],
        "indicators": [
            {"id": i["id"], "text": i["text"]} for i in source["levels"][2]["indicators"]
        ],
    }


def test_the_csv_download_has_one_row_per_required_competency(
    data: dict[str, Any], files: dict[str, GeneratedFile]
) -> None:
    text = files[f"unduh/jabatan/{EXAMPLE_ID}.csv"].content
    assert text.startswith("\ufeffposition_id,")
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    position = _example(data)
    assert [r["competency_id"] for r in rows] == list(position["targets"])
    technical = next(r for r in rows if r["competency_id"] == "perencanaan-kebutuhan-pegawai")
    assert technical["dictionary"] == "sdm-aparatur-contoh"
    assert technical["group"] == "teknis"
    assert technical["level"] == "3" and technical["level_name"] == "Menengah"
    assert technical["indicators"].splitlines()[0].startswith("perencanaan-kebutuhan-pegawai.3.1 ")
    assert len(technical["indicators"].splitlines()) == 3
    assert {r["position_id"] for r in rows} == {EXAMPLE_ID}


def test_a_template_without_targets_downloads_empty_levels(
    files: dict[str, GeneratedFile],
) -> None:
    text = files["unduh/jabatan/jf-ahli-muda.csv"].content.removeprefix("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 9
    assert {(r["level"], r["level_description"], r["indicators"]) for r in rows} == {("", "", "")}


def test_the_index_lists_every_facet_for_readers_without_javascript(
    data: dict[str, Any], files: dict[str, GeneratedFile]
) -> None:
    name = _example(data)["name"]
    index = html.unescape(files["jabatan/index.md"].assembled())
    item = next(line for line in index.splitlines() if f'href="{EXAMPLE_ID}/"' in line)
    assert item.startswith(
        '<li data-kind="fungsional" data-grade="ahli_muda" data-agency="1" '
        'data-dictionary="sdm-aparatur-contoh">'
    )
    # The static facet lists: each value an anchor the top of the page links to.
    for anchor, label in (
        ("jenis-fungsional", "Jabatan Fungsional"),
        ("jenjang-ahli-muda", "Ahli Muda"),
        ("instansi-1", "Contoh Kementerian"),
        ("kamus-sdm-aparatur-contoh", "Kamus Kompetensi Teknis SDM Aparatur (contoh)"),
    ):
        assert f'<a href="#{anchor}">{label}</a>' in index
    for anchor in ("jenjang-ahli-muda", "instansi-1", "kamus-sdm-aparatur-contoh"):
        block = index[index.index(f'<h3 id="{anchor}">') :]
        block = block[: block.index("</ul>")]
        assert f'<a href="{EXAMPLE_ID}/">{name}</a>' in block
    assert "jf-ahli-muda/" in index[index.index('<h3 id="jenjang-ahli-muda">') :]
    # The form for the script: one select per facet, every value an option.
    assert '<form class="kompetensi-saring" data-kompetensi-saring hidden>' in index
    for facet, value in (
        ("jenis", "jpt"),
        ("jenjang", "ahli_muda"),
        ("instansi", "1"),
        ("kamus", "sdm-aparatur-contoh"),
    ):
        select = index[index.index(f'name="{facet}"') :]
        assert f'<option value="{value}">' in select[: select.index("</select>")]
    order = [index.index(f"{{ #jenis-{k} }}") for k in ("jpt", "administrator", "fungsional")]
    assert order == sorted(order)


def test_the_navigation_keeps_templates_apart_from_real_positions(data: dict[str, Any]) -> None:
    functional = next(
        item["Jabatan Fungsional"]
        for item in navigation.position_nav(data, 10)
        if isinstance(item, dict) and "Jabatan Fungsional" in item
    )
    templates, *real = functional
    assert templates == {
        "Templat jenis jabatan": [
            f"jabatan/{p['id']}.md"
            for p in data["positions"]
            if p["template"] and p["kind"] == "fungsional"
        ]
    }
    assert f"jabatan/{EXAMPLE_ID}.md" in real
    assert real == [
        f"jabatan/{p['id']}.md"
        for p in data["positions"]
        if not p["template"] and p["kind"] == "fungsional"
    ]
