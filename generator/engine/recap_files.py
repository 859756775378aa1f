"""Reading one result file (``penilaian-kompetensi.json``) for the recap, trusting nothing in it.

The quiz downloads the answers document (``format`` ``kompetensi-asn/jawaban``, version 1) with
the result it showed; :func:`.answers_document.read_document` checks it, as for the command. For the recap a file is only its answers: the result is recomputed with
:func:`generator.engine.assess` and the current dictionary; the stored result is compared with
the recomputed one and only counted when it differs (as the quiz's import does). A file that
cannot be used is rejected with one reason, for the officer who collected it, in the language
the caller installed (:mod:`.wording`: Indonesian on the page and by default in the command).

Standard library only: this module runs in the browser too (the ``/rekap/`` page).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, cast

from . import json_numbers
from .answers_document import read_document
from .assessment import assess
from .dictionary import Dictionary
from .inputs import InputError, InputProblem
from .wording import _

MAX_RESULT_BYTES = 1024 * 1024
"""The quiz's own import limit: a genuine file is a few tens of KB."""
MAX_TEXT_CHARS = 200


class Rejected(ValueError):
    """A file the recap cannot use; ``reason`` says why, in one sentence."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


@dataclass(frozen=True)
class Respondent:
    """One usable file: who (as the file says), and the recomputed result."""

    source: str
    digest: str
    identity: Mapping[str, str]
    position: str | None
    result: Mapping[str, Any]
    stored_differs: bool
    """The file carried a result that differs from the recomputed one (tampered or outdated)."""

    @property
    def nip(self) -> str | None:
        return self.identity.get("nip")


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    mapping: dict[str, Any] = {}
    for key, value in pairs:
        if key in mapping:
            raise Rejected(_("key '{key}' appears twice").format(key=key[:40]))
        mapping[key] = value
    return mapping


def _decode(data: bytes) -> Any:
    if len(data) > MAX_RESULT_BYTES:
        raise Rejected(_("the file is larger than 1 MB"))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise Rejected(_("the file is not UTF-8 text")) from None
    try:
        return json_numbers.loads(text, object_pairs_hook=_unique_keys)
    except json_numbers.NumberTooLong as error:
        too_long = _("a number too long on line {line} column {column}")
        raise Rejected(too_long.format(line=error.line, column=error.column)) from None
    except (json.JSONDecodeError, RecursionError):
        raise Rejected(_("the file is not valid JSON")) from None


def clean_text(value: str) -> str:
    """One line, no control or format characters, at most :data:`MAX_TEXT_CHARS` characters."""
    visible = "".join(ch for ch in value if ch.isprintable() or ch.isspace())
    return " ".join(visible.split())[:MAX_TEXT_CHARS]


def normalize_nip(value: str) -> str:
    """A NIP as written without spaces (``1980 0101 ...`` and ``19800101...`` are one person)."""
    return "".join(clean_text(value).split())


def _cleaned(identity: Mapping[str, str]) -> dict[str, str]:
    """The identity as the recap shows and matches it: one line each, a NIP without spaces."""
    cleaned = {
        key: normalize_nip(text) if key == "nip" else clean_text(text)
        for key, text in identity.items()
    }
    return {key: text for key, text in cleaned.items() if text}


def _reason(problems: list[InputProblem]) -> str:
    """The one reason of a file the reader found problems in: a file of another kind, else its
    version, else the first problem, without the hint (it speaks to the person, not the
    officer)."""
    first = {problem.path: problem for problem in reversed(problems)}
    if "" in first or "format" in first:
        return _("not a competency self-assessment result file")
    telling = first.get("format_version") or first.get("standards_version") or problems[0]
    return clean_text(telling._replace(hint="").format())


def read_result(source: str, data: bytes, dictionary: Dictionary) -> Respondent:
    """The :class:`Respondent` of one file's bytes; raises :class:`Rejected` with one reason."""
    read, problems = read_document(_decode(data), dictionary.standards_version)
    if problems:
        raise Rejected(_reason(problems))
    try:
        result = assess(
            dictionary,
            cast("dict[str, int]", read.ratings),
            **read.choices,
        )
    except InputError as error:
        # The engine's messages are for developers; the officer gets the key path.
        where = error.problems[0].path or _("the file's content")
        unfit = _("the answers do not fit this competency standard (check {where})")
        raise Rejected(unfit.format(where=where)) from None
    return Respondent(
        source=source,
        digest=hashlib.sha256(data).hexdigest(),
        identity=_cleaned(read.identity),
        position=read.choices.get("position"),
        result=result,
        stored_differs=read.stored_result is not None and read.stored_result != result,
    )
