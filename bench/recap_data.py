"""Generated result files (``penilaian-kompetensi.json``) as the quiz downloads them.

Each person has a "true" level per competency: the indicators up to it are rated 3-4, those
above it 1-2, with a little noise and a few unanswered, so the recap sees every level. The
stored ``result`` is the engine's, as the quiz writes it. ``python -m bench.recap_data N DIR``
writes N files for a look or a manual run of ``kompetensi rekap``.
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from generator.engine import assess
from generator.engine.dictionary import Dictionary, read_dictionary
from generator.engine.scope import scoped

UNITS = ("Biro Umum", "Biro Keuangan", "Biro Kepegawaian", "Pusat Data", "Inspektorat")


def nip_of(number: int) -> str:
    """An 18-digit NIP-shaped number (not a real one)."""
    return f"19{80 + number % 20:02d}0101{2005 + number % 15:04d}{1 + number % 2}{number:05d}"[:18]


def answers_document(
    view: Dictionary, number: int, rng: random.Random, *, with_result: bool = True
) -> dict[str, Any]:
    """One person's answers document, with identity, as the quiz saves it: the ratings cover
    what the quiz asks for the person's position (generator.engine.scope), technical
    competencies included when a real position lists them."""
    positions = list(view.position_targets)
    position = rng.choice(positions) if positions else None
    ratings: dict[str, int] = {}
    for competency in scoped(view, position).competencies:
        true_level = rng.choice(range(len(competency.indicator_levels) + 1))
        for level, indicators in enumerate(competency.indicator_levels, start=1):
            for indicator in indicators:
                if rng.random() < 0.03:
                    continue  # unanswered
                high = level <= true_level
                if rng.random() < 0.05:
                    high = not high
                ratings[indicator] = rng.choice((3, 4) if high else (1, 2))
    document: dict[str, Any] = {
        "format": "kompetensi-asn/jawaban",
        "format_version": 1,
        "standards_version": view.standards_version,
        "position": position,
        "targets": {},
        "total_jp": rng.choice((20, 20, 20, 30, 40)),
        "ratings": ratings,
        "submitted": True,
        "identity": {
            "name": f"Pegawai Uji {number}",
            "nip": nip_of(number),
            "unit": UNITS[number % len(UNITS)],
            "period": "2026",
        },
    }
    if with_result:
        document["result"] = assess(
            view, ratings, position=document["position"], total_jp=document["total_jp"]
        )
    return document


def documents(
    dictionary: dict[str, Any] | Dictionary, count: int, seed: int = 18
) -> Iterator[dict[str, Any]]:
    view = read_dictionary(dictionary)
    rng = random.Random(seed)
    for number in range(count):
        yield answers_document(view, number, rng)


def write_files(
    dictionary: dict[str, Any] | Dictionary, count: int, folder: Path, seed: int = 18
) -> list[Path]:
    """Write ``count`` result files into ``folder`` (created); their paths in order."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number, document in enumerate(documents(dictionary, count, seed)):
        path = folder / f"penilaian-kompetensi-{number:05d}.json"
        path.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("count", type=int)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--export", type=Path, default=Path("site/kompetensi.json"))
    args = parser.parse_args(argv)
    dictionary = json.loads(args.export.read_text(encoding="utf-8"))
    write_files(dictionary, args.count, args.folder)


if __name__ == "__main__":
    main()
