"""The answers document (``penilaian-kompetensi.json``, format ``kompetensi-asn/jawaban``), read
once for every Python reader of it.

The quiz downloads it: the ratings with the person's choices (position, own targets, JP
allowance, focus, marked priorities, an edited plan), the identity printed on the plan and the
result the quiz showed. Three readers take it in: ``kompetensi assess --answers``, the recap
(``kompetensi rekap`` and the ``/rekap/`` page) and, for the identity of a download, the
browser bridge. :func:`read_document` checks its envelope (format, version, keys, identity) here
once and returns every problem located by key path; each reader only presents them. What the
choices hold is the engine's to check (:func:`generator.engine.assess`), as for the quiz.

Standard library only: this module runs in the browser too.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .inputs import MAX_LISTED, InputProblem, capped, describe, key_path
from .wording import _

FORMAT = "kompetensi-asn/jawaban"
FORMAT_VERSION = 1
IDENTITY_KEYS = ("name", "nip", "unit", "period", "position_title")
MAX_IDENTITY_CHARS = 120
"""An identity text's length: the form's ``maxlength``, which the quiz checks a file against
(``answers.js``), and :func:`check_identity` for the command, the recap and the bridge."""
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
``answers.js``, so the quiz and the Python readers know the same keys."""
PLAN_CHOICES = ("focus", "priorities", "plan")
"""Answers-document keys passed to :func:`generator.engine.assess` as they are."""


@dataclass(frozen=True)
class AnswersDocument:
    """What an answers document asks of the engine, and who it says it is for."""

    ratings: object
    """As written (``None`` when missing): the engine checks them."""
    choices: Mapping[str, Any] = field(default_factory=dict)
    """The other arguments of :func:`generator.engine.assess` the document chose."""
    identity: Mapping[str, str] = field(default_factory=dict)
    """The identity's non-blank texts as written, under known keys."""
    stored_result: object = None
    """The result the file carried: never trusted, only compared with the recomputed one."""


def again_hint() -> str:
    """The hint for a file that is not what the quiz writes: take the quiz's own download."""
    return _("download the answers again from the quiz (Unduh jawaban, JSON)")


def read_document(
    document: object, standards_version: str
) -> tuple[AnswersDocument, list[InputProblem]]:
    """The answers in ``document`` (JSON-decoded) and every problem of its envelope, in the
    document's order; the answers are returned with the problems, so that a reader listing
    everything at once can still have the engine check them."""
    if not isinstance(document, dict):
        message = _("expected an object, got {value}").format(value=describe(document))
        return AnswersDocument(None), [InputProblem("", message, again_hint())]
    problems = _header_problems(document, standards_version)
    identity, more = check_identity(document.get("identity"))
    problems += more
    choices = engine_request(document)
    ratings = choices.pop("ratings")
    if ratings is None:
        problems.append(InputProblem("ratings", _("missing key"), again_hint()))
    return AnswersDocument(ratings, choices, identity, document.get("result")), problems


def _header_problems(document: dict[str, Any], standards_version: str) -> list[InputProblem]:
    unknown = [key for key in document if key not in DOCUMENT_KEYS]
    problems = [
        InputProblem(key_path("", str(key)), _("unknown key"), again_hint())
        for key in unknown[:MAX_LISTED]
    ]
    problems = capped(problems, len(unknown) - len(problems), "")
    if document.get("format") != FORMAT:
        message = _('expected "{format}", got {value}').format(
            format=FORMAT, value=describe(document.get("format"))
        )
        problems.append(InputProblem("format", message, again_hint()))
    if document.get("format_version") != FORMAT_VERSION:
        message = _("expected {version}, got {value}").format(
            version=FORMAT_VERSION, value=describe(document.get("format_version"))
        )
        problems.append(InputProblem("format_version", message, again_hint()))
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


def check_identity(
    raw: object, path: str = "identity"
) -> tuple[dict[str, str], list[InputProblem]]:
    """The identity printed on the plan: optional texts of at most :data:`MAX_IDENTITY_CHARS`
    characters under :data:`IDENTITY_KEYS`; the non-blank ones are returned as written."""
    if raw is None:
        return {}, []
    if not isinstance(raw, dict):
        message = _("expected an object, got {value}").format(value=describe(raw))
        return {}, [InputProblem(path, message)]
    identity: dict[str, str] = {}
    problems = []
    for key, value in raw.items():
        where = key_path(path, str(key))
        if key not in IDENTITY_KEYS:
            hint = _("known keys: {keys}").format(keys=", ".join(IDENTITY_KEYS))
            problems.append(InputProblem(where, _("unknown key"), hint))
        elif not isinstance(value, str) or len(value) > MAX_IDENTITY_CHARS:
            message = _("expected a text of at most {count} characters, got {value}").format(
                count=MAX_IDENTITY_CHARS, value=describe(value)
            )
            problems.append(InputProblem(where, message))
        elif value.strip():
            identity[key] = value
    return identity, capped(problems, 0, path)


def engine_request(document: Mapping[str, Any]) -> dict[str, Any]:
    """What the engine is asked, as the quiz asks it (``answers.js`` ``engineRequest``): the
    position, and the person's own targets when any is set (they fill what the position
    leaves open, or stand alone without a position)."""
    request: dict[str, Any] = {"ratings": document.get("ratings")}
    total_jp = document.get("total_jp")
    if total_jp is not None:
        request["total_jp"] = total_jp
    # The plan's choices the person made (the engine checks them; a bad one is its problem).
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
