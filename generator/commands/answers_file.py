"""What ``kompetensi assess --answers`` reads: ``{"ratings": {...}}``, or the quiz's own answers
file (``penilaian-kompetensi.json``, format ``kompetensi-asn/jawaban``).

The quiz's file is read by :func:`generator.engine.answers_document.read_document`, as the
recap reads it: its choices are passed to the engine as the quiz passes them, so the CLI gives
the result the quiz showed. Options given on the command line replace the file's value of the
same choice. The result stored in the file is never used: it is recomputed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from generator.engine.answers_document import read_document
from generator.engine.inputs import InputProblem, document_value

ANSWERS_EXAMPLE = '{"ratings": {"integritas.1.1": 4}}'


@dataclass
class Answers:
    """The ratings, the engine arguments the file chose, and the identity it holds."""

    ratings: object
    choices: dict[str, Any] = field(default_factory=dict)
    identity: dict[str, str] = field(default_factory=dict)


def is_quiz_file(document: object) -> bool:
    """Whether ``document`` claims to be the quiz's answers file (it has a ``format``)."""
    return isinstance(document, dict) and "format" in document


def read_answers(document: object, standards_version: str) -> tuple[Answers, list[InputProblem]]:
    """The answers in ``document``; the problems are located by key path inside the file."""
    if not is_quiz_file(document):
        ratings, problems = document_value(document, "ratings", ANSWERS_EXAMPLE)
        return Answers(ratings), problems
    read, problems = read_document(document, standards_version)
    answers = Answers(read.ratings, dict(read.choices), dict(read.identity))
    return answers, problems
