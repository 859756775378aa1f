"""The plan in Chromium: focus and allowance, swap, remove and add by keyboard, and the edited
plan kept through reload, a share link, the JSON file and ``kompetensi assess --plan``."""

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
    assert_page_matches_engine,
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
    wait_engine,
    wait_results,
    warm_page,
)
from quiz_support import click_settled

from generator.engine import assess

pytestmark = [pytest.mark.browser, pytest.mark.slow]

POSITION = ADMINISTRATOR  # below target in all nine competencies (administrator_ratings)


def _shown_ids(page: Any) -> list[str]:
    return page.eval_on_selector_all(
        "#kq-plan [data-plan-item]", "els => els.map(e => e.dataset.activityId)"
    )


def _grouped(result: dict[str, Any]) -> list[str]:
    items = result["plan"]["items"]
    return [i["activity_id"] for c in ("70", "20", "10") for i in items if i["category"] == c]


def _totals(result: dict[str, Any]) -> str:
    plan = result["plan"]
    return (
        f"Jumlah: {plan['total_jp']} dari {plan['budget_jp']} JP; pembagian tercapai "
        f"{plan['split']}."
    )


def _after_edit(
    page: Any, export: dict[str, Any], ratings: dict[str, int], items: list[Any]
) -> Any:
    """Wait for the re-totalled plan and check it against the engine given the same edit."""
    expected = assess(export, ratings, position=POSITION, plan={"items": items})
    page.wait_for_function(
        "(text) => document.getElementById('kq-plan-totals').textContent === text",
        arg=_totals(expected),
    )
    assert _shown_ids(page) == _grouped(expected)
    assert page.evaluate("document.activeElement.id") == "kq-plan-totals"
    return expected


def _press(page: Any, selector: str) -> None:
    page.focus(selector)
    page.keyboard.press("Enter")


def test_plan_edits_survive_reload_share_and_files(
    warm: WarmProfile, browser: Any, quiz_site: Path, site_export: dict[str, Any], tmp_path: Path
) -> None:
    version = site_export["framework"]["version"]
    ratings = administrator_ratings(site_export)
    with warm_page(warm) as (page, log):
        open_answered(page, warm.url + "/asesmen/", POSITION, ratings)
        page.fill("#kq-id-name", "Ayu Lestari")
        page.fill("#kq-id-nip", "198001012005012001")
        result = submit_and_compare(page, site_export, ratings, position=POSITION)
        plan = result["plan"]
        # The Administrator's 9 gaps: 3 in focus, whole activities, never over 20 JP.
        assert len(plan["focus"]) == 3 and len(plan["later"]) == 6
        assert plan["total_jp"] <= 20
        assert page.text_content("#kq-plan-totals") == _totals(result)
        assert page.locator("#kq-plan-later-list li").count() == 6
        assert violations(page, "#kq-hasil") == []

        # Remove the first activity with the keyboard.
        items = [{"activity_id": i["activity_id"], "jp": i["jp"]} for i in plan["items"]]
        first = _shown_ids(page)[0]
        _press(page, f'[data-plan-action=remove][data-activity-id="{first}"]')
        items = [item for item in items if item["activity_id"] != first]
        edited = _after_edit(page, site_export, ratings, items)
        assert edited["plan"]["edited"] is True
        assert page.is_visible("#kq-plan-reset")

        # Swap an activity for another of the same competency, level and category.
        swappable = page.eval_on_selector_all(
            "#kq-plan select[id^=kq-swap-]", "els => els.map(e => e.id.slice(8))"
        )
        old = swappable[0]
        new = page.eval_on_selector(f"#kq-swap-{old}", "e => e.options[0].value")
        page.select_option(f"#kq-swap-{old}", new)
        _press(page, f'[data-plan-action=swap][data-activity-id="{old}"]')
        catalogue = {a["id"]: a for a in site_export["learning"]["activities"]}
        items = [
            {"activity_id": new, "jp": catalogue[new]["jp"]} if item["activity_id"] == old else item
            for item in items
        ]
        _after_edit(page, site_export, ratings, items)
        assert (catalogue[new]["competency"], catalogue[new]["level"]) == (
            catalogue[old]["competency"],
            catalogue[old]["level"],
        )

        # Add one from the catalogue of the focus competencies.
        added = page.eval_on_selector("#kq-plan-add-select", "e => e.options[1].value")
        page.select_option("#kq-plan-add-select", added)
        _press(page, "#kq-plan-add-button")
        items.append({"activity_id": added, "jp": catalogue[added]["jp"]})
        edited = _after_edit(page, site_export, ratings, items)
        assert violations(page, "#kq-hasil") == []
        saved = stored(page, version)
        assert saved["plan"]["items"] == items
        assert saved["identity"] == {"name": "Ayu Lestari", "nip": "198001012005012001"}

        # Reload: the edited plan comes back, as does the identity.
        reload_with_results(page)
        page.wait_for_function(
            "(text) => document.getElementById('kq-plan-totals').textContent === text",
            arg=_totals(edited),
        )
        assert _shown_ids(page) == _grouped(edited)
        assert page.input_value("#kq-id-name") == "Ayu Lestari"

        # The share link carries the edited plan (and never the identity).
        link = share_link(page)
        assert "Ayu" not in link and "198001012005012001" not in link
        with opened_link(browser, link) as other:
            assert _shown_ids(other) == _grouped(edited)
            assert other.text_content("#kq-plan-totals") == _totals(edited)
            assert other.input_value("#kq-id-name") == ""

        # The JSON file holds the plan and the identity; the CLI accepts its plan.
        target = tmp_path / "penilaian-kompetensi.json"
        document = save_answers_file(page, target)
        assert document["plan"]["items"] == items
        assert document["identity"]["name"] == "Ayu Lestari"
        assert document["result"] == edited
        answers = tmp_path / "answers.json"
        answers.write_text(json.dumps({"ratings": ratings}), encoding="utf-8")
        export = str(site_export_path(quiz_site))
        argv = ["assess", "--answers", str(answers), "--position", POSITION]
        argv += ["--plan", str(target), "--standards", export]
        assert json.loads(cli_output(argv))["plan"] == edited["plan"]

        # Erase, then import the file: the edited plan is restored exactly.
        erase_then_import(page, target)
        page.wait_for_function(
            "(text) => document.getElementById('kq-plan-totals').textContent === text",
            arg=_totals(edited),
        )
        assert _shown_ids(page) == _grouped(edited)
        assert page.is_hidden("[data-kq-notice=claimed-differs]")

        # Back to the engine's own choice.
        _press(page, "#kq-plan-reset")
        chosen = assess(site_export, ratings, position=POSITION)
        page.wait_for_function(
            "(text) => document.getElementById('kq-plan-totals').textContent === text",
            arg=_totals(chosen),
        )
        assert _shown_ids(page) == _grouped(chosen)
        assert log.off_origin(warm.url) == []


def test_focus_and_allowance_make_a_new_plan(
    warm: WarmProfile, browser: Any, quiz_site: Path, site_export: dict[str, Any]
) -> None:
    ratings = administrator_ratings(site_export)
    with warm_page(warm) as (page, _log):
        open_answered(page, warm.url + "/asesmen/", POSITION, ratings)
        page.fill("#kq-focus", "2")
        page.fill("#kq-jp", "30")
        result = submit_and_compare(
            page, site_export, ratings, position=POSITION, focus=2, total_jp=30
        )
        assert len(result["plan"]["focus"]) == 2
        assert page.text_content("#kq-plan-totals") == _totals(result)
        page.fill("#kq-focus", "12")
        click_settled(page, "#kq-submit")
        page.wait_for_selector("#kq-errors:not([hidden])")
        assert "Jumlah kompetensi fokus harus bilangan bulat dari 1 sampai 9." in (
            page.text_content("#kq-errors") or ""
        )


def test_an_answers_file_from_the_previous_version_gets_a_new_plan(
    warm: WarmProfile, browser: Any, quiz_site: Path, site_export: dict[str, Any], tmp_path: Path
) -> None:
    """A file saved before focus, identity and plan existed imports as before; the plan is the
    engine's own choice for its answers."""
    ratings = administrator_ratings(site_export)
    version = site_export["framework"]["version"]
    old = {
        "format": "kompetensi-asn/jawaban",
        "format_version": 1,
        "standards_version": version,
        "position": POSITION,
        "targets": {},
        "total_jp": 20,
        "ratings": ratings,
    }
    (tmp_path / "lama.json").write_text(json.dumps(old), encoding="utf-8")
    with warm_page(warm) as (page, _log):
        page.goto(warm.url + "/asesmen/")
        wait_engine(page)
        page.set_input_files("#kq-import-file", tmp_path / "lama.json")
        wait_results(page)
        result = assert_page_matches_engine(page, site_export, ratings, position=POSITION)
        assert page.text_content("#kq-plan-totals") == _totals(result)
        assert page.input_value("#kq-focus") == "3"
        saved = stored(page, version)
        assert (saved["focus"], saved["plan"], saved["identity"]) == (3, None, {})
