"""Helpers shared by the site tests: tiny MkDocs projects and builds through ``kompetensi build``."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

# Shared with the security tests (tests/project_support.py); re-exported for the site tests.
from project_support import ROOT as ROOT
from project_support import Built as Built
from project_support import real_config, write_project
from project_support import run_build as run_build

FIXTURES = Path(__file__).resolve().parent / "fixtures"
GOLDEN = Path(__file__).resolve().parent / "golden"

HOME_PAGE = """# Situs uji

Halaman buatan tangan yang menautkan ke halaman yang dibuat: [Kompetensi](kompetensi/index.md),
[Matriks](matriks.md), [Jabatan](jabatan/index.md), [Unduh](unduh.md), [Cetak](cetak.md),
dan [Penilaian Mandiri](asesmen.md).

Ambang: <!-- data:met_threshold -->9<!-- /data --> (<!-- data:scale_label:3 -->lama<!-- /data -->).
"""


def site_config(**plugin_options: Any) -> dict[str, Any]:
    """The real mkdocs.yml for a project in a temporary folder (no Pyodide runtime copied)."""
    return real_config(**{"quiz_assets": False, **plugin_options})


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
    return write_project(folder, pages or {"index.md": HOME_PAGE}, config or site_config())


def copy_of(built: Built, folder: Path) -> Path:
    """A copy of a built tiny project (sources and site); returns its mkdocs.yml."""
    shutil.copytree(built.config.parent, folder, symlinks=True)
    return folder / built.config.name


def leftovers(parent: Path) -> list[str]:
    """Staging folders of builds next to their output folder (none may stay behind)."""
    return sorted(p.name for p in parent.iterdir() if p.name.startswith(".") and "-build-" in p.name)
