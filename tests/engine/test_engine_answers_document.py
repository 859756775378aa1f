"""The one reader of the answers document: what it hands the engine, and that it lists every
problem of the envelope (the command, the recap and the bridge pin how each presents them)."""

from __future__ import annotations

from typing import Any

from generator.engine.answers_document import (
    DOCUMENT_KEYS,
    FORMAT,
    FORMAT_VERSION,
    AnswersDocument,
    read_document,
)
from generator.engine.inputs import InputProblem


def _document(**changes: Any) -> dict[str, Any]:
    document: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "standards_version": "2017.1",
        "position": "pengawas",
        "targets": {"integritas": None},
        "total_jp": 40,
        "focus": 2,
        "identity": {"name": " Ayu ", "nip": "", "unit": "Biro Umum"},
        "priorities": ["kerjasama"],
        "plan": None,
        "ratings": {"integritas.1.1": 4},
        "submitted": True,
        "result": {"schema_version": 1},
    }
    return document | changes


def test_a_document_the_quiz_wrote_reads_as_the_quiz_asks_the_engine() -> None:
    document = _document()
    assert list(document) == list(DOCUMENT_KEYS)
    assert read_document(document, "2017.1") == (
        AnswersDocument(
            ratings={"integritas.1.1": 4},
            # No own target is set, and no plan was edited: neither is asked.
            choices={
                "total_jp": 40,
                "focus": 2,
                "priorities": ["kerjasama"],
                "position": "pengawas",
            },
            identity={"name": " Ayu ", "unit": "Biro Umum"},  # as written; blanks dropped
            stored_result={"schema_version": 1},
        ),
        [],
    )


def test_every_problem_of_the_envelope_is_listed_in_the_documents_order() -> None:
    document = _document(format_version=2, identity={"nip": 7}, extra=1)
    del document["ratings"]
    read, problems = read_document(document, "2018.1")
    assert read.choices["position"] == "pengawas"  # still read: the engine may check it too
    again = "download the answers again from the quiz (Unduh jawaban, JSON)"
    assert problems == [
        InputProblem("extra", "unknown key", again),
        InputProblem("format_version", "expected 1, got 2", again),
        InputProblem(
            "standards_version",
            'the answers were given for standards version "2017.1", these standards are version '
            "2018.1",
            "answer again in the quiz of this version, or assess with the standards they were "
            "given for",
        ),
        InputProblem("identity.nip", "expected a text of at most 120 characters, got 7"),
        InputProblem("ratings", "missing key", again),
    ]


def test_not_an_object() -> None:
    again = "download the answers again from the quiz (Unduh jawaban, JSON)"
    assert read_document([1], "2017.1") == (
        AnswersDocument(None),
        [InputProblem("", "expected an object, got a list", again)],
    )
