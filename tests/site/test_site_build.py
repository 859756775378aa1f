"""Tiny sites built in tmp_path through ``kompetensi build``: pages, anchors, escaping, errors,
the atomic-build guarantee and determinism; plus the output checker on synthetic files."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from site_html import Page, read
from site_support import (
    FIXTURES,
    ROOT,
    Built,
    copy_of,
    leftovers,
    make_project,
    run_build,
    site_config,
)

from generator import i18n
from generator.build import QUIET_BANNER
from generator.site_check import check_site


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


# ---- Pages and anchors ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "kompetensi/",
        "kompetensi/integritas/",
        "kompetensi/integritas/transisi/",
        "kompetensi/kerjasama/",
        "kompetensi/perekat-bangsa/",
        "matriks/",
        "jabatan/",
        "jabatan/jpt-pratama/",
        "jabatan/pelaksana/",
        "unduh/",
        "cetak/",
        "asesmen/",
        "rekap/",
    ],
)
def test_every_generated_page_is_built(three_site: Built, url: str) -> None:
    assert (three_site.site / url / "index.html").is_file()


def test_competency_page_has_level_and_indicator_anchors(three_site: Built) -> None:
    page = Page(three_site.page("kompetensi/integritas/"))
    for level in (1, 2, 3):
        assert f"level-{level}" in page.ids
        for n in (1, 2):
            assert f"integritas-{level}-{n}" in page.ids
            # The copy-link is the indicator number itself: a plain anchor, no script needed.
            assert ("a", {"class": "kompetensi-tautan", "href": f"#integritas-{level}-{n}",
                          "title": f"Tautan tetap ke indikator {level}.{n}"}) in page.elements  # fmt: skip
    assert "Level 3 · Menengah" in page.text
    assert "Integritas indikator dua pada level tiga." in page.text
    assert "Contoh situasi kerja: Contoh Integritas 3.2." in page.text


def test_transition_view_shows_both_descriptions_and_the_new_indicators(three_site: Built) -> None:
    page = Page(three_site.page("kompetensi/integritas/transisi/"))
    assert {"level-1-ke-2", "level-2-ke-3"} <= page.ids
    assert "Dari level 2 ke level 3 (Dasar ke Menengah)" in page.text
    assert "Integritas tingkat dasar. " in page.text and "Integritas tingkat menengah." in page.text
    assert "../#integritas-3-1" in page.links() and "../#integritas-3-2" in page.links()
    assert "seluruh 6 indikator dari level 1 sampai level 3" in page.text


def test_position_pages_link_to_exact_levels_and_label_unverified_data(three_site: Built) -> None:
    verified = Page(three_site.page("jabatan/jpt-pratama/"))
    assert "../../kompetensi/integritas/#level-3" in verified.links()
    assert "belum terverifikasi" not in verified.text
    assert (
        "terverifikasi, 2 sumber Dua sumber yang saling independen memberikan target yang sama, "
        "yaitu Data uji pertama dan Data uji kedua."
    ) in verified.text
    example = Page(three_site.page("jabatan/pelaksana/"))
    assert "Satu sumber, belum terverifikasi" in example.text
    assert (
        "Target ini hanya bersandar pada satu sumber, yaitu Data uji dari satu sumber sekunder."
    ) in example.text
    assert "../../kompetensi/kerjasama/#level-2" in example.links()
    assert "Perekat Bangsa Belum diketahui" in example.text


def test_pages_show_their_data_source_and_make_no_edit_link(three_site: Built) -> None:
    page = Page(three_site.page("kompetensi/kerjasama/"))
    assert "Sumber data: standards/competencies/kerjasama.yaml" in page.text
    assert not [attrs for tag, attrs in page.elements if attrs.get("rel") == "edit"]


def test_aliases_are_page_text_and_search_text(three_site: Built) -> None:
    assert "Ejaan lain: Kerja Sama" in Page(three_site.page("kompetensi/kerjasama/")).text
    index = json.loads((three_site.site / "search/search_index.json").read_text(encoding="utf-8"))
    texts = [d["text"] for d in index["docs"] if d["location"].startswith("kompetensi/kerjasama/")]
    assert any("Kerja Sama" in text for text in texts)
    # The print page and transition views repeat indicator text; they stay out of the index.
    assert not [
        d
        for d in index["docs"]
        if d["location"].startswith(("cetak/", "kompetensi/integritas/transisi/"))
    ]


def test_downloads_are_published_and_linked(three_site: Built) -> None:
    page = Page(three_site.page("unduh/"))
    assert {"kompetensi.json", "kompetensi.csv"} <= set(page.links())
    data = json.loads((three_site.site / "unduh/kompetensi.json").read_text(encoding="utf-8"))
    assert [c["id"] for c in data["competencies"]] == ["integritas", "kerjasama", "perekat-bangsa"]
    assert (
        (three_site.site / "unduh/kompetensi.csv")
        .read_bytes()
        .startswith(b"\xef\xbb\xbfindicator_id,")
    )
    assert "Versi data: 1.0" in page.text


def test_data_markers_in_hand_written_pages_take_the_data_values(three_site: Built) -> None:
    assert "Ambang: 3 (Sering)." in Page(three_site.page("")).text


def test_navigation_groups_competencies(three_site: Built) -> None:
    page = Page(three_site.page("kompetensi/kerjasama/"))
    active = [
        a for tag, a in page.elements if tag == "a" and "md-nav__link--active" in a.get("class", "")
    ]
    assert active and active[0]["href"] == "./"


def test_html_parts_are_in_place_with_the_urls_mkdocs_writes(three_site: Built) -> None:
    assert "kompetensi:html" not in "".join(p.read_text() for p in three_site.site.rglob("*.html"))
    matrix = Page(three_site.page("matriks/"))
    assert {"../kompetensi/integritas/#level-3", "../kompetensi/"} <= set(matrix.links())
    assert "kelompok-manajerial" in matrix.ids
    form = Page(three_site.page("asesmen/"))
    assert any(tag == "form" and attrs.get("id") == "kq-form" for tag, attrs in form.elements)


def test_the_classic_scripts_of_every_page_are_preloaded_from_the_head(three_site: Built) -> None:
    # The CSP <meta> at the top of each page stops Chromium's preload scanner: without these
    # links the theme's bundle and offline.js were requested only once the parser reached the
    # end of the body (BENCHMARKS.md, "Ninth session"). site_overrides/main.html writes them.
    for path in sorted(three_site.site.rglob("*.html")):
        elements = read(path).elements
        body = next(i for i, (tag, _) in enumerate(elements) if tag == "body")
        meta = next(
            i
            for i, (tag, attrs) in enumerate(elements)
            if tag == "meta" and attrs.get("http-equiv") == "Content-Security-Policy"
        )
        preloaded = [
            (i, attrs["href"])
            for i, (tag, attrs) in enumerate(elements[:body])
            if tag == "link" and attrs.get("rel") == "preload" and attrs.get("as") == "script"
        ]
        scripts = [
            attrs["src"]
            for tag, attrs in elements[body:]
            if tag == "script"
            and "src" in attrs
            and attrs.get("type") != "module"
            and attrs.get("id") != "kq-bind"
        ]
        assert scripts, path
        assert [href for _, href in preloaded] == scripts, path
        assert all(i > meta for i, _ in preloaded), path


def test_only_the_quiz_starts_the_search_worker_through_search_later(three_site: Built) -> None:
    # site_overrides/main.html: on the self-assessment the theme's worker is the query of
    # workers/search-later.js, which builds the index after the engine's boot.
    site = three_site.site
    (theme,) = (site / "assets" / "javascripts" / "workers").glob("search.*.min.js")
    assert (site / "assets" / "javascripts" / "workers" / "search-later.js").is_file()
    for path in sorted(site.rglob("*.html")):
        config = re.search(r'<script id="__config" type="application/json">(.*?)</script>',
                           path.read_text(encoding="utf-8"), re.S)
        assert config, path
        worker = json.loads(config.group(1))["search"].rsplit("workers/", 1)[1]
        quiz = path == site / "asesmen" / "index.html"
        assert worker == (f"search-later.js?{theme.name}" if quiz else theme.name), path


def test_large_standards_get_no_transition_pages(tmp_path: Path) -> None:
    config = site_config(transition_pages_max=2)
    built = run_build(
        make_project(tmp_path / "p", FIXTURES / "three", config=config), tmp_path / "s"
    )
    assert built.code == 0, built.output
    assert not list(built.site.glob("kompetensi/*/transisi"))
    page = Page(built.page("kompetensi/integritas/"))
    assert not [href for href in page.links() if "transisi" in href]
    assert {"level-1", "level-3", "integritas-3-2"} <= page.ids


def test_built_output_passes_the_checker(three_site: Built) -> None:
    assert check_site(three_site.site) == []
    assert leftovers(three_site.site.parent) == []


# ---- Hostile data ----------------------------------------------------------------------------


def test_hostile_text_is_shown_as_text_and_never_becomes_markup(hostile_site: Built) -> None:
    pages = sorted(hostile_site.site.rglob("*.html"))
    assert len(pages) > 10
    for path in pages:
        source = path.read_text(encoding="utf-8")
        page = Page(source)
        assert "<script>alert" not in source, path
        assert not {n for n in page.attribute_names() if n.startswith("on")}, path
        assert not [tag for tag, _ in page.elements if tag in ("img", "iframe")], path
        urls = [v for _, attrs in page.elements for k, v in attrs.items() if k in ("href", "src")]
        assert not [u for u in urls if "javascript:" in u.lower() or "evil" in u], path
    integritas = Page(hostile_site.page("kompetensi/integritas/"))
    assert "Integritas <script>alert(1)</script>" in integritas.text
    assert 'Definisi [x](javascript:alert(1)) dan { onclick="alert(1)" }' in integritas.text
    assert 'Level 1 · Paham { onclick="alert(1)" }' in integritas.text
    assert '<a href="javascript:alert(1)">klik</a> " onmouseover="x' in integritas.text
    kerjasama = Page(hostile_site.page("kompetensi/kerjasama/"))
    assert 'Baris satu ## bukan judul !!! warning "bukan admonisi" <iframe' in kerjasama.text
    home = Page(hostile_site.page(""))
    assert 'Ambang: 3 (<b onmouseover="x">Sering</b>).' in home.text
    assert check_site(hostile_site.site) == []


def test_hostile_titles_are_escaped_in_title_and_navigation(hostile_site: Built) -> None:
    source = hostile_site.page("kompetensi/integritas/")
    assert "<title>Integritas &lt;script&gt;alert(1)&lt;/script&gt; - " in source
    assert "Manajerial &lt;script&gt;alert(1)&lt;/script&gt;" in source  # navigation section


# ---- Errors ---------------------------------------------------------------------------------


def break_fixture(standards: Path) -> None:
    competency = standards / "competencies/integritas.yaml"
    text = competency.read_text(encoding="utf-8")
    text = text.replace("definition: Definisi Integritas untuk data uji.\n", "")
    text = text.replace(
        "    description: Integritas tingkat dasar.\n    indicators:\n",
        "    description: Integritas tingkat dasar.\n    indicators: null\n    old_indicators:\n",
    )
    competency.write_text(text, encoding="utf-8")
    positions = standards / "positions.yaml"
    positions.write_text(
        positions.read_text(encoding="utf-8").replace(
            "      kerjasama: 3\n", "      kerjasamaa: 3\n", 1
        ),
        encoding="utf-8",
    )


BROKEN_LINES = [  # Indonesian, the command's default
    "ERROR   -  standards/competencies/integritas.yaml:2:1: (document): kunci wajib 'definition' "
    "tidak ada",
    "ERROR   -  standards/competencies/integritas.yaml:19:17: levels[1].indicators: diharapkan "
    "daftar yang tidak kosong, tertulis kosong (null) Saran: setiap level memerlukan indikator "
    "perilakunya",
    "ERROR   -  standards/competencies/integritas.yaml:20:5: levels[1].old_indicators: kunci "
    "'old_indicators' tidak dikenal Saran: mungkin maksudnya 'indicators'?",
    "ERROR   -  standards/positions.yaml:10:7: positions[0].targets: tidak ada target untuk "
    "kerjasama Saran: berikan level 1 sampai 5, atau null bila targetnya belum diketahui",
    "ERROR   -  standards/positions.yaml:11:7: positions[0].targets.kerjasamaa: kompetensi "
    "'kerjasamaa' tidak dikenal Saran: mungkin maksudnya 'kerjasama'?",
    "ERROR   -  5 galat di standards/; situs tidak dibangun.",
]


def test_broken_data_fails_with_every_located_error_and_exit_1(tmp_path: Path) -> None:
    config = make_project(tmp_path, FIXTURES / "three")
    break_fixture(tmp_path / "standards")
    result = subprocess.run(
        [sys.executable, "-m", "generator.cli", "build", "-f", str(config)],
        capture_output=True, text=True, cwd=tmp_path, env={**os.environ, **QUIET_BANNER},
    )  # fmt: skip
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert [line for line in lines if line.startswith("ERROR")] == BROKEN_LINES
    assert lines[-1] == f"Build gagal; {tmp_path / 'site'} tidak diubah."
    assert not (tmp_path / "site").exists()
    assert leftovers(tmp_path) == []


def test_a_failed_build_leaves_the_previous_site_byte_identical(
    tmp_path: Path, three_site: Built
) -> None:
    config = copy_of(three_site, tmp_path / "project")
    site = tmp_path / "project/site"
    before = snapshot(site)
    assert before == snapshot(three_site.site)
    (tmp_path / "project/standards/competencies/kerjasama.yaml").write_text(
        "id: [unclosed\n", encoding="utf-8"
    )
    failed = run_build(config, site)
    assert failed.code == 1
    assert snapshot(site) == before
    assert leftovers(tmp_path / "project") == []


def test_unsafe_output_fails_the_build_and_keeps_the_previous_site(
    tmp_path: Path, three_site: Built
) -> None:
    config = copy_of(three_site, tmp_path / "project")
    site = tmp_path / "project/site"
    before = snapshot(site)
    page = tmp_path / "project/content/index.md"
    page.write_text(
        page.read_text(encoding="utf-8")
        + '\n<img src="https://tracker.example/p.gif" alt="">\n\n<p onclick="x()">klik</p>\n',
        encoding="utf-8",
    )
    failed = run_build(config, site)
    assert failed.code == 1
    errors = [re.sub(r":\d+:", ":N:", line) for line in failed.lines if line.startswith("ERROR")]
    assert errors == [
        "ERROR   -  index.html:N: <img src> URL ke host lain: https://tracker.example/p.gif",
        "ERROR   -  index.html:N: <p> mempunyai atribut penangan peristiwa 'onclick'",
        "ERROR   -  2 titik tidak aman di situs hasil build.",
    ]
    assert failed.lines[-1] == f"Build gagal; {site} tidak diubah."
    assert snapshot(site) == before
    assert leftovers(tmp_path / "project") == []


def test_a_hand_written_page_may_not_take_a_generated_address(tmp_path: Path) -> None:
    config = make_project(
        tmp_path,
        FIXTURES / "three",
        pages={"index.md": "# Beranda\n", "matriks/index.md": "# Matriks buatan tangan\n"},
    )
    built = run_build(config, tmp_path / "site")
    assert built.code == 1
    assert [line for line in built.lines if line.startswith("ERROR")] == [
        "ERROR   -  Halaman hasil generator 'matriks.md' bentrok dengan 'content/matriks/index.md' "
        "(keduanya akan ditulis ke 'matriks/index.html'). Ganti nama atau hapus halaman tulisan "
        "tangan itu; halaman hasil generator berasal dari folder standar.",
        "ERROR   -  1 halaman hasil generator bentrok dengan halaman lain.",
    ]


def test_an_unknown_data_marker_is_located(tmp_path: Path) -> None:
    config = make_project(
        tmp_path,
        FIXTURES / "three",
        pages={"index.md": "# Beranda\n\nNilai <!-- data:nilai -->3<!-- /data -->.\n"},
    )
    built = run_build(config, tmp_path / "site")
    assert built.code == 1
    errors = [line for line in built.lines if line.startswith("ERROR")]
    assert errors[0].startswith(
        "ERROR   -  content/index.md:3: penanda data 'nilai' tidak dikenal (yang dikenal: "
    )
    assert errors[1:] == [
        "ERROR   -  Galat saat membaca halaman 'index.md':",  # MkDocs names the page being read
        "ERROR   -  1 masalah penanda data di content/index.md.",
    ]


def test_two_clean_builds_are_byte_identical(tmp_path: Path, three_site: Built) -> None:
    again = run_build(three_site.config, tmp_path / "again")
    assert again.code == 0
    assert snapshot(again.site) == snapshot(three_site.site)


def test_edit_links_point_at_the_yaml_source_when_a_repository_is_configured(
    tmp_path: Path,
) -> None:
    config = site_config()
    config["repo_url"] = "https://git.example.invalid/kompetensi"
    config["edit_uri"] = "edit/main/content/"
    config_file = make_project(tmp_path, FIXTURES / "three", config=config)
    # Straight through MkDocs, which leaves the pages it wrote: the plugin's checks rightly fail
    # a site that links to another host, in `mkdocs build` as in `kompetensi build`.
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config_file)],
        capture_output=True, text=True, cwd=tmp_path, env={**os.environ, **QUIET_BANNER},
    )  # fmt: skip
    assert result.returncode == 1, result.stderr
    lines = re.sub(r"\.html:\d+:", ".html:N:", result.stderr).splitlines()
    edit_link = "https://git.example.invalid/kompetensi/edit/main/standards/competencies/integrit"
    assert (
        "ERROR   -  kompetensi/integritas/index.html:N: <a href> URL ke host lain: " + edit_link
    ) in lines  # the checker quotes the first 80 characters of a URL
    page = read(tmp_path / "site/kompetensi/integritas/index.html")
    edit = [
        attrs["href"] for tag, attrs in page.elements if tag == "a" and attrs.get("rel") == "edit"
    ]
    assert edit == [
        "https://git.example.invalid/kompetensi/edit/main/standards/competencies/integritas.yaml"
    ]
    shutil.rmtree(tmp_path / "site")


# ---- The output checker -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        (
            "a.html",
            '<a href="javascript:alert(1)">x</a>',
            ["a.html:1: <a href> javascript: URL: javascript:alert(1)"],
        ),
        (
            "a.html",
            '<a href=" JaVa\tScript:x">x</a>',
            ["a.html:1: <a href> javascript: URL:  JaVa\tScript:x"],
        ),
        (
            "a.html",
            '<p>\n<b onmouseover="x">b</b>',
            ["a.html:2: <b> has an event-handler attribute 'onmouseover'"],
        ),
        (
            "a.html",
            '<script src="//cdn.example/x.js"></script>',
            ["a.html:1: <script src> URL to another host: //cdn.example/x.js"],
        ),
        (
            "a.html",
            '<link rel="stylesheet" href="https://fonts.example/css">',
            ["a.html:1: <link href> URL to another host: https://fonts.example/css"],
        ),
        (
            "a.html",
            '<img srcset="a.png 1x, https://x.example/b.png 2x">',
            ["a.html:1: <img srcset> URL to another host: https://x.example/b.png"],
        ),
        (
            "a.html",
            '<div style="background:url(http://x.example/a.png)"></div>',
            [
                "a.html:1: <div> has a style attribute, which the site's CSP blocks",
                "a.html:1: URL to another host in url(): http://x.example/a.png",
            ],
        ),
        (
            "a.html",
            '<table><tr><td style="text-align: right;">1</td></tr></table>',
            ["a.html:1: <td> has a style attribute, which the site's CSP blocks"],
        ),
        (
            "a.html",
            "<style>\n@import 'https://x.example/a.css';\n</style>",
            ["a.html:2: URL to another host in @import: https://x.example/a.css"],
        ),
        (
            "a.html",
            '<a href="data:text/html,x">x</a>',
            ["a.html:1: <a href> URL with the scheme 'data:': data:text/html,x"],
        ),
        (
            "a.html",
            '<meta http-equiv="refresh" content="0; url=https://x.example/">',
            ["a.html:1: <meta http-equiv=refresh> URL to another host"],
        ),
        (
            "a.html",
            "<p>Lihat https://peraturan.example/38 (teks biasa).</p><a href='mailto:a@b.c'>m</a>",
            [],
        ),
        (
            "a.html",
            '<img src="data:image/png;base64,AAAA"><svg xmlns="http://www.w3.org/2000/svg"></svg>',
            [],
        ),
        (
            "a.css",
            "a{background:url('data:image/svg+xml;utf8,<svg xmlns=\"http://www.w3.org/2000/svg\"/>')}",
            [],
        ),
        (
            "a.css",
            'b{}\na{background:url("https://x.example/a.png")}',
            ["a.css:2: URL to another host in url(): https://x.example/a.png"],
        ),
        (
            "a.js",
            'el.src = "https://x.example/a.js";',
            ["a.js:1: script loads from another host: https://x.example/a.js"],
        ),
        (
            "a.js",
            'importScripts("//x.example/w.js"); fetch(`https://x.example/d`)',
            [
                "a.js:1: script loads from another host: //x.example/w.js",
                "a.js:1: script loads from another host: https://x.example/d",
            ],
        ),
        ("a.js", 'x.href="javascript:void(0)"', ["a.js:1: script uses a javascript: URL"]),
        ("a.js", "// code from https://x.example/umd\nconst u = new URL(`https://${host}`);", []),
    ],
)
def test_checker(tmp_path: Path, name: str, text: str, expected: list[str]) -> None:
    (tmp_path / name).write_text(text, encoding="utf-8")
    with i18n.speaking("en"):  # the findings' English msgids (a build shows them in Indonesian)
        assert [str(f) for f in check_site(tmp_path)] == expected


def test_search_partial_override_differs_from_material_only_by_its_label() -> None:
    import material

    def body(text: str) -> str:
        return text.split("-#}\n", 1)[1]  # drop the leading comment

    ours = body((ROOT / "site_overrides/partials/search.html").read_text(encoding="utf-8"))
    theirs = body(
        (Path(material.__file__).parent / "templates/partials/search.html").read_text(
            encoding="utf-8"
        )
    )
    label = " aria-label=\"{{ lang.t('search') }}\""
    assert label in ours
    assert ours.replace(label, "", 1) == theirs


# ---- Layering -----------------------------------------------------------------------------


def test_only_the_plugin_imports_mkdocs() -> None:
    code = (
        "import sys, generator.render.pages, generator.render.navigation, "
        "generator.render.markers, generator.build, generator.commands.build, generator.postbuild, "
        "generator.commands.serve; "
        "assert not [m for m in sys.modules if m.split('.')[0] == 'mkdocs'], 'mkdocs imported'"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    assert {p.name for p in (ROOT / "generator").rglob("*.py") if "mkdocs" in _imports(p)} == {
        "plugin.py"
    }


def _imports(path: Path) -> str:
    return " ".join(
        line
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.startswith(("import ", "from "))
    )
