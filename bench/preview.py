"""Benchmark 7, the preview's first page: ``kompetensi serve`` on a machine without the cache.

A maintainer's first ``make serve`` starts with an empty compression cache
(``~/.cache/kompetensi-asn/``). Until the preview stopped writing the quiz runtime's ``.gz`` and
``.br`` siblings (its server never sends them), that first start compressed Pyodide with brotli
at quality 11 before it served anything. Measured: the time from starting ``kompetensi serve``
on the real project until it serves its first page, with an empty cache folder (a first day)
and with a warm one (every later day), alternately, each in a fresh process.
Budget: median cold start ≤ 1.5 × median warm start (the cache must not matter any more).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

from bench.common import (
    BUILD_ENV,
    ROOT,
    Options,
    budget,
    cleanup,
    new_result,
    ratio,
    row,
    scratch,
    write_project,
)

BUDGET_RATIO = 1.5
KOMPETENSI = Path(sys.executable).with_name("kompetensi")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _first_page(config: Path, cache: Path, log: Path) -> float:
    """Seconds from starting the preview until its home page answers 200."""
    port = _free_port()
    env = {**BUILD_ENV, "KOMPETENSI_CACHE_DIR": str(cache)}
    started = time.perf_counter()
    with log.open("wb") as out:
        process = subprocess.Popen(
            [str(KOMPETENSI), "serve", "-f", str(config), "-a", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # mkdocs runs as a child: stop the whole group
        )
        try:
            while True:
                if process.poll() is not None:
                    raise RuntimeError(f"kompetensi serve stopped:\n{log.read_text()}")
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as answer:
                        if answer.status == 200:
                            return time.perf_counter() - started
                except OSError:
                    time.sleep(0.1)
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)


def run(options: Options) -> dict[str, Any]:
    result = new_result(
        "preview",
        "7. The preview's first page: empty compression cache vs. a warm one",
        {"runs": options.runs},
    )
    work = scratch(options, "preview")
    try:
        config = write_project(work / "project")
        warm_cache = work / "cache-warm"
        _first_page(config, warm_cache, work / "serve-warm-up.log")  # fills what it can
        times: dict[str, list[float]] = {"cold": [], "warm": []}
        for index in range(options.runs):
            order = ("cold", "warm") if index % 2 == 0 else ("warm", "cold")
            for variant in order:
                cache = work / f"cache-cold-{index}" if variant == "cold" else warm_cache
                log = work / f"serve-{variant}-{index}.log"
                times[variant].append(_first_page(config, cache, log))
        rows = result["rows"]
        rows.append(row("first page, empty compression cache", times["cold"], "s"))
        rows.append(row("first page, warm cache (baseline)", times["warm"], "s"))
        cold, warm = rows[0]["median"], rows[1]["median"]
        result["ratios"].append(ratio("cold / warm", cold, warm, "median first-page times"))
        result["budgets"].append(
            budget("cold start / warm start", cold / warm if warm else None, BUDGET_RATIO, "×")
        )
        result["notes"].append(
            "the preview writes no .gz/.br siblings (its server never sends them), so an empty "
            "cache costs nothing; before, its first start compressed Pyodide with brotli 11"
        )
    finally:
        cleanup(options, work)
    return result
