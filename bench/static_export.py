"""The real site's pages as plain files: the baseline of the generator-overhead benchmark.

Runs the kompetensi plugin's own ``on_config`` (loading, validation, rendering, navigation) once
and writes what it holds in memory to a docs folder: every generated page as Markdown, the
downloads, the hand-written pages with their data markers filled, and the self-assessment's
runtime files (Pyodide, wheels, export) and the offline files (``sw.js``, the web app manifest,
its icons) that the plugin writes after a build. Built with the plugin switched off
(``enabled: false``: it generates nothing but still runs its post-build step, the CSP, the checks
and the precompressed siblings, as every build does), that folder gives the same set of output
files as the real build, and the two builds differ by the generation alone.

``python -m bench.static_export OUT`` writes it (docs in ``OUT/docs``, config ``OUT/mkdocs.yml``).
"""

from __future__ import annotations

import argparse
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from mkdocs.config import load_config

from bench.common import BUILD_ENV, ROOT, write_project
from generator import offline
from generator.quiz import assets as quiz_assets
from generator.render.markers import fill_markers


def _plain(value: Any) -> Any:
    """Nav entries with ``Markup`` titles as plain ``str``, so safe_dump can write them."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value


def export(config_file: Path, out: Path) -> Path:
    """Write the pre-rendered docs folder and its plugin-less config under ``out``."""
    import os

    os.environ.setdefault("NO_MKDOCS_2_WARNING", BUILD_ENV["NO_MKDOCS_2_WARNING"])
    config = load_config(str(config_file))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        config = config.plugins.on_config(config)
    finally:
        # The plugin gives back what it set for the build (SOURCE_DATE_EPOCH), as a build's
        # end would: this runs inside other processes (the tests), which build other projects.
        config.plugins.on_shutdown()
    plugin: Any = config.plugins["kompetensi"]
    standard = plugin.standard
    assert standard is not None, "the kompetensi plugin loaded no standard"

    docs = out / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    source = Path(config.docs_dir)
    for path in sorted(source.rglob("*")):
        if not path.is_file():
            continue
        target = docs / path.relative_to(source)
        target.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix == ".md":
            filled, problems = fill_markers(path.read_text(encoding="utf-8"), standard.model)
            assert not problems, problems
            target.write_text(filled, encoding="utf-8")
        else:
            shutil.copyfile(path, target)
    hidden = []
    for generated in plugin.generated:
        target = docs / generated.uri
        target.parent.mkdir(parents=True, exist_ok=True)
        # The page as one Markdown file: its HTML parts, which the plugin inserts after
        # Markdown, are here parsed by Python-Markdown as raw HTML, as a static site's would be.
        target.write_text(generated.assembled(), encoding="utf-8")
        if not generated.in_nav:
            hidden.append("/" + generated.uri)
    quiz_assets.write(docs, standard.data)  # as the plugin writes them
    offline.write(docs, [])  # the same offline files (their content is not what is timed)

    change: dict[str, Any] = {"nav": _plain(config.nav)}
    if hidden:
        change["not_in_nav"] = "\n".join(hidden)
    return write_project(out, docs_dir=docs, generate=False, change=change)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.static_export")
    parser.add_argument("out", type=Path)
    parser.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml")
    args = parser.parse_args(argv)
    print(export(args.config.resolve(), args.out.resolve()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
