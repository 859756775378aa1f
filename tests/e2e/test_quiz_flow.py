"""The whole flow in Chromium: answer by keyboard, results equal the engine, keep and share."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from e2e_quiz import (
    WarmProfile,
    answer_by_clicking,
    asked_ratings,
    assert_page_matches_engine,
    checked_ratings,
    indicator_ids,
    new_page,
    random_ratings,
    site_export_path,
    stored,
    submit_and_compare,
    wait_engine,
    wait_results,
    warm_page,
)
from quiz_support import click_settled, download_from

from generator.engine import assess

pytestmark = [pytest.mark.browser, pytest.mark.slow]

POSITION = "administrator"


def _focus_is(page: Any, selector: str) -> bool:
    return bool(
        page.evaluate(
            "(s) => !!document.activeElement && document.activeElement.matches(s)", selector
        )
    )


def _tab_until(page: Any, selector: str, limit: int = 80) -> int:
    for count in range(1, limit + 1):
        page.keyboard.press("Tab")
        if _focus_is(page, selector):
            return count
    raise AssertionError(f"Tab never reached {selector}")


def answer_by_keyboard(page: Any, export: dict[str, Any], ratings: dict[str, int]) -> None:
    """From the position select, Tab through every radio group the form shows and set it with
    arrow keys (the adaptive form hides the levels it no longer asks)."""
    for indicator in indicator_ids(export):
        if page.is_hidden(f'[id="kq-i-{indicator}"]'):
            continue
        _tab_until(page, f'input[type=radio][name="{indicator}"]', limit=12)
        rating = ratings[indicator]
        if rating == 1:
            page.keyboard.press("Space")
        for _ in range(rating - 1):
            page.keyboard.press("ArrowRight")


def test_keyboard_flow_equals_engine_and_reload_restores(
    warm: WarmProfile, browser: Any, quiz_site: Path, site_export: dict[str, Any]
) -> None:
    version = site_export["framework"]["version"]
    ratings = random_ratings(site_export, seed=5)
    with warm_page(warm) as (page, log):
        page.goto(warm.url + "/asesmen/")
        assert page.evaluate("document.documentElement.dataset.engine") in ("loading", "ready")
        # Keyboard only, from the top of the page: reach the position select with Tab.
        _tab_until(page, "select[name=position]")
        for _ in range(30):
            if page.input_value("select[name=position]") == POSITION:
                break
            page.keyboard.press("ArrowDown")
        assert page.input_value("select[name=position]") == POSITION
        answer_by_keyboard(page, site_export, ratings)
        # A keyboard user answers what the form asks; the result is that of the full answers.
        ratings = asked_ratings(site_export, ratings)
        assert checked_ratings(page) == ratings
        assert len(ratings) < 135
        assert page.text_content("#kq-progress-text") == (
            f"{len(ratings)} dari {len(ratings)} pernyataan dijawab"
        )
        _tab_until(page, "#kq-submit", limit=20)
        page.keyboard.press("Enter")
        wait_results(page)
        # Focus moves to the results heading.
        assert _focus_is(page, "#kq-hasil-judul")
        assert_page_matches_engine(page, site_export, ratings, position=POSITION)
        saved = stored(page, version)
        assert saved["ratings"] == ratings
        assert (saved["position"], saved["submitted"]) == (POSITION, True)

        page.reload()
        assert checked_ratings(page) == ratings  # before the engine is ready
        assert page.input_value("select[name=position]") == POSITION
        wait_engine(page)
        wait_results(page)
        assert_page_matches_engine(page, site_export, ratings, position=POSITION)
        assert log.off_origin(warm.url) == []
        assert any(url.endswith("pyodide.asm.wasm") for url in log.urls)


def test_enter_in_a_field_submits_on_the_page(
    warm: WarmProfile, browser: Any, quiz_site: Path, site_export: dict[str, Any]
) -> None:
    """Enter in a field still assesses on the page (browsers turn it into a click on the submit
    button, which the quiz handles): the form is never sent, the URL keeps no query."""
    version = site_export["framework"]["version"]
    ratings = random_ratings(site_export, seed=21, share=0.6)
    with warm_page(warm) as (page, _log):
        page.goto(warm.url + "/asesmen/")
        answer_by_clicking(page, ratings)
        page.fill("#kq-jp", "24")
        page.focus("#kq-jp")
        page.keyboard.press("Enter")
        wait_results(page)
        assert _focus_is(page, "#kq-hasil-judul")
        assert page.url == warm.url + "/asesmen/"
        assert_page_matches_engine(page, site_export, ratings, total_jp=24)
        saved = stored(page, version)
        assert (saved["ratings"], saved["total_jp"], saved["submitted"]) == (ratings, 24, True)


def test_export_erase_import_round_trip(
    warm: WarmProfile,
    browser: Any,
    quiz_site: Path,
    site_export: dict[str, Any],
    tmp_path: Path,
) -> None:
    version = site_export["framework"]["version"]
    ratings = random_ratings(site_export, seed=11, share=0.8)
    with warm_page(warm) as (page, log):
        page.goto(warm.url + "/asesmen/")
        page.select_option("select[name=position]", "pengawas")
        page.fill("#kq-jp", "36")
        answer_by_clicking(page, ratings)
        result = submit_and_compare(page, site_export, ratings, position="pengawas", total_jp=36)

        downloads = {}
        for button, name in [
            ("#kq-download-json", "penilaian-kompetensi.json"),
            ("#kq-download-md", "rencana-pengembangan-kompetensi.md"),
            ("#kq-download-csv", "rencana-pengembangan-kompetensi.csv"),
        ]:
            file = download_from(page, button)
            assert file.suggested_filename == name
            target = tmp_path / name
            file.save_as(target)
            downloads[name] = target
        saved = json.loads(downloads["penilaian-kompetensi.json"].read_text(encoding="utf-8"))
        assert saved["ratings"] == ratings
        assert (saved["position"], saved["total_jp"]) == ("pengawas", 36)
        assert saved["result"] == result
        # The same answers through the command line give the same result and the same report.
        answers = tmp_path / "answers.json"
        answers.write_text(json.dumps({"ratings": ratings}), encoding="utf-8")
        for output_format, name in [
            ("json", None),
            ("markdown", "rencana-pengembangan-kompetensi.md"),
        ]:
            cli = subprocess.run(
                [sys.executable, "-m", "generator.cli", "assess", "--answers", str(answers),
                 "--position", "pengawas", "--jp", "36", "--format", output_format,
                 "--standards", str(site_export_path(quiz_site))],
                capture_output=True, text=True, check=True,
            )  # fmt: skip
            if name is None:
                assert json.loads(cli.stdout) == saved["result"]
            else:
                assert downloads[name].read_text(encoding="utf-8") == cli.stdout
        csv_text = downloads["rencana-pengembangan-kompetensi.csv"].read_text(encoding="utf-8-sig")
        assert csv_text.startswith("bagian,kompetensi_id,kompetensi,")

        # "Hapus data saya" erases the form, the result and the storage.
        page.click("#kq-erase")
        assert _focus_is(page, "#kq-erase-yes")
        page.click("#kq-erase-yes")
        assert checked_ratings(page) == {}
        assert page.is_hidden("#kq-hasil")
        assert (
            page.evaluate(
                "() => Object.keys(localStorage).filter(k => k.startsWith('kompetensi-asn:'))"
            )
            == []
        )

        # A tampered file is refused as a whole and changes nothing.
        tampered = dict(saved, ratings={**ratings, "integritas.1.1": 9}, extra=True)
        tampered["targets"] = {"__proto__": 3}
        bad = tmp_path / "rusak.json"
        bad.write_text(json.dumps(tampered), encoding="utf-8")
        page.set_input_files("#kq-import-file", bad)
        page.wait_for_selector("#kq-errors:not([hidden])")
        assert _focus_is(page, "#kq-errors")
        errors = page.text_content("#kq-errors")
        assert "extra: kunci tidak dikenal" in errors
        assert "ratings.integritas.1.1: harus salah satu nilai 1, 2, 3, 4" in errors
        assert "targets.__proto__: kompetensi tidak dikenal" in errors
        assert checked_ratings(page) == {}

        # The exported file comes back whole: answers, position, JP and the same result.
        page.set_input_files("#kq-import-file", downloads["penilaian-kompetensi.json"])
        wait_results(page)
        assert checked_ratings(page) == ratings
        assert page.input_value("#kq-jp") == "36"
        assert_page_matches_engine(page, site_export, ratings, position="pengawas", total_jp=36)
        assert page.is_hidden("[data-kq-notice=claimed-differs]")
        assert stored(page, version)["ratings"] == ratings

        # A file whose result was edited: the recomputed result is shown, with a warning.
        forged = json.loads(json.dumps(saved))
        forged["result"]["competencies"][0]["estimated"] = 5
        (tmp_path / "forged.json").write_text(json.dumps(forged), encoding="utf-8")
        page.set_input_files("#kq-import-file", tmp_path / "forged.json")
        page.wait_for_selector("[data-kq-notice=claimed-differs]")
        assert_page_matches_engine(page, site_export, ratings, position="pengawas", total_jp=36)
        assert log.off_origin(warm.url) == []


def test_share_link_round_trip_and_comparison(
    browser: Any,
    serve: Any,
    quiz_site: Path,
    site_export: dict[str, Any],
    tmp_path: Path,
) -> None:
    mine = random_ratings(site_export, seed=21)
    theirs = random_ratings(site_export, seed=22)
    with serve(quiz_site) as server:
        with new_page(browser) as (_, page, _log):
            page.goto(server.url + "/asesmen/")
            page.select_option("select[name=position]", "pelaksana")
            answer_by_clicking(page, theirs)
            click_settled(page, "#kq-submit")
            wait_results(page)
            click_settled(page, "#kq-share")
            link = page.input_value("#kq-share-url")
            assert link.startswith(server.url + "/asesmen/#jawaban=4~")
            assert link.endswith("~-~-")  # no priorities marked, no technical answers
            download_from(page, "#kq-download-json").save_as(tmp_path / "atasan.json")

        # A damaged link changes nothing and says why.
        with new_page(browser) as (_, page, _log):
            page.goto(link.replace("#jawaban=4~", "#jawaban=4~x", 1))  # an unknown version
            page.wait_for_selector("[data-kq-notice=share-invalid]")
            assert "Tautan berbagi tidak dapat dibuka" in page.text_content(
                "[data-kq-notice=share-invalid]"
            )
            assert checked_ratings(page) == {}

        # A fresh browser opens the link: same answers, same results, nothing sent anywhere.
        with new_page(browser) as (_, page, log):
            page.goto(link)
            assert checked_ratings(page) == theirs
            wait_results(page)
            assert_page_matches_engine(page, site_export, theirs, position="pelaksana")
            assert "#" not in page.url  # the answers leave the address bar once loaded
            assert all("jawaban=" not in url for url in log.urls)

        # A link of version 2 (before priorities and technical answers) still opens.
        older = link.replace("#jawaban=4~", "#jawaban=2~", 1).removesuffix("~-~-")
        with new_page(browser) as (_, page, _log):
            page.goto(older)
            assert checked_ratings(page) == theirs
            wait_results(page)
            assert_page_matches_engine(page, site_export, theirs, position="pelaksana")

        # Someone with answers of their own chooses to compare instead of replacing them.
        with new_page(browser) as (_, page, log):
            page.goto(server.url + "/asesmen/")
            page.select_option("select[name=position]", "pelaksana")
            answer_by_clicking(page, mine)
            page.goto(link)
            page.wait_for_selector("[data-kq-notice=share-choice]")
            assert checked_ratings(page) == mine
            page.click("text=Bandingkan dengan jawaban saya")
            page.wait_for_selector("#kq-compare:not([hidden]) [data-compare-competency]")
            own = assess(site_export, mine, position="pelaksana")
            other = assess(site_export, theirs, position="pelaksana")
            rows = page.eval_on_selector_all(
                "[data-compare-competency]",
                "els => els.map(e => [e.dataset.compareCompetency, e.dataset.own, e.dataset.other])",
            )
            assert rows == [
                [a["id"], str(a["estimated"]), str(b["estimated"])]
                for a, b in zip(own["competencies"], other["competencies"], strict=True)
            ]
            assert checked_ratings(page) == mine

            # The supervisor's JSON file loads beside one's own result the same way.
            page.set_input_files("#kq-compare-file", tmp_path / "atasan.json")
            page.wait_for_function(
                "document.querySelector('#kq-compare-other-head').textContent === 'atasan'"
            )
            assert page.eval_on_selector_all(
                "[data-compare-competency]", "els => els.map(e => e.dataset.other)"
            ) == [str(c["estimated"]) for c in other["competencies"]]
            assert log.off_origin(server.url) == []


def test_targets_of_ones_own_and_stale_results(
    warm: WarmProfile, browser: Any, quiz_site: Path, site_export: dict[str, Any]
) -> None:
    """Without a position, targets set per competency reach the engine; with one, they hide."""
    ratings = random_ratings(site_export, seed=61)
    targets = {"integritas": 4, "kerjasama": 1, "komunikasi": None}
    with warm_page(warm) as (page, _log):
        page.goto(warm.url + "/asesmen/")
        page.select_option("select[name=position]", "pengawas")
        assert page.is_hidden("#kq-targets")
        page.select_option("select[name=position]", "")
        assert page.is_visible("#kq-targets")
        for competency, level in targets.items():
            page.select_option(f"#kq-t-{competency}", "" if level is None else str(level))
        answer_by_clicking(page, ratings)
        click_settled(page, "#kq-submit")
        wait_results(page)
        expected = {key: value for key, value in targets.items()}
        expected.update(
            {c["id"]: None for c in site_export["competencies"] if c["id"] not in targets}
        )
        assert_page_matches_engine(page, site_export, ratings, targets=expected)
        assert page.text_content("#kq-meta-basis") == "Target ditetapkan sendiri"
        assert page.is_hidden("#kq-stale")
        # Changing an answer after the result marks the result as out of date until resubmitted.
        page.check('input[name="integritas.1.1"][value="1"]')
        assert page.is_visible("#kq-stale")
        click_settled(page, "#kq-submit")
        page.wait_for_selector("#kq-stale", state="hidden")
        assert_page_matches_engine(
            page, site_export, {**ratings, "integritas.1.1": 1}, targets=expected
        )


def test_each_result_links_the_statements_that_decided_it(
    warm: WarmProfile, browser: Any, quiz_site: Path, site_export: dict[str, Any]
) -> None:
    """The explanation names indicators by id; the list under it leads to each statement in the
    form, with the number the form gives it."""
    ratings = random_ratings(site_export, seed=62)
    with warm_page(warm) as (page, _log):
        page.goto(warm.url + "/asesmen/")
        answer_by_clicking(page, ratings)
        wait_engine(page)
        result = submit_and_compare(page, site_export, ratings)
        links = page.eval_on_selector_all(
            "#kq-result-list [data-competency]",
            """items => items.map((item) => [item.dataset.competency,
                [...item.querySelectorAll('.kq-decisive a')].map(
                    (a) => [a.getAttribute('href'), a.textContent])])""",
        )
        assert {competency: [href for href, _ in found] for competency, found in links} == {
            item["id"]: [f"#kq-i-{key}" for key in item["decided_by"]]
            for item in result["competencies"]
        }
        assert any(found for _, found in links)
        for _, found in links:
            for href, text in found:
                legend = page.text_content(f'[id="{href[1:]}"] > legend') or ""
                number, statement = legend.split(". ", 1)
                assert text == f"Pernyataan {number}: {statement}"
        # Following a link brings the statement into view, to be answered again.
        href = next(found[0][0] for _, found in links if found)
        click_settled(page, f'#kq-result-list a[href="{href}"]')
        page.wait_for_function(
            """(id) => { const box = document.getElementById(id).getBoundingClientRect();
                         return box.top >= 0 && box.bottom <= innerHeight; }""",
            arg=href[1:],
        )
        assert page.evaluate("location.hash") == href
