"""The built site shows every handbook task's change.

All the tasks of "Tugas Sehari-hari" are applied to one scratch ``standards/``, and the project's
own ``mkdocs.yml`` builds it (``mkdocs build --strict``) with the scratch folder as the plugin's
``standards_dir``. Each test then reads the page where a maintainer would look for the change.
"""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import handbook_tasks as tasks
import pytest
import yaml
from handbook_support import ROOT, scratch_standards, validate_ok

HANDBOOK_NAV = {
    "Panduan Pengelola": [
        "panduan/index.md",
        "panduan/struktur-data.md",
        "panduan/tugas.md",
        "panduan/editor.md",
        "panduan/galat.md",
        "panduan/perintah.md",
        "panduan/publikasi.md",
    ]
}


@dataclass(frozen=True)
class BuiltSite:
    folder: Path
    edited_text: str
    version: str

    def page(self, path: str) -> str:
        file = self.folder / path / "index.html"
        assert file.is_file(), f"{path}/ was not built"
        return html.unescape(file.read_text(encoding="utf-8"))


def _nav_files(nav: Any) -> list[str]:
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, list):
        return [f for item in nav for f in _nav_files(item)]
    if isinstance(nav, dict):
        return [f for value in nav.values() for f in _nav_files(value)]
    return []


def _config(folder: Path, standards: Path) -> Path:
    """The project's mkdocs.yml with absolute paths, the scratch data and no quiz runtime."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = str(ROOT / config.get("docs_dir", "docs"))
    config["theme"]["custom_dir"] = str(ROOT / config["theme"]["custom_dir"])
    config.pop("watch", None)
    plugins = []
    for plugin in config["plugins"]:
        if plugin == "kompetensi" or (isinstance(plugin, dict) and "kompetensi" in plugin):
            options = dict(plugin["kompetensi"] or {}) if isinstance(plugin, dict) else {}
            options.update(standards_dir=str(standards), quiz_assets=False)
            plugin = {"kompetensi": options}
        plugins.append(plugin)
    config["plugins"] = plugins
    # Until mkdocs.yml lists the handbook, omitted pages would fail --strict: add them here.
    if not any(f.startswith("panduan/") for f in _nav_files(config.get("nav"))):
        config["nav"].append(HANDBOOK_NAV)
    config_file = folder / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return config_file


def _mkdocs(config_file: Path, site: Path, *options: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            *options,
            "-f",
            str(config_file),
            "-d",
            str(site),
        ],
        cwd=config_file.parent,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        timeout=600,
        check=False,
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    folder = tmp_path_factory.mktemp("handbook-site")
    standards = scratch_standards(folder)
    tasks.change_target(standards)
    tasks.add_position(standards)
    edited_text = tasks.edit_indicator(standards)
    tasks.add_teknis_competency(standards)
    tasks.add_activity(standards)
    tasks.add_teknis_catalogue(standards)
    version = tasks.bump_version(standards)
    validate_ok(folder, "--strict")

    config_file = _config(folder, standards)
    built = _mkdocs(config_file, folder / "site", "--strict")
    output = built.stdout + built.stderr
    if built.returncode != 0:
        # Others edit content/ in the same tree: tolerate their in-progress pages' warnings,
        # never one about the handbook or the pages these tasks change.
        warnings = [line for line in output.splitlines() if "WARNING" in line or "ERROR" in line]
        assert warnings, output
        ours = ("panduan/", "jabatan/", "kompetensi/", "unduh")
        assert not [w for w in warnings if any(word in w for word in ours)], output
        built = _mkdocs(config_file, folder / "site")
        assert built.returncode == 0, built.stdout + built.stderr
    return BuiltSite(folder / "site", edited_text, version)


def _row(page: str, name: str) -> str:
    """The table row of a position page that names competency ``name``."""
    rows = re.findall(r"<tr>.*?</tr>", page, re.DOTALL)
    found = [row for row in rows if re.search(rf">{re.escape(name)}</a>", row)]
    assert len(found) == 1, f"one row for {name}"
    return found[0]


def test_position_page_shows_the_changed_target(site: BuiltSite) -> None:
    row = _row(site.page("jabatan/administrator"), "Komunikasi")
    assert "Level 4" in row
    assert "Level 3" not in row


def test_new_position_has_its_page_and_is_listed(site: BuiltSite) -> None:
    page = site.page(f"jabatan/{tasks.NEW_POSITION_ID}")
    assert "Analis SDM Aparatur Ahli Muda" in page
    assert "Level 3" in _row(page, "Integritas")
    assert f"{tasks.NEW_POSITION_ID}/" in site.page("jabatan")


def test_competency_page_shows_the_new_wording(site: BuiltSite) -> None:
    page = site.page("kompetensi/integritas")
    assert site.edited_text in page
    assert "Mengingatkan sesama rekan kerja untuk memegang teguh" not in page


def test_technical_competency_has_its_page_with_five_levels(site: BuiltSite) -> None:
    page = site.page(f"kompetensi/{tasks.TEKNIS_ID}")
    assert "Pengelolaan Arsip Dinamis" in page
    for level in range(1, 6):
        assert f'id="level-{level}"' in page
    assert "Menyusun daftar arsip aktif unit kerjanya" in page
    assert "Level 2" in _row(site.page("jabatan/pengawas"), "Pengelolaan Arsip Dinamis")
    assert f"{tasks.TEKNIS_ID}/" in site.page("kompetensi")


def test_download_carries_the_new_activities_and_version(site: BuiltSite) -> None:
    data = json.loads((site.folder / "unduh" / "kompetensi.json").read_text(encoding="utf-8"))
    assert data["framework"]["version"] == site.version
    texts = {a["activity"] for a in data["learning"]["activities"]}
    assert any(text.startswith("Prakarsai forum berbagi bulanan") for text in texts)
    teknis = [a for a in data["learning"]["activities"] if a["competency"] == tasks.TEKNIS_ID]
    assert len(teknis) == 15


def test_version_is_shown_and_keys_the_self_assessment(site: BuiltSite) -> None:
    assert f"Versi data: <strong>{site.version}</strong>" in site.page("unduh")
    assert f'data-standards-version="{site.version}"' in site.page("asesmen")


def test_build_names_a_technical_competency_without_its_catalogue(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """As the handbook says: for a technical competency the catalogue warning is named by the
    build but does not fail it (validate --strict still does)."""
    folder = tmp_path_factory.mktemp("handbook-site-warning")
    standards = scratch_standards(folder)
    tasks.add_teknis_competency(standards)
    built = _mkdocs(_config(folder, standards), folder / "site", "--strict")
    output = built.stdout + built.stderr
    assert built.returncode == 0, output
    assert (
        f"INFO    -  standards/competencies/{tasks.TEKNIS_ID}.yaml:2:5: id: katalog pembelajaran "
        "belum mempunyai kegiatan untuk 15 pasangan level/kategori"
    ) in output
    assert "WARNING" not in output


def test_glossary_is_rendered_into_the_data_tour(site: BuiltSite) -> None:
    page = site.page("panduan/struktur-data")
    assert "<!-- glossary -->" not in page
    assert "positions[].targets.&lt;kode&gt;" in page or "positions[].targets.<kode>" in page
