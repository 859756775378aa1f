"""The quiz page with real positions: the selector groups templates by category and real
positions by kind, each real position names the technical competencies it brings, and those
competencies are on the page, hidden, with an example for every statement."""

from __future__ import annotations

import re
from typing import Any

from generator.quiz import page as quiz_page


def _technical_listed(data: dict[str, Any]) -> list[dict[str, Any]]:
    listed = {key for p in data["positions"] for key in p["targets"]}
    return [c for c in data["competencies"] if c["group"] == "teknis" and c["id"] in listed]


def test_every_technical_statement_a_position_brings_has_an_example(
    full_export: dict[str, Any],
) -> None:
    technical = _technical_listed(full_export)
    assert len(technical) == 4
    for competency in technical:
        for level in competency["levels"]:
            for indicator in level["indicators"]:
                assert indicator.get("example"), indicator["id"]


def test_the_selector_groups_templates_by_category_and_real_positions_by_kind(
    full_export: dict[str, Any],
) -> None:
    html = quiz_page.render_html(full_export)
    labels = re.findall(r'<optgroup label="([^"]+)">', html)
    assert labels == [
        "Kategori umum: Jabatan Pimpinan Tinggi",
        "Kategori umum: Jabatan Administrasi",
        "Kategori umum: Jabatan Fungsional",
        "SKJ jabatan: Jabatan Fungsional",
    ]
    option = re.search(r'<option value="analis-sdm-aparatur-ahli-pertama-contoh"[^>]*>[^<]*', html)
    assert option is not None
    assert option.group(0) == (
        '<option value="analis-sdm-aparatur-ahli-pertama-contoh" data-kq-technical='
        '"perencanaan-kebutuhan-pegawai pengelolaan-kinerja-pegawai pengelolaan-data-kepegawaian">'
        "Analis Sumber Daya Manusia Aparatur Ahli Pertama (contoh ilustratif)"
    )
    assert 'value="jf-ahli-muda" data-kq-own-targets>' in html  # templates as before


def test_technical_sections_are_hidden_and_counted_apart(full_export: dict[str, Any]) -> None:
    html = quiz_page.render_html(full_export)
    for competency in _technical_listed(full_export):
        key = competency["id"]
        assert f'data-kq-competency="{key}" data-kq-technical hidden' in html
        assert f'<li data-kq-technical-item="{key}" hidden>' in html
        assert f'name="target:{key}"' not in html  # their targets come from the position
    # The intro and the progress count what every form asks: the 9 and their 135 statements.
    assert "pada 9 kompetensi manajerial dan sosial kultural dari 135 indikator" in html
    assert '<progress id="kq-progress" max="135" value="0">' in html
