"""Fixtures of the quiz's end-to-end tests: the real site built once, served on 127.0.0.1.

The site is built with ``mkdocs build --strict`` from the project's own mkdocs.yml into a
temporary folder, once per session. A second build of the same project with Material's
``navigation.instant`` switched on is made only when a test asks for it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.engine.scope import assessed_export

ROOT = Path(__file__).resolve().parents[2]


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
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


def _build(config_file: Path, site: Path) -> Path:
    """Build strictly. Others edit content/ in the same tree at the same time: when only their
    pages warn, build again without --strict, since these tests are about the quiz page."""
    completed = _mkdocs(config_file, site, "--strict")
    output = completed.stdout + completed.stderr
    if completed.returncode != 0:
        warnings = [line for line in output.splitlines() if "WARNING" in line or "ERROR" in line]
        assert warnings, output
        assert not [line for line in warnings if "asesmen" in line or "quiz" in line], output
        completed = _mkdocs(config_file, site)
        assert completed.returncode == 0, completed.stdout + completed.stderr
    assert (site / "asesmen" / "index.html").is_file()
    return site


@pytest.fixture(scope="session")
def quiz_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's real site, with the quiz's runtime files."""
    return _build(ROOT / "mkdocs.yml", tmp_path_factory.mktemp("quiz-site") / "site")


def variant_config(folder: Path, *, instant: bool = False, standards: Path | None = None) -> Path:
    """A copy of the project's mkdocs.yml in ``folder`` with absolute paths, optionally with
    Material's instant navigation on or another standards folder; returns the file."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = str(ROOT / config.get("docs_dir", "docs"))
    config["theme"]["custom_dir"] = str(ROOT / config["theme"].get("custom_dir", "site_overrides"))
    if instant:
        features = config["theme"].setdefault("features", [])
        if "navigation.instant" not in features:
            features.append("navigation.instant")
        # Material navigates instantly only to URLs listed in sitemap.xml, which needs a
        # site_url (the test rewrites its host and port to the local server's). The page never
        # requests it.
        config.setdefault("site_url", "http://127.0.0.1/")
    config.pop("watch", None)
    plugins = []
    for plugin in config.get("plugins", []):
        if plugin == "kompetensi":
            plugin = {"kompetensi": {}}
        if isinstance(plugin, dict) and "kompetensi" in plugin:
            options = dict(plugin["kompetensi"] or {})
            options["standards_dir"] = str(
                standards or ROOT / options.get("standards_dir", "standards")
            )
            plugin = {"kompetensi": options}
        plugins.append(plugin)
    config["plugins"] = plugins
    config_file = folder / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return config_file


def build_variant(folder: Path, **options: Any) -> Path:
    """Build :func:`variant_config` into ``folder / "site"``."""
    return _build(variant_config(folder, **options), folder / "site")


@pytest.fixture(scope="session")
def instant_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site with Material's instant navigation on (``document$`` swaps pages)."""
    return build_variant(tmp_path_factory.mktemp("instant-site"), instant=True)


@pytest.fixture(scope="session")
def full_site_export(quiz_site: Path) -> dict[str, Any]:
    """The export exactly as the browser engine loads it from the built site."""
    (path,) = (quiz_site / "assets" / "quiz" / "data").glob("kompetensi.*.json")
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="session")
def site_export(full_site_export: dict[str, Any]) -> dict[str, Any]:
    """The built site's export as an assessment without a real position covers it (no
    technical competency, generator.engine.scope): what the tests of the 13 templates answer."""
    return assessed_export(full_site_export)
