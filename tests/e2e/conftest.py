"""Fixtures of the quiz's end-to-end tests: the real site built once, served on 127.0.0.1.

The site is the session's one strict ``kompetensi build`` of the project (``real_site`` in
tests/conftest.py). A second build of the same project with Material's ``navigation.instant``
switched on is made only when a test asks for it, strictly too.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from e2e_quiz import WarmProfile, persistent_context
from project_support import run_build
from server_support import StaticServer

from generator.engine.scope import assessed_export

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def quiz_site(real_site: Any) -> Path:
    """The project's real site, with the quiz's runtime: the session's one build, shared with
    the site and security tests (``real_site`` in tests/conftest.py)."""
    assert (real_site.site / "asesmen" / "index.html").is_file()
    path: Path = real_site.site
    return path


@pytest.fixture(scope="session")
def warm(
    playwright_instance: Any, quiz_site: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[WarmProfile]:
    """The real site on one loopback server and one Chromium profile on disk for the worker's
    session; each test opens its page with ``e2e_quiz.warm_page(warm)``, storage empty."""
    with (
        StaticServer(quiz_site) as server,
        persistent_context(
            playwright_instance, tmp_path_factory.mktemp("warm-profile"), service_workers="block"
        ) as context,
    ):
        yield WarmProfile(context, server.url)


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
        # Material navigates instantly only to URLs listed in sitemap.xml, which MkDocs fills
        # only with a site_url: the project has none (the checks refuse the canonical links to
        # a host it would write), so the test writes the sitemap for its local server.
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
    """Build :func:`variant_config` into ``folder / "site"`` with ``kompetensi build``, strictly
    (a warning anywhere fails the test: the site under test is the one that would publish)."""
    built = run_build(variant_config(folder, **options), folder / "site")
    assert built.code == 0, built.output
    assert (built.site / "asesmen" / "index.html").is_file()
    return built.site


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
