"""The loader keeps little besides the typed data (issue 7): node trees are composed per file and
dropped once the file is typed, and rules that report on a file compose it again for the place.

A synthetic standard of 300 competencies traced peak at about 70 MB when every file's PyYAML
node tree was kept; with the trees dropped it stays near 12 MB. The bound sits between the two.
"""

from __future__ import annotations

import subprocess
import sys
import tracemalloc
from pathlib import Path

from standard_support import ROOT

from generator.standard import load_standard
from generator.standard.loader import Parsed, read_folder

COMPETENCIES = 300
PEAK_MB = 30


def write_standard(folder: Path, competencies: int) -> Path:
    """The benchmarks' synthetic standard (``bench/`` is not importable from this folder)."""
    subprocess.run(
        [sys.executable, "-m", "bench.synthetic", str(competencies), str(folder)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    return folder


def test_loading_300_competencies_peaks_below_the_bound(tmp_path: Path) -> None:
    folder = write_standard(tmp_path / "standards", COMPETENCIES)
    tracemalloc.start()
    try:
        standard = load_standard(folder)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert standard.counts()["competencies"] == COMPETENCIES
    assert peak / 1e6 < PEAK_MB


def test_a_parsed_file_keeps_no_node_tree(tmp_path: Path) -> None:
    folder = write_standard(tmp_path / "standards", 2)
    loaded = read_folder(folder)
    assert loaded.problems == []
    parsed = loaded.competencies[0]
    assert set(vars(parsed)) == {"path", "file", "value"}
    assert isinstance(parsed, Parsed)
    tree = parsed.tree()
    assert tree is not None
    assert (tree.line, tree.column) == (1, 1)
