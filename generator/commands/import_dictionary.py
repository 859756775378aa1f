"""``kompetensi import``: add a dictionary spreadsheet (.xlsx or .csv) to the standards folder."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.commands import add_standards_option
from generator.errors import printable
from generator.standard.importer import plan_import
from generator.standard.loader import display_path


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "import",
        help="add a dictionary spreadsheet (.xlsx or .csv) to the standards folder",
        description=(
            "Add a dictionary spreadsheet to the standards folder: one row per indicator with "
            "the columns competency_id, competency_name, group, definition, level, "
            "level_description, indicator (and optionally dictionary). Nothing is written "
            "unless the whole result validates."
        ),
    )
    parser.add_argument("file", type=Path, metavar="FILE", help="the .xlsx or .csv file")
    add_standards_option(parser)
    parser.add_argument(
        "--force", action="store_true", help="replace competency files that already exist"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    result = plan_import(args.file, args.standards, force=args.force)
    for warning in result.warnings:
        print(f"peringatan: {warning}", file=sys.stderr)
    if result.problems:
        for problem in result.problems:
            print(problem, file=sys.stderr)
        count = len(result.problems)
        print(
            printable(
                f"{count} masalah di {display_path(args.file)}; tidak ada berkas yang ditulis"
            ),
            file=sys.stderr,
        )
        return 1
    for path, text in result.files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    names = ", ".join(display_path(p) for p in result.files)
    print(printable(f"OK: {len(result.files)} berkas ditulis: {names}"))
    return 0
