"""The "Metode Penilaian" page quotes numbers from the data and the engine: keep them in step."""

from __future__ import annotations

import re
from pathlib import Path

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
        "focus": str(assessment["focus"]),
    }
    expected.update({f"scale_label:{value}": label for value, label in labels.items()})
    markers = _markers()
    assert {name for name, _ in markers} == set(expected), "every data value is marked once or more"
    for name, shown in markers:
        assert shown == expected[name], (
            f"{name}: page shows {shown!r}, data says {expected[name]!r}"
        )


def test_worked_split_example_matches_the_engine() -> None:
    from generator.engine.plan import split_label
    from generator.engine.selection import Candidate, choose

    text = PAGE.read_text(encoding="utf-8")
    assert "14 JP untuk" in text and "14 : 3 : 3 JP" in text
    # 70: 8 and 6 JP; 20: 3 JP only; 10: 3 JP: the whole activities reach 14 : 3 : 3.
    candidates = [Candidate(0, 0, 8), Candidate(0, 0, 6), Candidate(0, 1, 3), Candidate(0, 2, 3)]
    chosen = choose(candidates, 1, (70, 20, 10), 20)
    sums = [sum(candidates[i].jp for i in chosen if candidates[i].category == c) for c in range(3)]
    assert split_label(sums) == "14 : 3 : 3 JP"
