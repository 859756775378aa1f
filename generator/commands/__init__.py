"""Subcommands of ``kompetensi``; each module offers ``register(subparsers)`` and ``run(args)``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from generator.errors import DataErrors, Problem, count_problems, printable
from generator.i18n import _, ngettext
from generator.standard import Standard, load_standard

DEFAULT_STANDARDS = Path("standards")


def add_standards_option(parser: argparse.ArgumentParser, *, export_too: bool = False) -> None:
    """``--standards DIR``; with ``export_too`` an exported kompetensi.json is accepted too."""
    parser.add_argument(
        "--standards",
        type=Path,
        default=DEFAULT_STANDARDS,
        metavar=_("DIR"),
        help=(
            _("the standards folder, or an exported kompetensi.json (default: standards)")
            if export_too
            else _("the standards folder (default: standards)")
        ),
    )


def whole_number(low: int, high: float, refusal: str) -> Callable[[str], int]:
    """An argparse type: a whole number from ``low`` to ``high`` (``math.inf``: no upper
    bound); ``refusal`` is the message for anything else (it may name ``{low}``, ``{high}``
    and the given ``{text}``)."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = low - 1
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(refusal.format(low=low, high=high, text=text))
        return value

    return parse


def add_config_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-f",
        "--config-file",
        type=Path,
        default=Path("mkdocs.yml"),
        metavar=_("FILE"),
        help=_("the MkDocs configuration (default: mkdocs.yml)"),
    )


def print_problems(problems: list[Problem] | tuple[Problem, ...], *, label: str = "") -> None:
    for problem in problems:
        print(f"{label}{problem}", file=sys.stderr)


def load_or_report(standards: Path) -> Standard | None:
    """Load the standards, or print every problem and a count; ``None`` means exit 1."""
    try:
        standard = load_standard(standards)
    except DataErrors as exc:
        print_problems(exc.problems)
        count = count_problems(exc.problems)
        summary = ngettext("{count} error in {folder}", "{count} errors in {folder}", count)
        print(printable(summary.format(count=count, folder=standards)), file=sys.stderr)
        return None
    print_problems(standard.warnings, label=_("warning: "))
    return standard
