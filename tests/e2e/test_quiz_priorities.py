"""Marking priorities in Chromium: among equal gaps the marked competencies come first in the
plan's focus, as the engine orders them; the marks are kept through reload, a share link, the
JSON file (and ``kompetensi assess`` reads them from it) and an import. Keyboard only, at
320 px, checked by axe."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path
from typing import Any

import pytest
from axe_support import violations
from e2e_quiz import (
    answer_by_clicking,
    assert_page_matches_engine,
    new_page,
    site_export_path,
    stored,
    wait_engine,
    wait_results,
)
from quiz_support import click_settled, download_from

from generator.cli import main
from generator.engine import assess

pytestmark = [pytest.mark.browser, pytest.mark.slow]

POSITION = "administrator"
# Target 3 everywhere: gaps 2, 1, 2, 1, 2, 3, 1, 2, 1. The focus of 3 takes the gap of 3, then
# two of the four gaps of 2: the first two in the dictionary's order, unless others are marked.
ESTIMATES = [1, 2, 1, 2, 1, 0, 2, 1, 2]


def _ratings(export: dict[str, Any]) -> dict[str, int]:
    return {
        indicator["id"]: 4 if level["level"] <= estimate else 2
        for competency, estimate in zip(export["competencies"], ESTIMATES, strict=True)
        for level in competency["levels"]
        for indicator in level["indicators"]
    }


def _focused(page: Any) -> str:
    return str(page.evaluate("document.activeElement && document.activeElement.id"))


def _marked(page: Any) -> list[str]:
    return page.eval_on_selector_all(
        "#kq-priorities-list input:checked", "els => els.map(e => e.dataset.kqPriority)"
    )


def _wait_plan(page: Any, result: dict[str, Any]) -> None:
    """The plan shown is the engine's: its items' competencies, in the engine's order."""
    expected = [item["activity_id"] for item in result["plan"]["items"]]
    page.wait_for_function(
        """(ids) => {
            const shown = [...document.querySelectorAll('#kq-plan [data-plan-item]')]
                .map(e => e.dataset.activityId);
            return shown.length === ids.length && ids.every(id => shown.includes(id));
        }""",
        arg=expected,
    )


def test_marked_priorities_order_the_focus_and_are_kept_everywhere(
    browser: Any, serve: Any, quiz_site: Path, site_export: dict[str, Any], tmp_path: Path
) -> None:
    version = site_export["framework"]["version"]
    ids = [competency["id"] for competency in site_export["competencies"]]
    ratings = _ratings(site_export)
    marked = ids[7]  # a gap of 2 that the dictionary's order leaves for later
    viewport = {"width": 320, "height": 640}
    with serve(quiz_site) as server, new_page(browser, viewport=viewport) as (_, page, log):
        page.goto(server.url + "/asesmen/")
        page.select_option("select[name=position]", POSITION)
        answer_by_clicking(page, ratings)
        click_settled(page, "#kq-submit")
        wait_results(page)
        plain = assert_page_matches_engine(page, site_export, ratings, position=POSITION)
        assert plain["plan"]["focus"] == [ids[5], ids[0], ids[2]]
        # One checkbox per competency with a gap, none marked yet.
        boxes = page.eval_on_selector_all(
            "#kq-priorities-list input[type=checkbox]", "els => els.map(e => e.dataset.kqPriority)"
        )
        assert boxes == ids
        assert _marked(page) == []
        assert page.is_visible("#kq-priorities")
        assert violations(page, "#kq-hasil") == [], "priorities offered"

        # Keyboard only: Tab from the first checkbox to the eighth, Space marks it.
        page.focus(f"#kq-prio-{ids[0]}")
        for _ in range(7):
            page.keyboard.press("Tab")
        assert _focused(page) == f"kq-prio-{marked}"
        page.keyboard.press("Space")
        chosen = assess(site_export, ratings, position=POSITION, priorities=[marked])
        assert chosen["plan"]["focus"] == [ids[5], marked, ids[0]]
        _wait_plan(page, chosen)
        page.wait_for_function(
            "(id) => document.activeElement && document.activeElement.id === id",
            arg=f"kq-prio-{marked}",
        )
        assert _marked(page) == [marked]
        assert "prioritas yang Anda tandai" in (page.text_content("#kq-plan-note") or "")
        assert stored(page, version)["priorities"] == [marked]
        overflow = "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        assert page.evaluate(overflow) <= 0
        assert violations(page, "#kq-hasil") == [], "priority marked"

        # Reload: the mark and its plan come back.
        page.reload()
        wait_engine(page)
        wait_results(page)
        _wait_plan(page, chosen)
        assert _marked(page) == [marked]

        # The share link carries the mark.
        click_settled(page, "#kq-share")
        link = page.input_value("#kq-share-url")
        with new_page(browser, viewport=viewport) as (_, other, _log):
            other.goto(link)
            wait_engine(other)
            wait_results(other)
            _wait_plan(other, chosen)
            assert _marked(other) == [marked]

        # The JSON file holds it, and kompetensi assess reads it from the file alone.
        file = download_from(page, "#kq-download-json")
        target = tmp_path / "penilaian-kompetensi.json"
        file.save_as(target)
        document = json.loads(target.read_text(encoding="utf-8"))
        assert document["priorities"] == [marked]
        assert document["result"] == chosen
        buffer = io.StringIO()
        argv = ["assess", "--answers", str(target), "--standards", str(site_export_path(quiz_site))]
        with contextlib.redirect_stdout(buffer):
            assert main(argv) == 0
        assert json.loads(buffer.getvalue()) == chosen

        # Erase, then import the file: the mark and the plan are restored.
        page.click("#kq-erase")
        page.click("#kq-erase-yes")
        page.set_input_files("#kq-import-file", target)
        wait_results(page)
        _wait_plan(page, chosen)
        assert _marked(page) == [marked]
        assert page.is_hidden("[data-kq-notice=claimed-differs]")

        # Unmarking goes back to the dictionary's order.
        page.focus(f"#kq-prio-{marked}")
        page.keyboard.press("Space")
        _wait_plan(page, plain)
        assert _marked(page) == []
        assert stored(page, version)["priorities"] == []
        assert log.off_origin(server.url) == []
