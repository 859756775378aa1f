"""The preview never installs the site's worker; a built site always links it.

``kompetensi serve`` runs for real on a small project: its pages link no web app manifest and
load no offline.js (which registers the worker only where the manifest is linked), and the
``sw.js`` it serves is the one that retires a worker the browser may have from a built site on
the same origin. The same project built links both, and its ``sw.js`` lists its files.
"""

from __future__ import annotations

import re
import shutil
import urllib.request
from pathlib import Path

from project_support import ROOT, kompetensi_serve, real_config, run_build, write_project

from generator.offline import site
from generator.quiz import wheel

MANIFEST_LINK = '<link rel="manifest" href="manifest.webmanifest">'
SCRIPT = '<script src="assets/javascripts/offline.js" defer></script>'


HOME = "# Situs uji\n\n[Kompetensi](kompetensi/index.md) dan [Penilaian Mandiri](asesmen.md).\n"


def make_project(folder: Path) -> Path:
    """A small project: the real mkdocs.yml, one home page, a copy of the real standards."""
    folder.mkdir(parents=True)
    shutil.copytree(ROOT / "standards", folder / "standards")
    return write_project(folder, {"index.md": HOME}, real_config(quiz_assets=False))


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        text: str = response.read().decode("utf-8")
        return text


def test_serve_links_no_manifest_and_serves_the_retiring_worker(tmp_path: Path) -> None:
    config = make_project(tmp_path / "project")
    with kompetensi_serve(config, tmp_path / "serve.log") as origin:
        page = _get(origin + "/")
        assert "<h1" in page
        assert 'rel="manifest"' not in page and "offline.js" not in page
        assert _get(origin + "/sw.js") == site.RETIRE_SOURCE.read_text(encoding="utf-8")


def test_a_build_links_the_manifest_and_the_worker_script(tmp_path: Path) -> None:
    config = make_project(tmp_path / "project")
    built = run_build(config, tmp_path / "project" / "site")
    assert built.code == 0, built.output
    page = (built.site / "index.html").read_text(encoding="utf-8")
    assert MANIFEST_LINK in page and SCRIPT in page
    deeper = (built.site / "kompetensi" / "integritas" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="manifest" href="../../manifest.webmanifest">' in deeper
    worker = (built.site / "sw.js").read_text(encoding="utf-8")
    assert '["kompetensi/integritas/", ' in worker
    assert '["assets/javascripts/offline.js", ' in worker


def test_the_preview_serves_the_engine_wheel_its_quiz_page_names(tmp_path: Path) -> None:
    """The preview ships the engine as source (no Node start before its first page, unlike a
    build's bytecode wheel); the plugin tells the quiz page so, or the quiz would not start."""
    config = write_project(tmp_path / "project", {"index.md": HOME}, real_config())
    shutil.copytree(ROOT / "standards", tmp_path / "project" / "standards")
    with kompetensi_serve(config, tmp_path / "serve.log") as origin:
        quiz = _get(origin + "/asesmen/")
        (wheel_path,) = re.findall(r'data-kq-wheel="([^"]+)"', quiz)
        with urllib.request.urlopen(origin + "/" + wheel_path, timeout=10) as response:
            served = response.read()
    assert wheel_path.endswith("-py3-none-any.whl")
    assert served == wheel.build().data
