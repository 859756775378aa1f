"""Helpers for the handbook tests: the pages' marked examples, scratch standards, the CLI.

The handbook pages (``content/panduan/*.md``) mark every example the tests use with an HTML
comment on its own line, followed by a blank line and one fenced block:

- ``<!-- contoh: NAME -->`` a YAML example a task test applies to a scratch ``standards/``;
- ``<!-- galat: NAME -->`` the exact output ``kompetensi validate`` (or ``serve``) prints for
  scenario NAME.
- ``<!-- perintah: NAME -->`` shell commands a publishing test runs as written (``test_publishing``).

The comments render as nothing on the site, and the tests can never drift from the pages.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
STANDARDS = ROOT / "standards"
HANDBOOK = ROOT / "content" / "panduan"
KOMPETENSI = Path(sys.executable).with_name("kompetensi")
MARKED_BLOCK = re.compile(
    r"^<!-- (?P<kind>contoh|galat|perintah): (?P<name>[a-z0-9-]+) -->\n\n"
    r"```(?P<lang>[a-z]+)\n(?P<body>.*?)^```$",
    re.MULTILINE | re.DOTALL,
)


@dataclass(frozen=True)
class Block:
    """One marked fenced block of a handbook page."""

    page: str
    kind: str
    name: str
    lang: str
    body: str
    start: int
    end: int


def page_text(name: str) -> str:
    return (HANDBOOK / name).read_text(encoding="utf-8")


def marked_blocks(kind: str | None = None) -> list[Block]:
    """Every marked block of every handbook page (optionally of one kind), in page order."""
    blocks = []
    for page in sorted(HANDBOOK.glob("*.md")):
        text = page.read_text(encoding="utf-8")
        for match in MARKED_BLOCK.finditer(text):
            if kind is None or match["kind"] == kind:
                blocks.append(
                    Block(
                        page.name,
                        match["kind"],
                        match["name"],
                        match["lang"],
                        match["body"],
                        match.start("body"),
                        match.end("body"),
                    )
                )
    return blocks


def example(name: str) -> str:
    """The body of the ``<!-- contoh: NAME -->`` block (exactly one must exist)."""
    found = [b for b in marked_blocks("contoh") if b.name == name]
    assert len(found) == 1, f"expected one '<!-- contoh: {name} -->' block, found {len(found)}"
    return found[0].body


def scratch_standards(tmp_path: Path) -> Path:
    """A copy of the real ``standards/`` in ``tmp_path/standards``; commands run in tmp_path."""
    target = tmp_path / "standards"
    shutil.copytree(STANDARDS, target)
    return target


def replace_once(path: Path, old: str, new: str) -> None:
    """Plain text edit: ``old`` must occur exactly once (a second one would make it a guess)."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{path.name}: expected {old!r} once, found {text.count(old)}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def append(path: Path, snippet: str) -> None:
    text = path.read_text(encoding="utf-8")
    if not text.endswith("\n"):
        text += "\n"
    path.write_text(text + snippet, encoding="utf-8")


@dataclass(frozen=True)
class Run:
    returncode: int
    stdout: str
    stderr: str


def kompetensi(cwd: Path, *args: str) -> Run:
    """Run the real ``kompetensi`` command, as a maintainer would, in ``cwd``: in Indonesian,
    the default the handbook quotes, whatever ``KOMPETENSI_LANG`` the developer has set."""
    env = {k: v for k, v in os.environ.items() if k != "KOMPETENSI_LANG"}
    done = subprocess.run(
        [str(KOMPETENSI), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    return Run(done.returncode, done.stdout, done.stderr)


def validate_ok(cwd: Path, *extra: str) -> Run:
    run = kompetensi(cwd, "validate", *extra)
    assert run.returncode == 0, f"validate failed:\n{run.stdout}{run.stderr}"
    return run


def export(cwd: Path) -> dict[str, Any]:
    """``kompetensi export`` of ``cwd/standards``, parsed."""
    run = kompetensi(cwd, "export", "--format", "json", "-o", "kompetensi.json")
    assert run.returncode == 0, f"export failed:\n{run.stderr}"
    data: dict[str, Any] = json.loads((cwd / "kompetensi.json").read_text(encoding="utf-8"))
    return data


def root_require(config: pytest.Config) -> Any:
    """``require()`` from tests/conftest.py (imported by path: several conftest.py share a name)."""
    wanted = (ROOT / "tests" / "conftest.py").resolve()
    for plugin in config.pluginmanager.get_plugins():
        source = getattr(plugin, "__file__", None)
        if source and Path(source).resolve() == wanted:
            return plugin.require
    raise AssertionError("tests/conftest.py is not loaded")
