"""Indonesian explanations of an estimated level, naming the indicators that decided it.

For example: "Level 2 (Dasar) tercapai: semua indikator level 1–2 dinilai minimal Sering.
Level 3 belum tercapai karena indikator integritas.3.2 dinilai Kadang-kadang."
Level names and scale labels come from the dictionary, so the text follows the data.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .dictionary import Dictionary
from .levels import LevelEstimate, LevelRule, rule_of


def join_id(words: Sequence[str]) -> str:
    """Indonesian enumeration: "a", "a dan b", "a, b, dan c"."""
    if len(words) <= 2:
        return " dan ".join(words)
    return ", ".join(words[:-1]) + ", dan " + words[-1]


def level_span(first: int, last: int) -> str:
    """ "1" or "1–3" (with an en dash)."""
    return str(first) if first == last else f"{first}–{last}"


def level_label(level: int | None, level_names: Mapping[int, str], none: str = "—") -> str:
    """How the engine's texts, the Markdown report and the quiz name a level: "2 (Dasar)" ("2"
    when the framework has no name for it), "0 (belum mencapai level 1)", or ``none`` for no
    level (each table keeps its own dash for an empty cell)."""
    if level is None:
        return none
    if level == 0:
        return "0 (belum mencapai level 1)"
    name = level_names.get(level, "")
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


def _number(value: float) -> str:
    """ "2", "2,5" or "2,33": at most two decimals, with the Indonesian decimal comma."""
    return f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",")


def rule_phrase(rule: LevelRule, dictionary: Dictionary, size: int) -> str:
    """The rule in words for a level of ``size`` indicators, e.g. "sebagian besar, paling
    sedikit 2 dari 3 indikator minimal Sering"."""
    label = dictionary.scale_label(rule.threshold)
    if rule.name == "majority":
        return (
            f"sebagian besar (paling sedikit {size // 2 + 1} dari {size} indikator minimal {label})"
        )
    if rule.name == "mean":
        return f"rata-rata minimal {rule.threshold} ({label})"
    return f"semua indikator minimal {label}"


def _achieved(rule: LevelRule, dictionary: Dictionary, k: int) -> str:
    label = dictionary.scale_label(rule.threshold)
    span = level_span(1, k)
    each = "level 1" if k == 1 else f"setiap level {span}"
    if rule.name == "majority":
        return f"pada {each}, lebih dari separuh indikator dinilai minimal {label}"
    if rule.name == "mean":
        return f"rata-rata nilai indikator pada {each} minimal {rule.threshold} ({label})"
    return f"semua indikator level {span} dinilai minimal {label}"


def _progress(
    estimate: LevelEstimate, rule: LevelRule, dictionary: Dictionary, ratings: Mapping[str, int]
) -> str:
    """ "2 dari 3 indikator level 3 terpenuhi; aturan: ..." for the first unmet level."""
    progress = estimate.levels[estimate.estimated]
    indicators = estimate.competency.indicator_levels[estimate.estimated]
    rule_words = rule_phrase(rule, dictionary, progress.total)
    if rule.name == "mean":
        values = [ratings.get(indicator, rule.scale_min) for indicator in indicators]
        mean = _number(sum(values) / len(values)) if values else "0"
        return (
            f"rata-rata nilai indikator level {progress.level} adalah {mean}; aturan: {rule_words}"
        )
    return (
        f"{progress.met} dari {progress.total} indikator level {progress.level} terpenuhi; "
        f"aturan: {rule_words}"
    )


def _changes(estimate: LevelEstimate, dictionary: Dictionary, limit: int = 3) -> str:
    """The borderline sentence: which one-step changes would move the level."""
    phrases = []
    for change in estimate.changes[:limit]:
        label = dictionary.scale_label(change.rating)
        if change.estimated > estimate.estimated:
            # At least this level: the levels above depend on answers the adaptive form may
            # not have asked, so the sentence names only what is certain.
            outcome = f"level {estimate.estimated + 1} tercapai"
        else:
            outcome = f"level Anda menjadi {change.estimated}"
        phrases.append(f"jika indikator {change.indicator} dinilai {label}, {outcome}")
    rest = len(estimate.changes) - len(phrases)
    if rest:
        phrases.append(f"hal serupa berlaku untuk {rest} jawaban lain")
    return "Hasil ini bergantung pada satu jawaban: " + "; ".join(phrases) + "."


def explain(
    estimate: LevelEstimate,
    dictionary: Dictionary,
    ratings: Mapping[str, int],
    rule: LevelRule | None = None,
) -> str:
    """The explanation of one competency's estimate, in a few sentences."""
    rule = rule or rule_of(dictionary)
    threshold = dictionary.scale_label(dictionary.met_threshold)
    reasons = _reasons(estimate.decided_by, dictionary, ratings)
    because = f" karena indikator {reasons}" if reasons else ""
    k = estimate.estimated
    top = len(estimate.competency.indicator_levels)
    sentences: list[str] = []
    if k == 0:
        sentences.append(
            f"Belum mencapai level {level_label(1, dictionary.level_names)}{because}: "
            f"{_progress(estimate, rule, dictionary, ratings)}."
        )
    else:
        sentences.append(
            f"Level {level_label(k, dictionary.level_names)} tercapai: {_achieved(rule, dictionary, k)}."
        )
        if k < top:
            sentences.append(
                f"Level {k + 1} belum tercapai{because}: "
                f"{_progress(estimate, rule, dictionary, ratings)}."
            )
    if estimate.met_above:
        levels = join_id([str(level) for level in estimate.met_above])
        sentences.append(
            f"Penilaian minimal {threshold} pada indikator level {levels} belum dihitung karena "
            f"setiap level mensyaratkan semua level di bawahnya tercapai."
        )
    if estimate.changes:
        sentences.append(_changes(estimate, dictionary))
    if estimate.unanswered:
        total = sum(len(indicators) for indicators in estimate.competency.indicator_levels)
        sentences.append(
            f"Penilaian belum lengkap: {len(estimate.unanswered)} dari {total} indikator "
            f"belum dijawab."
        )
    return " ".join(sentences)
