"""A tiny project whose own text would break Material's search (lunr) without the padding the
build adds, and the same project with one term fewer, which does not need it; plus Material's
worker run in Node on a built site's index.

The ticket numbers were found by replaying lunr's TokenSet builder (generator/search_check.py):
they all begin with "#", so they sort before every other term of the site and get the first
node ids whatever the generated pages say; lunr then mixes up the node after "#9" with the one
after "#6" (both keyed "01...", see the module's docstring). The tests prove the break with the
shipped worker itself, in Node and in Chromium, so a change that stops it shows at once.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

from site_support import FIXTURES, HOME_PAGE, make_project, site_config

TICKETS = [
    "#06", "#12", "#14", "#1716", "#2", "#21", "#248", "#3", "#32", "#3948", "#4", "#401",
    "#4386", "#531", "#567", "#576", "#633", "#64", "#8", "#8763", "#936", "#949",
]  # fmt: skip
HARMLESS = [ticket for ticket in TICKETS if ticket != "#64"]
NODE_SCRIPT = Path(__file__).resolve().parent / "lunr_worker.js"


def tickets_page(tickets: list[str]) -> str:
    return "# Tiket\n\nTiket yang dibahas dalam rapat: " + ", ".join(tickets) + ".\n"


def tickets_project(folder: Path, tickets: list[str]) -> Path:
    """The three-competency fixture with a page listing ``tickets``; returns its mkdocs.yml."""
    config = site_config()
    config["nav"] = [*config["nav"], {"Tiket": "tiket.md"}]
    pages = {"index.md": HOME_PAGE, "tiket.md": tickets_page(tickets)}
    return make_project(folder, FIXTURES / "three", pages=pages, config=config)


def worker_file(site: Path) -> Path:
    (worker,) = (site / "assets/javascripts/workers").glob("search.*.min.js")
    return worker


def run_worker(site: Path, *queries: str) -> dict[str, Any]:
    """Material's search worker, as shipped in ``site``, in Node on the site's index."""
    node = shutil.which("node")
    assert node
    result = subprocess.run(
        [node, str(NODE_SCRIPT), str(worker_file(site)), str(site / "search/search_index.json"),
         *queries],
        capture_output=True, text=True, check=True, timeout=300,
    )  # fmt: skip
    data: dict[str, Any] = json.loads(result.stdout)
    return data



def unpadded_copy(site: Path, folder: Path) -> Path:
    """A copy of a built site whose search index lacks the padding document
    (generator/search_check.pad): the index MkDocs wrote, as readers would get it without."""
    shutil.copytree(site, folder)
    path = folder / "search/search_index.json"
    index = json.loads(path.read_text(encoding="utf-8"))
    index["docs"] = [doc for doc in index["docs"] if doc["location"] != "search/padding/"]
    path.write_text(json.dumps(index, ensure_ascii=False), encoding="utf-8")
    return folder
