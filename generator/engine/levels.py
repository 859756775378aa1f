"""Estimating a competency level from indicator ratings.

The rule, the same one the "Metode penilaian" page explains:

1. An indicator is *met* when its rating is at least ``assessment.met_threshold`` (3 = "Sering"
   on the 1–4 scale). An unanswered indicator counts as the lowest rating, so it is *not met*.
2. A level is *met* under ``assessment.level_rule`` (:data:`RULES`): ``all`` of its indicators
   are met; a ``majority`` of them (more than half) are met; or the ``mean`` of its ratings is at
   least the threshold.
3. The estimated level is the largest ``k`` such that levels 1..k are all met; 0 means
   "belum mencapai level 1". The standard is cumulative: a level counts only when every level
   below it counts too, so ratings above an unmet level do not raise the estimate.

Consequences the tests pin down, for every rule: the rule is monotonic (raising a rating, or
answering an unanswered indicator, never lowers a level), deterministic (no randomness, no order
effects), and explainable (the indicators of level ``k + 1`` that are not met are what stopped
the estimate at ``k``; they are reported as ``decided_by``). Unanswered indicators are listed and
make the competency incomplete; they are never guessed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .dictionary import Dictionary
from .model import LEVEL_RULES as RULES
from .model import Competency

__all__ = ["RULES", "Change", "LevelEstimate", "LevelProgress", "LevelRule", "estimate_level"]


@dataclass(frozen=True)
class LevelRule:
    """When a level counts as met: the rule's name, the threshold and the rating scale."""

    name: str
    threshold: int
    scale_min: int
    scale_max: int

    def level_met(self, ratings: Sequence[int | None]) -> bool:
        """Whether a level with these ratings (None = unanswered) is met under this rule."""
        values = [self.scale_min if rating is None else rating for rating in ratings]
        met = sum(1 for value in values if value >= self.threshold)
        if self.name == "majority":
            return 2 * met > len(values)
        if self.name == "mean":
            # Compared as whole numbers: "mean >= threshold" without a rounded float.
            return sum(values) >= self.threshold * len(values)
        return met == len(values)

    def can_be_met(self, ratings: Sequence[int | None]) -> bool:
        """Whether some answers to the unanswered indicators would still meet the level.

        Every rule is monotonic, so the best case (every unanswered one at the top of the scale)
        decides: when even that is not met, the level can no longer be met."""
        return self.level_met([self.scale_max if rating is None else rating for rating in ratings])

    def skip_budget(self, size: int) -> tuple[dict[int, int], int]:
        """The same test as :meth:`can_be_met` as a penalty per rating and a budget.

        A level of ``size`` indicators can no longer be met exactly when the penalties of its
        answered ratings add up to more than the budget. The quiz page uses this form (a sum and
        a comparison, no rule of its own); a test checks it against :meth:`can_be_met` for every
        rule and every combination of answers."""
        scale = range(self.scale_min, self.scale_max + 1)
        if self.name == "mean":
            return {value: self.scale_max - value for value in scale}, (
                self.scale_max - self.threshold
            ) * size
        misses = {value: int(value < self.threshold) for value in scale}
        if self.name == "majority":
            return misses, size - size // 2 - 1
        return misses, 0


@dataclass(frozen=True)
class LevelProgress:
    """How far one level got: indicators met, and those not met (in order)."""

    level: int
    met: int
    missing: tuple[str, ...]

    @property
    def total(self) -> int:
        """The level's indicators: those met and those not."""
        return self.met + len(self.missing)


@dataclass(frozen=True)
class Change:
    """A one-step change of one answer that moves the estimate: rated ``rating``, the level
    becomes ``estimated``."""

    indicator: str
    rating: int
    estimated: int


@dataclass(frozen=True)
class LevelEstimate:
    """The estimate for one competency and what it rests on."""

    competency: Competency
    estimated: int
    decided_by: tuple[str, ...]
    """Indicators of level ``estimated + 1`` that are not met (empty at the top level)."""
    unanswered: tuple[str, ...]
    """Every indicator without a rating on the levels the form asks (:func:`asked_levels`), in
    the dictionary's order."""
    met_above: tuple[int, ...]
    """Asked levels above ``estimated + 1`` with at least one met indicator: ratings that do not
    count yet because a lower level is not met."""
    levels: tuple[LevelProgress, ...] = ()
    """Per level, how many indicators are met out of how many."""
    changes: tuple[Change, ...] = ()
    """Every one-step change of a single answer that would move the estimate (see
    :func:`decisive_changes`), in the dictionary's order."""

    @property
    def complete(self) -> bool:
        """True when every indicator of the competency was rated."""
        return not self.unanswered

    @property
    def borderline(self) -> bool:
        """True when changing one answer by one step would change the estimated level."""
        return bool(self.changes)


def is_met(indicator: str, ratings: Mapping[str, int], threshold: int) -> bool:
    """An indicator is met when it was rated at least ``threshold``."""
    rating = ratings.get(indicator)
    return rating is not None and rating >= threshold


def estimated_level(competency: Competency, ratings: Mapping[str, int], rule: LevelRule) -> int:
    """The largest ``k`` such that levels 1..k are all met under ``rule``."""
    estimated = 0
    for indicators in competency.indicator_levels:
        if not rule.level_met([ratings.get(indicator) for indicator in indicators]):
            break
        estimated += 1
    return estimated


def _first_unmet(met: Sequence[bool]) -> int:
    """The estimate from each level's met flag: the number of leading met levels."""
    for index, flag in enumerate(met):
        if not flag:
            return index
    return len(met)


def decisive_changes(
    competency: Competency, ratings: Mapping[str, int], rule: LevelRule
) -> tuple[Change, ...]:
    """Every single answer that, moved one step up or down the scale, changes the estimate.

    Exact, by trying each change (two per answer). A change touches one level only, so only
    that level is judged again; the others keep their flags. Unanswered indicators have no step
    to move, so they are not tried."""
    levels = [
        [ratings.get(indicator) for indicator in indicators]
        for indicators in competency.indicator_levels
    ]
    met = [rule.level_met(values) for values in levels]
    current = _first_unmet(met)
    changes: list[Change] = []
    for index, (indicators, values) in enumerate(
        zip(competency.indicator_levels, levels, strict=True)
    ):
        for position, (indicator, rating) in enumerate(zip(indicators, values, strict=True)):
            if rating is None:
                continue
            for moved in (rating - 1, rating + 1):
                if not rule.scale_min <= moved <= rule.scale_max:
                    continue
                trial = list(values)
                trial[position] = moved
                flags = list(met)
                flags[index] = rule.level_met(trial)
                level = _first_unmet(flags)
                if level != current:
                    changes.append(Change(indicator, moved, level))
    return tuple(changes)


def rule_of(dictionary: Dictionary) -> LevelRule:
    """The export's rule: ``assessment.level_rule`` with its threshold and scale."""
    return LevelRule(
        dictionary.level_rule, dictionary.met_threshold, dictionary.scale_min, dictionary.scale_max
    )


def asked_levels(competency: Competency, ratings: Mapping[str, int], rule: LevelRule) -> int:
    """How many levels the questionnaire asks: up to and including the first level that can no
    longer be met whatever the unanswered statements get (all levels when there is none).

    Levels above it cannot change the estimate (the rule is cumulative), so the form hides
    them, and the engine neither waits for their answers (they are not ``unanswered``) nor
    mentions them: the result of the shortened form equals that of the same answers in full."""
    for level, indicators in enumerate(competency.indicator_levels, start=1):
        if not rule.can_be_met([ratings.get(indicator) for indicator in indicators]):
            return level
    return len(competency.indicator_levels)


def estimate_level(
    competency: Competency, ratings: Mapping[str, int], rule: LevelRule
) -> LevelEstimate:
    """Apply the rule of this module to one competency."""
    threshold = rule.threshold
    estimated = estimated_level(competency, ratings, rule)
    asked = competency.indicator_levels[: asked_levels(competency, ratings, rule)]
    blocking = (
        competency.indicator_levels[estimated]
        if estimated < len(competency.indicator_levels)
        else ()
    )
    return LevelEstimate(
        competency=competency,
        estimated=estimated,
        decided_by=tuple(i for i in blocking if not is_met(i, ratings, threshold)),
        unanswered=tuple(
            indicator
            for indicators in asked
            for indicator in indicators
            if indicator not in ratings
        ),
        met_above=tuple(
            level
            for level, indicators in enumerate(asked, start=1)
            if level > estimated + 1
            and any(is_met(indicator, ratings, threshold) for indicator in indicators)
        ),
        levels=tuple(
            LevelProgress(
                level=level,
                met=sum(1 for i in indicators if is_met(i, ratings, threshold)),
                missing=tuple(i for i in indicators if not is_met(i, ratings, threshold)),
            )
            for level, indicators in enumerate(competency.indicator_levels, start=1)
        ),
        changes=decisive_changes(competency, ratings, rule),
    )
