"""Every malformed case through the real CLI (issue 6, promise 1): exit 1, every expected line on
stderr in ``path:line:col: ...`` form, nothing on stdout, no traceback, bounded time and memory.

Each child runs under a 1 GB address-space limit, so an alias bomb or a recursion blow-up fails
the test instead of the machine. Time is measured generously here (``bench/`` measures it
tightly): the bound only catches a hang or an explosion. For a case that documents a bug, the
exact lines are pinned by the in-process rule tests; here only the CLI contract is checked (and
expected to fail for a crash).
"""

from __future__ import annotations

import os
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from malformed_cases import ALL_CASES, Case
from standard_support import STD, CliResult, build, run_cli, summary

SECONDS = 10.0
MAX_RSS_MB = 100.0
LOCATED = re.compile(r"^std/[^\s:]+(/[^\s:]+)*:\d+:\d+: \S.*$")


@pytest.fixture(scope="session")
def cli_results(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, CliResult]:
    """Run every selected case once, two or more at a time (each child is mostly start-up)."""
    selected = {
        item.callspec.params["case"].id
        for item in request.session.items
        if getattr(item, "originalname", None) == "test_cli_reports_malformed_input"
    }
    cases = [c for c in ALL_CASES if c.id in selected]

    # The folders are made before the threads start: the first mktemp of a session makes the
    # session's folder, which under pytest-xdist (a --basetemp per worker) means emptying it,
    # so two threads making it at once would delete each other's copies.
    parents = {case.id: tmp_path_factory.mktemp(case.id) for case in cases}

    def run(case: Case) -> tuple[str, CliResult]:
        parent = parents[case.id]
        build(parent, *case.edits)
        return case.id, run_cli(["validate", "--standards", STD], parent)

    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        return dict(pool.map(run, cases))


@pytest.mark.parametrize("case", [c.param(cli=True) for c in ALL_CASES])
def test_cli_reports_malformed_input(case: Case, cli_results: dict[str, CliResult]) -> None:
    result = cli_results[case.id]
    assert "Traceback" not in result.stderr
    assert result.returncode == 1, result.stderr
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[-1] == summary(len(lines) - 1)
    for line in lines[:-1]:
        assert LOCATED.match(line), line
    if not case.bug:  # a bug's lines are pinned by the in-process rule tests
        assert [line for line in case.expected if line not in lines] == []
    assert result.seconds < SECONDS
    assert result.max_rss_mb is not None
    assert result.max_rss_mb < MAX_RSS_MB


def test_cli_memory_limit_is_applied(tmp_path: Path) -> None:
    """The limit reaches the child: limited to 1 MB, Python cannot even start."""
    result = run_cli(["validate", "--standards", "x"], tmp_path, memory_limit=1 << 20)
    assert result.returncode != 0
