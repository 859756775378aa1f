"""/rekap/ in Chromium: the same numbers as ``kompetensi rekap``, offline, nothing off-origin.

The files are generated from the built site's own export; the page runs the recap in Pyodide
(the engine wheel), the CLI on CPython. The server is stopped once the engine is ready: the
recap must then still work, since the page never needs the network for it.
"""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from axe_support import violations
from e2e_quiz import (
    ENGINE_TIMEOUT_MS,
    WarmProfile,
    answer_by_clicking,
    new_page,
    random_ratings,
    save_answers_file,
    site_export_path,
    wait_results,
    warm_page,
)
from quiz_support import click_settled
from spreadsheet_support import competency_numbers, read_sheets

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.recap_data import write_files  # noqa: E402
from generator.engine.recap_files import MAX_RESULT_BYTES  # noqa: E402
from generator.engine.recap_roster import MAX_ROSTER_BYTES  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _cli(site: Path, *argv: str) -> dict[str, Any]:
    run = subprocess.run(
        [sys.executable, "-m", "generator.cli", "rekap", "--standards", str(site_export_path(site)),
         *argv],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    summary: dict[str, Any] = json.loads(run.stdout)
    return summary


def _shown(page: Any) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = page.eval_on_selector_all(
        "[data-rekap-competency]",
        """rows => rows.map(r => ({id: r.dataset.rekapCompetency,
                                   below: r.dataset.belowTarget,
                                   respondents: r.dataset.respondents,
                                   cells: [...r.cells].map(c => c.textContent)}))""",
    )
    return rows


def test_page_equals_cli_offline_without_off_origin_requests(
    browser: Any,
    serve: Any,
    quiz_site: Path,
    site_export: dict[str, Any],
    tmp_path: Path,
    required: Callable[[bool, str], None],
) -> None:
    required(importlib.util.find_spec("openpyxl") is not None, "openpyxl (pip install openpyxl)")
    folder = tmp_path / "masuk"
    paths = write_files(site_export, 30, folder, seed=77)
    shutil.copy(paths[3], folder / "salinan.json")  # identical content: counted once
    (folder / "rusak.json").write_text("{bukan json", encoding="utf-8")
    roster = tmp_path / "daftar.csv"
    roster.write_text(
        "nip,nama,unit,jabatan\n"
        + "".join(
            f"{json.loads(p.read_text())['identity']['nip']},X,Biro Umum,Analis\n" for p in paths
        )
        + "199001012020011999,Belum Kirim,Pusat Data,Analis\n",
        encoding="utf-8",
    )
    expected = _cli(quiz_site, "--roster", str(roster), str(folder))
    assert expected["respondents"] == 30 and len(expected["rejected"]) == 2

    with new_page(browser) as (_, page, log):
        server = serve(quiz_site).__enter__()
        try:
            page.goto(server.url + "/rekap/")
            page.wait_for_selector("#kr-run:not([disabled])", timeout=ENGINE_TIMEOUT_MS)
        finally:
            server.__exit__(None, None, None)
        assert log.off_origin(server.url) == []
        files = sorted(folder.iterdir())
        # Files dropped on the box are taken; an empty drop takes them away again.
        drop = """names => { const data = new DataTransfer();
            for (const name of names) data.items.add(new File(["{}"], name));
            document.getElementById("kr-drop").dispatchEvent(
                new DragEvent("drop", {dataTransfer: data, bubbles: true, cancelable: true})); }"""
        page.evaluate(drop, ["a.json", "b.json"])
        assert page.text_content("#kr-chosen") == "2 berkas dipilih."
        page.evaluate(drop, [])
        assert page.text_content("#kr-chosen") == "Belum ada berkas dipilih."
        # A folder (where the browser allows it): only its .json files are taken.
        (tmp_path / "map").mkdir()
        for path in files[:3]:
            shutil.copy(path, tmp_path / "map" / path.name)
        (tmp_path / "map" / "catatan.txt").write_text("bukan hasil", encoding="utf-8")
        page.set_input_files("#kr-folder", str(tmp_path / "map"))
        assert page.text_content("#kr-chosen") == "3 berkas dipilih."
        page.eval_on_selector(
            "#kr-folder", "i => { i.value = ''; i.dispatchEvent(new Event('change')); }"
        )
        assert page.text_content("#kr-chosen") == "Belum ada berkas dipilih."
        page.set_input_files("input[type=file][name=results]", [str(p) for p in files])
        assert page.text_content("#kr-chosen") == f"{len(files)} berkas dipilih."
        page.set_input_files("input[type=file][name=roster]", str(roster))
        # By keyboard: Tab from the top reaches the file input, then the button.
        page.focus("body")
        for _ in range(60):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.name") == "results":
                break
        assert page.evaluate("document.activeElement.name") == "results"
        page.focus("#kr-min-group")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.id") == "kr-run"
        page.keyboard.press("Enter")
        page.wait_for_selector("#kr-hasil[data-kr-ready]", timeout=ENGINE_TIMEOUT_MS)
        assert page.evaluate("document.activeElement.id") == "kr-hasil"
        assert (
            page.text_content("#kr-progress-text")
            == f"{len(files)} dari {len(files)} berkas dibaca"
        )
        shown = _shown(page)
        assert [(row["id"], row["below"], row["respondents"]) for row in shown] == [
            (c["id"], str(c["below_target"]), str(c["respondents"]))
            for c in expected["competencies"]
        ]
        for row, competency in zip(shown, expected["competencies"], strict=True):
            levels = [str(competency["level_counts"][str(level)]) for level in range(6)]
            assert row["cells"][6:12] == levels
        rejected = page.eval_on_selector_all(
            "#kr-tabel-ditolak + * tbody tr", "rows => rows.map(r => r.cells[1].textContent)"
        )
        # The CLI names files by their path, the page by their name.
        reasons = [r["reason"].replace(f"{folder}/", "") for r in expected["rejected"]]
        assert sorted(rejected) == sorted(reasons)
        missing = page.eval_on_selector_all(
            "#kr-tabel-belum_mengirim + * tbody tr", "rows => rows.map(r => r.cells[0].textContent)"
        )
        assert missing == ["199001012020011999"]
        with page.expect_download() as info:
            page.click("[data-kr-download=json]")
        downloaded = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
        assert downloaded["competencies"] == expected["competencies"]
        assert downloaded["units"] == expected["units"]
        assert downloaded["jp_demand"] == expected["jp_demand"]
        assert downloaded["activities"] == expected["activities"]
        # The spreadsheet: per competency the CLI's numbers, as numbers, and the CSV's cells.
        with page.expect_download() as info:
            page.click("[data-kr-download=csv]")
        csv_rows = list(csv.reader(io.StringIO(Path(info.value.path()).read_text("utf-8"))))
        with page.expect_download() as info:
            page.click("[data-kr-download=xlsx]")
        assert info.value.suggested_filename == "rekap-kebutuhan-pengembangan.xlsx"
        sheet = read_sheets(Path(info.value.path()).read_bytes())["kompetensi"]
        start = csv_rows.index(["Kebutuhan per kompetensi"])
        as_text = [["" if cell is None else str(cell) for cell in row] for row in sheet]
        assert as_text == csv_rows[start : start + len(sheet)]
        for row, competency in zip(sheet[2:], expected["competencies"], strict=True):
            assert row[1:12] == competency_numbers(competency)
        assert violations(page, "#kr") == []
        # Printed (A4): the tables and charts, without the form, buttons or status lines.
        page.emulate_media(media="print")
        for hidden in ("#kr-form", ".kr-downloads", "#kr-progress-box", "#kr-engine"):
            assert not page.is_visible(hidden), hidden
        assert page.is_visible("#kr-tabel-rencana_tahunan")
        assert page.is_visible("#kr-chart-levels img")
        page.emulate_media(media="screen")
        assert log.off_origin(server.url) == []


def test_the_quizs_own_downloads_go_through_the_recap_unchanged(
    warm: WarmProfile, quiz_site: Path, site_export: dict[str, Any], tmp_path: Path
) -> None:
    """What an employee downloads is what the officer recaps: read, matched by NIP and unit,
    and recomputed to the very result the quiz showed (nothing counted as differing)."""
    folder = tmp_path / "masuk"
    folder.mkdir()
    people = [("198001012005011001", "Biro Umum", "pelaksana", 61),
              ("198502022010012002", "Biro Umum", "administrator", 62)]  # fmt: skip
    for number, (nip, unit, position, seed) in enumerate(people):
        with warm_page(warm) as (page, _log):  # each employee on a fresh page, nothing stored
            page.goto(warm.url + "/asesmen/")
            page.select_option("select[name=position]", position)
            page.fill("#kq-id-nip", nip)
            page.fill("#kq-id-unit", unit)
            answer_by_clicking(page, random_ratings(site_export, seed=seed))
            click_settled(page, "#kq-submit")
            wait_results(page)
            save_answers_file(page, folder / f"{number}.json")
    roster = tmp_path / "daftar.csv"
    roster.write_text(
        "nip,nama,unit,jabatan\n" + "".join(f"{nip},X,{unit},Y\n" for nip, unit, *_ in people)
        + "199001012020011999,Belum Kirim,Pusat Data,Analis\n",
        encoding="utf-8",
    )  # fmt: skip
    summary = _cli(quiz_site, "--roster", str(roster), str(folder))
    assert summary["files"] == {
        "received": 2, "used": 2, "rejected": 0, "stored_result_differs": 0,
    }  # fmt: skip
    assert [group["unit"] for group in summary["units"]] == ["Biro Umum"]
    assert [m["nip"] for m in summary["missing"]] == ["199001012020011999"]


# Every way a script can read a chosen file's bytes, recorded by the file's name (the engine's
# own blobs are no File): the guard's promise is that an oversized file is never read, not
# only that it is refused.
READS_SPY = """
window.__krRead = [];
const record = (target, methods) => {
  for (const method of methods) {
    const plain = target[method];
    target[method] = function (...args) {
      const blob = args[0] instanceof Blob ? args[0] : this;
      if (blob instanceof File) window.__krRead.push(blob.name);
      return plain.apply(this, args);
    };
  }
};
record(Blob.prototype, ["arrayBuffer", "text", "stream", "bytes"].filter((m) => Blob.prototype[m]));
record(FileReader.prototype, ["readAsArrayBuffer", "readAsText", "readAsDataURL", "readAsBinaryString"]);
"""


def test_oversized_files_are_refused_without_being_read(
    warm: WarmProfile, quiz_site: Path, site_export: dict[str, Any], tmp_path: Path
) -> None:
    """The page's size guard (rekap.js), with the engine's limits the page carries: a roster over
    20 MB stops the recap before any file is read; a result file over 1 MB goes to the recap
    unread and is rejected for its size, with the reason ``kompetensi rekap`` gives it."""
    folder = tmp_path / "masuk"
    paths = write_files(site_export, 3, folder, seed=91)
    big = folder / "besar.json"
    with big.open("wb") as handle:  # JSON an unguarded page would read and parse
        handle.write(b"{" + b" " * MAX_RESULT_BYTES + b"}")
    roster = tmp_path / "daftar-besar.csv"
    with roster.open("wb") as handle:
        handle.write(b"nip,nama,unit,jabatan\n")
        handle.truncate(MAX_ROSTER_BYTES + 1)
    expected = _cli(quiz_site, str(folder))
    reason = "berkas lebih besar dari 1 MB"
    assert expected["rejected"] == [{"file": str(big), "reason": reason}]
    assert expected["respondents"] == len(paths)
    chosen = [str(path) for path in [*paths, big]]

    with warm_page(warm) as (page, _log):
        page.add_init_script(READS_SPY)
        page.goto(warm.url + "/rekap/")
        page.wait_for_selector("#kr-run:not([disabled])", timeout=ENGINE_TIMEOUT_MS)
        page.set_input_files("input[type=file][name=results]", chosen)
        page.set_input_files("input[type=file][name=roster]", str(roster))
        page.click("#kr-run")
        page.wait_for_selector("#kr-errors:not([hidden])")
        errors = page.eval_on_selector_all(
            "#kr-errors-list li", "items => items.map(i => i.textContent)"
        )
        assert errors == ["daftar-besar.csv: berkas daftar pegawai lebih besar dari 20 MB"]
        assert page.is_hidden("#kr-hasil")
        assert page.evaluate("window.__krRead") == []
        assert page.is_enabled("#kr-run")

        page.set_input_files("input[type=file][name=roster]", [])
        page.click("#kr-run")
        page.wait_for_selector("#kr-hasil[data-kr-ready]", timeout=ENGINE_TIMEOUT_MS)
        assert page.is_hidden("#kr-errors")
        read = page.evaluate("window.__krRead")
        assert sorted(read) == sorted(path.name for path in paths)  # never besar.json
        rejected = page.eval_on_selector_all(
            "#kr-tabel-ditolak + * tbody tr",
            "rows => rows.map(r => [...r.cells].map(c => c.textContent))",
        )
        assert rejected == [["besar.json", reason]]
        assert page.text_content("#kr-summary").startswith(
            f"{len(paths)} responden dari {len(chosen)} berkas; 1 berkas ditolak"
        )
