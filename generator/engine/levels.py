"""Estimating a competency level from indicator ratings.

The rule, the same one the "Metode penilaian" page explains:

1. An indicator is *met* when its rating is at least ``assessment.met_threshold`` (3 = "Sering"
   on the 1–4 scale). An unanswered indicator is *not met*.
2. A level is *met* when every one of its indicators is met.
3. The estimated level is the largest ``k`` such that levels 1..k are all met; 0 means
   "belum mencapai level 1". The standard is cumulative: a level counts only when every level
   below it counts too, so ratings above an unmet level do not raise the estimate.

Consequences the tests pin down: the rule is monotonic (raising a rating, or answering an
unanswered indicator, never lowers a level), deterministic (no randomness, no order effects),
and explainable (the indicators of level ``k + 1`` that are not met are exactly what stopped the
estimate at ``k``; they are reported as ``decided_by``). Unanswered indicators are listed and
make the competency incomplete; they are never guessed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .dictionary import Competency


@dataclass(frozen=True)
class LevelEstimate:
    """The estimate for one competency and what it rests on."""

    competency: Competency
    estimated: int
    decided_by: tuple[str, ...]
    """Indicators of level ``estimated + 1`` that are not met (empty at the top level)."""
    unanswered: tuple[str, ...]
    """Every indicator of the competency without a rating, in the dictionary's order."""
    met_above: tuple[int, ...]
    """Levels above ``estimated + 1`` with at least one met indicator: ratings that do not count
    yet because a lower level is not met."""

    @property
    def complete(self) -> bool:
        """True when every indicator of the competency was rated."""
        return not self.unanswered


def is_met(indicator: str, ratings: Mapping[str, int], threshold: int) -> bool:
    """An indicator is met when it was rated at least ``threshold``."""
    rating = ratings.get(indicator)
    return rating is not None and rating >= threshold


def estimate_level(
    competency: Competency, ratings: Mapping[str, int], threshold: int
) -> LevelEstimate:
    """Apply the rule of this module to one competency."""
    estimated = 0
    for indicators in competency.levels:
        if not all(is_met(indicator, ratings, threshold) for indicator in indicators):
            break
        estimated += 1
    blocking = competency.levels[estimated] if estimated < len(competency.levels) else ()
    above = competency.levels[estimated + 1 :]
    return LevelEstimate(
        competency=competency,
        estimated=estimated,
        decided_by=tuple(i for i in blocking if not is_met(i, ratings, threshold)),
        unanswered=tuple(
            indicator
            for indicators in competency.levels
            for indicator in indicators
            if indicator not in ratings
        ),
        met_above=tuple(
            level
            for level, indicators in enumerate(above, start=estimated + 2)
            if any(is_met(indicator, ratings, threshold) for indicator in indicators)
        ),
    )
