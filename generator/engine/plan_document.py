"""The plan as a document to sign: when each activity happens and what shows it was done.

"Rencana Pengembangan Kompetensi" lists the plan's activities in the order a year runs them:
formal learning first (it gives the words and the method), then learning from others, then the
work assignments that put both to use; within that, the plan's own order (the largest gaps
first). The year is split by JP: an activity falls in the quarter (triwulan) where the JP before
it end, so each quarter carries about a quarter of the plan's hours. The evidence of completion
is the one the framework names for the activity's learning form.

Standard library only (shipped to the browser with the engine).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

QUARTERS = ("Triwulan I", "Triwulan II", "Triwulan III", "Triwulan IV")
# The identity printed on the plan, in its order, with its labels; the quiz's form fields too.
IDENTITY_LABELS = (
    ("name", "Nama"),
    ("nip", "NIP"),
    ("position_title", "Jabatan"),
    ("unit", "Unit kerja"),
    ("period", "Periode rencana"),
)
DEFAULT_EVIDENCE = "Laporan singkat yang diketahui atasan"


def scheduled(
    categories: Sequence[str], evidence: Mapping[str, str], items: Sequence[Mapping[str, Any]]
) -> list[dict[str, Any]]:
    """The plan's items in the year's order, each with its ``quarter`` and ``evidence``.

    ``categories`` are the category ids in the framework's order (70, 20, 10); ``evidence``
    maps a learning form's id to its evidence of completion.
    """
    # Formal (the last category) first, experience (the first) last.
    rank = {category: -index for index, category in enumerate(categories)}
    ordered = sorted(enumerate(items), key=lambda pair: (rank.get(pair[1]["category"], 0), pair[0]))
    total = sum(item["jp"] for item in items) or 1
    rows: list[dict[str, Any]] = []
    before = 0
    for _, item in ordered:
        quarter = min(len(QUARTERS) - 1, len(QUARTERS) * before // total)
        rows.append(
            {
                **item,
                "quarter": QUARTERS[quarter],
                "evidence": evidence.get(item["form"], DEFAULT_EVIDENCE),
            }
        )
        before += item["jp"]
    return rows


def identity_rows(identity: Mapping[str, str] | None) -> list[tuple[str, str]]:
    """(label, value) for every identity field, the value blank (dots) when not given."""
    given = identity or {}
    return [(label, given.get(key, "").strip() or "…") for key, label in IDENTITY_LABELS]
