"""The engine inside Pyodide gives exactly what it gives on CPython, for many answer sets."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from e2e_quiz import indicator_ids, new_page, random_ratings, wait_engine

from generator.quiz import bridge

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _requests(export: dict[str, Any]) -> list[dict[str, Any]]:
    ids = indicator_ids(export)
    competencies = [competency["id"] for competency in export["competencies"]]
    requests: list[dict[str, Any]] = [
        {"ratings": {}},
        {"ratings": dict.fromkeys(ids, 4), "position": "jpt-madya"},
        {"ratings": dict.fromkeys(ids, 4)},
        {"ratings": dict.fromkeys(ids, 1), "position": "pelaksana", "total_jp": 1},
        {"ratings": dict.fromkeys(ids, 3), "position": "jf-ahli-utama", "total_jp": 1000},
        {"ratings": random_ratings(export, 1, share=0.5), "position": "administrator"},
        {
            "ratings": random_ratings(export, 2),
            "targets": {competencies[0]: 5, competencies[1]: None, competencies[2]: 1},
            "total_jp": 37,
        },
        # Problems come back as the same list on both sides.
        {"ratings": {"integritas.9.9": 0, ids[0]: "4"}, "position": "lurah", "total_jp": 0},
    ]
    for seed in range(3, 10):
        position = export["positions"][seed % len(export["positions"])]["id"]
        requests.append({"ratings": random_ratings(export, seed, share=0.9), "position": position})
    return requests


def test_engine_in_pyodide_equals_cpython(
    browser: Any, serve: Any, quiz_site: Path, site_export: dict[str, Any]
) -> None:
    assert json.loads(bridge.load(json.dumps(site_export)))["ok"]
    requests = _requests(site_export)
    with serve(quiz_site) as server, new_page(browser) as (_, page, log):
        page.goto(server.url + "/asesmen/")
        wait_engine(page)
        answers = page.evaluate(
            """async (requests) => {
                   const out = [];
                   for (const request of requests) {
                       out.push(await KompetensiQuiz.call('run_assessment', request));
                   }
                   return out;
               }""",
            requests,
        )
        for request, answer in zip(requests, answers, strict=True):
            expected = json.loads(bridge.run_assessment(json.dumps(request)))
            assert answer == expected, request
        assert (answers[7]["ok"], answers[7]["kind"]) == (False, "input")
        comparison = {"own": requests[5], "other": requests[6], "label": "atasan"}
        answer = page.evaluate(
            "(request) => KompetensiQuiz.call('run_comparison', request)", comparison
        )
        assert answer == json.loads(bridge.run_comparison(json.dumps(comparison)))
        python = page.evaluate("KompetensiQuiz.timings().worker")
        assert set(python) >= {"python", "micropip", "engine", "data"}
        assert log.off_origin(server.url) == []
