"""The level-rule simulation (bench/level_rules.py) runs, is seeded, and decides by its criterion."""

from __future__ import annotations

from pathlib import Path

from bench import level_rules
from generator.engine.levels import RULES

ROOT = Path(__file__).resolve().parents[2]


def test_small_run_is_seeded_and_well_formed() -> None:
    competencies = level_rules.competencies_of(ROOT / "standards")
    first = level_rules.simulate(competencies, samples=60, seed=5)
    assert first == level_rules.simulate(competencies, samples=60, seed=5)
    for profile in level_rules.PROFILES:
        exact = first[profile]["exact"]
        # Without noise every rule finds the true level, and the answers repeat exactly.
        assert all(exact[rule]["exact"] == 1.0 == exact[rule]["retest"] for rule in RULES)
        for model in level_rules.MODELS:
            for figures in first[profile][model.name].values():
                assert 0 <= figures["off_two"] <= 1 - figures["exact"] + 1e-9
    rule, reason = level_rules.choose(first)
    assert rule in RULES and "lenient" in reason
    printed: list[str] = []
    assert level_rules.main(["--samples", "20"], out=printed.append) == 0
    assert "| noise-0.2 | majority |" in printed[0]
    assert printed[1].startswith("Chosen by the stated criterion: ")


def test_adaptive_counts_follow_the_true_level() -> None:
    from bench import adaptive

    full, asked = adaptive.simulate(ROOT / "standards", employees=5, seed=1)
    assert full > 27
    for per_level in asked.values():
        assert all(27 <= n <= full for counts in per_level.values() for n in counts)
    # Noise-free in spirit: at 0.1 noise an employee at level 0 is asked level 1 only.
    assert min(asked["noise-0.1"][0]) == 27
    printed: list[str] = []
    assert adaptive.main(["--employees", "3"], out=printed.append) == 0
    assert "| noise-0.1 | 27" in printed[0]
