"""``kompetensi validate``: check a standards folder and list every problem."""

from __future__ import annotations

import argparse
import sys

from generator.commands import add_standards_option, load_or_report
from generator.errors import printable
from generator.i18n import _
from generator.output_file import write_stdout


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "validate",
        help=_("check the standards folder"),
        description=_("Check every file of a standards folder."),
    )
    add_standards_option(parser)
    parser.add_argument("--strict", action="store_true", help=_("treat warnings as errors"))
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    standard = load_or_report(args.standards)
    if standard is None:
        return 1
    if args.strict and standard.warnings:
        return 1
    c = standard.counts()
    line = printable(
        _(
            "OK {folder}: {competencies} competencies, {levels} levels, {indicators} "
            "indicators, {positions} positions, {activities} learning activities "
            "(version {version})"
        ).format(folder=args.standards, version=standard.version, **c)
    )
    problem = write_stdout(line + "\n")
    if problem is not None:
        print(problem, file=sys.stderr)
        return 1
    return 0
