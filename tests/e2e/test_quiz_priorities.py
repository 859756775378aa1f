"""Marking priorities in Chromium: among equal gaps the marked competencies come first in the
plan's focus, as the engine orders them; the marks are kept through reload, a share link, the
JSON file (and ``kompetensi assess`` reads them from it) and an import. Keyboard only, at
320 px, checked by axe."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from axe_support import violations
from e2e_quiz import (
    ADMINISTRATOR,
    WarmProfile,
    administrator_ratings,
    cli_output,
    erase_then_import,
    open_answered,
    opened_link,
    reload_with_results,
    save_answers_file,
    share_link,
    site_export_path,
    stored,
    submit_and_compare,
    warm_page,
)

from generator.engine import assess

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# Target 3 everywhere, gaps 2, 1, 2, 1, 2, 3, 1, 2, 1 (administrator_ratings). The focus of 3
# takes the gap of 3, then two of the four gaps of 2: the first two in the dictionary's order,
# unless others are marked.
POSITION = ADMINISTRATOR


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
    warm: WarmProfile, browser: Any, quiz_site: Path, site_export: dict[str, Any], tmp_path: Path
) -> None:
    version = site_export["framework"]["version"]
    ids = [competency["id"] for competency in site_export["competencies"]]
    ratings = administrator_ratings(site_export)
    marked = ids[7]  # a gap of 2 that the dictionary's order leaves for later
    viewport = {"width": 320, "height": 640}
    with warm_page(warm, viewport) as (page, log):
        open_answered(page, warm.url + "/asesmen/", POSITION, ratings)
        plain = submit_and_compare(page, site_export, ratings, position=POSITION)
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
        reload_with_results(page)
        _wait_plan(page, chosen)
        assert _marked(page) == [marked]

        # The share link carries the mark.
        with opened_link(browser, share_link(page), viewport=viewport) as other:
            _wait_plan(other, chosen)
            assert _marked(other) == [marked]

        # The JSON file holds it, and kompetensi assess reads it from the file alone.
        target = tmp_path / "penilaian-kompetensi.json"
        document = save_answers_file(page, target)
        assert document["priorities"] == [marked]
        assert document["result"] == chosen
        argv = ["assess", "--answers", str(target), "--standards", str(site_export_path(quiz_site))]
        assert json.loads(cli_output(argv)) == chosen

        # Erase, then import the file: the mark and the plan are restored.
        erase_then_import(page, target)
        _wait_plan(page, chosen)
        assert _marked(page) == [marked]
        assert page.is_hidden("[data-kq-notice=claimed-differs]")

        # Unmarking goes back to the dictionary's order.
        page.focus(f"#kq-prio-{marked}")
        page.keyboard.press("Space")
        _wait_plan(page, plain)
        assert _marked(page) == []
        assert stored(page, version)["priorities"] == []
        assert log.off_origin(warm.url) == []
