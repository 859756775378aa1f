"""The preview never installs the site's worker; a built site always links it.

``kompetensi serve`` runs for real on a small project: its pages link no web app manifest and
load no offline.js (which registers the worker only where the manifest is linked), and the
``sw.js`` it serves is the one that retires a worker the browser may have from a built site on
the same origin. The same project built links both, and its ``sw.js`` lists its files.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from nginx_support import free_port
from project_support import ROOT, real_config, run_build, write_project

from generator.offline import site

KOMPETENSI = Path(sys.executable).with_name("kompetensi")
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
    port = free_port()
    log_path = tmp_path / "serve.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [str(KOMPETENSI), "serve", "-f", str(config), "-a", f"127.0.0.1:{port}"],
            cwd=config.parent,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # mkdocs runs as a child: stop the whole group
        )
        try:
            deadline = time.monotonic() + 120
            while b"Serving on" not in log_path.read_bytes():
                assert process.poll() is None, log_path.read_text()
                assert time.monotonic() < deadline, "kompetensi serve did not start"
                time.sleep(0.2)
            origin = f"http://127.0.0.1:{port}"
            page = _get(origin + "/")
            assert "<h1" in page
            assert 'rel="manifest"' not in page and "offline.js" not in page
            assert _get(origin + "/sw.js") == site.RETIRE_SOURCE.read_text(encoding="utf-8")
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)


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
