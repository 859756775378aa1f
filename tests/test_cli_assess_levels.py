"""``kompetensi assess --format json`` on the real standards: per-level progress, borderline
results, and ``assessment.level_rule`` read from ``framework.yaml``."""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path
from typing import Any

import pytest

from generator.cli import main
from generator.engine import assess
from generator.engine.scope import assessed_export
from generator.standard import load_export

ROOT = Path(__file__).resolve().parent.parent
POSITION = "administrator"


def _standards_with_rule(tmp_path: Path, rule: str) -> Path:
    folder = tmp_path / f"standards-{rule}"
    shutil.copytree(ROOT / "standards", folder)
    framework = folder / "framework.yaml"
    text = framework.read_text(encoding="utf-8")
    lines = [
        f"  level_rule: {rule}" if line.startswith("  level_rule:") else line
        for line in text.splitlines()
    ]
    assert lines != text.splitlines() or f"level_rule: {rule}" in text
    framework.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def _ratings(export: dict[str, Any]) -> dict[str, int]:
    rng = random.Random(22)
    return {
        indicator["id"]: rng.choice([2, 3, 3, 4])
        for competency in export["competencies"]
        for level in competency["levels"]
        for indicator in level["indicators"]
    }


def _assess_json(
    standards: Path, answers: Path, capsys: pytest.CaptureFixture[str]
) -> dict[str, Any]:
    argv = ["assess", "--standards", str(standards), "--answers", str(answers)]
    assert main([*argv, "--position", POSITION]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    result: dict[str, Any] = json.loads(out)
    return result


def test_levels_borderline_and_rule_from_framework_yaml(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export = assessed_export(load_export(ROOT / "standards"))
    ratings = _ratings(export)
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"ratings": ratings}), encoding="utf-8")
    estimates = {}
    for rule in ("all", "majority", "mean"):
        standards = _standards_with_rule(tmp_path, rule)
        rule_export = assessed_export(load_export(standards))
        assert rule_export["assessment"]["level_rule"] == rule
        result = _assess_json(standards, answers, capsys)
        assert result == assess(rule_export, ratings, position=POSITION)
        for competency, item in zip(export["competencies"], result["competencies"], strict=True):
            assert [(level["level"], level["total"]) for level in item["levels"]] == [
                (level["level"], len(level["indicators"])) for level in competency["levels"]
            ]
            assert all(0 <= level["met"] <= level["total"] for level in item["levels"])
            assert item["borderline"] is bool(item["decisive"])
        estimates[rule] = [item["estimated"] for item in result["competencies"]]
    # The same answers under another rule give other levels: the rule is data, not code.
    assert estimates["all"] != estimates["majority"]
    assert all(a <= m for a, m in zip(estimates["all"], estimates["majority"], strict=True))
