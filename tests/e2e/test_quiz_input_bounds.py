"""What the quiz page refuses to hand to Python or to overwrite: answers saved under a NEWER
standards version are left alone (with an honest notice), an imported result that is nested too
deeply or too large is ignored in the page, and an engine call's timer starts only after its
request was serialised."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from e2e_quiz import (
    STORAGE_KEY,
    WarmProfile,
    assert_page_matches_engine,
    checked_ratings,
    random_ratings,
    submit_and_compare,
    wait_engine,
    wait_results,
    warm_page,
)
from quiz_support import answer, seed_storage

from generator.browser import bridge
from generator.engine import answers_document, recap_files

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _doc(version: str, ratings: dict[str, int], **extra: Any) -> dict[str, Any]:
    return {
        "format": "kompetensi-asn/jawaban",
        "format_version": 1,
        "standards_version": version,
        "position": None,
        "targets": {},
        "total_jp": 20,
        "ratings": ratings,
        "submitted": False,
        **extra,
    }


def _storage(page: Any) -> dict[str, str]:
    return page.evaluate(
        "() => Object.fromEntries(Object.keys(localStorage)"
        ".filter(k => k.startsWith('kompetensi-asn:jawaban:'))"
        ".map(k => [k, localStorage.getItem(k)]))"
    )


@pytest.mark.parametrize("newer", [["9999.1"], ["2017.10", "3000"]])
def test_answers_under_a_newer_version_are_left_alone(
    warm: WarmProfile, browser: Any, quiz_site: Path, site_export: dict[str, Any], newer: list[str]
) -> None:
    version = site_export["framework"]["version"]
    theirs = random_ratings(site_export, seed=7, share=0.3)
    seeded = {STORAGE_KEY + v: json.dumps(_doc(v, theirs)) for v in newer}
    with warm_page(warm) as (page, _log):
        page.add_init_script(seed_storage(seeded))
        page.goto(warm.url + "/asesmen/")
        page.wait_for_selector("[data-kq-notice=newer-version]")
        text = page.text_content("[data-kq-notice=newer-version]") or ""
        assert f"versi standar {', '.join(newer)}" in text
        assert f"versi halaman ini ({version})" in text
        assert "dibiarkan utuh" in text
        assert page.query_selector("[data-kq-notice=migrated]") is None
        assert checked_ratings(page) == {}
        # Answering here saves under this page's version and never touches the newer answers.
        mine = random_ratings(site_export, seed=8, share=0.2)
        answer(page, dict(list(mine.items())[:3]))
        page.wait_for_function(
            f"() => localStorage.getItem({json.dumps(STORAGE_KEY + version)}) !== null"
        )
        stored = _storage(page)
        for key, value in seeded.items():
            assert stored[key] == value


def test_older_answers_migrate_and_newer_ones_stay(
    warm: WarmProfile, browser: Any, quiz_site: Path, site_export: dict[str, Any]
) -> None:
    version = site_export["framework"]["version"]
    older = random_ratings(site_export, seed=9, share=0.4)
    newer = random_ratings(site_export, seed=10, share=0.4)
    seeded = {
        STORAGE_KEY + "9999.1": json.dumps(_doc("9999.1", newer)),
        STORAGE_KEY + "2016.9": json.dumps(_doc("2016.9", older)),
    }
    with warm_page(warm) as (page, _log):
        page.add_init_script(seed_storage(seeded))
        page.goto(warm.url + "/asesmen/")
        page.wait_for_selector("[data-kq-notice=migrated]")
        page.wait_for_selector("[data-kq-notice=newer-version]")
        assert f"dari versi 2016.9 ke versi {version}" in (
            page.text_content("[data-kq-notice=migrated]") or ""
        )
        assert checked_ratings(page) == older
        stored = _storage(page)
        assert STORAGE_KEY + "2016.9" not in stored
        assert stored[STORAGE_KEY + "9999.1"] == seeded[STORAGE_KEY + "9999.1"]
        assert json.loads(stored[STORAGE_KEY + version])["ratings"] == older


def _nested(depth: int) -> str:
    """JSON text of ``depth`` nested objects and lists (json.dumps cannot write 10,000 levels)."""
    opening = "".join('{"x": ' if level % 2 == 0 else "[" for level in range(depth))
    closing = "".join("}" if level % 2 == 0 else "]" for level in reversed(range(depth)))
    return opening + "0" + closing


@pytest.mark.parametrize(
    ("name", "result", "ignored"),
    [
        ("10000-levels", '{"competencies": ' + _nested(10_000) + "}", True),
        ("33-levels", '{"a": ' + _nested(32) + "}", True),
        ("200000-values", json.dumps({"competencies": [0] * 200_000}), True),
        ("110-lists-of-1000", json.dumps({"a": [[1] * 1000] * 110}, separators=(",", ":")), True),
        ("20-levels", '{"a": ' + _nested(19) + "}", False),
    ],
)
def test_an_imported_result_too_deep_or_too_large_is_ignored_before_python(
    warm: WarmProfile,
    browser: Any,
    quiz_site: Path,
    site_export: dict[str, Any],
    tmp_path: Path,
    name: str,
    result: str,
    ignored: bool,
) -> None:
    version = site_export["framework"]["version"]
    ratings = random_ratings(site_export, seed=11)
    file = tmp_path / f"{name}.json"
    answers = json.dumps(_doc(version, ratings))
    file.write_text(answers[:-1] + ', "result": ' + result + "}", encoding="utf-8")
    assert file.stat().st_size < 1024 * 1024  # under the page's file limit: the check is ours
    with warm_page(warm) as (page, _log):
        page.goto(warm.url + "/asesmen/")
        wait_engine(page)
        page.set_input_files("#kq-import-file", file)
        wait_results(page)
        assert checked_ratings(page) == ratings
        assert_page_matches_engine(page, site_export, ratings, total_jp=20)
        shown = page.query_selector("[data-kq-notice=claimed-ignored]") is not None
        assert shown == ignored
        # Within the bounds the result reaches Python, which finds it differs.
        assert (page.query_selector("[data-kq-notice=claimed-differs]") is not None) == (
            not ignored
        )
        assert page.evaluate("document.documentElement.dataset.engine") == "ready"


def test_an_imported_plan_is_checked_by_the_engine_whose_located_messages_the_page_shows(
    warm: WarmProfile, browser: Any, quiz_site: Path, site_export: dict[str, Any], tmp_path: Path
) -> None:
    """The page checks of an imported plan only what it keeps (an object whose items are
    objects), of the priorities only that the form has them; what each plan item holds and
    that a priority is marked once are the engine's checks, the same as ``kompetensi
    assess``'s, and the page lists exactly the engine's located problems."""
    version = site_export["framework"]["version"]
    ratings = random_ratings(site_export, seed=12)
    activities = site_export["learning"]["activities"]
    activity = next(item for item in activities if not item["arranged_by_agency"])
    plan = {
        "items": [
            {"activity_id": "Bukan Kegiatan", "jp": 8},
            {"activity_id": activity["id"], "jp": str(activity["jp"])},
        ]
    }
    file = tmp_path / "rencana.json"
    twice = [site_export["competencies"][0]["id"]] * 2
    doc = _doc(version, ratings, plan=plan, priorities=twice)
    file.write_text(json.dumps(doc), encoding="utf-8")
    bridge.load(json.dumps(site_export))
    request = {"ratings": ratings, "total_jp": 20, "priorities": twice, "plan": plan}
    reply = json.loads(bridge.run_assessment(json.dumps(request)))
    assert [problem["path"] for problem in reply["problems"]] == [
        "priorities[1]",
        "plan.items[0].activity_id",
        "plan.items[1].jp",
    ]
    expected = [reply["message"]] + [
        f"{p['path']}: {p['message']} ({p['hint']})" for p in reply["problems"]
    ]
    with warm_page(warm) as (page, _log):
        page.goto(warm.url + "/asesmen/")
        wait_engine(page)
        page.set_input_files("#kq-import-file", file)
        page.wait_for_selector("#kq-errors:not([hidden])")
        shown = page.eval_on_selector_all(
            "#kq-errors-list li", "els => els.map(e => e.textContent)"
        )
        assert shown == expected


def test_the_pages_own_guards_of_an_imported_file_read_the_limits_from_python(
    warm: WarmProfile, browser: Any, quiz_site: Path, site_export: dict[str, Any], tmp_path: Path
) -> None:
    """A file larger than the recap's and the quiz's limit, and an identity text longer than the
    form field (``maxlength``), are refused whole, with the limits of the Python constants."""
    version = site_export["framework"]["version"]
    limit = answers_document.MAX_IDENTITY_CHARS
    identity = {"name": "Nama", "nip": "1" * (limit + 1)}
    long_identity = tmp_path / "identitas.json"
    doc = _doc(version, random_ratings(site_export, seed=13), identity=identity)
    long_identity.write_text(json.dumps(doc), encoding="utf-8")
    large = tmp_path / "besar.json"
    large.write_text(" " * recap_files.MAX_RESULT_BYTES + "{}", encoding="utf-8")
    keep = "Tidak ada yang diubah; jawaban Anda tetap seperti semula."
    megabytes = recap_files.MAX_RESULT_BYTES // (1024 * 1024)
    with warm_page(warm) as (page, _log):
        page.goto(warm.url + "/asesmen/")
        page.wait_for_selector("[data-kq-root][data-kq-bound]")
        for file, expected in (
            (
                long_identity,
                [keep, f"identity.nip: harus berupa teks paling panjang {limit} karakter"],
            ),
            (large, [f"Berkas lebih besar dari {megabytes} MB. {keep}"]),
        ):
            page.set_input_files("#kq-import-file", file)
            page.wait_for_selector("#kq-errors:not([hidden])")
            shown = page.eval_on_selector_all(
                "#kq-errors-list li", "els => els.map(e => e.textContent)"
            )
            assert shown == expected
            page.evaluate("document.querySelector('#kq-errors').hidden = true")
        assert checked_ratings(page) == {}


ORDER = """
window.__order = [];
const stringify = JSON.stringify;
JSON.stringify = function (value, ...rest) {
  if (value && typeof value === "object" && "ratings" in value && !("format" in value)) {
    window.__order.push("request");
  }
  return stringify.call(this, value, ...rest);
};
const setTimer = window.setTimeout;
window.setTimeout = function (callback, ms, ...rest) {
  if (ms === 60000) window.__order.push("timer");
  return setTimer.call(this, callback, ms, ...rest);
};
"""


def test_the_call_timer_starts_after_the_request_is_serialised(
    warm: WarmProfile, browser: Any, quiz_site: Path, site_export: dict[str, Any]
) -> None:
    ratings = random_ratings(site_export, seed=12, share=0.5)
    with warm_page(warm) as (page, _log):
        page.add_init_script(ORDER)
        page.goto(warm.url + "/asesmen/")
        wait_engine(page)
        answer(page, ratings)
        submit_and_compare(page, site_export, ratings)
        order = page.evaluate("window.__order")
        timers = [i for i, step in enumerate(order) if step == "timer"]
        assert timers, order
        assert all(i > 0 and order[i - 1] == "request" for i in timers), order
