"""The configurable level rule (``assessment.level_rule``), per-level progress and borderline
results, checked by brute force against the engine's public ``assess``."""

from __future__ import annotations

import copy
import itertools
import random
from typing import Any

import pytest
from engine_testdata import DICTIONARY, indicator_ids

from generator.engine import DictionaryError, assess
from generator.engine.levels import RULES, LevelRule
from generator.engine.report import to_markdown, uncertain_gaps

IDS = indicator_ids(DICTIONARY)


def _with_rule(rule: str) -> dict[str, Any]:
    dictionary = copy.deepcopy(DICTIONARY)
    dictionary["assessment"]["level_rule"] = rule
    return dictionary


def _random_ratings(seed: int) -> dict[str, int]:
    rng = random.Random(seed)
    return {i: rng.choice([1, 2, 3, 3, 4, 4]) for i in IDS if rng.random() > 0.1}


@pytest.mark.parametrize(
    ("rule", "ratings", "met"),
    [
        ("all", [3, 3, 3], True),
        ("all", [4, 4, 2], False),
        ("majority", [3, 3, 2], True),
        ("majority", [3, 2, 2], False),
        ("majority", [3, 2], False),  # half is not a majority
        ("majority", [3, 3, None], True),
        ("mean", [4, 3, 2], True),
        ("mean", [4, 2, 2], False),
        ("mean", [4, 4, None], True),  # unanswered counts as the lowest rating: (4 + 4 + 1) / 3
        ("mean", [4, 3, None], False),
    ],
)
def test_level_met_under_each_rule(rule: str, ratings: list[int | None], met: bool) -> None:
    assert LevelRule(rule, 3, 1, 4).level_met(ratings) is met


@pytest.mark.parametrize("rule", RULES)
@pytest.mark.parametrize("size", [1, 2, 3, 4, 5])
def test_skip_budget_is_can_be_met(rule: str, size: int) -> None:
    # The quiz page decides "can no longer be met" from the penalty table and the budget; they
    # must agree with the engine's rule for every combination of answers (None = unanswered).
    level_rule = LevelRule(rule, 3, 1, 4)
    penalties, budget = level_rule.skip_budget(size)
    for answers in itertools.product([None, 1, 2, 3, 4], repeat=size):
        spent = sum(penalties[value] for value in answers if value is not None)
        assert (spent <= budget) is level_rule.can_be_met(list(answers)), answers


@pytest.mark.parametrize("rule", RULES)
def test_levels_count_met_indicators(rule: str) -> None:
    ratings = _random_ratings(7)
    for competency, result in zip(
        DICTIONARY["competencies"], assess(_with_rule(rule), ratings)["competencies"], strict=True
    ):
        expected = []
        for level in competency["levels"]:
            ids = [indicator["id"] for indicator in level["indicators"]]
            missing = [i for i in ids if ratings.get(i, 0) < 3]
            expected.append(
                {
                    "level": level["level"],
                    "met": len(ids) - len(missing),
                    "total": len(ids),
                    "missing": missing,
                }
            )
        assert result["levels"] == expected


@pytest.mark.parametrize("rule", RULES)
@pytest.mark.parametrize("seed", range(12))
def test_borderline_and_decisive_by_brute_force(rule: str, seed: int) -> None:
    dictionary = _with_rule(rule)
    ratings = _random_ratings(seed)
    result = assess(dictionary, ratings)
    before = {c["id"]: c["estimated"] for c in result["competencies"]}
    decisive: dict[str, list[str]] = {c["id"]: [] for c in result["competencies"]}
    for indicator in IDS:  # the export's order
        if indicator not in ratings:
            continue
        competency = indicator.rsplit(".", 2)[0]
        for moved in (ratings[indicator] - 1, ratings[indicator] + 1):
            if not 1 <= moved <= 4:
                continue
            after = assess(dictionary, {**ratings, indicator: moved})["competencies"]
            level = next(c["estimated"] for c in after if c["id"] == competency)
            if level != before[competency] and indicator not in decisive[competency]:
                decisive[competency].append(indicator)
    for item in result["competencies"]:
        assert item["decisive"] == decisive[item["id"]], (rule, seed, item["id"])
        assert item["borderline"] is bool(decisive[item["id"]])


def test_the_rule_changes_the_estimate() -> None:
    # integritas level 1 has two of three indicators met: a majority, mean (4 + 3 + 1) / 3 < 3.
    ratings = {"integritas.1.1": 4, "integritas.1.2": 3, "integritas.1.3": 1}
    estimates = {
        rule: assess(_with_rule(rule), ratings)["competencies"][0]["estimated"] for rule in RULES
    }
    assert estimates == {"all": 0, "majority": 1, "mean": 0}


def test_an_export_without_a_rule_means_all() -> None:
    dictionary = copy.deepcopy(DICTIONARY)
    dictionary["assessment"].pop("level_rule", None)
    ratings = _random_ratings(3)
    assert assess(dictionary, ratings) == assess(_with_rule("all"), ratings)


def test_an_unknown_rule_is_refused() -> None:
    with pytest.raises(DictionaryError) as error:
        assess(_with_rule("most"), {})
    assert str(error.value) == (
        "assessment.level_rule: expected one of all, majority, mean, got 'most'"
    )


def test_the_explanation_names_the_rule() -> None:
    ratings = {"integritas.1.1": 4, "integritas.1.2": 3, "integritas.1.3": 1}
    ratings |= {"integritas.2.1": 3, "integritas.2.2": 1, "integritas.2.3": 1}
    majority = assess(_with_rule("majority"), ratings)["competencies"][0]["explanation"]
    assert majority.startswith(
        "Level 1 (Paham) tercapai: pada level 1, lebih dari separuh indikator dinilai minimal "
        "Sering. Level 2 belum tercapai karena indikator integritas.2.2 dan integritas.2.3 dinilai "
        "Belum pernah: 1 dari 3 indikator level 2 terpenuhi; aturan: sebagian besar (paling "
        "sedikit 2 dari 3 indikator minimal Sering)."
    )
    mean = assess(_with_rule("mean"), ratings)["competencies"][0]["explanation"]
    assert mean.startswith(
        "Belum mencapai level 1 (Paham) karena indikator integritas.1.3 dinilai Belum pernah: "
        "rata-rata nilai indikator level 1 adalah 2,67; aturan: rata-rata minimal 3 (Sering)."
    )


def test_the_report_names_gaps_one_answer_could_change() -> None:
    # integritas: level 1 met, level 2 misses one statement only; target 3 (administrator).
    ratings = {f"integritas.1.{n}": 4 for n in (1, 2, 3)}
    ratings |= {"integritas.2.1": 4, "integritas.2.2": 4, "integritas.2.3": 2}
    result = assess(_with_rule("all"), ratings, position="administrator")
    sentences = uncertain_gaps(result)
    assert sentences[0] == (
        "Kesenjangan Integritas ini bergantung pada satu jawaban: tinjau bersama atasan "
        "indikator integritas.2.3."
    )
    assert len(sentences) == sum(
        1 for c in result["competencies"] if c["status"] == "gap" and c["borderline"]
    )
    assert f"- {sentences[0]}" in to_markdown(_with_rule("all"), result).splitlines()


def _shortened(
    dictionary: dict[str, Any], ratings: dict[str, int], rule: str
) -> tuple[dict[str, int], dict[str, int]]:
    """The answers the adaptive form keeps, and how many levels it asks per competency: it
    hides every level above the first one whose answered ratings spend more than the budget
    (the page's test, from skip_budget)."""
    level_rule = LevelRule(rule, 3, 1, 4)
    kept: dict[str, int] = {}
    asked: dict[str, int] = {}
    for competency in dictionary["competencies"]:
        for level in competency["levels"]:
            ids = [indicator["id"] for indicator in level["indicators"]]
            kept |= {i: ratings[i] for i in ids if i in ratings}
            asked[competency["id"]] = level["level"]
            penalties, budget = level_rule.skip_budget(len(ids))
            if sum(penalties[ratings[i]] for i in ids if i in ratings) > budget:
                break
    return kept, asked


@pytest.mark.parametrize("rule", RULES)
@pytest.mark.parametrize("seed", range(40))
def test_the_shortened_form_gives_the_full_forms_result(rule: str, seed: int) -> None:
    dictionary = _with_rule(rule)
    rng = random.Random(seed)
    # Skewed high so that many competencies reach the upper levels; some answers left out.
    ratings = {i: rng.choice([1, 2, 3, 3, 4, 4, 4]) for i in IDS if rng.random() > 0.05}
    shortened, asked = _shortened(dictionary, ratings, rule)
    assert len(shortened) < len(ratings) or all(n == 5 for n in asked.values())
    position = rng.choice([None, "administrator", "pelaksana"])
    full = assess(dictionary, ratings, position=position)
    short = assess(dictionary, shortened, position=position)
    assert short["plan"] == full["plan"]
    for whole, cut in zip(full["competencies"], short["competencies"], strict=True):
        assert {k: v for k, v in cut.items() if k != "levels"} == {
            k: v for k, v in whole.items() if k != "levels"
        }
        # Per-level counts agree on every level the form asked.
        assert cut["levels"][: asked[cut["id"]]] == whole["levels"][: asked[cut["id"]]]
