"""The results' per-level progress and borderline marks in Chromium, against the CPython engine
and ``kompetensi assess --format json`` for the same answers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from e2e_quiz import answer_by_clicking, new_page, random_ratings, submit_and_compare, wait_engine
from quiz_support import download_from

from generator.cli import main

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
    browser: Any,
    serve: Any,
    quiz_site: Path,
    site_export: dict[str, Any],
    tmp_path: Path,
    capsys: Any,
) -> None:
    ratings = random_ratings(site_export, seed=21)
    position = site_export["positions"][0]["id"]
    with serve(quiz_site) as server, new_page(browser) as (_, page, _log):
        page.goto(server.url + "/asesmen/")
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
                f"Level {level['level']}: {level['met']} dari {level['total']} terpenuhi",
            ]
            for level in expected["levels"]
        ]
        assert item["borderline"] is expected["borderline"]
        assert item["borderline_links"] == [f"#kq-i-{key}" for key in expected["decisive"]]
        assert item["next_step"].startswith("Langkah berikutnya") or expected["estimated"] == 5
    assert any(item["borderline"] for item in shown)
    assert any(level[1] < level[2] for item in shown for level in item["levels"])
