"""The ``/rekap/`` page's door into :mod:`generator.engine.recap`: JSON text in, JSON text out.

The page reads the chosen files in the browser and sends them here in batches, each file's
bytes as base64 (the recap needs the exact bytes: a file that is not UTF-8 is rejected for it,
and identical files are found by their hash). The same :class:`~generator.engine.recap.Recap`
the CLI uses does everything else; the exported dictionary is the one :func:`bridge.load` kept.
Failures come back as the bridge's envelopes (``{"ok": false, ...}``), never as exceptions.

Standard library only: this module is shipped in the engine wheel.
"""

from __future__ import annotations

import base64
import binascii
from typing import Any

from generator.browser import recap_chart
from generator.browser.bridge import MAX_REQUEST_CHARS, RequestError, _guarded, _loaded, _parse
from generator.engine.recap import Recap
from generator.engine.recap_files import MAX_RESULT_BYTES
from generator.engine.recap_roster import read_roster
from generator.engine.recap_tables import tables, to_csv, to_json, to_markdown, to_xlsx
from generator.engine.wording import _

MAX_BATCH_CHARS = 64 * MAX_RESULT_BYTES
"""A batch of files (base64 grows them by a third); the page sends far fewer at once."""
MAX_ROSTER_CHARS = 30 * 1024 * 1024

PAGE_SUMMARY_KEYS = ("respondents", "files", "settings", "competencies", "jp_demand")
_state: dict[str, Any] = {}


def _recap() -> Recap:
    recap = _state.get("recap")
    if recap is None:
        raise RequestError("recap_start() must be called before this call")
    assert isinstance(recap, Recap)
    return recap


def _decode(text: object, what: str) -> bytes:
    if not isinstance(text, str):
        raise RequestError(f"{what}: expected base64 text")
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise RequestError(f"{what}: not base64") from None


def _whole(value: object, default: int) -> int:
    if value is None:
        return default
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise RequestError("expected a whole number from 1")
    return value


def recap_start(request_json: str) -> str:
    """Begin a recap: ``{"roster": base64 | null, "roster_name": str, "min_group": int | null}``.

    Returns ``{"roster_problems": [...], "roster_size": n}``; with problems no recap is begun.
    """

    def run() -> dict[str, Any]:
        request = _parse(request_json, MAX_ROSTER_CHARS, "request")
        if not isinstance(request, dict):
            raise RequestError("request: expected an object")
        view = _loaded()[1]
        min_group = _whole(request.get("min_group"), view.recap.min_group)
        roster = None
        if request.get("roster") is not None:
            name = str(request.get("roster_name") or "daftar pegawai")[:200]
            roster, problems = read_roster(_decode(request["roster"], "roster"), name)
            if problems:
                _state.pop("recap", None)
                return {"roster_problems": problems, "roster_size": 0}
        _state["recap"] = Recap(
            view,
            roster=roster,
            min_group=min_group,
            group_size=view.recap.group_size,
        )
        return {"roster_problems": [], "roster_size": len(roster or {})}

    return _guarded(run)


def recap_add(request_json: str) -> str:
    """Add a batch: ``{"files": [{"name", "modified" (ms), "data": base64 | null, "size"}]}``.

    ``data`` is null for a file the page did not read because ``size`` is over the limit.
    Returns the running counts ``{"received", "used", "rejected"}``.
    """

    def run() -> dict[str, Any]:
        request = _parse(request_json, MAX_BATCH_CHARS, "request")
        recap = _recap()
        files = request.get("files") if isinstance(request, dict) else None
        if not isinstance(files, list):
            raise RequestError("files: expected a list")
        for index, item in enumerate(files):
            if not isinstance(item, dict):
                raise RequestError(f"files[{index}]: expected an object")
            name = str(item.get("name") or f"berkas {recap.received + 1}")[:300]
            modified = item.get("modified")
            seconds = modified / 1000 if isinstance(modified, int | float) else 0.0
            if item.get("data") is None:
                recap.reject(name, _("the file is larger than 1 MB"))
            else:
                recap.add(name, _decode(item["data"], f"files[{index}].data"), seconds)
        return {
            "received": recap.received,
            "used": len(recap.entries()),
            "rejected": len(recap.rejected),
        }

    return _guarded(run)


def recap_summary(request_json: str) -> str:
    """The recap so far for the page: ``{"summary", "tables", "charts"}`` for ``{"detail": bool}``
    (``summary`` holds :data:`PAGE_SUMMARY_KEYS`; the tables hold the rest)."""

    def run() -> dict[str, Any]:
        request = _parse(request_json, MAX_REQUEST_CHARS, "request")
        detail = bool(request.get("detail")) if isinstance(request, dict) else False
        recap = _recap()
        summary = recap.summary(detail=detail)
        return {
            # What the page reads besides the tables (the whole summary is recap_download's):
            # half the reply, which the page's main thread parses in one task.
            "summary": {key: summary[key] for key in PAGE_SUMMARY_KEYS},
            "tables": [table._asdict() for table in tables(summary)],
            "charts": {
                "levels": recap_chart.levels_svg(summary, recap.view.max_level),
                "unit_gaps": recap_chart.unit_gaps_svg(summary),
            },
        }

    return _guarded(run)


DOWNLOADS = ("json", "csv", "markdown", "xlsx")


def recap_download(request_json: str) -> str:
    """One download: ``{"format": "json" | "csv" | "markdown" | "xlsx", "detail": bool}`` →
    ``{"text"}``, or ``{"base64"}`` for the spreadsheet's bytes."""

    def run() -> dict[str, Any]:
        request = _parse(request_json, MAX_REQUEST_CHARS, "request")
        if not isinstance(request, dict) or request.get("format") not in DOWNLOADS:
            raise RequestError(f"format: expected one of {', '.join(DOWNLOADS)}")
        summary = _recap().summary(detail=bool(request.get("detail")))
        if request["format"] == "json":
            return {"text": to_json(summary)}
        if request["format"] == "csv":
            return {"text": to_csv(summary)}
        if request["format"] == "xlsx":
            return {"base64": base64.b64encode(to_xlsx(summary)).decode("ascii")}
        return {"text": to_markdown(summary)}

    return _guarded(run)


__all__ = ["recap_add", "recap_download", "recap_start", "recap_summary"]
