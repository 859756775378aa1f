"""``kompetensi export``: write the whole dictionary as JSON or CSV."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from generator.commands import add_standards_option, load_or_report
from generator.standard.export import to_csv, to_json


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "export",
        help="write the dictionary as JSON or CSV",
        description="Write the whole dictionary as JSON or CSV.",
    )
    add_standards_option(parser)
    parser.add_argument("--format", choices=("json", "csv"), default="json")
    parser.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="write to FILE instead of standard output"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    standard = load_or_report(args.standards)
    if standard is None:
        return 1
    text = to_json(standard.data) if args.format == "json" else to_csv(standard.data)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    try:
        write_atomically(args.output, text)
    except OSError as exc:
        print(f"{args.output}: cannot write: {exc.strerror}", file=sys.stderr)
        return 1
    return 0


def write_atomically(target: Path, text: str) -> None:
    """Write next to the target and rename over it: a reader never sees half a file, and a
    failure leaves the previous file and no temporary behind."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed below, renamed after
        "w",
        encoding="utf-8",
        newline="",
        dir=target.parent,
        prefix=f".{target.name}.",
        suffix=".tmp",
        delete=False,
    )
    try:
        with handle:
            handle.write(text)
        os.replace(handle.name, target)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise
