"""Helpers shared by the site tests: tiny MkDocs projects and builds through ``kompetensi build``."""

from __future__ import annotations

import io
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
GOLDEN = Path(__file__).resolve().parent / "golden"

HOME_PAGE = """# Situs uji

Halaman buatan tangan yang menautkan ke halaman yang dibuat: [Kompetensi](kompetensi/index.md),
[Matriks](matriks.md), [Jabatan](jabatan/index.md), [Unduh](unduh.md), [Cetak](cetak.md),
dan [Penilaian Mandiri](asesmen.md).

Ambang: <!-- data:met_threshold -->9<!-- /data --> (<!-- data:scale_label:3 -->lama<!-- /data -->).
"""


@dataclass(frozen=True)
class Built:
    """One run of ``kompetensi build`` on a project."""

    code: int
    output: str
    site: Path
    config: Path

    @property
    def lines(self) -> list[str]:
        return self.output.splitlines()

    def page(self, url_path: str) -> str:
        """The HTML of a page by its URL path, e.g. ``kompetensi/integritas/``."""
        return (self.site / url_path / "index.html").read_text(encoding="utf-8")


def site_config(**plugin_options: Any) -> dict[str, Any]:
    """The real mkdocs.yml, adapted for a project in a temporary folder."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["theme"]["custom_dir"] = str(ROOT / "site_overrides")
    config["nav"] = [  # the real navigation, minus the hand-written pages of the real site
        {"Beranda": "index.md"},
        {"Kompetensi": "kompetensi/index.md"},
        {"Matriks": "matriks.md"},
        {"Jabatan": "jabatan/index.md"},
        {"Penilaian Mandiri": "asesmen.md"},
        {"Unduh": "unduh.md"},
        {"Cetak": "cetak.md"},
    ]
    config.pop("watch", None)
    config["plugins"] = [
        plugin
        if plugin != "kompetensi"
        else {"kompetensi": {"quiz_assets": False, **plugin_options}}
        for plugin in config["plugins"]
    ]
    return config


def make_project(
    folder: Path,
    standards: Path,
    *,
    pages: dict[str, str] | None = None,
    config: dict[str, Any] | None = None,
) -> Path:
    """A tiny project: mkdocs.yml, content/ (a home page by default), a copy of ``standards``."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copytree(standards, folder / "standards")
    for name, text in (pages or {"index.md": HOME_PAGE}).items():
        path = folder / "content" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    config_file = folder / "mkdocs.yml"
    config_file.write_text(
        yaml.safe_dump(config or site_config(), allow_unicode=True, sort_keys=False),
        encoding="utf-8",
    )
    return config_file


def run_build(config_file: Path, site: Path) -> Built:
    """``kompetensi build`` in-process (MkDocs itself runs in a subprocess)."""
    from generator import build as site_build

    out = io.StringIO()
    code = site_build.build(config_file, site, out=out)
    return Built(code, out.getvalue(), site, config_file)
