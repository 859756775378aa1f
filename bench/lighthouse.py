"""Lighthouse 12, mobile preset, on the pages issue 19 names: ``/``, a competency page,
``/asesmen/`` as loaded and ``/asesmen/`` after a submission.

Lighthouse is the npm devDependency pinned exactly in package.json (12.x runs on Node 20), run
by ``bench/lighthouse.mjs`` against Debian's Chromium and the site served by :mod:`bench.server`
(the nginx-like headers and brotli siblings; the CSP is the pages' meta tag). Scores are 0-100;
the budgets are performance >= 95 and accessibility, best practices and SEO = 100, written as
"points below 100". The state after a submission is a snapshot (Lighthouse's user flow): it has
no load to time, so it has no performance score. Lighthouse simulates the slow phone from a
trace taken on this machine: a loaded machine lowers the performance score (see the load).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from bench.common import CHROMIUM, ROOT, Options, budget, new_result, real_site, row
from bench.server import Server

SCRIPT = ROOT / "bench" / "lighthouse.mjs"
LIGHTHOUSE = ROOT / "node_modules" / "lighthouse" / "package.json"
CATEGORIES = {"performance": 5.0, "accessibility": 0.0, "best-practices": 0.0, "seo": 0.0}


def run(options: Options, **_: Any) -> dict[str, Any]:
    node = shutil.which("node")
    if node is None or not LIGHTHOUSE.is_file():
        raise RuntimeError("node or node_modules/lighthouse is missing: run `make setup`")
    version = json.loads(LIGHTHOUSE.read_text(encoding="utf-8"))["version"]
    result = new_result(
        "lighthouse", f"Lighthouse {version}, mobile preset", {"lighthouse": version}
    )
    site = real_site(options, result["notes"])
    with Server(site) as server, tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "lighthouse.json"
        subprocess.run(
            [node, str(SCRIPT), server.url, str(out)],
            check=True,
            cwd=ROOT,
            env={**os.environ, "CHROME_PATH": CHROMIUM},
            timeout=1800,
        )
        pages: dict[str, dict[str, Any]] = json.loads(out.read_text(encoding="utf-8"))
    for page, summary in pages.items():
        for category, allowed in CATEGORIES.items():
            score = summary["scores"].get(category)
            if score is None or (page == "quiz_submitted" and category == "performance"):
                continue
            points = round(score * 100)
            result["rows"].append(row(f"{page}: {category}", [points], "score"))
            result["budgets"].append(
                budget(f"{page}: {category}, points below 100", 100 - points, allowed, "points")
            )
        if summary.get("lcp_ms") is not None:
            result["rows"].append(row(f"{page}: simulated LCP", [summary["lcp_ms"]], "ms"))
            result["rows"].append(row(f"{page}: total transfer", [summary["total_kb"]], "KB"))
        failed = ", ".join(f"{item['id']} {item['score']}" for item in summary["failed"])
        if failed:
            result["notes"].append(f"{page}: audits below 1: {failed}")
    return result
