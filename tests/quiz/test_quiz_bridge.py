"""The worker's door into the engine: JSON in, JSON out, every failure a message."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest

from generator.browser import bridge, report
from generator.engine import assess
from generator.engine.report import to_markdown


@pytest.fixture
def loaded(export: dict[str, Any]) -> dict[str, Any]:
    answer = json.loads(bridge.load(json.dumps(export)))
    assert answer == {
        "ok": True,
        "standards_version": export["framework"]["version"],
        "competencies": len(export["competencies"]),
        "indicators": 135,
    }
    return export


def _run(request: object) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(bridge.run_assessment(json.dumps(request)))
    return result


def test_assessment_equals_the_engine(loaded: dict[str, Any]) -> None:
    ratings = {"integritas.1.1": 4, "integritas.1.2": 3, "integritas.1.3": 3, "kerjasama.1.1": 1}
    answer = _run({"ratings": ratings, "position": "pengawas", "total_jp": 40})
    assert answer["ok"] is True
    assert answer["result"] == assess(loaded, ratings, position="pengawas", total_jp=40)
    assert answer["claimed_matches"] is None
    assert answer["view"]["chart"].startswith("<svg ")
    # The downloads are made on request (run_report): the reply the page waits for stays small.
    assert set(answer) == {"ok", "result", "view", "claimed_matches"}


def test_downloads_are_made_on_request(loaded: dict[str, Any]) -> None:
    ratings = {"integritas.1.1": 4, "integritas.1.2": 3, "integritas.1.3": 3, "kerjasama.1.1": 1}
    request = {"ratings": ratings, "position": "pengawas", "total_jp": 40}
    expected = assess(loaded, ratings, position="pengawas", total_jp=40)
    markdown = json.loads(bridge.run_report(json.dumps({**request, "format": "markdown"})))
    assert markdown == {"ok": True, "text": to_markdown(loaded, expected)}  # the CLI's own report
    csv = json.loads(bridge.run_report(json.dumps({**request, "format": "csv"})))
    assert csv["ok"] is True
    view = _run(request)["view"]
    assert csv["text"] == report.csv_text(view)
    assert csv["text"].startswith("\ufeffbagian,kompetensi_id,")


@pytest.mark.parametrize(
    ("request_", "detail"),
    [
        ({"ratings": {}}, "format: expected one of markdown, csv"),
        ({"ratings": {}, "format": "pdf"}, "format: expected one of markdown, csv"),
        ({"ratings": {}, "format": "csv", "evil": 1}, "request: unknown keys evil"),
        # The identity is checked as in an answers file (answers_document), in the page's language.
        (
            {"ratings": {}, "format": "csv", "identity": ["x"]},
            "identity: diharapkan objek, tertulis daftar",
        ),
        (
            {"ratings": {}, "format": "markdown", "identity": {"nip": 1, "pangkat": "x"}},
            "identity.nip: diharapkan teks paling panjang 120 karakter, tertulis 1; "
            "identity.pangkat: kunci tidak dikenal Saran: kunci yang dikenal: name, nip, unit, "
            "period, position_title",
        ),
        (
            {"ratings": {}, "format": "csv", "identity": {"name": "x" * 121}},
            "identity.name: diharapkan teks paling panjang 120 karakter, tertulis "
            '"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...',
        ),
    ],
)
def test_malformed_report_requests(
    loaded: dict[str, Any], request_: dict[str, Any], detail: str
) -> None:
    answer = json.loads(bridge.run_report(json.dumps(request_)))
    assert (answer["ok"], answer["kind"], answer["detail"]) == (False, "request", detail)


def test_the_report_prints_the_identity_on_one_line(loaded: dict[str, Any]) -> None:
    identity = {"name": "  Ayu\n Lestari ", "nip": "1980", "unit": "   "}
    request = {"ratings": {}, "format": "markdown", "identity": identity}
    answer = json.loads(bridge.run_report(json.dumps(request)))
    expected = to_markdown(loaded, assess(loaded, {}), {"name": "Ayu Lestari", "nip": "1980"})
    assert answer == {"ok": True, "text": expected}
    assert "Ayu Lestari" in expected


def test_report_input_problems_come_back_as_a_list(loaded: dict[str, Any]) -> None:
    answer = json.loads(bridge.run_report(json.dumps({"ratings": {"x": 1}, "format": "csv"})))
    assert (answer["ok"], answer["kind"]) == (False, "input")
    assert [problem["path"] for problem in answer["problems"]] == ["ratings.x"]


def test_targets_instead_of_a_position(loaded: dict[str, Any]) -> None:
    targets = {"integritas": 2, "kerjasama": None}
    answer = _run({"ratings": {}, "targets": targets})
    assert answer["result"] == assess(loaded, {}, targets=targets)
    assert answer["view"]["basis"] == "Target ditetapkan sendiri"


def test_claimed_result_is_checked_not_trusted(loaded: dict[str, Any]) -> None:
    ratings = {"integritas.1.1": 4}
    honest = assess(loaded, ratings)
    assert _run({"ratings": ratings, "claimed": honest})["claimed_matches"] is True
    forged = json.loads(json.dumps(honest))
    forged["competencies"][0]["estimated"] = 5
    answer = _run({"ratings": ratings, "claimed": forged})
    assert answer["claimed_matches"] is False
    assert answer["result"] == honest


def test_input_problems_come_back_as_a_list(loaded: dict[str, Any]) -> None:
    answer = _run({"ratings": {"integritas.9.9": 7}, "position": "lurah"})
    assert answer["ok"] is False
    assert answer["kind"] == "input"
    assert answer["message"].startswith("Data jawaban tidak dapat dinilai")
    assert [problem["path"] for problem in answer["problems"]] == [
        "ratings.integritas.9.9",
        "ratings.integritas.9.9",
        "position",
    ]


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        ("[1", "request: not JSON"),
        ("[]", "request: expected an object"),
        ('{"ratings": {}, "evil": 1}', "request: unknown keys evil"),
    ],
)
def test_malformed_requests(loaded: dict[str, Any], text: str, detail: str) -> None:
    answer = json.loads(bridge.run_assessment(text))
    assert answer["ok"] is False
    assert answer["kind"] == "request"
    assert answer["detail"].startswith(detail)


def test_a_broken_dictionary_is_reported(export: dict[str, Any]) -> None:
    export["schema_version"] = 2
    answer = json.loads(bridge.load(json.dumps(export)))
    assert answer["ok"] is False
    assert answer["kind"] == "dictionary"
    assert answer["detail"] == "schema_version: diharapkan 1, tertulis 2"  # the page's language
    assert json.loads(bridge.load("[]"))["kind"] == "dictionary"


def test_loading_runs_a_whole_submit_once_and_keeps_the_old_export_when_it_fails(
    loaded: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The warm-up is a real submit: gaps, and a plan that had to choose among activities.
    _, dictionary = bridge._loaded()
    result, view = bridge._result_and_view(bridge._warm_up_request(dictionary))
    assert any(item["gap"] for item in result["competencies"])
    assert result["plan"]["mode"] == "gap"
    assert 0 < result["plan"]["total_jp"] <= result["plan"]["budget_jp"]
    assert view["chart"].startswith("<svg ")

    def broken(*args: object, **kwargs: object) -> None:
        raise ValueError("the warm-up failed")

    monkeypatch.setattr(bridge.chart, "svg", broken)
    other = json.loads(json.dumps(loaded))
    other["framework"]["version"] = "lain"
    answer = json.loads(bridge.load(json.dumps(other)))
    assert answer["ok"] is False and answer["kind"] == "internal"
    assert bridge._loaded()[0]["framework"]["version"] == loaded["framework"]["version"]


def test_a_bug_becomes_a_message(loaded: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(bridge, "assess", broken)
    answer = _run({"ratings": {}})
    assert answer == {
        "ok": False,
        "kind": "internal",
        "message": "Terjadi kesalahan di dalam mesin penilaian.",
        "detail": "ZeroDivisionError: division by zero",
    }


def test_comparison(loaded: dict[str, Any]) -> None:
    own = {"ratings": {"integritas.1.1": 4, "integritas.1.2": 4, "integritas.1.3": 4}}
    other = {"ratings": {}, "position": "pelaksana"}
    answer = json.loads(
        bridge.run_comparison(json.dumps({"own": own, "other": other, "label": "atasan"}))
    )
    assert answer["ok"] is True
    comparison = answer["comparison"]
    assert comparison["label"] == "atasan"
    first = comparison["rows"][0]
    assert (first["id"], first["own"], first["other"], first["difference"]) == (
        "integritas",
        1,
        0,
        -1,
    )
    assert comparison["summary"] == "Hasil Anda dan atasan berbeda pada 1 dari 9 kompetensi."
    assert answer["other_result"] == assess(loaded, {}, position="pelaksana")


# Pyodide's standard library is Python source: a module the engine imports for the first time
# is compiled in the worker, before the engine is ready. xml.sax.saxutils alone brought in
# urllib.request, http.client and the email package (about a second of a cold start).
LOADED_ONLY_FOR_REPORTS = {"csv"}
NEVER_LOADED = {"difflib", "xml.sax.saxutils", "urllib.request", "http.client", "email"}

IMPORT_PROBE = """
import json, sys
export = sys.stdin.read()
before = set(sys.modules)
from generator.browser import bridge
assert json.loads(bridge.load(export))["ok"]
request = {"ratings": {"integritas.1.1": 4}, "position": "pengawas", "total_jp": 40}
assert json.loads(bridge.run_assessment(json.dumps(request)))["ok"]
assessed = set(sys.modules) - before
for format in ("csv", "markdown"):
    assert json.loads(bridge.run_report(json.dumps({**request, "format": format})))["ok"]
print(json.dumps({"assessed": sorted(assessed), "reported": sorted(set(sys.modules) - before)}))
"""


def test_the_engine_starts_without_modules_only_downloads_need(export: dict[str, Any]) -> None:
    completed = subprocess.run(
        [sys.executable, "-c", IMPORT_PROBE],
        input=json.dumps(export),
        capture_output=True,
        text=True,
        check=True,
    )
    modules = json.loads(completed.stdout)
    assessed, reported = set(modules["assessed"]), set(modules["reported"])
    assert "generator.engine" in assessed  # the probe measured the real import
    assert assessed & (LOADED_ONLY_FOR_REPORTS | NEVER_LOADED) == set()
    assert reported >= LOADED_ONLY_FOR_REPORTS
    assert reported & NEVER_LOADED == set()


def test_the_whole_export_loads_and_a_real_position_brings_its_technical_competencies(
    full_export: dict[str, Any],
) -> None:
    """The site ships every competency; each request is scoped to its position."""
    technical = [c["id"] for c in full_export["competencies"] if c["group"] == "teknis"]
    template = full_export["positions"][0]
    full_export["positions"].append(
        {**template, "id": "analis-contoh", "targets": {**template["targets"], technical[0]: 3}}
    )
    assert json.loads(bridge.load(json.dumps(full_export)))["ok"]
    ratings = {f"{technical[0]}.1.1": 4, "integritas.1.1": 4}
    answer = _run({"ratings": ratings, "position": "analis-contoh"})
    assert answer["ok"], answer
    ids = [c["id"] for c in answer["result"]["competencies"]]
    assert ids[-1] == technical[0] and len(ids) == 10
    assert answer["result"] == assess(full_export, ratings, position="analis-contoh")
    refused = _run({"ratings": ratings, "position": template["id"]})
    assert (refused["ok"], refused["problems"][0]["path"]) == (False, f"ratings.{technical[0]}.1.1")


def test_the_engines_problems_reach_the_page_in_indonesian_and_the_language_is_given_back(
    export: dict[str, Any],
) -> None:
    """The page speaks Indonesian: the engine's input problems come back translated from the
    catalog the wheel ships, and afterwards the engine speaks as it did before (the command,
    in the same CPython process, may run in English next)."""
    from generator.engine import wording

    bridge.load(json.dumps(export))
    answer = json.loads(
        bridge.run_assessment(json.dumps({"ratings": {"integritas.1.1": 9}, "total_jp": 20}))
    )
    assert answer["kind"] == "input"
    (problem,) = answer["problems"]
    assert problem == {
        "path": "ratings.integritas.1.1",
        "message": "diharapkan bilangan bulat 1 sampai 4, tertulis 9",
        "hint": "skalanya 1 = Belum pernah, 2 = Kadang-kadang, 3 = Sering, 4 = Selalu",
    }
    english = "expected an integer from {low} to {high}, got {value}"
    assert wording._(english) == english
