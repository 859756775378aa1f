"""Copied-run detector: which of our texts repeat the regulation's wording word for word.

The reference file (``data/skj-2017-runs.tsv``) holds, per competency, the hashes of every run
of 5 and of 7 consecutive words in the regulation's dictionary texts (PermenPANRB 38/2017,
Lampiran), never the words. Its header fixes how words and runs are formed; ``words`` and
``run_hashes`` follow it exactly, so a hash of ours matches only when the same words stand in
the same order.

Run it as a script for the per-text report while rewording:

    .venv/bin/python tests/content/copied_runs.py            # texts with a run, longest first
    .venv/bin/python tests/content/copied_runs.py --all      # every text, with its figures
    .venv/bin/python tests/content/copied_runs.py --runs     # also the matching runs themselves
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = Path(__file__).resolve().parent / "data" / "skj-2017-runs.tsv"
RUN_LENGTHS = (5, 7)
WORD = re.compile(r"[a-z0-9]+")


def words(text: str) -> list[str]:
    """The header's words: maximal ``[a-z0-9]+`` matches of the lower-cased text."""
    return WORD.findall(text.lower())


def run_hashes(text: str, n: int) -> dict[str, str]:
    """Hash (first 16 hex digits of sha1) → run, for every run of ``n`` consecutive words."""
    found: dict[str, str] = {}
    tokens = words(text)
    for start in range(len(tokens) - n + 1):
        run = " ".join(tokens[start : start + n])
        found[hashlib.sha1(run.encode("utf-8")).hexdigest()[:16]] = run
    return found


def longest_run(text: str, known: set[str], n: int) -> int:
    """Length of the longest stretch of words covered by ``n``-word runs found in ``known``.

    Two overlapping matched runs that start one word apart cover n + 1 words, so a text that
    copies 9 words shows 3 consecutive 7-word matches and reports 9.
    """
    tokens = words(text)
    best = 0
    current = 0
    for start in range(len(tokens) - n + 1):
        run = " ".join(tokens[start : start + n])
        if hashlib.sha1(run.encode("utf-8")).hexdigest()[:16] in known:
            current += 1
            best = max(best, current + n - 1)
        else:
            current = 0
    return best


def load_reference(path: Path = REFERENCE) -> dict[tuple[str, int], set[str]]:
    """``(competency id, n)`` → the regulation's run hashes."""
    table: dict[tuple[str, int], set[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        competency, n, hashes = line.split("\t")
        table[(competency, int(n))] = set(hashes.split())
    return table


@dataclass(frozen=True)
class Text:
    """One piece of our wording: where it lives, whose competency it belongs to, what it says."""

    competency: str | None
    """The competency the text is about, or None for pages compared with every competency."""
    label: str
    """Indicator id, ``<competency>.<level>`` for a level description, or a field/page name."""
    kind: str
    """definition, description, indicator, example, name, alias or page."""
    text: str


CORE_KINDS = ("definition", "description", "indicator")
"""The texts that restate the regulation (the 5-word share counts these)."""


def competency_texts(folder: Path = ROOT / "standards" / "competencies") -> Iterator[Text]:
    """Every text of every competency file: name, aliases, definition, levels, indicators."""
    for path in sorted(folder.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        cid = str(data["id"])
        yield Text(cid, f"{cid} (nama)", "name", str(data["name"]))
        for alias in data.get("aliases") or []:
            yield Text(cid, f"{cid} (ejaan lain)", "alias", str(alias))
        yield Text(cid, f"{cid} (definisi)", "definition", str(data["definition"]))
        for level in data["levels"]:
            yield Text(cid, f"{cid}.{level['level']}", "description", str(level["description"]))
            for indicator in level["indicators"]:
                yield Text(cid, str(indicator["id"]), "indicator", str(indicator["text"]))
                if "example" in indicator:
                    yield Text(
                        cid, f"{indicator['id']} (contoh)", "example", str(indicator["example"])
                    )


def page_texts(folder: Path = ROOT / "content") -> Iterator[Text]:
    """Every hand-written page, compared with the runs of all competencies at once."""
    for path in sorted(folder.rglob("*.md")):
        yield Text(None, str(path.relative_to(ROOT)), "page", path.read_text(encoding="utf-8"))


def data_texts(folder: Path = ROOT / "standards") -> Iterator[Text]:
    """The other standards files (framework, positions, learning catalogue), whole."""
    for path in sorted(folder.rglob("*.yaml")):
        if path.parent.name == "competencies":
            continue
        yield Text(None, str(path.relative_to(ROOT)), "page", path.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Finding:
    text: Text
    longest: dict[int, int]
    """n → longest copied stretch built from n-word runs (0 when none)."""


def compare(texts: Iterable[Text], reference: dict[tuple[str, int], set[str]]) -> list[Finding]:
    """Each text against the regulation's runs of its own competency (or of all, for pages and
    technical competencies)."""
    everything = {
        n: set().union(*(hashes for (_, length), hashes in reference.items() if length == n))
        for n in RUN_LENGTHS
    }
    findings = []
    for text in texts:
        longest = {}
        for n in RUN_LENGTHS:
            # A technical competency is not in the regulation's dictionary: against all nine.
            known = reference.get((text.competency or "", n), everything[n])
            longest[n] = longest_run(text.text, known, n)
        findings.append(Finding(text, longest))
    return findings


def shared_between_texts(texts: Iterable[Text], n: int = 7) -> list[tuple[str, str, str]]:
    """``(label, other label, run)`` for every n-word run two texts of one competency share.

    Examples are left out: an example may name the behaviour its indicator asks for.
    """
    seen: dict[tuple[str, str], str] = {}
    pairs: list[tuple[str, str, str]] = []
    for text in texts:
        if text.competency is None or text.kind not in CORE_KINDS:
            continue
        for digest, run in run_hashes(text.text, n).items():
            key = (text.competency, digest)
            if key in seen and seen[key] != text.label:
                pairs.append((seen[key], text.label, run))
            seen.setdefault(key, text.label)
    return pairs


def five_word_share(findings: Iterable[Finding]) -> tuple[int, int]:
    """(texts with a 5-word run, texts) over definitions, level descriptions and indicators."""
    core = [f for f in findings if f.text.kind in CORE_KINDS]
    return sum(1 for f in core if f.longest[5]), len(core)


def all_texts() -> list[Text]:
    return [*competency_texts(), *page_texts(), *data_texts()]


def matching_runs(text: Text, reference: dict[tuple[str, int], set[str]], n: int) -> list[str]:
    """Our own n-word runs in ``text`` that the regulation also has (to see what to reword)."""
    keys = [key for key in reference if key[1] == n and text.competency in (None, key[0])]
    known = set().union(*(reference[key] for key in keys))
    return [run for digest, run in run_hashes(text.text, n).items() if digest in known]


def report(show_all: bool = False, show_runs: bool = False) -> str:
    texts = all_texts()
    reference = load_reference()
    findings = compare(texts, reference)
    lines = []
    shown = findings if show_all else [f for f in findings if f.longest[5]]
    for finding in sorted(shown, key=lambda f: (-f.longest[7], -f.longest[5], f.text.label)):
        lines.append(
            f"{finding.longest[7]:>3} {finding.longest[5]:>3}  {finding.text.kind:<11} "
            f"{finding.text.label}"
        )
        if show_runs:
            lines.extend(f"           {run}" for run in matching_runs(finding.text, reference, 5))
    with_five, total = five_word_share(findings)
    copied = sum(1 for f in findings if f.longest[7])
    lines.append("")
    lines.append(f"texts with a 7-word run of the regulation: {copied}")
    lines.append(
        f"definitions, level descriptions and indicators with a 5-word run: "
        f"{with_five}/{total} = {100 * with_five / total:.1f} %"
    )
    for first, second, run in shared_between_texts(texts):
        lines.append(f"7 words shared by {first} and {second}: {run!r}")
    return "\n".join(lines)


if __name__ == "__main__":
    print("  7   5  kind        text (longest copied stretch from 7- and 5-word runs)")
    print(report(show_all="--all" in sys.argv[1:], show_runs="--runs" in sys.argv[1:]))
