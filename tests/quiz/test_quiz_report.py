"""The view, Markdown, CSV and SVG made from a result (what the page shows and exports)."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from typing import Any

import pytest

from generator.browser import chart, report
from generator.engine import assess
from generator.engine.model import read_standard
from generator.engine.report import to_markdown


@pytest.fixture
def result(export: dict[str, Any]) -> dict[str, Any]:
    ratings = {f"integritas.1.{n}": 4 for n in (1, 2, 3)} | {"kerjasama.1.1": 2}
    return assess(export, ratings, position="administrator")


def test_view_labels(result: dict[str, Any], export: dict[str, Any]) -> None:
    view = report.view(result, export)
    first = view["competencies"][0]
    assert first["estimated_label"] == "1 (Paham)"
    assert first["target_label"] == "3 (Menengah)"
    assert first["gap_label"] == "2 level"
    assert first["status_label"] == "Di bawah target"
    assert view["basis"] == "Jabatan Administrator (terverifikasi, 2 sumber)"
    assert view["summary"].startswith(
        "Langkah berikutnya: kembangkan 9 dari 9 kompetensi menuju target Jabatan Administrator, "
        "dimulai dari pernyataan yang belum terpenuhi pada level terendahnya"
    )
    assert first["next_step"] == (
        "Langkah berikutnya menuju level 2: 0 dari 3 pernyataan level 2 sudah terpenuhi; perkuat "
        "pernyataan yang belum terpenuhi di bawah ini."
    )
    assert [level["label"] for level in first["levels"]] == [
        "Level 1: 3 dari 3 terpenuhi",
        "Level 2: 0 dari 3 terpenuhi",
        "Level 3: belum dihitung",
        "Level 4: belum dihitung",
        "Level 5: belum dihitung",
    ]
    assert [s["number"] for s in first["levels"][1]["missing"]] == [4, 5, 6]
    categories = view["plan"]["categories"]
    assert [category["id"] for category in categories] == ["70", "20", "10"]
    assert sum(category["jp"] for category in categories) == result["plan"]["total_jp"]
    items = [item for category in categories for item in category["items"]]
    assert sorted((i["competency"], i["category"], i["jp"]) for i in items) == sorted(
        (i["competency"], i["category"], i["jp"]) for i in result["plan"]["items"]
    )


def test_view_names_the_deciding_statements_as_the_form_numbers_them(
    export: dict[str, Any],
) -> None:
    # Level 1 met; of level 2, statement 2.2 rated "Kadang-kadang" (2) and 2.3 unanswered.
    ratings = {f"integritas.1.{n}": 4 for n in (1, 2, 3)} | {
        "integritas.2.1": 4,
        "integritas.2.2": 2,
    }
    result = assess(export, ratings, position="administrator")
    first = report.view(result, export)["competencies"][0]
    assert "integritas.2.2" in first["explanation"] and "integritas.2.3" in first["explanation"]
    statements = report.form_statements(read_standard(export).competencies[0])
    assert [s.id for s in statements[:6]] == [
        "integritas.1.1", "integritas.1.2", "integritas.1.3",
        "integritas.2.1", "integritas.2.2", "integritas.2.3",
    ]  # fmt: skip
    assert first["decisive"] == [
        {"id": "integritas.2.2", "number": 5, "text": statements[4].text},
        {"id": "integritas.2.3", "number": 6, "text": statements[5].text},
    ]
    # Every level met: nothing decided it from above, so no list.
    every = {s.id: 4 for s in statements}
    top = report.view(assess(export, every), export)["competencies"][0]
    assert (top["estimated"], top["decisive"]) == (5, [])


def test_no_target_and_zero_level_labels(export: dict[str, Any]) -> None:
    view = report.view(assess(export, {}), export)
    first = view["competencies"][0]
    assert first["estimated_label"] == "0 (belum mencapai level 1)"
    assert (first["target_label"], first["gap_label"]) == ("Tanpa target", "—")
    assert view["basis"] == "Tanpa target"


@pytest.mark.parametrize(
    ("position", "targets", "basis"),
    [
        ("jpt-madya", None, "Jabatan Pimpinan Tinggi Madya (satu sumber, belum terverifikasi)"),
        ("jf-ahli-muda", None, "Jabatan Fungsional Ahli Muda (tanpa target)"),
        (
            "jf-ahli-muda",
            {"integritas": 3, "komunikasi": None},
            "Jabatan Fungsional Ahli Muda (target dari dokumen SKJ Anda)",
        ),
        (None, {"integritas": 3}, "Target ditetapkan sendiri"),
    ],
)
def test_the_basis_says_what_the_targets_rest_on(
    export: dict[str, Any], position: str | None, targets: Any, basis: str
) -> None:
    result = assess(export, {}, position=position, targets=targets)
    assert report.view(result, export)["basis"] == basis


def test_the_markdown_report_names_the_sources(export: dict[str, Any]) -> None:
    sources = next(p for p in export["positions"] if p["id"] == "pengawas")["sources"]
    text = to_markdown(export, assess(export, {}, position="pengawas"))
    line = next(line for line in text.splitlines() if line.startswith("Standar kompetensi versi"))
    assert line.endswith(
        "; target jabatan Jabatan Pengawas (terverifikasi, 2 sumber). Dua sumber yang saling "
        f"independen memberikan target yang sama, yaitu {sources[0]} dan {sources[1]}."
    )
    own = to_markdown(export, assess(export, {}, position="jf-mahir", targets={"integritas": 2}))
    assert (
        "; target jabatan Jabatan Fungsional Mahir diisi dari dokumen SKJ Anda, karena situs ini "
        "tidak memuat target untuk jabatan ini." in own
    )


def test_csv_rows(result: dict[str, Any], export: dict[str, Any]) -> None:
    view = report.view(result, export)
    view["competencies"][0]["explanation"] = '=HYPERLINK("http://x")'
    text = report.csv_text(view)
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:])))
    assert tuple(rows[0]) == report.CSV_HEADER
    results = [row for row in rows[1:] if row[0] == "hasil"]
    plan = [row for row in rows[1:] if row[0] == "rencana"]
    assert len(results) == 9
    assert results[0][:6] == ["hasil", "integritas", "Integritas", "1", "3", "2"]
    assert results[0][11].startswith("'=HYPERLINK")
    assert sum(int(row[10]) for row in plan) == result["plan"]["total_jp"]
    assert sorted(row[12] for row in plan) == sorted(
        i["activity_id"] for i in result["plan"]["items"]
    )
    # The statements that decided each estimate, with their text, under their competency.
    deciding = [row for row in rows[1:] if row[0] == "penentu"]
    first = result["competencies"][0]
    assert [row[12] for row in deciding if row[1] == first["id"]] == first["decided_by"]
    texts = {
        i["id"]: i["text"] for lv in export["competencies"][0]["levels"] for i in lv["indicators"]
    }
    assert [row[11] for row in deciding if row[1] == first["id"]] == [
        texts[key] for key in first["decided_by"]
    ]
    later = [row for row in rows[1:] if row[0] == "ditunda"]
    assert [row[11] for row in later] == [item["reason"] for item in result["plan"]["later"]]


def test_chart_is_wellformed_and_readable_without_colour(
    result: dict[str, Any], export: dict[str, Any]
) -> None:
    view = report.view(result, export)
    view["competencies"][0]["name"] = '<Integritas & "kejujuran">'
    svg = chart.svg(view)
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    assert root.tag == f"{ns}svg"
    assert root.attrib["role"] == "img"
    texts = [element.text or "" for element in root.iter(f"{ns}text")]
    assert '<Integritas & "kejujuran">' in texts
    # Every number is written out: estimated level and target, per competency.
    assert "1 / 3" in texts
    assert texts.count("T") == 9  # the target marker is labelled, not only coloured
    description = root.find(f"{ns}desc")
    assert description is not None and "level 1, target 3" in (description.text or "")


def test_comparison_rows(result: dict[str, Any], export: dict[str, Any]) -> None:
    own = report.view(result, export)
    same = report.comparison(own, own, "salinan")
    assert same["summary"] == "Hasil Anda dan salinan sama pada semua kompetensi."
    assert {row["difference"] for row in same["rows"]} == {0}


@pytest.mark.parametrize(
    "text",
    ["", "plain", "a & b < c > d", 'say "hi"', "it's", "both \" and '", "tab\there\nline\rend"],
)
def test_chart_escapes_as_the_standard_library_does(text: str) -> None:
    # chart.py has its own two functions so the engine need not import xml.sax in the browser.
    from xml.sax.saxutils import escape, quoteattr

    assert chart.escape(text) == escape(text)
    assert chart.quoteattr(text) == quoteattr(text)


def _chart_texts(items: list[dict[str, Any]]) -> tuple[Any, list[Any]]:
    root = ET.fromstring(chart.svg({"competencies": items}))
    return root, list(root.iter("{http://www.w3.org/2000/svg}text"))


def test_chart_is_drawn_for_a_phone_and_wraps_a_long_name() -> None:
    long_name = "Kemampuan Mengelola Perubahan Organisasi dan Budaya Kerja"
    items = [
        {"name": "Integritas", "estimated": 2, "target": None},
        {"name": long_name, "estimated": 5, "target": 4},
        {"name": "Kerja Sama", "estimated": 0, "target": 5},
    ]
    root, texts = _chart_texts(items)
    width = float(root.attrib["viewBox"].split()[2])
    assert width == chart.WIDTH <= 320
    words = [element.text for element in texts]
    assert "2 / –" in words and "5 / 4" in words and "0 / 5" in words
    # The long name is split at a space into two lines, each short enough for the width.
    lines = [text for text in words if text and text in long_name and text != long_name]
    assert " ".join(lines) == long_name and len(lines) == 2
    assert all(len(line) <= chart.NAME_CHARS for line in lines)
    # Numbers at the end of the row sit inside the chart, right-aligned to its edge.
    ends = [e for e in texts if e.attrib.get("text-anchor") == "end"]
    assert len(ends) == 3 and {float(e.attrib["x"]) for e in ends} == {width - chart.LEFT}
    # The names' lines come one below the other, each row below the previous one's numbers.
    names = [e for e in texts if e.attrib.get("font-weight") == "bold" and e.text != "T"]
    assert [e.text for e in names] == ["Integritas", *lines, "Kerja Sama"]
    rows = [float(e.attrib["y"]) for e in names]
    assert rows == sorted(rows) and len(set(rows)) == len(rows)
    assert float(ends[0].attrib["y"]) < rows[1] and float(ends[1].attrib["y"]) < rows[3]
    assert float(root.attrib["height"]) > max(float(e.attrib["y"]) for e in texts)


def test_italic_marks_stay_out_of_the_csv(export: dict[str, Any]) -> None:
    result = assess(export, {}, position="administrator", total_jp=40)
    presented = report.view(result, export)
    # The CSV lists the plan in the year's order (the schedule, with quarter and evidence).
    item = presented["plan"]["schedule"][0]
    item["activity"] = "Jalani sesi *coaching* dan *mentoring* bersama atasan."
    rows = list(csv.reader(io.StringIO(report.csv_text(presented)[1:])))
    assert "Jalani sesi coaching dan mentoring bersama atasan." in [
        cell for r in rows for cell in r
    ]
    assert not [row for row in rows if any("*" in cell for cell in row)]
