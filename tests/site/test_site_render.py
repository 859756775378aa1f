"""The renderers without MkDocs: golden pages, inert text, links, markers, navigation."""

from __future__ import annotations

import html
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import Markup
from site_support import FIXTURES, GOLDEN, ROOT

from generator.render import links, navigation, pages
from generator.render.markers import fill_markers
from generator.render.pages import GeneratedFile, placeholder, render_site, split_markdown
from generator.render.site import Site
from generator.render.safe import anchor, front_matter, inert, slug, title
from generator.standard import load_standard


def rendered(fixture: str) -> list[GeneratedFile]:
    standard = load_standard(FIXTURES / fixture)
    sources = {
        key: "standards/" + path.relative_to(FIXTURES / fixture).as_posix()
        for key, path in standard.sources.items()
    }
    return render_site(standard.data, sources)


def assembled(page: GeneratedFile) -> str:
    """The page as the plugin hands it on: its HTML parts back in place of the placeholders."""
    text = page.content
    for index, part in enumerate(page.parts):
        assert text.count(placeholder(index)) == 1, (page.uri, index)
        text = text.replace(placeholder(index), part)
    return text


def golden_cases() -> list[tuple[str, str]]:
    return [
        (fixture, f.uri)
        for fixture in ("three", "hostile")
        for f in rendered(fixture)
        if f.uri.endswith(".md")
    ]


@pytest.mark.parametrize(("fixture", "uri"), golden_cases())
def test_page_matches_golden(fixture: str, uri: str, update_goldens: bool) -> None:
    page = next(f for f in rendered(fixture) if f.uri == uri)
    golden = GOLDEN / fixture / uri
    if update_goldens:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(assembled(page), encoding="utf-8")
    assert golden.is_file(), f"missing golden {golden}; run pytest tests/site --update-goldens"
    assert assembled(page) == golden.read_text(encoding="utf-8")


def test_every_golden_file_is_still_rendered() -> None:
    expected = {GOLDEN / fixture / uri for fixture, uri in golden_cases()}
    assert set(GOLDEN.rglob("*.md")) == expected


def test_render_site_lists_every_page_and_download() -> None:
    uris = [f.uri for f in rendered("three")]
    assert uris == [
        "kompetensi/index.md",
        "kompetensi/integritas.md",
        "kompetensi/integritas/transisi.md",
        "kompetensi/kerjasama.md",
        "kompetensi/kerjasama/transisi.md",
        "kompetensi/perekat-bangsa.md",
        "kompetensi/perekat-bangsa/transisi.md",
        "matriks.md",
        "jabatan/index.md",
        "jabatan/jpt-pratama.md",
        "jabatan/pelaksana.md",
        "unduh/jabatan/jpt-pratama.json",
        "unduh/jabatan/jpt-pratama.csv",
        "unduh/jabatan/pelaksana.json",
        "unduh/jabatan/pelaksana.csv",
        "unduh.md",
        "unduh/kompetensi.json",
        "unduh/kompetensi.csv",
        "cetak.md",
    ]


def test_pages_name_their_single_data_source() -> None:
    sources = {f.uri: f.source for f in rendered("three")}
    assert sources["kompetensi/integritas.md"] == "standards/competencies/integritas.yaml"
    assert sources["kompetensi/integritas/transisi.md"] == "standards/competencies/integritas.yaml"
    assert sources["jabatan/pelaksana.md"] == "standards/positions.yaml"
    assert sources["matriks.md"] is None  # made from every competency file


def test_hostile_text_reaches_pages_only_as_character_references() -> None:
    for page in rendered("hostile"):
        if not page.uri.endswith(".md"):
            continue
        meta, body = assembled(page).split("\n---\n", 1)
        for needle in (
            "<script",
            "<img",
            "<iframe",
            "(javascript:",
            "{ onclick",
            '" onmouseover',
            "!!!",
        ):
            assert needle not in body, (page.uri, needle)
        # Titles are not Markdown: MkDocs prints them into HTML unescaped, so they are escaped.
        assert "<" not in meta and '\\"' not in meta, page.uri


PUNCTUATION_OUTSIDE_REFERENCES = set("<>\"'`[](){}*_\\!#|~:=+-@/$%^?;")


@given(st.text())
def test_inert_keeps_the_text_and_hides_every_syntax_character(text: str) -> None:
    out = inert(text)
    assert isinstance(out, Markup)
    body = out.replace("&#", "").replace(";", "")  # drop the reference syntax itself
    assert not PUNCTUATION_OUTSIDE_REFERENCES & set(body.replace("&", ""))
    assert "\n" not in out
    expected = " ".join("".join(c for c in text if c.isprintable() or c.isspace()).split())
    assert html.unescape(str(out)) == " ".join(expected.split())


def test_inert_trusts_markup_and_converts_numbers() -> None:
    assert inert(Markup("<b>ok</b>")) == "<b>ok</b>"
    assert inert(3) == "3"
    assert inert("Kerja Sama, 3.2") == "Kerja Sama, 3.2"
    assert inert("a-b") == "a&#45;b"


@pytest.mark.parametrize("value", ["", "Integritas", "a b", "x/../y", 'a"b', "a..b", "-a"])
def test_slug_rejects_anything_but_identifiers(value: str) -> None:
    with pytest.raises(ValueError, match="not a safe identifier"):
        slug(value)


def test_anchors_and_titles() -> None:
    assert anchor("integritas.3.2") == "integritas-3-2"
    assert anchor("kelompok-sosial_kultural") == "kelompok-sosial-kultural"
    assert title("A <b> & B") == "A &lt;b&gt; &amp; B"
    assert front_matter(title="x\n---\ny: 1") == '---\ntitle: "x\\n---\\ny: 1"\n---\n'


def test_links_are_relative_to_the_page() -> None:
    link = links.Linker("kompetensi/integritas.md")
    assert link.level("kerjasama", 3) == "kerjasama.md#level-3"
    assert link.transition("integritas", 2) == "integritas/transisi.md#level-2-ke-3"
    assert link.indicator("integritas", "integritas.3.2") == "#integritas-3-2"
    assert link.position("jpt-madya") == "../jabatan/jpt-madya.md"
    assert links.Linker("matriks.md").competency("integritas") == "kompetensi/integritas.md"
    assert links.Linker("kompetensi/a/transisi.md").level("a", 1) == "../a.md#level-1"


def test_html_parts_link_with_the_urls_mkdocs_writes() -> None:
    assert links.url_path("kompetensi/integritas.md") == "kompetensi/integritas/"
    assert links.url_path("kompetensi/index.md") == "kompetensi/"
    assert links.url_path("index.md") == ""
    assert links.url_path("unduh/kompetensi.json") == "unduh/kompetensi.json"
    assert links.url_path("kompetensi/index.md", directory_urls=False) == "kompetensi/index.html"
    link = links.Linker("matriks.md", links.url_resolver("matriks.md"))
    assert link.level("integritas", 3) == "../kompetensi/integritas/#level-3"
    assert link.to(links.COMPETENCY_INDEX) == "../kompetensi/"
    assert link.to("index.md") == "../"
    assert link.to(links.MATRIX, "judul") == "#judul"
    # Every other page linked from HTML is recorded for the plugin to check.
    assert link.targets == {"kompetensi/integritas.md", "kompetensi/index.md", "index.md"}
    flat = links.Linker(
        "kompetensi/integritas.md", links.url_resolver("kompetensi/integritas.md", False)
    )
    assert flat.transition("integritas", 1) == "integritas/transisi.html#level-1-ke-2"
    assert flat.position("pelaksana") == "../jabatan/pelaksana.html"
    assert flat.to(links.JSON_DOWNLOAD) == "../unduh/kompetensi.json"


def test_pages_are_markdown_headings_around_html_parts() -> None:
    text = '---\ntitle: "T"\n---\n<div class="a">\n# T { #judul }\n<p>x</p>\n\n<ol>\n<li>1</li>\n</ol>\n## L { #level-1 }\n<p>y</p>\n</div>\n'
    markdown, parts = split_markdown(text)
    assert markdown == (
        '---\ntitle: "T"\n---\n\n<!-- kompetensi:html:0 -->\n\n# T { #judul }\n\n'
        "<!-- kompetensi:html:1 -->\n\n## L { #level-1 }\n\n<!-- kompetensi:html:2 -->\n"
    )
    assert parts == ('<div class="a">', "<p>x</p>\n\n<ol>\n<li>1</li>\n</ol>", "<p>y</p>\n</div>")


def test_generated_pages_leave_markdown_only_their_headings() -> None:
    for page in rendered("three"):
        if page.uri.endswith(".md"):
            _, body = page.content.split("\n---\n", 1)
            blocks = [block.strip() for block in body.split("\n\n") if block.strip()]
            assert all(b.startswith(("#", "<!-- kompetensi:html:")) for b in blocks), page.uri
            assert "markdown" not in assembled(page), page.uri


def test_transition_views_can_be_left_out() -> None:
    standard = load_standard(FIXTURES / "three")
    pages = render_site(standard.data, {}, transitions=False)
    assert not [p for p in pages if "transisi" in p.uri]
    assert not [p for p in pages if "transisi" in assembled(p)]
    assert [p.uri for p in pages if p.uri.startswith("kompetensi/")] == [
        "kompetensi/index.md",
        "kompetensi/integritas.md",
        "kompetensi/kerjasama.md",
        "kompetensi/perekat-bangsa.md",
    ]


def test_the_json_download_is_the_export_in_compact_form() -> None:
    standard = load_standard(FIXTURES / "three")
    download = next(p for p in rendered("three") if p.uri == links.JSON_DOWNLOAD)
    assert json.loads(download.content) == standard.data
    assert download.content.count("\n") == 1 and '": ' not in download.content


def test_markers_take_the_current_values() -> None:
    data = load_standard(FIXTURES / "hostile").model
    text = "Ambang <!-- data:met_threshold -->9<!-- /data -->, <!-- data:scale_label:3 -->x<!-- /data -->"
    filled, problems = fill_markers(text, data)
    assert problems == []
    assert filled == (
        "Ambang <!-- data:met_threshold -->3<!-- /data -->, <!-- data:scale_label:3 -->"
        "&#60;b onmouseover&#61;&#34;x&#34;&#62;Sering&#60;&#47;b&#62;<!-- /data -->"
    )


def test_unknown_markers_are_located() -> None:
    data = load_standard(FIXTURES / "three").model
    text = "a\nb <!-- data:nope -->x<!-- /data -->\n<!-- data:scale_label:9 -->y<!-- /data -->"
    filled, problems = fill_markers(text, data)
    assert filled == text
    known = (
        "met_threshold, default_jp, focus, jp_rule, scale_min, scale_max, version, "
        "competency_count, position_count, scale_label:N, level_name:N"
    )
    assert problems == [
        (2, f"penanda data 'nope' tidak dikenal (yang dikenal: {known})"),
        (3, f"penanda data 'scale_label:9' tidak dikenal (yang dikenal: {known})"),
    ]


def test_the_jp_rule_marker_shows_the_framework_rule() -> None:
    data = load_standard(ROOT / "standards").model
    filled, problems = fill_markers("<!-- data:jp_rule -->aturan<!-- /data -->", data)
    assert problems == []
    assert "45 menit" in filled and "ketentuannya sendiri" in filled


def test_navigation_lists_groups_and_splits_large_ones() -> None:
    data = load_standard(FIXTURES / "three").data
    assert navigation.competency_nav(data, 40) == [
        "kompetensi/index.md",
        {"Kompetensi Manajerial": ["kompetensi/integritas.md", "kompetensi/kerjasama.md"]},
        {"Kompetensi Sosial Kultural": ["kompetensi/perekat-bangsa.md"]},
    ]
    assert navigation.competency_nav(data, 1)[1] == {
        "Kompetensi Manajerial": [
            {"Integritas": ["kompetensi/integritas.md"]},
            {"Kerjasama": ["kompetensi/kerjasama.md"]},
        ]
    }
    nav = [
        {"Beranda": "index.md"},
        {"Kompetensi": "kompetensi/index.md"},
        {"Jabatan": "jabatan/index.md"},
    ]
    expanded = navigation.expand(nav, data, 40)
    assert expanded[0] == {"Beranda": "index.md"}
    assert expanded[1]["Kompetensi"][0] == "kompetensi/index.md"
    assert expanded[2] == {
        "Jabatan": [
            "jabatan/index.md",
            {"Jabatan Pimpinan Tinggi": ["jabatan/jpt-pratama.md"]},
            {"Jabatan Pelaksana": ["jabatan/pelaksana.md"]}  # grouped by kind,
        ]
    }


def test_navigation_nests_sections_so_no_level_lists_more_than_the_chunk_size() -> None:
    data = load_standard(FIXTURES / "three").data
    base = data["competencies"][0]
    data["competencies"] = [{**base, "id": f"k{i:04d}", "name": f"K{i:04d}"} for i in range(3000)]
    (group,) = [item for item in navigation.competency_nav(data, 40)[1:] if item]
    (sections,) = group.values()
    assert [next(iter(s)) for s in sections] == ["K0000 – K1599", "K1600 – K2999"]
    first, second = (next(iter(s.values())) for s in sections)
    assert (len(first), len(second)) == (40, 35)
    assert first[0] == {"K0000 – K0039": [f"kompetensi/k{i:04d}.md" for i in range(40)]}
    assert second[-1] == {"K2960 – K2999": [f"kompetensi/k{i:04d}.md" for i in range(2960, 3000)]}
    data["competencies"] = data["competencies"][:300]
    (sections,) = navigation.competency_nav(data, 40)[1].values()
    assert len(sections) == 8 and next(iter(sections[-1])) == "K0280 – K0299"


def test_navigation_titles_are_escaped() -> None:
    data = load_standard(FIXTURES / "hostile").data
    group = navigation.competency_nav(data, 40)[1]
    assert isinstance(group, dict)
    assert list(group) == ["Manajerial &lt;script&gt;alert(1)&lt;/script&gt;"]


def test_a_functional_position_page_sends_the_reader_to_their_skj() -> None:
    data = load_standard(ROOT / "standards").data
    d = Site(data, {"positions": "standards/positions.yaml"})
    position = d.position("jf-ahli-muda")
    assert position is not None
    text = pages.position(d, position).assembled()
    assert "Tanpa target di situs ini" in text
    assert text.count('<td data-label="Level">Lihat dokumen SKJ Anda</td>') == 9
    assert "Belum diketahui" not in text
