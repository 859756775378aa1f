"""The results' per-level progress and borderline marks in Chromium, against the CPython engine
and ``kompetensi assess --format json`` for the same answers."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import build_variant
from e2e_quiz import (
    WarmProfile,
    answer_by_clicking,
    new_page,
    random_ratings,
    shown_results,
    site_export_path,
    submit_and_compare,
    wait_engine,
    warm_page,
)
from quiz_support import download_from

from generator.cli import main
from generator.engine import assess
from generator.engine.report import uncertain_gaps

ROOT = Path(__file__).resolve().parents[2]


def _cli_result(
    tmp_path: Path, ratings: dict[str, int], position: str, capsys: Any
) -> dict[str, Any]:
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"ratings": ratings}), encoding="utf-8")
    argv = ["assess", "--standards", str(ROOT / "standards"), "--answers", str(answers)]
    capsys.readouterr()
    assert main([*argv, "--position", position, "--format", "json"]) == 0
    result: dict[str, Any] = json.loads(capsys.readouterr().out)
    return result


def test_levels_and_borderline_match_the_cli(
    warm: WarmProfile,
    browser: Any,
    quiz_site: Path,
    site_export: dict[str, Any],
    tmp_path: Path,
    capsys: Any,
) -> None:
    ratings = random_ratings(site_export, seed=21)
    position = site_export["positions"][0]["id"]
    with warm_page(warm) as (page, _log):
        page.goto(warm.url + "/asesmen/")
        page.select_option("#kq-position", position)
        answer_by_clicking(page, ratings)
        wait_engine(page)
        result = submit_and_compare(page, site_export, ratings, position=position)
        shown = page.eval_on_selector_all(
            "#kq-result-list [data-competency]",
            """items => items.map((item) => ({
                id: item.dataset.competency,
                borderline: item.hasAttribute('data-borderline'),
                levels: [...item.querySelectorAll('.kq-levels > li')].map((li) => [
                    Number(li.dataset.level), Number(li.dataset.met), Number(li.dataset.total),
                    li.textContent]),
                borderline_links: [...item.querySelectorAll('.kq-borderline a')].map(
                    (a) => a.getAttribute('href')),
                next_step: item.querySelector('.kq-next-step').textContent,
            }))""",
        )
        uncertain = page.eval_on_selector_all(
            "#kq-plan .kq-uncertain > li", "items => items.map((li) => li.textContent)"
        )
        downloaded = tmp_path / "penilaian-kompetensi.json"
        download_from(page, "#kq-download-json").save_as(downloaded)
    cli = _cli_result(tmp_path, ratings, position, capsys)
    assert cli == result
    # The downloaded answers document carries the same result, levels and borderline included.
    assert json.loads(downloaded.read_text(encoding="utf-8"))["result"] == cli
    assert [item["id"] for item in shown] == [item["id"] for item in cli["competencies"]]
    for item, expected in zip(shown, cli["competencies"], strict=True):
        assert item["levels"] == [
            [
                level["level"],
                level["met"],
                level["total"],
                f"Level {level['level']}: {level['met']} dari {level['total']} terpenuhi"
                if level["level"] <= expected["estimated"] + 1
                else f"Level {level['level']}: belum dihitung",
            ]
            for level in expected["levels"]
        ]
        assert item["borderline"] is expected["borderline"]
        assert item["borderline_links"] == [f"#kq-i-{key}" for key in expected["decisive"]]
        assert item["next_step"].startswith("Langkah berikutnya") or expected["estimated"] == 5
    assert any(item["borderline"] for item in shown)
    # The plan names each gap one answer could change, as the Markdown download does.
    assert uncertain == uncertain_gaps(cli)
    assert uncertain and all("bergantung pada satu jawaban" in line for line in uncertain)
    assert any(level[1] < level[2] for item in shown for level in item["levels"])


@pytest.fixture(scope="module")
def all_rule_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site built from a copy of standards/ whose framework.yaml says level_rule: all."""
    folder = tmp_path_factory.mktemp("all-rule-site")
    standards = folder / "standards"
    shutil.copytree(ROOT / "standards", standards)
    framework = standards / "framework.yaml"
    text = framework.read_text(encoding="utf-8")
    assert "\n  level_rule: majority\n" in text
    framework.write_text(text.replace("level_rule: majority", "level_rule: all"), "utf-8")
    return build_variant(folder, standards=standards)


def test_changing_the_rule_in_framework_yaml_changes_the_browser_results(
    browser: Any, serve: Any, quiz_site: Path, all_rule_site: Path, site_export: dict[str, Any]
) -> None:
    all_export = json.loads(site_export_path(all_rule_site).read_text(encoding="utf-8"))
    assert (site_export["assessment"]["level_rule"], all_export["assessment"]["level_rule"]) == (
        "majority",
        "all",
    )
    ratings = random_ratings(site_export, seed=22)
    shown = {}
    for site, export in ((quiz_site, site_export), (all_rule_site, all_export)):
        with serve(site) as server, new_page(browser) as (_, page, _log):
            page.goto(server.url + "/asesmen/")
            answer_by_clicking(page, ratings)
            wait_engine(page)
            # Each page equals the engine under its own export's rule.
            submit_and_compare(page, export, ratings)
            shown[export["assessment"]["level_rule"]] = shown_results(page)
    assert shown["majority"] != shown["all"]
    assert [c["estimated"] for c in assess(all_export, ratings)["competencies"]] == [
        int(row[1]) for row in shown["all"]
    ]
