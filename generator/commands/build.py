"""``kompetensi build``: build the site atomically (``mkdocs build --strict`` plus output checks)."""

from __future__ import annotations

import argparse
from pathlib import Path

from generator import build as site_build
from generator.commands import add_config_option
from generator.i18n import _


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "build",
        help=_("build the site into site/ (atomic, strict)"),
        description=_(
            "Build the site with mkdocs build --strict into a temporary folder, check it for "
            "external resources, event-handler attributes and javascript: URLs, and only then "
            "replace the output folder. A failed build leaves the previous site unchanged."
        ),
    )
    add_config_option(parser)
    parser.add_argument(
        "-d",
        "--site-dir",
        type=Path,
        default=None,
        metavar=_("DIR"),
        help=_("the output folder (default: site/ next to the configuration file)"),
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    site_dir = args.site_dir or args.config_file.resolve().parent / "site"
    return site_build.build(args.config_file, site_dir)
