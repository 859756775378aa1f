"""The browser's door into the engine: JSON text in, JSON text out, never an exception.

The Web Worker (``site_overrides/assets/quiz/worker.mjs``) calls these functions through
Pyodide. Strings cross the boundary instead of proxies, so nothing leaks and the same calls
run unchanged on CPython in the tests. Every failure, including a bug, comes back as
``{"ok": false, "kind": ..., "message": <Bahasa Indonesia>, ...}`` for the page to show.

Standard library only: this module is shipped in the engine wheel.
"""

from __future__ import annotations

import gettext
import json
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from generator.browser import chart, report
from generator.engine import DictionaryError, InputError, assess, wording
from generator.engine.answers_document import check_identity
from generator.engine.dictionary import Dictionary, read_dictionary
from generator.engine.report import to_markdown
from generator.engine.scope import scoped

MAX_EXPORT_CHARS = 20_000_000
MAX_REQUEST_CHARS = 2_000_000

_state: dict[str, Any] = {}
# What a request may pass on to the engine's assess().
ENGINE_ARGUMENTS = ("ratings", "position", "targets", "total_jp", "focus", "priorities", "plan")


class RequestError(ValueError):
    """A request from the page has the wrong shape (a bug in the page, or a tampered call)."""


def _dump(payload: dict[str, Any]) -> str:
    return json.dumps(payload, ensure_ascii=False)


def _failure(kind: str, message: str, **extra: Any) -> str:
    return _dump({"ok": False, "kind": kind, "message": message, **extra})


CATALOG = Path(__file__).resolve().parent.parent / "locale" / "id" / "LC_MESSAGES" / "kompetensi.mo"
"""The command's Indonesian catalog, which the wheel ships beside the engine."""
_translations: dict[str, Callable[[str], str]] = {}


def _indonesian() -> Callable[[str], str]:
    """The engine's messages (English msgids) in Indonesian, read once from :data:`CATALOG`."""
    if "id" not in _translations:
        try:
            with CATALOG.open("rb") as file:
                _translations["id"] = gettext.GNUTranslations(file).gettext
        except OSError:
            _translations["id"] = str  # no catalog: the msgids rather than no answer at all
    return _translations["id"]


def _guarded(call: Callable[[], dict[str, Any]]) -> str:
    """Run ``call`` with the engine speaking Indonesian, as the page does, and turn any
    exception into a failure envelope. The engine's language is given back afterwards: under
    CPython the same process may run the command in English next."""
    before = wording.use(_indonesian())
    try:
        return _envelope(call)
    finally:
        wording.use(before)


def _envelope(call: Callable[[], dict[str, Any]]) -> str:
    try:
        return _dump({"ok": True, **call()})
    except InputError as error:
        return _failure(
            "input",
            "Data jawaban tidak dapat dinilai karena tidak sesuai dengan standar kompetensi.",
            problems=[problem.as_dict() for problem in error.problems],
        )
    except DictionaryError as error:
        return _failure(
            "dictionary",
            "Data standar kompetensi yang dimuat tidak dapat dipakai oleh mesin penilaian.",
            detail=str(error),
        )
    except RequestError as error:
        return _failure("request", "Permintaan ke mesin penilaian tidak valid.", detail=str(error))
    except Exception as error:  # a bug: report it instead of killing the page
        return _failure(
            "internal",
            "Terjadi kesalahan di dalam mesin penilaian.",
            detail="".join(traceback.format_exception_only(type(error), error)).strip(),
        )


def _parse(text: str, limit: int, what: str) -> Any:
    if not isinstance(text, str):
        raise RequestError(f"{what}: expected JSON text")
    if len(text) > limit:
        raise RequestError(f"{what}: larger than {limit} characters")
    try:
        return json.loads(text)
    except ValueError as error:
        raise RequestError(f"{what}: not JSON ({error})") from None


def _loaded() -> tuple[dict[str, Any], Dictionary]:
    """The export kept by :func:`load` and the engine's view of it, read once there."""
    export, view = _state.get("export"), _state.get("view")
    if export is None or view is None:
        raise RequestError("load() must be called before assess()")
    return export, view


def load(export_json: str) -> str:
    """Keep the exported dictionary (``kompetensi.json``) for later calls; checks it once.

    The engine's indexed view of it is kept too: reading and checking the whole export was
    three quarters of every assessment's time when each call did it again.
    """

    def run() -> dict[str, Any]:
        export = _parse(export_json, MAX_EXPORT_CHARS, "export")
        if not isinstance(export, dict):
            raise DictionaryError("the export is not a JSON object")
        view = read_dictionary(export)  # raises DictionaryError when the export is unusable
        # A whole reply, once: it raises what the scoring needs beyond the export's shape, and
        # it runs the code of a submit before the reader's first one. In Pyodide the first
        # reply took 25-30 ms and the ones after it a few.
        _dump(_assessment_reply(_warm_up_request(view), loaded=view))
        _state.update(export=export, view=view)
        indicators = sum(
            len(level["indicators"])
            for competency in export["competencies"]
            for level in competency["levels"]
        )
        return {
            "standards_version": export["framework"]["version"],
            "competencies": len(export["competencies"]),
            "indicators": indicators,
        }

    return _guarded(run)


def _arguments(request: Any, what: str, extra: frozenset[str] = frozenset()) -> dict[str, Any]:
    if not isinstance(request, dict):
        raise RequestError(f"{what}: expected an object")
    known = set(ENGINE_ARGUMENTS) | {"claimed"} | extra
    unknown = sorted(set(request) - known)
    if unknown:
        raise RequestError(f"{what}: unknown keys {', '.join(unknown)}")
    return {key: request.get(key, {} if key == "ratings" else None) for key in ENGINE_ARGUMENTS}


def _warm_up_request(dictionary: Dictionary) -> dict[str, Any]:
    """Answers that meet the lower levels and miss the upper ones, against a position's targets
    when the export has one: gaps, explanations and a plan in every category."""
    position = next(iter(dictionary.position_targets), None)
    ratings = {
        indicator: dictionary.scale_max if number <= 2 else dictionary.scale_min
        for competency in scoped(dictionary, position).competencies
        for number, level in enumerate(competency.indicator_levels, start=1)
        for indicator in level
    }
    return {"ratings": ratings, "position": position} | dict.fromkeys(ENGINE_ARGUMENTS[2:])


def _open_targets(arguments: dict[str, Any], dictionary: Dictionary) -> dict[str, Any]:
    """The form keeps the reader's own targets while they switch positions; only those the
    chosen position leaves open (null, as for a functional position) go to the engine."""
    position, targets = arguments["position"], arguments["targets"]
    known = dictionary.position_targets.get(position) if isinstance(position, str) else None
    if known is None or not isinstance(targets, dict):
        return arguments
    kept = {key: value for key, value in targets.items() if known.get(key) is None}
    return {**arguments, "targets": kept or None}


def _result_and_view(
    arguments: dict[str, Any], loaded: Dictionary | None = None
) -> tuple[dict[str, Any], dict[str, Any]]:
    dictionary = loaded or _loaded()[1]
    result = assess(dictionary, **_open_targets(arguments, dictionary))
    presented = report.view(result, dictionary)
    presented["chart"] = chart.svg(presented, dictionary.max_level)
    return result, presented


def _assessment_reply(
    arguments: dict[str, Any],
    claimed: Any = None,
    loaded: Dictionary | None = None,
) -> dict[str, Any]:
    """What :func:`run_assessment` answers (also made once by :func:`load`)."""
    result, presented = _result_and_view(arguments, loaded)
    return {
        "result": result,
        "view": presented,
        "claimed_matches": None if claimed is None else claimed == result,
    }


def run_assessment(request_json: str) -> str:
    """Assess ``{"ratings", "position", "targets", "total_jp", "focus", "priorities", "plan",
    "claimed"?}`` (all but the ratings optional).

    Returns the engine's ``result`` and the ``view`` the page shows (labels, chart SVG); the
    downloads are made by :func:`run_report` only when the reader asks for one, which keeps
    this reply small. ``claimed`` (a result read from an imported file) is never trusted:
    ``claimed_matches`` says whether it equals the recomputed result.
    """

    def run() -> dict[str, Any]:
        request = _parse(request_json, MAX_REQUEST_CHARS, "request")
        arguments = _arguments(request, "request")
        return _assessment_reply(arguments, request.get("claimed"))

    return _guarded(run)


REPORT_FORMATS = ("markdown", "csv")


def _identity(value: Any) -> dict[str, str]:
    """The identity to print, checked as in an answers file (the page checked it already: a
    problem is a bug in the page, or a tampered call)."""
    identity, problems = check_identity(value)
    if problems:
        raise RequestError("; ".join(problem.format() for problem in problems))
    return {key: " ".join(text.split()) for key, text in identity.items()}


def run_report(request_json: str) -> str:
    """One download for ``{"format": "markdown" | "csv", "identity"?, <the run_assessment
    request>}``.

    The result is recomputed from the answers (a few milliseconds), so the file always matches
    them: ``markdown`` is the engine's report, as ``kompetensi assess --format markdown``
    writes it (with the identity the person typed, if any); ``csv`` the results and plan as one
    table. Returns ``{"text": ...}``.
    """

    def run() -> dict[str, Any]:
        request = _parse(request_json, MAX_REQUEST_CHARS, "request")
        arguments = _arguments(request, "request", frozenset({"format", "identity"}))
        kind = request.get("format")
        if kind not in REPORT_FORMATS:
            raise RequestError(f"format: expected one of {', '.join(REPORT_FORMATS)}")
        identity = _identity(request.get("identity"))
        result, presented = _result_and_view(arguments)
        if kind == "markdown":
            return {"text": to_markdown(_loaded()[1], result, identity)}
        return {"text": report.csv_text(presented, identity)}

    return _guarded(run)


def run_comparison(request_json: str) -> str:
    """Assess ``{"own": request, "other": request, "label": str}`` and set them side by side."""

    def run() -> dict[str, Any]:
        request = _parse(request_json, MAX_REQUEST_CHARS * 2, "request")
        if not isinstance(request, dict):
            raise RequestError("request: expected an object")
        label = request.get("label")
        if not isinstance(label, str) or not label.strip():
            label = "pembanding"
        _, own = _result_and_view(_arguments(request.get("own"), "own"))
        other_result, other = _result_and_view(_arguments(request.get("other"), "other"))
        return {
            "comparison": report.comparison(own, other, label.strip()[:80]),
            "other_result": other_result,
        }

    return _guarded(run)


__all__ = ["load", "run_assessment", "run_comparison", "run_report"]
