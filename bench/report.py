"""The JSON results as Markdown tables, for BENCHMARKS.md.

python -m bench.report                 # every bench/results/<name>.json, in benchmark order
python -m bench.report --results DIR
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench.common import RESULTS_DIR, number

ORDER = ("overhead", "scale", "validation", "quiz", "transfer")


def markdown(result: dict[str, Any]) -> str:
    lines = [
        f"#### {result['title']}",
        "",
        f"Run {result['started']} at commit {result.get('commit') or '?'}"
        f"{' (with uncommitted product files)' if result.get('uncommitted') else ''}; "
        f"machine load (1-min average) {result.get('load_before')} before, "
        f"{result.get('load_after')} after; {result.get('seconds', '?')} s.",
        "",
        "| figure | median | min–max | runs |",
        "|---|---:|---:|---:|",
    ]
    for r in result["rows"]:
        unit = r["unit"]
        spread = f"{number(r['min'], unit)}–{number(r['max'], unit)}" if r["runs"] > 1 else ""
        lines.append(
            f"| {r['name'].strip()} | {number(r['median'], unit)} {unit} | {spread} | {r['runs']} |"
        )
    if result["ratios"]:
        lines += ["", "| ratio | value | of |", "|---|---:|---|"]
        for q in result["ratios"]:
            lines.append(f"| {q['name']} | {number(q['value'], '×')}× | {q['of']} |")
    if result["budgets"]:
        lines += ["", "| budget | measured | limit | verdict |", "|---|---:|---:|---|"]
        for b in result["budgets"]:
            verdict = "**PASS**" if b["pass"] else "**FAIL**"
            lines.append(
                f"| {b['name']} | {number(b['value'], b['unit'])} {b['unit']} "
                f"| ≤ {number(b['limit'], b['unit'])} {b['unit']} | {verdict} |"
            )
    if result["notes"]:
        lines.append("")
        lines += [f"- {note}" for note in result["notes"]]
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.report")
    parser.add_argument("--results", type=Path, default=RESULTS_DIR)
    args = parser.parse_args(argv)
    found = 0
    for name in ORDER:
        path = args.results / f"{name}.json"
        if path.is_file():
            print(markdown(json.loads(path.read_text(encoding="utf-8"))))
            found += 1
    if not found:
        print(f"no results in {args.results}; run python -m bench.run_all first", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
