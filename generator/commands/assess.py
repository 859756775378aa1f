"""``kompetensi assess``: estimated levels, gaps and a 70:20:10 plan from a self-assessment.

Input files are JSON: answers ``{"ratings": {"integritas.1.1": 4, ...}}`` or the quiz's own
``penilaian-kompetensi.json`` (see :mod:`generator.commands.answers_file`; its choices apply
unless an option replaces them) and, instead of ``--position``, targets
``{"targets": {"integritas": 3, "kerjasama": null, ...}}``. ``--plan``
reads an edited plan from any JSON object with a ``"plan"`` key (the quiz's downloaded answers,
or a result of this command), checks it against the catalogue and re-totals it. Every problem
in them is reported, one line each (``FILE: key.path: message Hint: ...``), with exit code 1;
a malformed JSON file is reported at its ``line:col``. Usage errors exit with 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, cast

from generator.commands import add_standards_option, load_or_report, whole_number
from generator.commands.answers_file import (
    ANSWERS_EXAMPLE,
    is_quiz_file,
    read_answers,
    without_choices,
)
from generator.engine import (
    MAX_FOCUS,
    MAX_JP,
    MIN_FOCUS,
    MIN_JP,
    DictionaryError,
    InputError,
    InputProblem,
    assess,
    json_numbers,
)
from generator.engine.answers_document import AnswersDocument
from generator.engine.inputs import document_value
from generator.engine.report import to_markdown
from generator.errors import printable, with_hint
from generator.i18n import N_, _, os_reason
from generator.output_file import write_stdout

MAX_FILE_BYTES = 20_000_000
TARGETS_EXAMPLE = '{"targets": {"integritas": 3}}'
PLAN_EXAMPLE = '{"plan": {"items": [{"activity_id": "...", "jp": 8}]}}'
# The json module's own problems (a fixed set), marked for the catalog.
JSON_PROBLEMS = frozenset(
    {
        N_("Expecting ',' delimiter"),
        N_("Expecting ':' delimiter"),
        N_("Expecting property name enclosed in double quotes"),
        N_("Expecting value"),
        N_("Extra data"),
        N_("Unterminated string starting at"),
        N_("Invalid control character at"),
        N_("Invalid \\escape"),
        N_("Invalid \\uXXXX escape"),
    }
)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    refusal = _("expected an integer from {low} to {high}, got '{text}'")
    parser = subparsers.add_parser(
        "assess",
        help=_("estimate competency levels and plan learning from a self-assessment"),
        description=_(
            "Estimate each competency's level from self-assessment ratings, compare it with "
            "the targets of a position (or your own targets) and distribute a number of JP "
            "over a 70:20:10 learning plan."
        ),
    )
    parser.add_argument(
        "--answers",
        type=Path,
        required=True,
        metavar=_("FILE"),
        help=_(
            "the ratings, as JSON: {example} (leave an indicator out if unanswered), "
            "or the quiz's downloaded penilaian-kompetensi.json with its position, targets, JP, "
            "focus, priorities and plan (options given here replace the file's)"
        ).format(example=ANSWERS_EXAMPLE),
    )
    parser.add_argument("--position", metavar="ID", help=_("use the targets of this position"))
    parser.add_argument(
        "--targets",
        type=Path,
        metavar=_("FILE"),
        help=_(
            "explicit targets, as JSON: {example}; null means no target. With "
            "--position, they fill only the targets the position leaves open (a functional "
            "position's levels come from its own SKJ document)"
        ).format(example=TARGETS_EXAMPLE),
    )
    parser.add_argument(
        "--jp",
        type=whole_number(MIN_JP, MAX_JP, refusal),
        metavar="N",
        help=_("the plan's JP allowance, {low} to {high} (default: the standard's, 20)").format(
            low=MIN_JP, high=MAX_JP
        ),
    )
    parser.add_argument(
        "--focus",
        type=whole_number(MIN_FOCUS, MAX_FOCUS, refusal),
        metavar="N",
        help=_(
            "how many competencies the plan works on, {low} to {high}, the largest "
            "gaps first (default: the standard's, 3)"
        ).format(low=MIN_FOCUS, high=MAX_FOCUS),
    )
    parser.add_argument(
        "--plan",
        type=Path,
        metavar=_("FILE"),
        help=_(
            "check and re-total an edited plan instead of choosing one: a JSON object with a "
            '"plan" key, such as {example} or the quiz\'s downloaded answers'
        ).format(example=PLAN_EXAMPLE),
    )
    parser.add_argument(
        "--format", choices=("json", "markdown"), default="json", help=_("the output format")
    )
    add_standards_option(parser, export_too=True)
    parser.set_defaults(func=run, usage_error=parser.error)


def read_json(path: Path) -> tuple[object, list[str]]:
    """A JSON file's value, or ``(None, messages)``: unreadable, not UTF-8, malformed, dupes."""
    try:
        # Capped while reading: /dev/zero or an endless pipe stops at the cap, not at the end of
        # memory.
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        return None, [f"{path}: " + _("cannot read: {reason}").format(reason=os_reason(exc))]
    if len(raw) > MAX_FILE_BYTES:
        message = with_hint(
            _("too large: more than {limit} bytes").format(limit=MAX_FILE_BYTES),
            _("check that this is the right file; answers, targets and exports are far smaller"),
        )
        return None, [f"{path}: {message}"]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        message = with_hint(
            _("not UTF-8 text: byte {byte} at offset {offset}").format(
                byte=f"0x{raw[exc.start]:02x}", offset=exc.start
            ),
            _("save the file as UTF-8"),
        )
        return None, [f"{path}: {message}"]
    duplicates: list[str] = []

    def unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        # json.loads would silently keep the last of two equal keys: a silent guess.
        mapping: dict[str, Any] = {}
        for key, value in pairs:
            if key in mapping:
                duplicates.append(key)
            mapping[key] = value
        return mapping

    try:
        value = json_numbers.loads(text, object_pairs_hook=unique_keys)
    except json.JSONDecodeError as exc:
        problem = _(exc.msg) if exc.msg in JSON_PROBLEMS else exc.msg
        message = _("malformed JSON: {problem}").format(problem=problem)
        return None, [f"{path}:{exc.lineno}:{exc.colno}: {message}"]
    except json_numbers.NumberTooLong as exc:
        message = with_hint(
            _("a number of {count} characters ({shown}) is longer than {limit} characters").format(
                count=exc.length, shown=exc.shown, limit=json_numbers.MAX_NUMBER_CHARS
            ),
            _("ratings and levels are small"),
        )
        return None, [f"{path}:{exc.line}:{exc.column}: {message}"]
    except RecursionError:
        return None, [f"{path}: " + _("malformed JSON: nested too deeply")]
    hint = _("give each key once; JSON keeps only the last value")
    return value, [
        f"{path}: " + with_hint(_("duplicate key '{key}'").format(key=key), hint)
        for key in duplicates
    ]


def _read_targets(path: Path) -> tuple[object, list[str]]:
    """The ``"targets"`` of a targets file, or ``(None, messages)``."""
    document, messages = read_json(path)
    if messages:
        return None, messages
    value, problems = document_value(document, "targets", TARGETS_EXAMPLE)
    return value, [problem.format(str(path)) for problem in problems]


def _read_plan(path: Path) -> tuple[object, list[str]]:
    """The ``"plan"`` of a JSON object (other keys are the file's own business), or messages."""
    document, messages = read_json(path)
    if messages:
        return None, messages
    if not isinstance(document, dict) or not isinstance(document.get("plan"), dict):
        problem = InputProblem(
            "plan",
            _("expected an object holding the edited plan"),
            _("the file looks like {example}").format(example=PLAN_EXAMPLE),
        )
        return None, [problem.format(str(path))]
    return document["plan"], []


def _load_dictionary(source: Path) -> dict[str, Any] | None:
    """The export dict from a standards folder or an exported JSON file; ``None`` = exit 1."""
    if source.is_dir() or not source.exists():
        standard = load_or_report(source)
        return None if standard is None else standard.data
    document, messages = read_json(source)
    for message in messages:
        print(printable(message), file=sys.stderr)
    if messages:
        return None
    if not isinstance(document, dict):
        print(f"{source}: " + _("expected an exported dictionary object"), file=sys.stderr)
        return None
    return document


def _locate(problem: InputProblem, args: argparse.Namespace, from_file: set[str]) -> str:
    """Prefix a problem from the engine with where the user wrote the offending value
    (``from_file``: the engine arguments the answers file gave)."""
    head = problem.path.split(".", 1)[0].split("[", 1)[0]
    if head == "ratings" or head in from_file:
        return problem.format(str(args.answers))
    if head == "targets":
        return problem.format(str(args.targets))
    if head == "plan":
        return problem.format(str(args.plan))
    # The others come from options: "--position: unknown position 'x'".
    option = {"total_jp": "--jp", "focus": "--focus"}.get(head, "--position")
    return problem._replace(path="").format(option)


def _answers(
    args: argparse.Namespace, document: object, dictionary: dict[str, Any]
) -> tuple[AnswersDocument, list[str]]:
    """The answers file's ratings and choices, less those the options replace."""
    version = str(dictionary.get("framework", {}).get("version", ""))
    answers, problems = read_answers(document, version)
    options = {"position": args.position, "targets": args.targets, "total_jp": args.jp}
    options |= {"focus": args.focus, "plan": args.plan}
    replaced = [key for key, option in options.items() if option is not None]
    located = [problem.format(str(args.answers)) for problem in problems]
    return without_choices(answers, replaced), located


def run(args: argparse.Namespace) -> int:
    document, messages = read_json(args.answers)
    # The quiz's file may hold the position or targets; a bare ratings file needs an option.
    if args.position is None and args.targets is None and not is_quiz_file(document):
        args.usage_error(_("one of the arguments --position --targets is required"))
    dictionary = _load_dictionary(args.standards)
    if dictionary is None:
        return 1
    answers = AnswersDocument(None)
    if not messages:
        answers, messages = _answers(args, document, dictionary)
    targets = None
    if args.targets is not None:
        targets, more = _read_targets(args.targets)
        messages += more
    plan = None
    if args.plan is not None:
        plan, more = _read_plan(args.plan)
        messages += more
    try:
        # A broken file still lets the other inputs be checked, so every problem shows at once.
        options = {"position": args.position, "targets": targets, "total_jp": args.jp}
        options |= {"focus": args.focus, "plan": plan}
        given = {key: value for key, value in options.items() if value is not None}
        result = assess(
            dictionary,
            # assess checks the types of JSON-decoded values itself; the cast only says so.
            cast("dict[str, int]", {} if answers.ratings is None else answers.ratings),
            **{**answers.choices, **given},
        )
    except InputError as exc:
        messages += [_locate(problem, args, set(answers.choices)) for problem in exc.problems]
    except DictionaryError as exc:
        messages.append(
            f"{args.standards}: " + _("not a usable kompetensi export: {error}").format(error=exc)
        )
    if messages:
        for message in messages:
            print(printable(message), file=sys.stderr)
        return 1
    if args.format == "markdown":
        text = to_markdown(dictionary, result, answers.identity or None)
    else:
        text = json.dumps(result, ensure_ascii=False, indent=2) + "\n"
    problem = write_stdout(text)
    if problem is not None:
        print(problem, file=sys.stderr)
        return 1
    return 0
