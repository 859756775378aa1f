"""Reading one result file (``penilaian-kompetensi.json``) for the recap, trusting nothing in it.

The quiz downloads the answers document (``format`` ``kompetensi-asn/jawaban``, version 1) with
the result it showed. For the recap a file is only its answers: the result is recomputed with
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
from .assessment import assess
from .dictionary import Dictionary
from .inputs import InputError
from .wording import _

FORMAT = "kompetensi-asn/jawaban"
FORMAT_VERSION = 1
MAX_RESULT_BYTES = 1024 * 1024
"""The quiz's own import limit: a genuine file is a few tens of KB."""
MAX_TEXT_CHARS = 200
IDENTITY_KEYS = ("name", "nip", "unit", "period", "position_title")
MAX_IDENTITY_CHARS = 120
"""An identity text's length: the form's ``maxlength``, which the quiz checks a file against
(``answers.js``), the command's check and the bridge's cut."""
DOCUMENT_KEYS = (
    "format",
    "format_version",
    "standards_version",
    "position",
    "targets",
    "total_jp",
    "focus",
    "identity",
    "priorities",
    "plan",
    "ratings",
    "submitted",
    "result",
)
"""The keys of an answers document; the quiz page carries them (``data-answer-keys``) for
``answers.js``, so the quiz and ``kompetensi assess --answers`` know the same keys."""
PLAN_CHOICES = ("focus", "priorities", "plan")
"""Answers-document keys passed to :func:`generator.engine.assess` as they are."""


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


def _identity(document: Mapping[str, Any]) -> dict[str, str]:
    raw = document.get("identity")
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise Rejected(_("identity must be an object"))
    identity: dict[str, str] = {}
    for key in IDENTITY_KEYS:
        value = raw.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            raise Rejected(_("identity.{key} must be text").format(key=key))
        text = normalize_nip(value) if key == "nip" else clean_text(value)
        if text:
            identity[key] = text
    return identity


def engine_request(document: Mapping[str, Any]) -> dict[str, Any]:
    """What the engine is asked, as the quiz asks it (``answers.js`` ``engineRequest``): the
    position, and the person's own targets when any is set (they fill what the position
    leaves open, or stand alone without a position)."""
    request: dict[str, Any] = {"ratings": document.get("ratings")}
    total_jp = document.get("total_jp")
    if total_jp is not None:
        request["total_jp"] = total_jp
    # The plan's choices the person made (the engine checks them; a bad one rejects the file).
    for key in PLAN_CHOICES:
        if document.get(key) is not None:
            request[key] = document[key]
    if document.get("position"):
        request["position"] = document["position"]
    targets = document.get("targets")
    if not isinstance(targets, dict):
        if targets is not None:
            request["targets"] = targets  # the engine reports it
    elif any(value is not None for value in targets.values()):
        request["targets"] = targets
    return request


def read_result(source: str, data: bytes, dictionary: Dictionary) -> Respondent:
    """The :class:`Respondent` of one file's bytes; raises :class:`Rejected` with one reason."""
    document = _decode(data)
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise Rejected(_("not a competency self-assessment result file"))
    if document.get("format_version") != FORMAT_VERSION:
        raise Rejected(_("unknown file format version"))
    version = document.get("standards_version")
    if version != dictionary.standards_version:
        shown = clean_text(version)[:20] if isinstance(version, str) else _("unknown")
        made_for = _("made for standards version {version}, while this recap uses version {used}")
        raise Rejected(made_for.format(version=shown, used=dictionary.standards_version))
    identity = _identity(document)
    request = engine_request(document)
    try:
        result = assess(
            dictionary,
            cast("dict[str, int]", request.pop("ratings")),
            **request,
        )
    except InputError as error:
        # The engine's messages are for developers; the officer gets the key path.
        where = error.problems[0].path or _("the file's content")
        unfit = _("the answers do not fit this competency standard (check {where})")
        raise Rejected(unfit.format(where=where)) from None
    stored = document.get("result")
    return Respondent(
        source=source,
        digest=hashlib.sha256(data).hexdigest(),
        identity=identity,
        position=request.get("position"),
        result=result,
        stored_differs=stored is not None and stored != result,
    )
