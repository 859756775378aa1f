"""``kompetensi import``: add a dictionary spreadsheet (.xlsx or .csv) to the standards folder."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.commands import add_standards_option
from generator.errors import printable
from generator.i18n import _, ngettext
from generator.standard.importer import plan_import
from generator.standard.loader import display_path


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "import",
        help=_("add a dictionary or positions spreadsheet (.xlsx or .csv) to the standards folder"),
        description=_(
            "Add a dictionary spreadsheet to the standards folder: one row per indicator with "
            "the columns competency_id, competency_name, group, definition, level, "
            "level_description, indicator (and optionally dictionary). Nothing is written "
            "unless the whole result validates."
        )
        + " "
        + _(
            "A spreadsheet with a position_id column adds positions instead: one row per "
            "required competency (competency_id, level) with the position's fields on its first "
            "row and requirement columns (see the handbook)."
        ),
    )
    parser.add_argument("file", type=Path, metavar=_("FILE"), help=_("the .xlsx or .csv file"))
    add_standards_option(parser)
    parser.add_argument("--force", action="store_true", help=_("replace files that already exist"))
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    result = plan_import(args.file, args.standards, force=args.force)
    for warning in result.warnings:
        print(_("warning: ") + str(warning), file=sys.stderr)
    if result.problems:
        for problem in result.problems:
            print(problem, file=sys.stderr)
        count = len(result.problems)
        summary = ngettext(
            "{count} problem in {file}; no file was written",
            "{count} problems in {file}; no file was written",
            count,
        )
        print(printable(summary.format(count=count, file=display_path(args.file))), file=sys.stderr)
        return 1
    for path, text in result.files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    names = ", ".join(display_path(p) for p in result.files)
    written = ngettext(
        "OK: {count} file written: {names}", "OK: {count} files written: {names}", len(result.files)
    )
    print(printable(written.format(count=len(result.files), names=names)))
    return 0
