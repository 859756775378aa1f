"""What ``kompetensi assess --answers`` reads: ``{"ratings": {...}}``, or the quiz's own answers
file (``penilaian-kompetensi.json``, format ``kompetensi-asn/jawaban``).

The quiz's file carries the person's choices with the ratings: position, own targets, JP
allowance, focus, marked priorities, an edited plan and the identity printed on the plan. They
are passed to the engine as the quiz passes them (:func:`generator.engine.recap_files.
engine_request`, the recap's reading of the same file), so the CLI gives the result the quiz
showed. Options given on the command line replace the file's value of the same choice. The
result stored in the file is never used: it is recomputed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from generator.engine.inputs import InputProblem, describe, document_value, key_path
from generator.engine.recap_files import (
    DOCUMENT_KEYS,
    FORMAT,
    FORMAT_VERSION,
    IDENTITY_KEYS,
    MAX_IDENTITY_CHARS,
    engine_request,
)
from generator.i18n import _

ANSWERS_EXAMPLE = '{"ratings": {"integritas.1.1": 4}}'


@dataclass
class Answers:
    """The ratings, the engine arguments the file chose, and the identity it holds."""

    ratings: object
    choices: dict[str, Any] = field(default_factory=dict)
    identity: dict[str, str] = field(default_factory=dict)
    from_quiz: bool = False


def is_quiz_file(document: object) -> bool:
    """Whether ``document`` claims to be the quiz's answers file (it has a ``format``)."""
    return isinstance(document, dict) and "format" in document


def read_answers(document: object, standards_version: str) -> tuple[Answers, list[InputProblem]]:
    """The answers in ``document``; the problems are located by key path inside the file."""
    if not is_quiz_file(document):
        ratings, problems = document_value(document, "ratings", ANSWERS_EXAMPLE)
        return Answers(ratings), problems
    assert isinstance(document, dict)
    problems = _header_problems(document, standards_version)
    identity, more = _identity(document.get("identity"))
    problems += more
    choices = engine_request(document)
    ratings = choices.pop("ratings")
    if ratings is None:
        problems.append(InputProblem("ratings", _("missing key"), _quiz_hint()))
    return Answers(ratings, choices, identity, from_quiz=True), problems


def _quiz_hint() -> str:
    return _("download the answers again from the quiz (Unduh jawaban, JSON)")


def _header_problems(document: dict[str, Any], standards_version: str) -> list[InputProblem]:
    problems = [
        InputProblem(key_path("", str(key)), _("unknown key"), _quiz_hint())
        for key in document
        if key not in DOCUMENT_KEYS  # "result" is known, and ignored as in the quiz
    ]
    if document["format"] != FORMAT:
        message = _('expected "{format}", got {value}').format(
            format=FORMAT, value=describe(document["format"])
        )
        problems.append(InputProblem("format", message, _quiz_hint()))
    if document.get("format_version") != FORMAT_VERSION:
        message = _("expected {version}, got {value}").format(
            version=FORMAT_VERSION, value=describe(document.get("format_version"))
        )
        problems.append(InputProblem("format_version", message, _quiz_hint()))
    version = document.get("standards_version")
    if version != standards_version:
        message = _(
            "the answers were given for standards version {version}, these standards are "
            "version {current}"
        ).format(version=describe(version), current=standards_version)
        hint = _(
            "answer again in the quiz of this version, or assess with the standards they were given for"
        )
        problems.append(InputProblem("standards_version", message, hint))
    return problems


def _identity(raw: object) -> tuple[dict[str, str], list[InputProblem]]:
    """The identity printed on the plan: optional texts under known keys."""
    if raw is None:
        return {}, []
    if not isinstance(raw, dict):
        message = _("expected an object, got {value}").format(value=describe(raw))
        return {}, [InputProblem("identity", message)]
    identity: dict[str, str] = {}
    problems = []
    for key, value in raw.items():
        path = key_path("identity", str(key))
        if key not in IDENTITY_KEYS:
            hint = _("known keys: {keys}").format(keys=", ".join(IDENTITY_KEYS))
            problems.append(InputProblem(path, _("unknown key"), hint))
        elif not isinstance(value, str) or len(value) > MAX_IDENTITY_CHARS:
            message = _("expected a text of at most {count} characters, got {value}").format(
                count=MAX_IDENTITY_CHARS, value=describe(value)
            )
            problems.append(InputProblem(path, message))
        elif value.strip():
            identity[key] = value
    return identity, problems
