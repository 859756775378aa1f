"""The ``kompetensi`` command: one subcommand per module in ``generator.commands``.

Exit codes: 0 success, 1 bad data or input (every problem listed on stderr), 2 usage error.
Messages are Indonesian unless ``--lang en`` or ``KOMPETENSI_LANG=en`` (:mod:`generator.i18n`).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from generator import __version__, i18n
from generator.engine import wording
from generator.errors import printable
from generator.i18n import _
from generator.standard.strict_yaml import LibyamlMissing

COMMANDS = ("validate", "export", "import_dictionary", "assess", "rekap", "build", "serve")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kompetensi",
        description=_(
            "ASN Position Competency Standard: validate, export, import, assess, recap, build "
            "and serve."
        ),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"kompetensi {__version__}",
        help=_("show the program's version and exit"),
    )
    _add_language_option(parser)
    subparsers = parser.add_subparsers(dest="command", metavar=_("COMMAND"))
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"generator.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"generator.commands.{name}":
                raise
            continue  # a command still under construction is simply not offered
        module.register(subparsers)
    for subparser in subparsers.choices.values():
        # Also after the command (kompetensi validate --lang en); SUPPRESS keeps an earlier one.
        _add_language_option(subparser, default=argparse.SUPPRESS)
    return parser


def _add_language_option(parser: argparse.ArgumentParser, default: object = None) -> None:
    parser.add_argument(
        "--lang",
        choices=i18n.LANGUAGES,
        default=default,
        help=_(
            "the language of the messages: id (Indonesian, the default) or en (English); "
            "the environment variable {variable} does the same"
        ).format(variable=i18n.ENVIRONMENT_VARIABLE),
    )


class _SilentParser(argparse.ArgumentParser):
    """Finds ``--lang`` before the real parser exists; a mistake it leaves to that parser, which
    reports it in the language of the other messages (this one would print English usage)."""

    def error(self, message: str) -> NoReturn:
        raise SystemExit(2)


def _language(argv: Sequence[str]) -> str | None:
    """The language asked for: ``--lang`` (wherever it stands), else ``KOMPETENSI_LANG``.

    Read before the parser is built, because the help texts are translated as it is built.
    ``None`` after printing a usage error: the environment variable names no known language.
    """
    early = _SilentParser(add_help=False)
    early.add_argument("--lang", choices=i18n.LANGUAGES)
    try:
        known, _rest = early.parse_known_args(argv)
    except SystemExit:
        return i18n.DEFAULT_LANGUAGE  # a bad --lang: the full parser reports it
    if known.lang:
        return str(known.lang)
    try:
        return i18n.language_from_environment()
    except i18n.UnknownLanguage as exc:
        with i18n.speaking(i18n.DEFAULT_LANGUAGE):
            message = _(
                "kompetensi: {variable}: unknown language '{value}' Hint: use one of {languages}"
            ).format(
                variable=i18n.ENVIRONMENT_VARIABLE,
                value=exc,
                languages=", ".join(i18n.LANGUAGES),
            )
        print(printable(message), file=sys.stderr)
        return None


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    language = _language(arguments)
    if language is None:
        return 2
    # A build runs MkDocs in a child process: it must speak the same language. Put back after,
    # for a caller that runs the command in its own process (the tests).
    before = os.environ.get(i18n.ENVIRONMENT_VARIABLE)
    os.environ[i18n.ENVIRONMENT_VARIABLE] = language
    engine_before = wording.use(_)  # the engine's input messages, through the same catalog
    try:
        with i18n.speaking(language), i18n.argparse_speaking():
            return _run(arguments)
    finally:
        wording.use(engine_before)
        if before is None:
            del os.environ[i18n.ENVIRONMENT_VARIABLE]
        else:
            os.environ[i18n.ENVIRONMENT_VARIABLE] = before


def _run(argv: list[str]) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        code: int = args.func(args)
    except KeyboardInterrupt:
        return 130
    except LibyamlMissing as exc:  # a broken install, not a bug: say how to mend it
        print(printable(f"kompetensi: {exc}"), file=sys.stderr)
        return 1
    except Exception as exc:  # last resort: a user never sees a traceback
        message = _(
            "kompetensi: internal error: {error} Hint: please report this with the command you ran"
        ).format(error=f"{type(exc).__name__}: {exc}")
        print(printable(message), file=sys.stderr)
        return 1
    return code


if __name__ == "__main__":
    sys.exit(main())
