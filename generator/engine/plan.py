"""The yearly development plan: a few focus competencies, whole catalogue activities, 70:20:10.

How the plan is made, in order:

1. **Focus.** The competencies to work on, in priority order: mode ``gap`` takes those below
   their target, the largest gap first; mode ``growth`` (no gap anywhere) those below the top
   level, toward the next level; mode ``maintain`` (all at the top) every competency at the top
   level. Ties keep the person's marked priorities, then the dictionary's order. The plan works
   on the first ``focus`` of them (``assessment.focus``, default 3); the gaps after those are
   left for a later plan, each with the sentence that says why.
2. **Candidates.** For each focus competency, the catalogue activities of the level it works on
   (one above its estimate; the top level in ``maintain``), in category then catalogue order.
   Activities ``arranged_by_agency`` (a placement or exchange only the agency can assign) are
   not candidates: they are listed apart, to propose to the superior, outside the allowance.
3. **Choice.** Whole activities with the catalogue's JP, never a part of one, chosen by
   :func:`generator.engine.selection.choose`: the allowance filled as closely as possible without
   going over it, then as near 70:20:10 as those activities allow, then as many focus
   competencies as possible, then fewer activities. Deterministic: the same inputs give the same plan.

An edited plan (the person swapped, removed or added activities) is checked by
:mod:`generator.engine.plan_edit` and described by the same :func:`describe_plan`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .dictionary import Dictionary
from .explain import join_id
from .levels import LevelEstimate
from .model import DEFAULT_FOCUS, Activity
from .selection import Candidate, choose

MODE_GAP = "gap"
MODE_GROWTH = "growth"
MODE_MAINTAIN = "maintain"


@dataclass(frozen=True)
class Focus:
    """A competency the plan may work on: its estimate, gap (None = no target) and level."""

    estimate: LevelEstimate
    gap: int | None
    level: int

    @property
    def id(self) -> str:
        return self.estimate.competency.id

    @property
    def name(self) -> str:
        return self.estimate.competency.name


def ranked_focus(
    estimates: Sequence[LevelEstimate],
    gaps: Sequence[int | None],
    top: int,
    priorities: Sequence[str] = (),
) -> tuple[str, list[Focus]]:
    """The plan's mode and every competency it could work on, in priority order."""
    rank = {competency: index for index, competency in enumerate(priorities)}
    order = {estimate.competency.id: index for index, estimate in enumerate(estimates)}

    def tie(item: Focus) -> tuple[int, int]:
        return (rank.get(item.id, len(rank)), order[item.id])

    pairs = list(zip(estimates, gaps, strict=True))
    with_gap = [Focus(e, gap, e.estimated + 1) for e, gap in pairs if gap]
    if with_gap:
        return MODE_GAP, sorted(with_gap, key=lambda item: (-(item.gap or 0), *tie(item)))
    # A technical competency may have fewer levels than the framework: its own top counts.
    tops = {e.competency.id: min(top, len(e.competency.indicator_levels)) for e in estimates}
    below_top = [
        Focus(e, gap, e.estimated + 1) for e, gap in pairs if e.estimated < tops[e.competency.id]
    ]
    if below_top:
        return MODE_GROWTH, sorted(below_top, key=tie)
    return MODE_MAINTAIN, sorted(
        (Focus(e, gap, tops[e.competency.id]) for e, gap in pairs), key=tie
    )


def catalogue_for(dictionary: Dictionary, focus: Focus) -> list[Activity]:
    """The catalogue activities for a focus competency's level, in category then catalogue
    order (agency-arranged ones included)."""
    return [
        activity
        for category in dictionary.categories
        for activity in dictionary.activities.get((focus.id, focus.level, category.id), ())
    ]


def choose_activities(
    dictionary: Dictionary, focused: Sequence[Focus], budget_jp: int
) -> list[Activity]:
    """The whole activities the plan takes for ``budget_jp`` JP (see the module's step 3)."""
    category_index = {category.id: index for index, category in enumerate(dictionary.categories)}
    pool: list[Activity] = []
    candidates: list[Candidate] = []
    for group, focus in enumerate(focused):
        for activity in catalogue_for(dictionary, focus):
            if not activity.arranged_by_agency and activity.category in category_index:
                pool.append(activity)
                candidates.append(Candidate(group, category_index[activity.category], activity.jp))
    percents = [category.percent for category in dictionary.categories]
    return [pool[index] for index in choose(candidates, len(focused), percents, budget_jp)]


def split_label(category_jp: Sequence[int]) -> str:
    """ "14 : 4 : 2 JP"."""
    return " : ".join(str(jp) for jp in category_jp) + " JP"


def _item(dictionary: Dictionary, activity: Activity) -> dict[str, Any]:
    return {
        "competency": activity.competency,
        "level": activity.level,
        "category": activity.category,
        "form": activity.form,
        "form_name": dictionary.form_names.get(activity.form, activity.form),
        "activity": activity.text,
        "jp": activity.jp,
        "activity_id": activity.id,
    }


def _gap_words(focus: Focus) -> str:
    return f"{focus.name} ({focus.gap} level)" if focus.gap else focus.name


def _tie_basis(priorities: Sequence[str]) -> str:
    return "prioritas yang Anda tandai" if priorities else "urutan kamus kompetensi"


def _later(
    dictionary: Dictionary,
    mode: str,
    ranked: Sequence[Focus],
    focus_count: int,
    covered: set[str],
    budget_jp: int,
    priorities: Sequence[str],
) -> list[dict[str, Any]]:
    """The gaps the plan leaves for later, each with one sentence saying why."""
    later: list[dict[str, Any]] = []
    focused = ranked[:focus_count]
    for focus in focused:
        if focus.id in covered:
            continue
        own = [a for a in catalogue_for(dictionary, focus) if not a.arranged_by_agency]
        if own:
            reason = (
                f"{focus.name} belum mendapat aktivitas karena tidak ada aktivitas katalog level "
                f"{focus.level} yang muat bersama aktivitas lain dalam alokasi {budget_jp} JP; "
                f"tambah alokasi atau kurangi jumlah fokus."
            )
        else:
            reason = (
                f"{focus.name} belum mendapat aktivitas karena katalog belum memuat aktivitas "
                f"level {focus.level} yang dapat dijalankan sendiri; rancang kegiatan yang sesuai "
                f"bersama atasan."
            )
        later.append({"competency": focus.id, "gap": focus.gap, "reason": reason})
    if mode != MODE_GAP:
        return later
    smallest = focused[-1].gap if focused else None
    for focus in ranked[focus_count:]:
        reason = (
            f"Kesenjangan {_gap_words(focus)} ditunda ke rencana berikutnya karena rencana ini "
            f"dibatasi pada {focus_count} kompetensi dengan kesenjangan terbesar"
        )
        if focus.gap == smallest:
            reason += (
                f", dan kesenjangan yang sama besar didahulukan menurut {_tie_basis(priorities)}"
            )
        later.append({"competency": focus.id, "gap": focus.gap, "reason": reason + "."})
    return later


def _note(
    dictionary: Dictionary,
    mode: str,
    focused: Sequence[Focus],
    has_targets: bool,
    priorities: Sequence[str],
) -> str:
    """How the plan chose its focus, in Indonesian."""
    top = dictionary.max_level
    names = join_id([_gap_words(focus) for focus in focused])
    shorter = any(len(c.indicator_levels) < top for c in dictionary.competency_by_id.values())
    top_words = "level tertingginya" if shorter else f"level {top}"
    if mode == MODE_GAP:
        gaps = [focus.gap for focus in focused]
        tie = (
            f" Kesenjangan yang sama besar diurutkan menurut {_tie_basis(priorities)}."
            if len(set(gaps)) < len(gaps)
            else ""
        )
        return (
            f"Rencana ini berfokus pada {len(focused)} kompetensi yang masih di bawah target, "
            f"dimulai dari kesenjangan terbesar: {names}.{tie} Setiap kompetensi diarahkan ke "
            f"satu level di atas level perkiraannya."
        )
    if mode == MODE_GROWTH:
        reason = (
            "Tidak ada kesenjangan terhadap target"
            if has_targets
            else "Belum ada target level yang ditetapkan"
        )
        return (
            f"{reason}, sehingga rencana ini diarahkan untuk pengembangan karier pada "
            f"{len(focused)} kompetensi yang belum mencapai {top_words} ({names}), masing-masing "
            f"menuju satu level di atas level perkiraannya."
        )
    return (
        f"Semua kompetensi sudah mencapai {top_words}, sehingga rencana ini menjaga dan "
        f"menularkan kompetensi pada {len(focused)} kompetensi ({names}) dengan aktivitas "
        f"{top_words}."
    )


def _method(dictionary: Dictionary, budget_jp: int, total_jp: int, category_jp: list[int]) -> str:
    shares = ":".join(category.id for category in dictionary.categories)
    return (
        f"Aktivitas dipilih utuh dari katalog dengan JP sesuai katalog, tidak pernah sebagian: "
        f"pilihan ini mengisi alokasi {budget_jp} JP sedekat mungkin tanpa melampauinya "
        f"({total_jp} JP), lalu sedekat mungkin dengan pembagian {shares} (tercapai "
        f"{split_label(category_jp)}), dengan sebanyak mungkin kompetensi fokus mendapat aktivitas."
    )


def _edited_method(budget_jp: int, total_jp: int, category_jp: list[int], count: int) -> str:
    text = (
        f"Rencana ini telah Anda ubah: {count} aktivitas utuh dari katalog berjumlah {total_jp} "
        f"dari alokasi {budget_jp} JP, dengan pembagian {split_label(category_jp)}."
    )
    if total_jp > budget_jp:
        text += f" Jumlah ini melampaui alokasi sebesar {total_jp - budget_jp} JP."
    return text


def describe_plan(
    dictionary: Dictionary,
    mode: str,
    ranked: Sequence[Focus],
    focus_count: int,
    budget_jp: int,
    chosen: Sequence[Activity],
    *,
    has_targets: bool,
    priorities: Sequence[str] = (),
    edited: bool = False,
) -> dict[str, Any]:
    """The plan as JSON-ready data: focus, chosen items, totals, split, agency proposals, later."""
    focused = list(ranked[:focus_count])
    category_jp = [
        sum(activity.jp for activity in chosen if activity.category == category.id)
        for category in dictionary.categories
    ]
    total_jp = sum(activity.jp for activity in chosen)
    method = (
        _edited_method(budget_jp, total_jp, category_jp, len(chosen))
        if edited
        else _method(dictionary, budget_jp, total_jp, category_jp)
    )
    agency = [
        _item(dictionary, activity)
        for focus in focused
        for activity in catalogue_for(dictionary, focus)
        if activity.arranged_by_agency
    ]
    if agency:
        method += (
            " Aktivitas yang hanya dapat diatur instansi tidak dihitung dalam alokasi; aktivitas "
            "itu dicantumkan terpisah untuk diusulkan kepada atasan."
        )
    # Today's keys first, in their order (readers of older results rely on them), then the new.
    return {
        "total_jp": total_jp,
        "mode": mode,
        "note": _note(dictionary, mode, focused, has_targets, priorities) + " " + method,
        "categories": [
            {"id": category.id, "jp": jp}
            for category, jp in zip(dictionary.categories, category_jp, strict=True)
        ],
        "items": [_item(dictionary, activity) for activity in chosen],
        "focus": [focus.id for focus in focused],
        "budget_jp": budget_jp,
        "split": split_label(category_jp),
        "edited": edited,
        "agency": agency,
        "later": _later(
            dictionary,
            mode,
            ranked,
            focus_count,
            {activity.competency for activity in chosen},
            budget_jp,
            priorities,
        ),
    }


def build_plan(
    dictionary: Dictionary,
    estimates: Sequence[LevelEstimate],
    gaps: Sequence[int | None],
    budget_jp: int,
    focus_count: int = DEFAULT_FOCUS,
    priorities: Sequence[str] = (),
    edited: Sequence[Activity] | None = None,
) -> dict[str, Any]:
    """The plan for a ``budget_jp`` JP allowance given each competency's estimate and gap.

    ``edited`` (activities the person chose, already checked) replaces the engine's choice.
    """
    mode, ranked = ranked_focus(estimates, gaps, dictionary.max_level, priorities)
    focused = ranked[:focus_count]
    chosen = (
        list(edited) if edited is not None else choose_activities(dictionary, focused, budget_jp)
    )
    return describe_plan(
        dictionary,
        mode,
        ranked,
        focus_count,
        budget_jp,
        chosen,
        has_targets=any(gap is not None for gap in gaps),
        priorities=priorities,
        edited=edited is not None,
    )
