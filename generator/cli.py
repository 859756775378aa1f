"""The ``kompetensi`` command: one subcommand per module in ``generator.commands``.

Exit codes: 0 success, 1 bad data or input (every problem listed on stderr), 2 usage error.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from generator import __version__
from generator.errors import printable

COMMANDS = ("validate", "export", "import_dictionary", "assess", "rekap", "build", "serve")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kompetensi",
        description=(
            "Standar Kompetensi Jabatan ASN: validate, export, import, assess, recap, build "
            "and serve."
        ),
    )
    parser.add_argument("--version", action="version", version=f"kompetensi {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"generator.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"generator.commands.{name}":
                raise
            continue  # a command still under construction is simply not offered
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        code: int = args.func(args)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # last resort: a user never sees a traceback
        print(
            printable(
                f"kompetensi: internal error: {type(exc).__name__}: {exc} "
                "Hint: please report this with the command you ran"
            ),
            file=sys.stderr,
        )
        return 1
    return code


if __name__ == "__main__":
    sys.exit(main())
