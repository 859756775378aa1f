"""The choice of whole activities against brute force on small catalogues (hypothesis)."""

from __future__ import annotations

from itertools import combinations
from unittest.mock import patch

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.engine import selection
from generator.engine.selection import Candidate, choose, split_distance

PERCENTS = (70, 20, 10)

candidate_lists = st.lists(
    st.tuples(st.integers(0, 2), st.integers(0, 2), st.integers(1, 12)), max_size=9
).map(lambda raw: [Candidate(g, c, jp) for g, c, jp in sorted(raw, key=lambda t: t[0])])
budgets = st.integers(0, 40)


def _sums(candidates: list[Candidate], chosen: tuple[int, ...]) -> tuple[int, ...]:
    return tuple(
        sum(candidates[i].jp for i in chosen if candidates[i].category == c) for c in range(3)
    )


def _rank(candidates: list[Candidate], chosen: tuple[int, ...]) -> tuple[object, ...]:
    """The module's six criteria, written out plainly: smaller is better."""
    sums = _sums(candidates, chosen)
    per_group = [
        sum(candidates[i].jp for i in chosen if candidates[i].group == g) for g in range(3)
    ]
    return (
        -sum(sums),
        split_distance(sums, PERCENTS),
        -sum(1 for jp in per_group if jp),
        len(chosen),
        tuple(-jp for jp in per_group),
        chosen,
    )


def _brute_force(candidates: list[Candidate], budget: int) -> tuple[int, ...]:
    feasible = [
        chosen
        for size in range(len(candidates) + 1)
        for chosen in combinations(range(len(candidates)), size)
        if sum(candidates[i].jp for i in chosen) <= budget
    ]
    return min(feasible, key=lambda chosen: _rank(candidates, chosen))


@settings(deadline=None, max_examples=400)
@given(candidate_lists, budgets)
def test_choice_is_the_brute_force_optimum(candidates: list[Candidate], budget: int) -> None:
    chosen = choose(candidates, 3, PERCENTS, budget)
    assert list(chosen) == sorted(set(chosen))  # whole activities, each once
    assert sum(candidates[i].jp for i in chosen) <= budget  # never over the allowance
    assert chosen == _brute_force(candidates, budget)
    assert choose(candidates, 3, PERCENTS, budget) == chosen  # deterministic


@settings(deadline=None, max_examples=200)
@given(candidate_lists, budgets)
def test_the_cheap_fallback_still_fills_and_splits_optimally(
    candidates: list[Candidate], budget: int
) -> None:
    with patch.object(selection, "WORK_LIMIT", -1):
        chosen = choose(candidates, 3, PERCENTS, budget)
    best = _brute_force(candidates, budget)
    assert sum(candidates[i].jp for i in chosen) <= budget
    assert _rank(candidates, chosen)[:2] == _rank(candidates, best)[:2]
