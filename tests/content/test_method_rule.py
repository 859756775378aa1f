"""The method page states the level rule the data configures, and its worked example is what the
engine computes under that rule."""

from __future__ import annotations

import re
from pathlib import Path

from generator.engine import assess
from generator.standard import load_export

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "content" / "metode-penilaian.md"
RULE_WORDS = {"all": "semua", "majority": "sebagian besar", "mean": "rata-rata"}


def test_the_page_names_the_configured_rule() -> None:
    rule = load_export(ROOT / "standards")["assessment"]["level_rule"]
    text = PAGE.read_text(encoding="utf-8")
    assert f'aturan bawaan adalah "{RULE_WORDS[rule]}" (`level_rule: {rule}`)' in text
    assert f"**Level terpenuhi** apabila **{RULE_WORDS[rule]}** indikatornya" in text


def test_the_worked_example_is_the_engine_result() -> None:
    export = load_export(ROOT / "standards")
    text = PAGE.read_text(encoding="utf-8").split("### Contoh", 1)[1].split("\n\n", 2)[1]
    rows = re.findall(r"^\| (\d) \| ([\d, ]+) \| (.+?) \|$", text, flags=re.MULTILINE)
    assert len(rows) == 5
    competency = next(c for c in export["competencies"] if len(c["levels"][0]["indicators"]) == 3)
    ratings = {}
    for level, values, _verdict in rows:
        indicators = competency["levels"][int(level) - 1]["indicators"]
        for indicator, value in zip(indicators, values.split(", "), strict=True):
            ratings[indicator["id"]] = int(value)
    result = next(c for c in assess(export, ratings)["competencies"] if c["id"] == competency["id"])
    assert result["estimated"] == 2
    assert "Perkiraan levelnya adalah **2**" in PAGE.read_text(encoding="utf-8")
    for (_level, _values, verdict), progress in zip(rows, result["levels"], strict=True):
        assert (
            f"{progress['met']} dari {progress['total']}" in verdict
            or "tidak diperhitungkan" in verdict
        )
