"""``kompetensi export``: write the whole dictionary as JSON or CSV."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.commands import add_standards_option, load_or_report
from generator.errors import printable
from generator.i18n import _
from generator.output_file import write_output
from generator.standard.export import to_csv, to_json
from generator.standard.position_sheet import positions_csv


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "export",
        help=_("write the dictionary as JSON or CSV"),
        description=_("Write the whole dictionary as JSON or CSV."),
    )
    add_standards_option(parser)
    parser.add_argument(
        "--format", choices=("json", "csv"), default="json", help=_("the output format")
    )
    parser.add_argument(
        "--positions",
        action="store_true",
        help=_(
            "with --format csv: write the positions of standards/positions/ in the position "
            "form of kompetensi import (one row per required competency)"
        ),
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar=_("FILE"),
        help=_(
            "write to FILE (- or none: standard output); a link is written through, a device "
            "written to, a regular file replaced atomically"
        ),
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    standard = load_or_report(args.standards)
    if standard is None:
        return 1
    if args.positions and args.format != "csv":
        print(printable(_("kompetensi export: --positions needs --format csv")), file=sys.stderr)
        return 2
    if args.format == "json":
        text = to_json(standard.data)
    else:
        text = positions_csv(standard.model) if args.positions else to_csv(standard.model)
    problem = write_output(args.output, text)
    if problem is not None:
        print(printable(problem), file=sys.stderr)
        return 1
    return 0
