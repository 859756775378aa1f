"""Indonesian explanations of an estimated level, naming the indicators that decided it.

For example: "Level 2 (Dasar) tercapai: semua indikator level 1–2 dinilai minimal Sering.
Level 3 belum tercapai karena indikator integritas.3.2 dinilai Kadang-kadang."
Level names and scale labels come from the dictionary, so the text follows the data.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .dictionary import Dictionary
from .levels import LevelEstimate


def join_id(words: Sequence[str]) -> str:
    """Indonesian enumeration: "a", "a dan b", "a, b, dan c"."""
    if len(words) <= 2:
        return " dan ".join(words)
    return ", ".join(words[:-1]) + ", dan " + words[-1]


def level_span(first: int, last: int) -> str:
    """ "1" or "1–3" (with an en dash)."""
    return str(first) if first == last else f"{first}–{last}"


def level_title(dictionary: Dictionary, level: int) -> str:
    """ "2 (Dasar)", or "2" when the framework has no name for it."""
    name = dictionary.level_name(level)
    return f"{level} ({name})" if name else str(level)


def _reasons(indicators: Sequence[str], dictionary: Dictionary, ratings: Mapping[str, int]) -> str:
    """ "a dan b dinilai Kadang-kadang, serta c belum dijawab": indicators grouped by rating."""
    groups: dict[str, list[str]] = {}
    for indicator in indicators:
        rating = ratings.get(indicator)
        verdict = "belum dijawab" if rating is None else f"dinilai {dictionary.scale_label(rating)}"
        groups.setdefault(verdict, []).append(indicator)
    phrases = [f"{join_id(ids)} {verdict}" for verdict, ids in groups.items()]
    if len(phrases) <= 1:
        return "".join(phrases)
    return ", ".join(phrases[:-1]) + ", serta " + phrases[-1]


def explain(estimate: LevelEstimate, dictionary: Dictionary, ratings: Mapping[str, int]) -> str:
    """The explanation of one competency's estimate, in one to three sentences."""
    threshold = dictionary.scale_label(dictionary.met_threshold)
    reasons = _reasons(estimate.decided_by, dictionary, ratings)
    k = estimate.estimated
    top = len(estimate.competency.levels)
    sentences: list[str] = []
    if k == 0:
        sentences.append(
            f"Belum mencapai level {level_title(dictionary, 1)} karena indikator {reasons}."
        )
    else:
        sentences.append(
            f"Level {level_title(dictionary, k)} tercapai: semua indikator level "
            f"{level_span(1, k)} dinilai minimal {threshold}."
        )
        if k < top:
            sentences.append(f"Level {k + 1} belum tercapai karena indikator {reasons}.")
    if estimate.met_above:
        levels = join_id([str(level) for level in estimate.met_above])
        sentences.append(
            f"Penilaian minimal {threshold} pada indikator level {levels} belum dihitung karena "
            f"setiap level mensyaratkan semua level di bawahnya tercapai."
        )
    if estimate.unanswered:
        total = sum(len(indicators) for indicators in estimate.competency.levels)
        sentences.append(
            f"Penilaian belum lengkap: {len(estimate.unanswered)} dari {total} indikator "
            f"belum dijawab."
        )
    return " ".join(sentences)
