"""The page's bridge (CPython here, Pyodide in tests/e2e/test_rekap_page.py) gives the CLI's recap."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest
from recap_support import DICTIONARY, FIXTURE, Collected

from generator.browser import bridge, recap_bridge
from generator.cli import main
from generator.engine.recap_tables import to_xlsx


def call(fn: Any, payload: dict[str, Any]) -> dict[str, Any]:
    reply: dict[str, Any] = json.loads(fn(json.dumps(payload)))
    return reply


def test_batches_through_the_bridge_equal_the_cli(
    collected: Collected, capsys: pytest.CaptureFixture[str]
) -> None:
    assert json.loads(bridge.load(json.dumps(DICTIONARY)))["ok"]
    roster = base64.b64encode(collected.roster.read_bytes()).decode()
    start = call(recap_bridge.recap_start, {"roster": roster, "roster_name": "daftar.csv"})
    assert start == {"ok": True, "roster_problems": [], "roster_size": 52}
    paths = sorted(collected.folder.iterdir())
    for first in range(0, len(paths), 25):
        files = [
            {
                "name": str(path),
                "modified": int(path.stat().st_mtime * 1000),
                "data": base64.b64encode(path.read_bytes()).decode(),
            }
            for path in paths[first : first + 25]
        ]
        progress = call(recap_bridge.recap_add, {"files": files})
        assert progress["ok"] and progress["received"] == min(first + 25, len(paths))
    reply = call(recap_bridge.recap_summary, {"detail": False})
    assert reply["ok"]
    assert main(["rekap", "--standards", str(FIXTURE), "--roster", str(collected.roster),
                 str(collected.folder)]) == 0  # fmt: skip
    expected = json.loads(capsys.readouterr().out)
    assert reply["summary"] == {key: expected[key] for key in recap_bridge.PAGE_SUMMARY_KEYS}
    assert json.loads(call(recap_bridge.recap_download, {"format": "json"})["text"]) == expected
    # The spreadsheet travels as base64: the same bytes the CLI writes for the same summary.
    spreadsheet = call(recap_bridge.recap_download, {"format": "xlsx"})["base64"]
    assert base64.b64decode(spreadsheet) == to_xlsx(expected)
    assert [table["key"] for table in reply["tables"]][:2] == ["ringkasan", "kompetensi"]
    assert reply["charts"]["levels"].startswith("<svg")
    assert "Biro Umum" in reply["charts"]["unit_gaps"]
    csv_text = call(recap_bridge.recap_download, {"format": "csv"})["text"]
    assert csv_text.startswith("Ringkasan\n")
    detail = call(recap_bridge.recap_download, {"format": "markdown", "detail": True})["text"]
    assert detail.startswith("**PERHATIAN: berkas ini memuat data pribadi")


def test_a_too_large_file_and_a_broken_roster(collected: Collected) -> None:
    assert json.loads(bridge.load(json.dumps(DICTIONARY)))["ok"]
    bad = base64.b64encode(b"nip,nama\n1,A\n").decode()
    start = call(recap_bridge.recap_start, {"roster": bad, "roster_name": "daftar.csv"})
    assert start["roster_problems"] == [
        "daftar.csv:1: kolom unit, jabatan tidak ada Saran: baris pertama harus memuat judul "
        "kolom nip, nama, unit, jabatan"
    ]
    assert call(recap_bridge.recap_add, {"files": []})["kind"] == "request"
    assert call(recap_bridge.recap_start, {})["ok"]
    call(
        recap_bridge.recap_add, {"files": [{"name": "besar.json", "size": 5_000_000, "data": None}]}
    )
    summary = json.loads(call(recap_bridge.recap_download, {"format": "json"})["text"])
    assert summary["rejected"] == [{"file": "besar.json", "reason": "berkas lebih besar dari 1 MB"}]
    assert (
        call(recap_bridge.recap_add, {"files": [{"name": "x", "data": "%%%"}]})["kind"] == "request"
    )
