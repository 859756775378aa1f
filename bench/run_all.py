"""Run the benchmarks, print a table, write JSON under bench/results/.

    python -m bench.run_all                      # everything (make bench), ~15 min on 2 cores
    python -m bench.run_all --only quiz          # one benchmark (or a comma-separated list)
    python -m bench.run_all --runs 5 --quiz-runs 10 --sizes 10,100,1000
    python -m bench.run_all --quick              # the smallest sizes, one run: a smoke run

Exit code 0 when every budget is met, 1 when one is not, 2 when a benchmark could not run.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import shutil
import sys
import time
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from bench import (
    bounded_input,
    import_scale,
    lighthouse,
    overhead,
    preview,
    quiz,
    quiz_position,
    recap,
    scale,
    slow_phone,
    transfer,
    validation,
)
from bench.common import RESULTS_DIR, ROOT, Options, machine, save, table

BENCHMARKS: dict[str, Callable[[Options], dict[str, Any]]] = {
    "overhead": overhead.run,
    "scale": scale.run,
    "scale_positions": scale.run_positions,
    "validation": validation.run,
    "quiz": quiz.run,
    "quiz_position": quiz_position.run,
    "transfer": transfer.run,
    "recap": recap.run,
    "bounded_input": bounded_input.run,
    "preview": preview.run,
    "import_scale": import_scale.run,
    "slow_phone": slow_phone.run,
    "lighthouse": lighthouse.run,
}


def _sizes(text: str) -> tuple[int, ...]:
    try:
        values = tuple(int(part) for part in text.split(",") if part.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected numbers separated by commas, got {text!r}"
        ) from None
    if not values or min(values) < 1:
        raise argparse.ArgumentTypeError("sizes must be positive")
    return values


def _names(text: str) -> list[str]:
    names = [part.strip() for part in text.split(",") if part.strip()]
    unknown = [n for n in names if n not in BENCHMARKS]
    if unknown:
        raise argparse.ArgumentTypeError(
            f"unknown benchmark {', '.join(unknown)} (known: {', '.join(BENCHMARKS)})"
        )
    return names


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m bench.run_all",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "--only",
        type=_names,
        default=list(BENCHMARKS),
        help=f"comma-separated benchmarks to run (default: all of {', '.join(BENCHMARKS)})",
    )
    p.add_argument(
        "--runs",
        type=int,
        default=3,
        help="builds per variant and per small scale size (default 3)",
    )
    p.add_argument(
        "--large-runs",
        type=int,
        default=1,
        help="builds per scale size of --large-from competencies or more (default 1)",
    )
    p.add_argument(
        "--large-from",
        type=int,
        default=3000,
        help="from this size on, --large-runs applies (default 3000)",
    )
    p.add_argument(
        "--sizes",
        type=_sizes,
        default=(10, 100, 1000, 3000),
        help="scale sizes in competencies (default 10,100,1000,3000)",
    )
    p.add_argument(
        "--validate-size",
        type=int,
        default=3000,
        help="competencies in the validation benchmark's standard (default 3000)",
    )
    p.add_argument(
        "--quiz-runs",
        type=int,
        default=5,
        help="browser runs per page, cold and warm each (default 5)",
    )
    p.add_argument(
        "--quick",
        action="store_true",
        help="smoke run: 1 run each, sizes 10 (and 20), validate 10 competencies",
    )
    p.add_argument(
        "--no-strict",
        action="store_true",
        help="build without --strict (by default --strict, with a noted fallback)",
    )
    p.add_argument(
        "--work",
        type=Path,
        default=None,
        help="scratch folder (default: the system temporary folder)",
    )
    p.add_argument(
        "--results",
        type=Path,
        default=RESULTS_DIR,
        help=f"where the JSON results go (default {RESULTS_DIR})",
    )
    p.add_argument("--keep", action="store_true", help="keep built sites and synthetic data")
    return p


def options_from(args: argparse.Namespace) -> Options:
    options = Options(
        runs=args.runs,
        large_runs=args.large_runs,
        large_from=args.large_from,
        sizes=args.sizes,
        validate_size=args.validate_size,
        quiz_runs=args.quiz_runs,
        keep=args.keep,
        strict=False if args.no_strict else None,
    )
    if args.quick:
        options.runs = options.large_runs = options.quiz_runs = 1
        options.sizes = (10, 20)
        options.validate_size = 10
        options.recap_sizes = (20, 200)
        options.recap_browser_files = 50
    if args.work is not None:
        options.work = args.work
    return options


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    options = options_from(args)
    results: list[dict[str, Any]] = []
    failed: list[str] = []
    started = time.perf_counter()
    # An installed package has its bytecode compiled; a checkout under PYTHONDONTWRITEBYTECODE
    # (set on this machine) would recompile every changed generator module in every build.
    compileall.compile_dir(ROOT / "generator", quiet=1)
    try:
        for name in args.only:
            print(f"-- {name} …", file=sys.stderr, flush=True)
            began = time.perf_counter()
            try:
                result = BENCHMARKS[name](options)
            except Exception:  # report it and go on with the next benchmark
                traceback.print_exc()
                failed.append(name)
                continue
            result["load_after"] = round(os.getloadavg()[0], 2)
            result["machine"] = machine()
            result["seconds"] = round(time.perf_counter() - began, 1)
            save(result, args.results)
            results.append(result)
            print(table(result), flush=True)
    finally:
        if options.site is not None and not options.keep:
            shutil.rmtree(options.site.parent, ignore_errors=True)
    budgets = [{"benchmark": r["benchmark"], **b} for r in results for b in r["budgets"]]
    missed = [b for b in budgets if not b["pass"]]
    summary = {
        "machine": machine(),
        "seconds": round(time.perf_counter() - started, 1),
        "benchmarks": [r["benchmark"] for r in results],
        "failed_to_run": failed,
        "budgets": budgets,
    }
    args.results.mkdir(parents=True, exist_ok=True)
    (args.results / "summary.json").write_text(json.dumps(summary, indent=1, ensure_ascii=False))
    print(
        f"\n{len(budgets) - len(missed)} of {len(budgets)} budgets met"
        f"{'; could not run: ' + ', '.join(failed) if failed else ''}"
        f" ({summary['seconds']:.0f} s). Results in {args.results}/"
    )
    if failed:
        return 2
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
