"""Properties of the rule and the plan, for any ratings, targets, JP and focus (hypothesis)."""

from __future__ import annotations

import json
from typing import Any

from engine_testdata import DICTIONARY, indicator_ids, up_to
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.engine import assess

IDS = indicator_ids(DICTIONARY)
COMPETENCIES = [competency["id"] for competency in DICTIONARY["competencies"]]
POSITIONS = [position["id"] for position in DICTIONARY["positions"]]
PERCENT = {category["id"]: category["percent"] for category in DICTIONARY["learning"]["categories"]}

# None = unanswered; the weights keep high ratings common enough to reach the upper levels.
answer = st.sampled_from([None, 1, 2, 3, 4, 4, 3, 4])
ratings_strategy = st.lists(answer, min_size=len(IDS), max_size=len(IDS)).map(
    lambda values: {i: v for i, v in zip(IDS, values, strict=True) if v is not None}
)
targets_strategy = st.one_of(
    st.none(),
    st.dictionaries(st.sampled_from(COMPETENCIES), st.one_of(st.none(), st.integers(1, 5))),
)
position_strategy = st.one_of(st.none(), st.sampled_from(POSITIONS))
jp_strategy = st.one_of(st.none(), st.integers(1, 1000))
focus_strategy = st.one_of(st.none(), st.integers(1, 9))
CATALOGUE = {activity["id"]: activity["jp"] for activity in DICTIONARY["learning"]["activities"]}

fast = settings(deadline=None, max_examples=150)


def _levels(ratings: dict[str, int]) -> dict[str, int]:
    return {c["id"]: c["estimated"] for c in assess(DICTIONARY, ratings)["competencies"]}


@fast
@given(
    ratings_strategy,
    st.lists(st.one_of(st.none(), st.integers(0, 3)), min_size=len(IDS), max_size=len(IDS)),
)
def test_raising_a_rating_never_lowers_a_level(
    ratings: dict[str, int], raises: list[int | None]
) -> None:
    higher = dict(ratings)
    for indicator, step in zip(IDS, raises, strict=True):
        if step is None:
            continue
        # Answering an unanswered indicator with any value also counts as "raising" it.
        higher[indicator] = min(4, ratings[indicator] + step) if indicator in ratings else 1 + step
    before, after = _levels(ratings), _levels(higher)
    assert all(after[c] >= before[c] for c in COMPETENCIES), (before, after)


@fast
@given(ratings_strategy, st.sampled_from(IDS))
def test_raising_one_rating_never_lowers_a_level(ratings: dict[str, int], indicator: str) -> None:
    higher = {**ratings, indicator: 4}
    before, after = _levels(ratings), _levels(higher)
    assert all(after[c] >= before[c] for c in COMPETENCIES)


def test_all_max_is_level_five() -> None:
    assert set(_levels(dict.fromkeys(IDS, 4)).values()) == {5}


def test_all_min_is_level_zero() -> None:
    assert set(_levels(dict.fromkeys(IDS, 1)).values()) == {0}


# No deadline: every assess also tries each one-step change (borderline), a few ms that a
# loaded machine stretched past hypothesis' 200 ms.
@settings(deadline=None)
@given(st.integers(0, 5), st.sampled_from([3, 4]), st.sampled_from([1, 2]))
def test_met_up_to_k_and_unmet_above_is_k(k: int, high: int, low: int) -> None:
    assert set(_levels(up_to(DICTIONARY, k, high=high, low=low)).values()) == {k}


@fast
@given(ratings_strategy, position_strategy, targets_strategy, jp_strategy, focus_strategy)
def test_plan_arithmetic(
    ratings: dict[str, int],
    position: str | None,
    targets: dict[str, int | None] | None,
    total_jp: int | None,
    focus: int | None,
) -> None:
    if position is not None:
        targets = None
    result = assess(
        DICTIONARY, ratings, position=position, targets=targets, total_jp=total_jp, focus=focus
    )
    plan = result["plan"]
    budget = 20 if total_jp is None else total_jp
    assert plan["budget_jp"] == result["total_jp"] == budget
    # Whole catalogue activities, each once, never over the allowance.
    assert [item["jp"] for item in plan["items"]] == [
        CATALOGUE[item["activity_id"]] for item in plan["items"]
    ]
    assert len({item["activity_id"] for item in plan["items"]}) == len(plan["items"])
    assert plan["total_jp"] == sum(item["jp"] for item in plan["items"]) <= budget
    assert sum(category["jp"] for category in plan["categories"]) == plan["total_jp"]
    for category in plan["categories"]:
        in_category = [item["jp"] for item in plan["items"] if item["category"] == category["id"]]
        assert sum(in_category) == category["jp"]
    assert len(plan["focus"]) <= (3 if focus is None else focus)
    assert {item["competency"] for item in plan["items"]} <= set(plan["focus"])

    by_id = {c["id"]: c for c in result["competencies"]}
    has_gap = any(c["gap"] for c in result["competencies"])
    for item in plan["items"]:
        competency = by_id[item["competency"]]
        if plan["mode"] == "maintain":
            assert item["level"] == competency["estimated"] == 5
        else:
            assert item["level"] == competency["estimated"] + 1
        if plan["mode"] == "gap":
            assert competency["gap"] > 0
    gaps = [by_id[key]["gap"] or 0 for key in plan["focus"]]
    assert gaps == sorted(gaps, reverse=True)
    all_top = all(c["estimated"] == 5 for c in result["competencies"])
    assert plan["mode"] == ("gap" if has_gap else "maintain" if all_top else "growth")


@fast
@given(ratings_strategy, position_strategy, jp_strategy)
def test_same_inputs_same_output(
    ratings: dict[str, int], position: str | None, total_jp: int | None
) -> None:
    first = assess(DICTIONARY, ratings, position=position, total_jp=total_jp)
    reordered = dict(reversed(list(ratings.items())))  # the order of the answers is irrelevant
    second = assess(DICTIONARY, reordered, position=position, total_jp=total_jp)
    assert json.dumps(first) == json.dumps(second)


@fast
@given(ratings_strategy)
def test_gap_is_never_negative_and_status_agrees(ratings: dict[str, int]) -> None:
    result: dict[str, Any] = assess(DICTIONARY, ratings, position="administrator")
    for competency in result["competencies"]:
        target, estimated, gap = competency["target"], competency["estimated"], competency["gap"]
        if target is None:
            assert (gap, competency["status"]) == (None, "no_target")
            continue
        assert gap == max(0, target - estimated)
        expected = "gap" if gap else ("met" if estimated == target else "strength")
        assert competency["status"] == expected
        assert competency["complete"] == (competency["unanswered"] == [])
