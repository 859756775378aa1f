"""The "Metode Penilaian" page quotes numbers from the data and the engine: keep them in step."""

from __future__ import annotations

import re
from pathlib import Path

from generator.engine.plan import largest_remainder
from generator.standard import load_export

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "content" / "metode-penilaian.md"
MARKER = re.compile(r"<!-- data:([a-z_:0-9]+) -->(.*?)<!-- /data -->")


def _markers() -> list[tuple[str, str]]:
    return MARKER.findall(PAGE.read_text(encoding="utf-8"))


def test_every_marked_number_and_label_matches_the_data() -> None:
    data = load_export(ROOT / "standards")
    assessment = data["assessment"]
    labels = {str(item["value"]): item["label"] for item in assessment["scale"]["labels"]}
    expected = {
        "met_threshold": str(assessment["met_threshold"]),
        "default_jp": str(assessment["default_jp"]),
    }
    expected.update({f"scale_label:{value}": label for value, label in labels.items()})
    markers = _markers()
    assert {name for name, _ in markers} == set(expected), "every data value is marked once or more"
    for name, shown in markers:
        assert shown == expected[name], (
            f"{name}: page shows {shown!r}, data says {expected[name]!r}"
        )


def test_worked_split_examples_match_the_engine() -> None:
    text = PAGE.read_text(encoding="utf-8")
    assert largest_remainder(20, [70, 20, 10]) == [14, 4, 2]
    assert "14 JP untuk pengalaman" in text
    assert largest_remainder(16, [70, 20, 10]) == [11, 3, 2]
    assert "Hasil akhirnya 11, 3, dan 2 JP" in text
