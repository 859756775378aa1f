"""The engine inside Pyodide gives exactly what it gives on CPython, for many answer sets."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from e2e_quiz import (
    WarmProfile,
    indicator_ids,
    new_page,
    random_ratings,
    site_export_path,
    wait_engine,
    warm_page,
)
from quiz_support import Fault, respond_with

from generator.browser import bridge
from generator.quiz import layout

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
    warm: WarmProfile, browser: Any, quiz_site: Path, site_export: dict[str, Any]
) -> None:
    assert json.loads(bridge.load(json.dumps(site_export)))["ok"]
    requests = _requests(site_export)
    with warm_page(warm) as (page, log):
        page.goto(warm.url + "/asesmen/")
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
        assert log.off_origin(warm.url) == []


# ---- the trimmed standard library (generator/quiz/stdlib_trim.py) -------------------------------

PROBE = "/stdlib-probe/"
HTML = "text/html; charset=utf-8"
BROKEN_WHEEL = "/stdlib-probe/broken/kompetensi_asn_engine-0.1.0-py3-none-any.whl"
MISSING_WHEEL = "/stdlib-probe/missing/kompetensi_asn_engine-0.1.0-py3-none-any.whl"
FOREIGN_WHEEL = "/stdlib-probe/foreign/kompetensi_asn_engine-0.1.0-cp27-cp27mu-win32.whl"
INDEX = "/stdlib-probe/simple"  # micropip appends "/<name>/"
INDEX_PAGE = INDEX + "/kompetensi-tidak-ada/"

# (name, bridge function, argument; None stands for the export), called in Pyodide and on CPython.
BRIDGE_CALLS: list[tuple[str, str, Any]] = [
    ("load", "load", None),
    ("load not json", "load", "{"),
    ("load not a dictionary", "load", '{"framework": {}}'),
    ("assessment", "run_assessment", json.dumps({"ratings": {}, "position": "pelaksana"})),
    ("assessment not json", "run_assessment", "["),
    ("assessment wrong input", "run_assessment", json.dumps({"ratings": {"x.9.9": 0}})),
    ("assessment not text", "run_assessment", 123),
    ("report markdown", "run_report", json.dumps({"format": "markdown", "ratings": {}})),
    ("report csv", "run_report", json.dumps({"format": "csv", "ratings": {}})),
    ("report unknown format", "run_report", json.dumps({"format": "pdf", "ratings": {}})),
]

# Runs in Pyodide: micropip and the bridge on their success and error paths. Every outcome is
# reported, not raised, so the test can name each one that went wrong.
PROBE_PYTHON = """
import json, sys, traceback, warnings
import micropip

outcomes = {}

def outcome(error):
    if error is None:
        return None
    return {"type": type(error).__name__, "text": "".join(traceback.format_exception(error))}

async def attempt(name, awaitable):
    try:
        await awaitable
    except Exception as error:
        outcomes[name] = outcome(error)
    else:
        outcomes[name] = None

await attempt("missing wheel", micropip.install(URLS["missing"]))
await attempt("broken wheel", micropip.install(URLS["broken"]))
await attempt("foreign wheel", micropip.install(URLS["foreign"]))
await attempt(
    "not in the index", micropip.install("kompetensi-tidak-ada", index_urls=[URLS["index"]])
)
await attempt("engine wheel", micropip.install(URLS["wheel"], verbose=True))
outcomes["installed"] = sorted(micropip.list())
outcomes["freeze"] = sorted(json.loads(micropip.freeze())["packages"])

from generator.browser import bridge
# The site's wheel holds bytecode only: the engine is imported without compiling a line.
outcomes["engine loaders"] = sorted({
    type(module.__spec__.loader).__name__ + " " + module.__file__.rsplit(".", 1)[-1]
    for name, module in sys.modules.items()
    if name == "generator" or name.startswith("generator.")
})
outcomes["bridge"] = {
    name: json.loads(getattr(bridge, function)(EXPORT if argument is None else argument))
    for name, function, argument in json.loads(BRIDGE_CALLS)
}

# A Python bug's traceback with its suggestion, and a ResourceWarning's formatting, which
# import modules of their own (traceback, linecache, tracemalloc).
try:
    exec("total_jp = 1\\nprint(total_pj)", {})
except NameError as error:
    outcomes["name error"] = outcome(error)
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    warnings.warn("uji", ResourceWarning, source=object())
    outcomes["warning"] = [
        warnings.formatwarning(w.message, w.category, w.filename, w.lineno) for w in caught
    ]

# The probe ran on the trimmed zip: what it left out is not there.
for name, code in (("pdb", "import pdb"), ("cp1252", "b'x'.decode('cp1252')")):
    try:
        exec(code, {})
    except Exception as error:
        outcomes["left out " + name] = type(error).__name__
json.dumps(outcomes)
"""


def test_micropip_and_the_bridge_work_on_the_trimmed_stdlib_also_on_their_error_paths(
    browser: Any, serve: Any, quiz_site: Path, site_export: dict[str, Any]
) -> None:
    runtime = "/" + layout.PYODIDE_DIR + "/"
    (engine_wheel,) = (quiz_site / "assets" / "quiz" / "engine").glob("*/*.whl")
    wheel_url = "/" + engine_wheel.relative_to(quiz_site).as_posix()
    index = b'<!DOCTYPE html><html><body><a href="kompetensi_tidak_ada-1.0.tar.gz">sdist</a>'
    overrides = {
        PROBE: Fault(respond_with(b"<!DOCTYPE html><title>probe</title>", HTML)),
        BROKEN_WHEEL: Fault(respond_with(b"PK\x03\x04 not a wheel", "application/octet-stream")),
        INDEX_PAGE: Fault(respond_with(index + b"</body></html>", HTML)),
    }
    export_text = site_export_path(quiz_site).read_text(encoding="utf-8")
    with serve(quiz_site, overrides=overrides) as server, new_page(browser) as (_, page, log):
        page.goto(server.url + PROBE)
        urls = {
            "wheel": server.url + wheel_url,
            "missing": server.url + MISSING_WHEEL,
            "broken": server.url + BROKEN_WHEEL,
            "foreign": server.url + FOREIGN_WHEEL,
            "index": server.url + INDEX,
        }
        text = page.evaluate(
            """async ({runtime, urls, exportText, calls, code}) => {
                   const { loadPyodide } = await import(runtime + "pyodide.mjs");
                   const pyodide = await loadPyodide({
                       indexURL: runtime, lockFileURL: runtime + "pyodide-lock.json",
                       stdout: () => {}, stderr: () => {},
                   });
                   await pyodide.loadPackage("micropip", { messageCallback: () => {} });
                   pyodide.globals.set("URLS", pyodide.toPy(urls));
                   pyodide.globals.set("EXPORT", exportText);
                   pyodide.globals.set("BRIDGE_CALLS", calls);
                   return await pyodide.runPythonAsync(code);
               }""",
            {
                "runtime": server.url + runtime,
                "urls": urls,
                "exportText": export_text,
                "calls": json.dumps(BRIDGE_CALLS),
                "code": PROBE_PYTHON,
            },
        )
        assert log.off_origin(server.url) == []
    outcomes = json.loads(text)

    # Each install error is micropip's own, never a module the trim left out.
    for name in ("missing wheel", "broken wheel", "foreign wheel", "not in the index"):
        failure = outcomes[name]
        assert failure is not None, name
        assert failure["type"] not in ("ModuleNotFoundError", "ImportError"), failure
        assert "No module named" not in failure["text"], failure
    # micropip 0.11.1 does not look at the status: it opens the 404 page as the wheel.
    assert outcomes["missing wheel"]["type"] == outcomes["broken wheel"]["type"] == "BadZipFile"
    assert "is not compatible" in outcomes["foreign wheel"]["text"]
    # The index page was fetched and parsed (html.parser): it offers no wheel.
    assert "Can't find a pure Python 3 wheel" in outcomes["not in the index"]["text"]
    assert outcomes["engine wheel"] is None
    assert "kompetensi-asn-engine" in outcomes["installed"]
    assert "kompetensi-asn-engine" in outcomes["freeze"]

    assert outcomes["engine loaders"] == ["SourcelessFileLoader pyc"]
    assert engine_wheel.name.endswith("-cp314-none-any.whl")

    # The bridge gives what it gives on CPython, failures included.
    expected = {
        name: json.loads(getattr(bridge, function)(export_text if argument is None else argument))
        for name, function, argument in BRIDGE_CALLS
    }
    assert outcomes["bridge"] == expected
    kinds = {name: result.get("kind") for name, result in outcomes["bridge"].items()}
    assert kinds == {
        "load": None,
        "load not json": "request",
        "load not a dictionary": "dictionary",
        "assessment": None,
        "assessment not json": "request",
        "assessment wrong input": "input",
        "assessment not text": "request",
        "report markdown": None,
        "report csv": None,
        "report unknown format": "request",
    }
    # In Indonesian in the browser too: the wheel ships the catalog the bridge reads.
    problems = outcomes["bridge"]["assessment wrong input"]["problems"]
    assert problems[0]["message"] == "kode indikator tidak dikenal"

    assert outcomes["name error"]["type"] == "NameError"
    assert "Did you mean: 'total_jp'?" in outcomes["name error"]["text"]
    assert len(outcomes["warning"]) == 1 and "ResourceWarning: uji" in outcomes["warning"][0]
    assert outcomes["left out pdb"] == "ModuleNotFoundError"
    assert outcomes["left out cp1252"] == "LookupError"
