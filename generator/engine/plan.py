"""The 70:20:10 development plan: whole JP, exact sums, the same plan for the same inputs.

The arithmetic, in order:

1. The total ``T`` (default ``assessment.default_jp`` = 20 JP, the yearly minimum of every PNS)
   is split over the learning categories in proportion to their percent (70/20/10) by the
   largest-remainder method: each category gets the floor of its exact share, and the JP left
   over go one each to the largest fractional remainders (ties to the earlier category). So the
   category totals sum to ``T`` exactly and each is within 1 JP of ``T × percent / 100``.
2. Each category's JP are split the same way over the *focus* competencies, weighted:

   - mode ``gap``: the competencies whose estimate is below their target, weighted by the gap;
   - mode ``growth`` (no gap anywhere): every competency below the top level, equal weights
     (career growth toward the next level);
   - mode ``maintain`` (every competency at the top level): all of them, equal weights.

   Ties go to the competency that comes first in the dictionary.
3. A competency's share of a category is filled with the catalogue activities for (competency,
   level, category), those whose learning form the plan has not used yet first, then in
   catalogue order, where level is ``estimated + 1`` (the level to reach
   next; the top level in ``maintain`` mode). Each activity first gets up to its indicative JP;
   JP beyond the sum of the indicative JP are spread over the same activities in proportion to
   their indicative JP (largest remainder again). Activities that end with 0 JP are left out.
   Should the catalogue have no activity for a cell, one item without a form asks the person to
   design one with their superior, so the sums stay exact.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from .dictionary import Activity, Dictionary
from .explain import join_id
from .levels import LevelEstimate

MODE_GAP = "gap"
MODE_GROWTH = "growth"
MODE_MAINTAIN = "maintain"


def largest_remainder(total: int, weights: Sequence[int]) -> list[int]:
    """Split ``total`` into whole parts proportional to ``weights`` (ties to the lower index).

    The parts sum to ``total``; each differs from its exact share by less than 1; a zero weight
    gets zero.
    """
    weight_sum = sum(weights)
    if total < 0 or weight_sum <= 0 or any(weight < 0 for weight in weights):
        raise ValueError("largest_remainder needs total >= 0 and non-negative, non-zero weights")
    parts = [total * weight // weight_sum for weight in weights]
    remainders = [total * weight % weight_sum for weight in weights]
    left = total - sum(parts)
    for index in sorted(range(len(weights)), key=lambda i: (-remainders[i], i))[:left]:
        parts[index] += 1
    return parts


def spread_over_activities(budget: int, indicative: Sequence[int]) -> list[int]:
    """Fill activities in order up to their indicative JP, then spread what is left over them."""
    parts: list[int] = []
    left = budget
    for jp in indicative:
        parts.append(min(jp, left))
        left -= parts[-1]
    if left:
        extra = largest_remainder(left, [max(jp, 1) for jp in indicative])
        parts = [part + more for part, more in zip(parts, extra, strict=True)]
    return parts


def _focus(
    estimates: Sequence[LevelEstimate], gaps: Sequence[int | None], top: int
) -> tuple[str, list[tuple[LevelEstimate, int, int]]]:
    """The plan's mode and its (estimate, weight, level to work on) triples."""
    with_gap = [
        (estimate, gap, estimate.estimated + 1)
        for estimate, gap in zip(estimates, gaps, strict=True)
        if gap
    ]
    if with_gap:
        return MODE_GAP, with_gap
    below_top = [(e, 1, e.estimated + 1) for e in estimates if e.estimated < top]
    if below_top:
        return MODE_GROWTH, below_top
    return MODE_MAINTAIN, [(e, 1, top) for e in estimates]


def _note(
    mode: str,
    total_jp: int,
    category_jp: list[int],
    dictionary: Dictionary,
    focus_count: int,
    has_targets: bool,
) -> str:
    split = ":".join(category.id for category in dictionary.categories)
    amounts = join_id([str(jp) for jp in category_jp])
    arithmetic = f"total {total_jp} JP dibagi {split} menjadi {amounts} JP, lalu setiap bagian"
    top = dictionary.max_level
    if mode == MODE_GAP:
        return (
            f"Rencana ini menutup kesenjangan: {arithmetic} dibagi ke {focus_count} kompetensi "
            f"yang masih di bawah target, sebanding dengan besar kesenjangannya. Aktivitas "
            f"diarahkan ke satu level di atas level perkiraan."
        )
    if mode == MODE_GROWTH:
        reason = (
            "Tidak ada kesenjangan terhadap target"
            if has_targets
            else "Belum ada target level yang ditetapkan"
        )
        return (
            f"{reason}, sehingga rencana ini diarahkan untuk pengembangan karier: "
            f"{arithmetic} dibagi rata ke {focus_count} kompetensi yang belum mencapai level "
            f"{top}, masing-masing menuju satu level di atas level perkiraannya."
        )
    return (
        f"Semua kompetensi sudah mencapai level {top}, sehingga rencana ini menjaga dan "
        f"menularkan kompetensi: {arithmetic} dibagi rata ke {focus_count} kompetensi dengan "
        f"aktivitas level {top}."
    )


def _items_for(
    dictionary: Dictionary,
    competency: str,
    level: int,
    category: str,
    budget: int,
    used_forms: Counter[str],
) -> list[dict[str, Any]]:
    catalogue: Sequence[Activity] = dictionary.activities.get((competency, level, category), ())
    # Prefer forms the plan has not used yet (a plan of nine identical "penugasan" lines helps
    # no one); ties keep the catalogue order, so the choice stays deterministic.
    activities = sorted(catalogue, key=lambda activity: used_forms[activity.form])
    if not activities:
        return [
            {
                "competency": competency,
                "level": level,
                "category": category,
                "form": None,
                "form_name": None,
                "activity": (
                    f"Katalog belum memuat aktivitas kategori {category} untuk level {level}; "
                    f"rancang kegiatan yang sesuai bersama atasan."
                ),
                "jp": budget,
            }
        ]
    parts = spread_over_activities(budget, [activity.jp for activity in activities])
    used_forms.update(activity.form for activity, jp in zip(activities, parts, strict=True) if jp)
    return [
        {
            "competency": competency,
            "level": level,
            "category": category,
            "form": activity.form,
            "form_name": dictionary.form_names.get(activity.form, activity.form),
            "activity": activity.text,
            "jp": jp,
        }
        for activity, jp in zip(activities, parts, strict=True)
        if jp > 0
    ]


def build_plan(
    dictionary: Dictionary,
    estimates: Sequence[LevelEstimate],
    gaps: Sequence[int | None],
    total_jp: int,
) -> dict[str, Any]:
    """The plan for ``total_jp`` JP given each competency's estimate and gap (None = no target)."""
    mode, focus = _focus(estimates, gaps, dictionary.max_level)
    categories = dictionary.categories
    category_jp = largest_remainder(total_jp, [category.percent for category in categories])
    weights = [weight for _, weight, _ in focus]
    # shares[c][f]: JP of category c for focus competency f (none without any competency).
    shares = [largest_remainder(jp, weights) if focus else [] for jp in category_jp]
    items: list[dict[str, Any]] = []
    used_forms: Counter[str] = Counter()
    for index, (estimate, _, level) in enumerate(focus):
        for category, category_shares in zip(categories, shares, strict=True):
            if category_shares[index]:
                items += _items_for(
                    dictionary,
                    estimate.competency.id,
                    level,
                    category.id,
                    category_shares[index],
                    used_forms,
                )
    return {
        "total_jp": total_jp,
        "mode": mode,
        "note": _note(
            mode,
            total_jp,
            category_jp,
            dictionary,
            len(focus),
            has_targets=any(gap is not None for gap in gaps),
        ),
        "categories": [
            {"id": category.id, "jp": jp}
            for category, jp in zip(categories, category_jp, strict=True)
        ],
        "items": items,
    }
