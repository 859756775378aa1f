"""bench/recap.sql on DuckDB, over the rows ``--emit-rows`` writes, equals the Python recap."""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from recap_support import FIXTURE, ROOT, Collected

from generator.cli import main

QUERY = ROOT / "bench" / "recap.sql"
LEVELS = [f"level_{level}" for level in range(6)]


def _as_stats(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "respondents": row["respondents"],
        "below_target": row["below_target"],
        "at_target": row["at_target"],
        "above_target": row["above_target"],
        "no_target": row["no_target"],
        "level_counts": {name[-1]: row[name] for name in LEVELS},
        "mean_gap": row["mean_gap"],
    }


def _strip(stats: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in stats.items() if key not in ("id", "name")}


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_the_sql_gives_the_python_aggregate(
    collected: Collected,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    required: Callable[[bool, str], None],
    suffix: str,
) -> None:
    required(importlib.util.find_spec("duckdb") is not None, "duckdb (pip install duckdb)")
    import duckdb

    rows = tmp_path / f"rows{suffix}"
    argv = ["rekap", "--standards", str(FIXTURE), "--min-group", "1", "--emit-rows", str(rows)]
    assert main([*argv, str(collected.folder)]) == 0
    summary = json.loads(capsys.readouterr().out)
    connection = duckdb.connect()
    reader = "read_csv" if suffix == ".csv" else "read_parquet"
    connection.execute(f"CREATE VIEW respondent_competencies AS SELECT * FROM {reader}('{rows}')")
    cursor = connection.execute(QUERY.read_text(encoding="utf-8"))
    columns = [column[0] for column in cursor.description]
    result = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]

    overall = {row["competency"]: _as_stats(row) for row in result if row["breakdown"] == "all"}
    assert overall == {c["id"]: _strip(c) for c in summary["competencies"]}
    for breakdown, key, groups in (
        ("unit", "unit", summary["units"]),
        ("position", "position", summary["positions"]),
    ):
        from_sql = {
            (row[key], row["competency"]): _as_stats(row)
            for row in result
            if row["breakdown"] == breakdown
        }
        from_python = {
            (group[key], c["id"]): _strip(c) for group in groups for c in group["competencies"]
        }
        assert from_sql == from_python
        assert len(from_python) > len(summary["competencies"])
