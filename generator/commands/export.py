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
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
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
    text = to_json(standard.data) if args.format == "json" else to_csv(standard.data)
    problem = write_output(args.output, text)
    if problem is not None:
        print(printable(problem), file=sys.stderr)
        return 1
    return 0
