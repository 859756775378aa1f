"""The loader keeps little besides the typed data (issue 7): node trees are composed per file and
dropped once the file is typed; only the packed places of its values stay (issue 23), so rules
that report on a file never read it again.

A synthetic standard of 300 competencies traced peak at about 70 MB when every file's PyYAML
node tree was kept; with the trees dropped it stayed near 13 MB, and the places add about 3 MB
(16 MB). The bound sits between the two.
"""

from __future__ import annotations

import gc
import subprocess
import sys
import tracemalloc
from pathlib import Path

from standard_support import ROOT

from generator.standard import load_standard
from generator.standard.loader import Parsed, read_folder
from generator.standard.strict_yaml import Node

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


def test_a_parsed_file_keeps_places_but_no_node_tree(tmp_path: Path) -> None:
    folder = write_standard(tmp_path / "standards", 2)
    loaded = read_folder(folder)
    assert loaded.problems == []
    parsed = loaded.competencies[0]
    assert set(vars(parsed)) == {"path", "file", "value", "places"}
    assert isinstance(parsed, Parsed)
    assert parsed.locate() == (1, 1)
    # Nothing the places hold leads back to a node (and so to the file's texts).
    seen: set[int] = set()
    todo: list[object] = [parsed.places]
    while todo:
        item = todo.pop()
        assert not isinstance(item, Node)
        if id(item) not in seen and not isinstance(item, (str, int, type)):
            seen.add(id(item))
            todo.extend(gc.get_referents(item))
