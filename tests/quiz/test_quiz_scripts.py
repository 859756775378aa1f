"""The browser files stay glue: no HTML injection, no eval, no other host, no scoring."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.quiz import layout

FORBIDDEN = [
    r"\.innerHTML\b",
    r"\.outerHTML\b",
    r"insertAdjacentHTML",
    r"document\.write",
    r"\beval\(",
    r"new Function\(",
    r"setAttribute\(\s*[\"']style",
    r"https?://",
]


SCRIPTS = [name for name in layout.static_files() if name.endswith((".js", ".mjs"))]


def test_the_scripts_are_all_checked() -> None:
    assert {"quiz.js", "worker.mjs", "lib/controller.js", "lib/answers.js"} <= set(SCRIPTS)


@pytest.mark.parametrize("name", SCRIPTS)
def test_scripts_use_no_dangerous_api(name: str) -> None:
    text = (layout.STATIC_SOURCE / name).read_text(encoding="utf-8")
    for pattern in FORBIDDEN:
        assert not re.search(pattern, text), f"{name}: {pattern}"


# The offline glue and the service worker (generator/offline/) are held to the same rules.
OFFLINE_SCRIPTS = [
    layout.runtime.REPO_ROOT / "site_overrides" / "assets" / "javascripts" / "offline.js",
    *sorted((layout.runtime.REPO_ROOT / "generator" / "offline").glob("*.js")),
]


def test_the_offline_scripts_are_all_checked() -> None:
    names = {path.name for path in OFFLINE_SCRIPTS}
    assert names == {"offline.js", "service-worker.js", "retire-worker.js"}


@pytest.mark.parametrize("path", OFFLINE_SCRIPTS, ids=lambda path: path.name)
def test_offline_scripts_use_no_dangerous_api_and_stay_small(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    for pattern in FORBIDDEN:
        assert not re.search(pattern, text), f"{path.name}: {pattern}"
    assert text.count("\n") < 500


# The quiz page's wrapper of the theme's search worker (site_overrides/main.html), likewise.
THEME_WORKERS = sorted(
    (layout.runtime.REPO_ROOT / "site_overrides" / "assets" / "javascripts" / "workers").glob(
        "*.js"
    )
)


def test_the_theme_worker_wrappers_are_all_checked() -> None:
    assert [path.name for path in THEME_WORKERS] == ["search-later.js"]


@pytest.mark.parametrize("path", THEME_WORKERS, ids=lambda path: path.name)
def test_theme_worker_wrappers_use_no_dangerous_api_and_stay_small(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    for pattern in FORBIDDEN:
        assert not re.search(pattern, text), f"{path.name}: {pattern}"
    assert text.count("\n") < 100


def test_stylesheet_loads_nothing_from_elsewhere() -> None:
    text = (layout.STATIC_SOURCE / "quiz.css").read_text(encoding="utf-8")
    assert "url(" not in text
    assert "@import" not in text


@pytest.mark.parametrize("name", SCRIPTS)
def test_no_scoring_in_javascript(name: str) -> None:
    """Levels, gaps and JP come from Python; no script compares ratings to a threshold."""
    text = (layout.STATIC_SOURCE / name).read_text(encoding="utf-8")
    for word in ("met_threshold", "largest_remainder", "estimated -", "target -", "gap =", "jp -"):
        assert word not in text


@pytest.mark.parametrize("name", SCRIPTS)
def test_scripts_stay_small(name: str) -> None:
    lines = (layout.STATIC_SOURCE / name).read_text(encoding="utf-8").count("\n")
    assert lines < 500, f"{name} has {lines} lines: split it"
