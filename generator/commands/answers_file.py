"""What ``kompetensi assess --answers`` reads: ``{"ratings": {...}}``, or the quiz's own answers
file (``penilaian-kompetensi.json``, format ``kompetensi-asn/jawaban``).

The quiz's file is read by :func:`generator.engine.answers_document.read_document`, as the
recap reads it: its choices are passed to the engine as the quiz passes them, so the CLI gives
the result the quiz showed. Both forms are read into the one
:class:`~generator.engine.answers_document.AnswersDocument` (a bare ratings file chooses nothing
and names no one). Options given on the command line replace the file's value of the same
choice: :func:`without_choices` gives the command a copy without them, never changing what was
read. The result stored in the file is never used: it is recomputed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from generator.engine.answers_document import AnswersDocument, read_document
from generator.engine.inputs import InputProblem, document_value

ANSWERS_EXAMPLE = '{"ratings": {"integritas.1.1": 4}}'


def is_quiz_file(document: object) -> bool:
    """Whether ``document`` claims to be the quiz's answers file (it has a ``format``)."""
    return isinstance(document, dict) and "format" in document


def read_answers(
    document: object, standards_version: str
) -> tuple[AnswersDocument, list[InputProblem]]:
    """The answers in ``document``; the problems are located by key path inside the file."""
    if not is_quiz_file(document):
        ratings, problems = document_value(document, "ratings", ANSWERS_EXAMPLE)
        return AnswersDocument(ratings), problems
    return read_document(document, standards_version)


def without_choices(answers: AnswersDocument, keys: Iterable[str]) -> AnswersDocument:
    """A copy of ``answers`` without the choices named ``keys`` (those an option replaces);
    ``answers`` itself stays as the file gave it."""
    dropped = set(keys)
    kept = {key: value for key, value in answers.choices.items() if key not in dropped}
    return replace(answers, choices=kept)
