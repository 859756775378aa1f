"""Choosing whole catalogue activities for a JP allowance: a small exact optimisation.

The candidates come in groups, one group per focus competency (in priority order). A choice is a
subset of the candidates; it is *feasible* when its JP sum to at most the allowance. Among the
feasible choices the best is the one that, in this order:

1. fills the allowance most (the largest total JP);
2. is nearest to the categories' shares (70:20:10): the smallest
   ``sum over categories of |category JP × sum of percents − total × percent|``;
3. covers the most groups (focus competencies with at least one activity);
4. has the fewest activities (fewer, larger activities are easier to carry out);
5. gives the most JP to the first group, then the second, ... (larger gaps first);
6. uses the earliest candidates (the smallest sorted tuple of candidate indices).

Criteria 1-5 leave ties only between choices with the same JP per group and per category, and
criterion 6 breaks those, so the result is unique: the same inputs give the same choice.

How, exactly and in little time:

- Criteria 1 and 2 depend only on the JP per category, and the categories' activities are
  disjoint, so the sums each category can reach are found on their own (subset sums as bit
  sets); the best vectors of category sums follow from those.
- Criteria 3-6 are then settled by dynamic programming over the groups in priority order,
  keeping per vector of category sums the best partial choice (two partial choices with the same
  sums have the same future, so keeping the better one loses nothing), and only partial sums
  that can still end on a best vector.
- Should that weigh more than ``WORK_LIMIT`` pairs of a partial choice and a group's option
  in all (many focus competencies and a large allowance), criteria 3 and 5 are given up: each category's sum is reached with
  its fewest, earliest activities. Criteria 1 and 2 always hold. Standard library only.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import pairwise
from typing import NamedTuple

Sums = tuple[int, ...]
WORK_LIMIT = 20_000


class Candidate(NamedTuple):
    """One activity the plan may take: its group (focus competency), category index and JP."""

    group: int
    category: int
    jp: int


# A partial choice's rank among those with the same sums: smaller is better.
# (-groups covered, activities, -JP per group in order, candidate indices)
_Rank = tuple[int, int, tuple[int, ...], tuple[int, ...]]


def split_distance(sums: Sums, percents: Sequence[int]) -> int:
    """How far category sums are from the percents, in whole numbers (0 = exactly on share)."""
    total, weight = sum(sums), sum(percents)
    pairs = zip(sums, percents, strict=True)
    return sum(abs(jp * weight - total * percent) for jp, percent in pairs)


def _grow(bits: int, jps: Iterable[int], bound: int) -> int:
    """The sums in the bit set ``bits`` (bit s set = s reachable) plus every subset sum of
    ``jps``, up to ``bound``; ``_grow(1, jps, bound)`` is the subset sums of ``jps``."""
    mask = (1 << (bound + 1)) - 1
    for jp in jps:
        bits |= (bits << jp) & mask
    return bits


def _members(bits: int) -> list[int]:
    return [value for value in range(bits.bit_length()) if bits >> value & 1]


def best_sums(candidates: Sequence[Candidate], percents: Sequence[int], budget: int) -> list[Sums]:
    """Every vector of category sums that meets criteria 1 and 2, in ascending order."""
    categories = range(len(percents))
    reach = [
        _grow(1, (c.jp for c in candidates if c.category == index), budget) for index in categories
    ]
    everything = 1
    for bits in reach:
        # The sums of one category plus those of the others: a bit-set convolution.
        grown = 0
        for value in _members(bits):
            grown |= everything << value
        everything = grown & ((1 << (budget + 1)) - 1)
    total = everything.bit_length() - 1
    vectors: list[Sums] = [()]
    for index in categories:
        last = index == len(percents) - 1
        vectors = [
            (*vector, value)
            for vector in vectors
            for value in ([total - sum(vector)] if last else _members(reach[index]))
            if total - sum(vector) - value >= 0 and reach[index] >> value & 1
        ]
    distances = [split_distance(vector, percents) for vector in vectors]
    nearest = min(distances)
    return sorted(v for v, d in zip(vectors, distances, strict=True) if d == nearest)


def _group_options(
    candidates: Sequence[tuple[int, Candidate]], categories: int, bound: Sums
) -> dict[Sums, tuple[int, tuple[int, ...]]]:
    """Per vector of category sums within ``bound``, the fewest and earliest candidates
    reaching it (0/1 knapsack over one group's candidates)."""
    options: dict[Sums, tuple[int, tuple[int, ...]]] = {(0,) * categories: (0, ())}
    for index, candidate in candidates:
        for sums, (count, chosen) in list(options.items()):
            if sums[candidate.category] + candidate.jp > bound[candidate.category]:
                continue
            grown = list(sums)
            grown[candidate.category] += candidate.jp
            key = tuple(grown)
            ranked = (count + 1, (*chosen, index))
            best = options.get(key)
            if best is None or ranked < best:
                options[key] = ranked
    return options


def _by_groups(
    candidates: Sequence[Candidate], groups: int, targets: Sequence[Sums]
) -> tuple[int, ...] | None:
    """Criteria 3-6 among the choices ending on ``targets``; None past ``WORK_LIMIT``."""
    categories = len(targets[0])
    bound = tuple(max(target[c] for target in targets) for c in range(categories))
    members = [[(i, c) for i, c in enumerate(candidates) if c.group == g] for g in range(groups)]
    # later[g][c]: the sums category c can still gain from groups g, g + 1, ...
    later = [[1] * categories for _ in range(groups + 1)]
    for group in range(groups - 1, -1, -1):
        for category in range(categories):
            jps = [c.jp for _, c in members[group] if c.category == category]
            later[group][category] = _grow(later[group + 1][category], jps, bound[category])

    goals = [sorted({target[c] for target in targets}) for c in range(categories)]

    def may_end_on_target(sums: Sums, following: list[int]) -> bool:
        # Each category on its own can still reach one of its target sums (a necessary check).
        return all(
            any(goal >= jp and following[c] >> (goal - jp) & 1 for goal in goals[c])
            for c, jp in enumerate(sums)
        )

    states: dict[Sums, _Rank] = {(0,) * categories: (0, 0, (), ())}
    work = 0
    for group in range(groups):
        options = list(_group_options(members[group], categories, bound).items())
        work += len(states) * len(options) * len(targets)
        if work > WORK_LIMIT:
            return None
        grown: dict[Sums, _Rank] = {}
        for sums, (covered, count, given, chosen) in states.items():
            for extra, (extra_count, extra_chosen) in options:
                key = tuple(a + b for a, b in zip(sums, extra, strict=True))
                if not may_end_on_target(key, later[group + 1]):
                    continue
                ranked = (
                    covered - (1 if extra_count else 0),
                    count + extra_count,
                    (*given, -sum(extra)),
                    chosen + extra_chosen,
                )
                best = grown.get(key)
                if best is None or ranked < best:
                    grown[key] = ranked
        states = grown
    return min(states[target] for target in targets if target in states)[3]


def _by_categories(candidates: Sequence[Candidate], target: Sums) -> tuple[int, ...]:
    """Each category's sum in ``target`` reached with its fewest, earliest candidates."""
    chosen: list[int] = []
    for category, goal in enumerate(target):
        best: dict[int, tuple[int, tuple[int, ...]]] = {0: (0, ())}
        for index, candidate in enumerate(candidates):
            if candidate.category != category:
                continue
            for total, (count, picked) in list(best.items()):
                key = total + candidate.jp
                ranked = (count + 1, (*picked, index))
                if key <= goal and (key not in best or ranked < best[key]):
                    best[key] = ranked
        chosen += best[goal][1]
    return tuple(sorted(chosen))


def choose(
    candidates: Sequence[Candidate], groups: int, percents: Sequence[int], budget: int
) -> tuple[int, ...]:
    """The indices of the best feasible choice (see the module's criteria), ascending.

    ``candidates`` are ordered by group (criterion 6 reads their indices in that order).
    """
    if any(a.group > b.group for a, b in pairwise(candidates)):
        raise ValueError("choose needs the candidates ordered by group")
    if sum(candidate.jp for candidate in candidates) <= budget:
        # Everything fits: only the whole catalogue reaches the largest total.
        return tuple(range(len(candidates)))
    targets = best_sums(candidates, percents, budget)
    exact = _by_groups(candidates, groups, targets)
    return exact if exact is not None else _by_categories(candidates, targets[-1])
