"""Technical dictionaries on the site: grouped by dictionary, the illustrative example labelled
on every page that shows it, fewer levels handled, and kept out of the self-assessment."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path
from typing import Any

import pytest
from project_support import ROOT

from generator.engine.scope import assessed_export
from generator.quiz import page as quiz_page
from generator.render.pages import render_site
from generator.standard import load_standard

LABEL = "Contoh ilustratif, bukan standar resmi"
EXAMPLE = ("perencanaan-kebutuhan-pegawai", "pengelolaan-kinerja-pegawai")


@pytest.fixture(scope="module")
def real() -> dict[str, Any]:
    return load_standard(ROOT / "standards").data


def _pages(data: dict[str, Any]) -> dict[str, str]:
    return {f.uri: f.assembled() for f in render_site(data, {})}


def test_every_page_of_the_example_dictionary_says_it_is_an_example(
    real: dict[str, Any],
) -> None:
    pages = _pages(real)
    for cid in EXAMPLE:
        assert LABEL in pages[f"kompetensi/{cid}.md"]
        assert LABEL in pages[f"kompetensi/{cid}/transisi.md"]
    index = pages["kompetensi/index.md"]
    heading = "Kompetensi Teknis&#58; Kamus Kompetensi Teknis SDM Aparatur &#40;contoh&#41;"
    assert heading in index
    assert index.index(heading) < index.index(LABEL) < index.index("Perencanaan Kebutuhan")
    assert "(contoh ilustratif, bukan standar resmi)" in pages["matriks.md"]
    assert pages["cetak.md"].count("(contoh ilustratif, bukan standar resmi)") == 4
    assert LABEL not in pages["kompetensi/integritas.md"]


def test_positions_show_only_the_technical_competencies_they_list(
    real: dict[str, Any],
) -> None:
    pages = _pages(real)
    position = next(uri for uri in pages if uri.startswith("jabatan/") and "index" not in uri)
    assert "Perencanaan Kebutuhan Pegawai" not in pages[position]
    assert "templat ini tidak memuatnya" in pages[position]


def test_a_three_level_dictionary_pads_the_matrix(real: dict[str, Any]) -> None:
    data = copy.deepcopy(real)
    data["dictionaries"][0]["levels"] = 3
    for c in data["competencies"]:
        if c.get("dictionary"):
            c["levels"] = c["levels"][:3]
    pages = _pages(data)
    assert pages["matriks.md"].count("Kamusnya tidak memiliki level ini.") == 4 * 2
    assert "· 3 level</p>" in pages["kompetensi/perencanaan-kebutuhan-pegawai.md"]
    assert "level-4" not in pages["kompetensi/perencanaan-kebutuhan-pegawai.md"]


def test_the_self_assessment_asks_no_technical_competency_no_position_lists(
    real: dict[str, Any],
) -> None:
    scoped = assessed_export(real)
    assert {c["group"] for c in scoped["competencies"]} == {"manajerial", "sosial_kultural"}
    assert not [a for a in scoped["learning"]["activities"] if a["competency"] in EXAMPLE]
    listed = {key for p in real["positions"] for key in p["targets"]}
    html = quiz_page.render_html(real)
    for competency in real["competencies"]:
        if competency.get("group") == "teknis" and competency["id"] not in listed:
            assert f'data-kq-competency="{competency["id"]}"' not in html
    assert len(scoped["competencies"]) == len(real["competencies"]) - 4


def test_a_position_lists_the_technical_competencies_it_requires(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    standards = tmp_path / "standards"
    shutil.copytree(ROOT / "standards", standards)
    positions = standards / "positions.yaml"
    text = positions.read_text(encoding="utf-8")
    head = "      perekat-bangsa: 5\n"  # jpt-madya's last target
    assert text.count(head) == 1
    positions.write_text(
        text.replace(head, head + "      perencanaan-kebutuhan-pegawai: 4\n"), encoding="utf-8"
    )
    data = load_standard(standards).data
    madya = next(p for p in data["positions"] if p["id"] == "jpt-madya")
    assert list(madya["targets"])[-1] == "perencanaan-kebutuhan-pegawai"
    assert madya["targets"]["perencanaan-kebutuhan-pegawai"] == 4
    page = _pages(data)["jabatan/jpt-madya.md"]
    assert "Kompetensi Teknis" in page
    assert "Perencanaan Kebutuhan Pegawai" in page
    assert "Pengelolaan Kinerja Pegawai" not in page  # not listed, so not shown
    # An assessment without that position leaves the technical target out with the
    # competency; for the position, the quiz brings it in (hidden until it is chosen).
    scoped = assessed_export(data)
    scoped_madya = next(p for p in scoped["positions"] if p["id"] == "jpt-madya")
    assert "perencanaan-kebutuhan-pegawai" not in scoped_madya["targets"]
    madya_scope = assessed_export(data, "jpt-madya")
    assert madya_scope["competencies"][-1]["id"] == "perencanaan-kebutuhan-pegawai"
    html = quiz_page.render_html(data)
    assert 'data-kq-technical="perencanaan-kebutuhan-pegawai"' in html
    assert (
        'data-kq-competency="perencanaan-kebutuhan-pegawai" data-kq-technical hidden' in html
    )
