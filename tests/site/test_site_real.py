"""The project's own site, built once per session with ``kompetensi build`` (strict, checked):
every competency, level, indicator and position has its page and anchor, every internal link
resolves, and the output makes no request to another host."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from site_html import Page, read, resolve
from site_support import ROOT, Built

from generator.build import QUIET_BANNER
from generator.site_check import check_site
from generator.engine.model import read_standard
from generator.render.links import indicator_anchor
from generator.standard import load_standard
from generator.standard.export import to_csv, to_json

pytestmark = pytest.mark.slow

DATA = load_standard(ROOT / "standards").data


def test_the_strict_build_succeeds(real_site: Built) -> None:
    assert real_site.code == 0
    assert not [line for line in real_site.lines if line.startswith(("WARNING", "ERROR"))]


@pytest.mark.parametrize("competency", DATA["competencies"], ids=lambda c: c["id"])
def test_every_competency_level_and_indicator_has_its_anchor(
    real_site: Built, competency: dict[str, object]
) -> None:
    cid = competency["id"]
    page = Page(real_site.page(f"kompetensi/{cid}/"))
    transitions = Page(real_site.page(f"kompetensi/{cid}/transisi/"))
    levels = competency["levels"]
    assert isinstance(levels, list)
    for level in levels:
        assert f"level-{level['level']}" in page.ids
        for indicator in level["indicators"]:
            anchor = indicator_anchor(indicator["id"])
            assert anchor in page.ids
            assert f"#{anchor}" in page.links()
            assert " ".join(indicator["text"].split()) in page.text
    for lower in range(1, len(levels)):
        assert f"level-{lower}-ke-{lower + 1}" in transitions.ids
    # Each competency page is in the navigation (Material marks the current page).
    assert any(
        tag == "a" and "md-nav__link--active" in attrs.get("class", "")
        for tag, attrs in page.elements
    )


@pytest.mark.parametrize("position", DATA["positions"], ids=lambda p: p["id"])
def test_every_position_links_each_target_to_its_level(
    real_site: Built, position: dict[str, object]
) -> None:
    page = Page(real_site.page(f"jabatan/{position['id']}/"))
    targets = position["targets"]
    assert isinstance(targets, dict)
    for cid, level in targets.items():
        if level is not None:
            assert f"../../kompetensi/{cid}/#level-{level}" in page.links()
    basis = position["basis"]
    assert isinstance(basis, dict)
    # The same words as the quiz and the downloads: the badge and the sentence naming sources.
    assert basis["text"] in page.text
    if position["illustrative"]:
        assert "Contoh ilustratif, bukan standar resmi" in page.text
    elif basis["status"] == "unverified":
        assert basis["label"].capitalize() in page.text  # "Satu sumber, belum terverifikasi"
    if basis["status"] == "no_target":
        assert "Tanpa target di situs ini" in page.text


def test_every_position_page_stays_under_600_kb(real_site: Built) -> None:
    pages = list((real_site.site / "jabatan").glob("*/index.html"))
    assert len(pages) == len(DATA["positions"])
    largest = max(pages, key=lambda p: p.stat().st_size)
    assert largest.stat().st_size < 600 * 1024, largest


def test_matrix_links_every_level(real_site: Built) -> None:
    links = set(Page(real_site.page("matriks/")).links())
    for competency in DATA["competencies"]:
        for level in competency["levels"]:
            assert f"../kompetensi/{competency['id']}/#level-{level['level']}" in links


def test_print_page_holds_the_whole_dictionary(real_site: Built) -> None:
    page = Page(real_site.page("cetak/"))
    for competency in DATA["competencies"]:
        assert f"cetak-{competency['id']}" in page.ids
        for level in competency["levels"]:
            for indicator in level["indicators"]:
                assert " ".join(indicator["text"].split()) in page.text


def test_downloads_are_the_export(real_site: Built) -> None:
    # The same dictionary as `kompetensi export --format json`, written compactly.
    published = (real_site.site / "unduh/kompetensi.json").read_text(encoding="utf-8")
    assert json.loads(published) == json.loads(to_json(DATA))
    assert published == json.dumps(DATA, ensure_ascii=False, separators=(",", ":")) + "\n"
    assert (real_site.site / "unduh/kompetensi.csv").read_bytes() == to_csv(read_standard(DATA)).encode()


@pytest.mark.parametrize("position", DATA["positions"], ids=lambda p: p["id"])
def test_every_position_downloads_its_own_skj(real_site: Built, position: dict[str, Any]) -> None:
    folder = real_site.site / "unduh" / "jabatan"
    document = json.loads((folder / f"{position['id']}.json").read_text(encoding="utf-8"))
    assert document["position"] == position
    assert [c["id"] for c in document["competencies"]] == list(position["targets"])
    rows = (folder / f"{position['id']}.csv").read_text(encoding="utf-8-sig").splitlines()
    assert rows[0].startswith("position_id,position,competency_id,")
    page = (real_site.site / "jabatan" / position["id"] / "index.html").read_text("utf-8")
    assert f'href="../../unduh/jabatan/{position["id"]}.json"' in page
    assert f'href="../../asesmen/?jabatan={position["id"]}"' in page


def test_position_pages_index_their_name_but_leave_indicators_to_competency_pages(
    real_site: Built,
) -> None:
    index = json.loads((real_site.site / "search/search_index.json").read_text(encoding="utf-8"))
    position = next(p for p in DATA["positions"] if not p["template"] and p["dictionaries"])
    docs = [d for d in index["docs"] if d["location"].startswith(f"jabatan/{position['id']}/")]
    assert docs[0]["title"] == position["name"]
    text = " ".join(d["text"] for d in docs)
    competency = next(c for c in DATA["competencies"] if c["id"] in position["targets"])
    level = next(
        lv for lv in competency["levels"] if lv["level"] == position["targets"][competency["id"]]
    )
    assert level["description"] in text
    assert not [i for i in level["indicators"] if i["text"] in text]


def test_every_internal_link_and_anchor_resolves(real_site: Built) -> None:
    site = real_site.site
    pages: dict[Path, Page] = {}

    def parsed(path: Path) -> Page:
        if path not in pages:
            pages[path] = read(path)
        return pages[path]

    broken: list[str] = []
    for path in sorted(site.rglob("*.html")):
        page = parsed(path)
        for tag, attrs in page.elements:
            for name in ("href", "src"):
                value = attrs.get(name)
                if not value or (tag == "link" and attrs.get("rel") == "canonical"):
                    continue
                target = resolve(site, path, value)
                if target is None:
                    continue
                file, fragment = target
                shown = f"{path.relative_to(site)}: {value}"
                if not file.is_file():
                    broken.append(f"{shown} (no such file)")
                elif (
                    fragment
                    and file.suffix == ".html"
                    and not fragment.startswith("__")  # Material's own targets (#__search)
                    and fragment not in parsed(file).ids
                ):
                    broken.append(f"{shown} (no such anchor)")
    assert broken == []


def test_the_built_site_makes_no_request_to_another_host(real_site: Built) -> None:
    assert check_site(real_site.site) == []
    html = (real_site.site / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis" not in html and "fonts.gstatic" not in html


def test_search_finds_both_spellings_of_kerjasama(real_site: Built) -> None:
    index = json.loads((real_site.site / "search/search_index.json").read_text(encoding="utf-8"))
    text = " ".join(
        d["title"] + " " + d["text"]
        for d in index["docs"]
        if d["location"].startswith("kompetensi/kerjasama/")
    )
    assert "Kerjasama" in text and "Kerja Sama" in text
    assert index["config"]["separator"] == r'[\s\-,:;!?=\[\]()"/]+|\.(?!\d)'


def test_the_plugin_gives_back_the_build_date_it_set(monkeypatch: pytest.MonkeyPatch) -> None:
    """The plugin dates the build by the last commit through SOURCE_DATE_EPOCH and gives the
    variable back when the build ends: a process that builds another project afterwards (a test
    session, the overhead benchmark) would otherwise date that one, and its sitemap.xml.gz, by
    this project (or by 0 for a project outside Git)."""
    from mkdocs.config import load_config

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    config = load_config(str(ROOT / "mkdocs.yml"))
    config.plugins.on_startup(command="build", dirty=False)
    config = config.plugins.on_config(config)
    commit = subprocess.run(
        ["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    assert os.environ["SOURCE_DATE_EPOCH"] == commit
    config.plugins.on_shutdown()
    assert "SOURCE_DATE_EPOCH" not in os.environ

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "86400")  # the publisher's own date wins, and stays
    config = config.plugins.on_config(load_config(str(ROOT / "mkdocs.yml")))
    config.plugins.on_shutdown()
    assert os.environ["SOURCE_DATE_EPOCH"] == "86400"


def test_mkdocs_build_writes_the_same_site_as_kompetensi_build(
    real_site: Built, tmp_path: Path
) -> None:
    """One build: the plugin does all the post-build work (CSP meta tags, policy files, checks,
    precompressed siblings, marker), so the standard command publishes the same files, byte for
    byte; `kompetensi build` adds only the atomic swap. Without SOURCE_DATE_EPOCH in the
    environment: the plugin dates the sitemap by the last commit itself."""
    env = {name: value for name, value in os.environ.items() if name != "SOURCE_DATE_EPOCH"}
    site = tmp_path / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
        capture_output=True, text=True, cwd=ROOT, env={**env, **QUIET_BANNER},
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr

    def files(folder: Path) -> dict[str, bytes]:
        return {
            path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*"))
            if path.is_file()
        }

    plain, ours = files(site), files(real_site.site)
    assert sorted(plain) == sorted(ours)
    assert [name for name in plain if plain[name] != ours[name]] == []
    assert any(name.endswith(".br") for name in plain)
    assert 'http-equiv="Content-Security-Policy"' in (site / "index.html").read_text("utf-8")
