"""How many statements the adaptive questionnaire asks (issue 16): a seeded simulation.

    python -m bench.adaptive                    # 2,000 simulated employees per true level

A simulated employee has the same true level 0–5 in every competency of the form, answers
through an answer model of :mod:`bench.level_rules` (``graded`` truth), and the form asks level
by level: every statement up to and including the first level that can no longer be met under
the configured rule (the engine's :func:`generator.engine.levels.asked_levels`, the same test
the page makes). The structural positions (JPT madya, JPT pratama, administrator, pengawas) all
set a target on every competency of the form, so the form and the counts are the same for each.
"""

from __future__ import annotations

import argparse
import random
import statistics
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from bench.level_rules import MODELS, ROOT, true_ratings
from generator.engine.dictionary import read_dictionary
from generator.engine.levels import asked_levels, rule_of
from generator.engine.scope import assessed_export
from generator.standard import load_export

STRUCTURAL = ("jpt-madya", "jpt-pratama", "administrator", "pengawas")
NOISY = ("noise-0.1", "noise-0.2", "lenient", "severe")


def simulate(
    standards: Path, employees: int, seed: int = 16
) -> tuple[int, dict[str, dict[int, list[int]]]]:
    """The form's full length and ``asked[model][true level]``: statements asked per employee."""
    export = load_export(standards)
    view = read_dictionary(assessed_export(export))
    rule = rule_of(view)
    targets = [view.position_targets[position] for position in STRUCTURAL]
    assert all(set(t) >= {c.id for c in view.competencies} for t in targets), "a target missing"
    full = sum(len(level) for c in view.competencies for level in c.indicator_levels)
    asked: dict[str, dict[int, list[int]]] = {}
    for model in (m for m in MODELS if m.name in NOISY):
        rng = random.Random(f"{seed}:{model.name}")
        asked[model.name] = {}
        for truth in range(view.max_level + 1):
            counts = []
            for _ in range(employees):
                count = 0
                for competency in view.competencies:
                    honest = true_ratings(competency, truth, "graded", rng)
                    answers = {i: model.answer(r, rng) for i, r in honest.items()}
                    levels = competency.indicator_levels[: asked_levels(competency, answers, rule)]
                    count += sum(len(level) for level in levels)
                counts.append(count)
            asked[model.name][truth] = counts
    return full, asked


def table(full: int, asked: dict[str, dict[int, list[int]]]) -> str:
    levels = sorted(next(iter(asked.values())))
    lines = [
        f"Median statements asked (full form: {full}); in brackets the 10th–90th percentile:",
        "",
        "| Answer model | " + " | ".join(f"true level {t}" for t in levels) + " |",
        "|---|" + "---:|" * len(levels),
    ]
    for model, per_level in asked.items():
        cells = []
        for t in levels:
            deciles = statistics.quantiles(per_level[t], n=10)
            cells.append(f"{statistics.median(per_level[t]):g} ({deciles[0]:g}–{deciles[-1]:g})")
        lines.append(f"| {model} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None, out: Callable[[str], Any] = print) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--employees", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--standards", type=Path, default=ROOT / "standards")
    args = parser.parse_args(argv)
    full, asked = simulate(args.standards, args.employees, args.seed)
    out(table(full, asked))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
