"""``kompetensi rekap``: an agency's development needs from its employees' result files.

Every file is read with a size cap and handed to :class:`generator.engine.recap.Recap` (the
code the ``/rekap/`` page runs in the browser): recomputed, checked, de-duplicated. Rejected
files are listed on stderr and in every output. Exit 0 when at least one file was used, 1 when
none was (or, with ``--strict``, when any was rejected, or the roster is broken), 2 on misuse.
"""

from __future__ import annotations

import argparse
import csv
import io
import math
import os
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from generator.commands import add_standards_option, whole_number
from generator.commands.assess import _load_dictionary
from generator.engine import DictionaryError
from generator.engine.dictionary import read_dictionary
from generator.engine.model import DEFAULT_MIN_GROUP
from generator.engine.recap import Recap
from generator.engine.recap_files import MAX_RESULT_BYTES
from generator.engine.recap_roster import MAX_ROSTER_BYTES, read_roster
from generator.engine.recap_rows import activity_rows, tidy_rows
from generator.engine.recap_tables import to_csv, to_json, to_markdown, to_xlsx
from generator.errors import printable
from generator.i18n import _, os_reason
from generator.output_file import write_output

FORMATS = ("json", "csv", "xlsx", "markdown")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "rekap",
        help=_("recap an agency's development needs from many result files"),
        description=_(
            "Recompute every self-assessment result file (penilaian-kompetensi.json) and sum "
            "them per competency, unit and position, with the JP and activities the plans ask "
            "for and an annual plan table. No name or NIP is written unless --detail."
        ),
    )
    parser.add_argument(
        "paths",
        nargs="+",
        type=Path,
        metavar=_("FILES_OR_DIRS"),
        help=_("result files, or folders whose *.json files are read"),
    )
    parser.add_argument(
        "--roster", type=Path, metavar="CSV", help=_("employee list: nip, nama, unit, jabatan")
    )
    parser.add_argument("--format", choices=FORMATS, default="json", help=_("the output format"))
    parser.add_argument("-o", "--output", type=Path, metavar=_("OUT"), help=_("write here"))
    parser.add_argument(
        "--detail", action="store_true", help=_("add a per-person table (personal data)")
    )
    parser.add_argument(
        "--min-group",
        type=whole_number(1, math.inf, _("expected a whole number from 1, got '{text}'")),
        default=None,
        metavar="N",
        help=_("hide unit/position groups smaller than N (default {count})").format(
            count=DEFAULT_MIN_GROUP
        ),
    )
    parser.add_argument("--strict", action="store_true", help=_("exit 1 if any file is rejected"))
    parser.add_argument(
        "--emit-rows",
        type=Path,
        metavar=_("FILE"),
        help=_("also write the tidy rows (.csv or .parquet) and FILE_activities beside them"),
    )
    add_standards_option(parser, export_too=True)
    parser.set_defaults(func=run)


def result_files(paths: Iterable[Path]) -> Iterator[Path]:
    """The files named, and every ``*.json`` under the folders named, each folder sorted."""
    for path in paths:
        if path.is_dir():
            for folder, subfolders, names in os.walk(path):
                subfolders.sort()
                for name in sorted(names):
                    if name.lower().endswith(".json"):
                        yield Path(folder, name)
        else:
            yield path


def read_bounded(path: Path, limit: int) -> tuple[bytes | None, float, str]:
    """At most ``limit + 1`` bytes of a file (so a huge file is never read whole)."""
    try:
        with path.open("rb") as handle:
            modified = os.fstat(handle.fileno()).st_mtime
            data = handle.read(limit + 1)
    except OSError as error:
        return None, 0.0, _("the file cannot be read ({reason})").format(reason=os_reason(error))
    if len(data) > limit:
        return (
            None,
            modified,
            _("the file is larger than {size} MB").format(size=max(1, limit // (1024 * 1024))),
        )
    return data, modified, ""


def _rows_csv(rows: Iterable[dict[str, Any]], header: list[str]) -> str:
    handle = io.StringIO()
    writer = csv.DictWriter(handle, header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return handle.getvalue()


def _write_rows(path: Path, rows: Iterable[dict[str, Any]], header: list[str]) -> None:
    """Write like ``-o`` does (links, devices, missing folders, a full disk): see output_file."""
    failure = write_output(path, _rows_csv(rows, header))
    if failure is not None:
        raise OutputFailed(failure)


class OutputFailed(Exception):
    """A file could not be written; the message is the line to print."""


def _emit_rows(recap: Recap, target: Path, detail: bool) -> str:
    """Write the two tidy tables; an error message (usage) or an empty string."""
    suffix = target.suffix.lower()
    entries = recap.entries()
    header = ["respondent", *(["nip"] if detail else [])]
    header += ["unit", "position", "competency", "estimated", "target", "gap"]
    activity_header = ["respondent", "unit", "position", "activity_id", "competency"]
    activity_header += ["level", "category", "form", "jp"]
    activities = target.with_name(f"{target.stem}_activities{target.suffix}")
    if suffix == ".csv":
        _write_rows(target, tidy_rows(recap.view, entries, detail=detail), header)
        _write_rows(activities, activity_rows(entries), activity_header)
        return ""
    try:
        import duckdb  # a development dependency: Parquet is for data-lake deployments
    except ModuleNotFoundError:
        return "--emit-rows: " + _("writing Parquet needs the duckdb package (pip install duckdb)")
    with tempfile.TemporaryDirectory() as folder:
        for rows, columns, out in (
            (tidy_rows(recap.view, entries, detail=detail), header, target),
            (activity_rows(entries), activity_header, activities),
        ):
            staged = Path(folder, "rows.csv")
            _write_rows(staged, rows, columns)
            numbers = ("respondent", "estimated", "target", "gap", "level", "jp")
            types = {c: "BIGINT" if c in numbers else "VARCHAR" for c in columns}
            relation = duckdb.read_csv(str(staged), header=True, dtype=types)
            relation.write_parquet(str(out))
    return ""


def run(args: argparse.Namespace) -> int:
    if args.format == "xlsx" and args.output is None:
        print("--format xlsx: " + _("name the output file with -o FILE.xlsx"), file=sys.stderr)
        return 2
    if args.emit_rows is not None and args.emit_rows.suffix.lower() not in (".csv", ".parquet"):
        print("--emit-rows: " + _("use a file name ending in .csv or .parquet"), file=sys.stderr)
        return 2
    missing = [str(given) for given in args.paths if not given.exists()]
    if missing:
        for name in missing:
            print(f"{name}: " + _("file or folder not found"), file=sys.stderr)
        return 2
    dictionary = _load_dictionary(args.standards)
    if dictionary is None:
        return 1
    roster = None
    if args.roster is not None:
        data, _modified, problem = read_bounded(args.roster, MAX_ROSTER_BYTES)
        problems = [f"{args.roster}: {problem}"] if data is None else []
        if data is not None:
            roster, problems = read_roster(data, str(args.roster))
        if problems:
            print("\n".join(problems), file=sys.stderr)
            return 1
    try:
        view = read_dictionary(dictionary)
    except DictionaryError as error:
        message = _("not a usable kompetensi export: {error}").format(error=error)
        print(f"{args.standards}: {message}", file=sys.stderr)
        return 1
    min_group = view.recap.min_group if args.min_group is None else args.min_group
    recap = Recap(view, roster=roster, min_group=min_group, group_size=view.recap.group_size)
    for path in result_files(args.paths):
        data, modified, problem = read_bounded(path, MAX_RESULT_BYTES)
        if data is None:
            recap.reject(str(path), problem)
        else:
            recap.add(str(path), data, modified)
    if args.emit_rows is not None:
        try:
            message = _emit_rows(recap, args.emit_rows, args.detail)
        except OutputFailed as failed:
            print(printable(str(failed)), file=sys.stderr)
            return 1
        if message:
            print(message, file=sys.stderr)
            return 2
    summary = recap.summary(detail=args.detail)
    output: str | bytes
    if args.format == "xlsx":
        output = to_xlsx(summary)
    elif args.format == "json":
        output = to_json(summary)
    else:
        output = to_csv(summary) if args.format == "csv" else to_markdown(summary)
    failure = write_output(args.output, output)  # links, devices, "-" and a full disk
    if failure is not None:
        print(printable(failure), file=sys.stderr)
        return 1
    for rejected in summary["rejected"]:
        message = _("rejected: {reason}").format(reason=rejected["reason"])
        print(f"{rejected['file']}: {message}", file=sys.stderr)
    used = _("rekap: {used} files used, {rejected} rejected").format(
        used=summary["respondents"], rejected=len(summary["rejected"])
    )
    print(used, file=sys.stderr)
    if not summary["respondents"]:
        return 1
    return 1 if args.strict and summary["rejected"] else 0
