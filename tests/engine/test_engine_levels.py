"""The estimation rule on examples: cumulative levels, partial answers, other indicator counts."""

from __future__ import annotations

from typing import Any

from engine_testdata import up_to

from generator.engine.dictionary import read_dictionary
from generator.engine.levels import estimate_level, is_met, rule_of


def _estimate(dictionary: dict[str, Any], competency: str, ratings: dict[str, int]) -> Any:
    view = read_dictionary(dictionary)
    return estimate_level(view.competency_by_id[competency], ratings, rule_of(view))


def _rate(competency: str, rows: dict[int, list[int]]) -> dict[str, int]:
    return {
        f"{competency}.{level}.{n}": value
        for level, values in rows.items()
        for n, value in enumerate(values, start=1)
    }


def test_threshold_is_inclusive() -> None:
    assert is_met("a", {"a": 3}, 3)
    assert not is_met("a", {"a": 2}, 3)
    assert not is_met("a", {}, 3)


def test_method_page_example(dictionary: dict[str, Any]) -> None:
    # The worked example on content/metode-penilaian.md: level 4 is met but does not count.
    ratings = _rate(
        "integritas", {1: [4, 3, 3], 2: [3, 4, 3], 3: [3, 2, 3], 4: [3, 3, 3], 5: [1, 2, 1]}
    )
    estimate = _estimate(dictionary, "integritas", ratings)
    assert estimate.estimated == 2
    assert estimate.decided_by == ("integritas.3.2",)
    # Level 3 can no longer be met: level 4 is not asked, so its ratings are not mentioned.
    assert estimate.met_above == ()
    assert estimate.complete


def test_every_level_met_is_five_with_nothing_deciding(dictionary: dict[str, Any]) -> None:
    estimate = _estimate(dictionary, "integritas", up_to(dictionary, 5))
    assert (estimate.estimated, estimate.decided_by, estimate.met_above) == (5, (), ())


def test_level_one_not_met_is_zero(dictionary: dict[str, Any]) -> None:
    ratings = up_to(dictionary, 5)
    ratings["integritas.1.3"] = 2
    estimate = _estimate(dictionary, "integritas", ratings)
    assert estimate.estimated == 0
    assert estimate.decided_by == ("integritas.1.3",)
    assert estimate.met_above == ()


def test_unanswered_counts_as_not_met_and_is_listed(dictionary: dict[str, Any]) -> None:
    ratings = _rate("integritas", {1: [4, 4, 4], 2: [4, 4]})  # integritas.2.3 left out
    estimate = _estimate(dictionary, "integritas", ratings)
    assert estimate.estimated == 1
    assert estimate.decided_by == ("integritas.2.3",)
    assert estimate.unanswered[:2] == ("integritas.2.3", "integritas.3.1")
    assert len(estimate.unanswered) == 10
    assert not estimate.complete


def test_levels_above_one_that_cannot_be_met_are_not_asked(dictionary: dict[str, Any]) -> None:
    ratings = _rate("integritas", {1: [4, 4, 4], 2: [1, 4, 4], 3: [4, 4, 4], 4: [4, 4, 4]})
    estimate = _estimate(dictionary, "integritas", ratings)
    assert estimate.estimated == 1
    # Level 2 can no longer be met, so levels 3-5 are not asked: level 5's missing answers
    # do not make the competency incomplete, and levels 3-4's ratings are not mentioned.
    assert (estimate.unanswered, estimate.met_above, estimate.complete) == ((), (), True)


def test_unanswered_below_a_level_that_cannot_be_met(dictionary: dict[str, Any]) -> None:
    ratings = _rate("integritas", {1: [4, 4, 4], 2: [4, 4], 3: [4, 1, 4], 4: [4, 4, 4]})
    estimate = _estimate(dictionary, "integritas", ratings)
    # Level 2 could still be met (2.3 unanswered), level 3 cannot: levels 1-3 are asked.
    assert estimate.estimated == 1
    assert estimate.unanswered == ("integritas.2.3",)
    assert estimate.met_above == (3,)


def test_no_answers_at_all(dictionary: dict[str, Any]) -> None:
    estimate = _estimate(dictionary, "kerjasama", {})
    assert estimate.estimated == 0
    assert estimate.decided_by == ("kerjasama.1.1", "kerjasama.1.2", "kerjasama.1.3")
    assert len(estimate.unanswered) == 15


def test_two_indicators_per_level(dictionary: dict[str, Any]) -> None:
    ratings = _rate("perekat-bangsa", {1: [3, 3], 2: [3, 3], 3: [3, 3], 4: [3, 2], 5: [4, 4]})
    estimate = _estimate(dictionary, "perekat-bangsa", ratings)
    assert estimate.estimated == 3
    assert estimate.decided_by == ("perekat-bangsa.4.2",)
    assert estimate.met_above == ()


def test_ratings_of_other_competencies_do_not_matter(dictionary: dict[str, Any]) -> None:
    ratings = up_to(dictionary, 5)
    del ratings["kerjasama.1.1"]
    assert _estimate(dictionary, "integritas", ratings).estimated == 5
