"""The recap's settings (framework.yaml ``recap``) are read once, into the typed model, and every
recap reads them there: the CLI, the page's bridge and the ``/rekap/`` form's default."""

from __future__ import annotations

import base64
import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest
from recap_support import DICTIONARY, Collected

from generator.browser import bridge, recap_bridge
from generator.cli import main
from generator.engine.dictionary import read_dictionary
from generator.engine.model import RecapSettings, read_standard
from generator.quiz import recap_page


def _with_recap(recap: object) -> dict[str, Any]:
    export = copy.deepcopy(DICTIONARY)
    if recap is None:
        export.pop("recap", None)
    else:
        export["recap"] = recap
    return export


@pytest.mark.parametrize(
    ("recap", "expected"),
    [
        ({"min_group": 2, "group_size": 7}, RecapSettings(2, 7)),
        ({"group_size": 7}, RecapSettings(3, 7)),
        (None, RecapSettings(3, 20)),
        # Not both whole numbers from 1: the defaults, as the recap always read them.
        ({"min_group": 0, "group_size": 7}, RecapSettings(3, 20)),
        ({"min_group": True, "group_size": 7}, RecapSettings(3, 20)),
        ({"min_group": 2, "group_size": "7"}, RecapSettings(3, 20)),
        ("banyak", RecapSettings(3, 20)),
    ],
)
def test_the_model_reads_the_recap_settings_leniently(
    recap: object, expected: RecapSettings
) -> None:
    export = _with_recap(recap)
    assert read_standard(export).recap == expected
    assert read_dictionary(export).recap == expected


def test_the_cli_the_bridge_and_the_page_take_the_settings_from_the_model(
    collected: Collected, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export = _with_recap({"min_group": 2, "group_size": 7})
    standards = tmp_path / "kompetensi.json"
    standards.write_text(json.dumps(export), encoding="utf-8")
    result = collected.folder / "pegawai-01.json"
    assert main(["rekap", "--standards", str(standards), str(result)]) == 0
    assert json.loads(capsys.readouterr().out)["settings"] == {"min_group": 2, "group_size": 7}

    assert json.loads(bridge.load(json.dumps(export)))["ok"]
    start = json.loads(recap_bridge.recap_start(json.dumps({"roster": None})))
    assert start == {"ok": True, "roster_problems": [], "roster_size": 0}
    data = base64.b64encode(result.read_bytes()).decode()
    added = json.loads(recap_bridge.recap_add(json.dumps({"files": [{"name": "a", "data": data}]})))
    assert added["used"] == 1
    summary = json.loads(recap_bridge.recap_summary(json.dumps({"detail": False})))["summary"]
    assert summary["settings"] == {"min_group": 2, "group_size": 7}

    field = re.search(r'<input [^>]*id="kr-min-group"[^>]*>', recap_page.render_html(export))
    assert field is not None and 'value="2"' in field.group(0)
