"""What every benchmark shares: settings, measured builds, statistics, results and the table."""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
RESULTS_DIR = ROOT / "bench" / "results"
PYTHON = sys.executable
CHROMIUM = os.environ.get("KOMPETENSI_CHROMIUM", "/usr/bin/chromium")
# Material prints a banner about MkDocs 2.0 on every run; a fixed date keeps sitemaps identical.
BUILD_ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "0"}


@dataclass
class Options:
    """How much to measure. The defaults are those of ``make bench``."""

    runs: int = 3
    """Builds per variant (generator overhead, and the scale sizes below ``large_from``)."""
    large_runs: int = 1
    """Builds per scale size from ``large_from`` competencies on (slow on 2 cores)."""
    large_from: int = 3000
    sizes: tuple[int, ...] = (10, 100, 1000, 3000)
    validate_size: int = 3000
    quiz_runs: int = 5
    recap_sizes: tuple[int, int] = (1000, 10000)
    """Result files for ``kompetensi rekap``: the baseline and the large run (bench/recap.py)."""
    recap_browser_files: int = 2000
    """Result files chosen on the ``/rekap/`` page."""
    position_sizes: tuple[tuple[int, int], ...] = ((5, 30), (25, 150), (50, 300))
    """(real positions, technical competencies) for bench/scale.py's positions benchmark: the
    first is the run's baseline, the last issue 17's 50 positions and 300 competencies."""
    import_sizes: tuple[int, int] = (100, 300)
    """Technical competencies in the generated dictionary sheets (bench/import_scale.py)."""
    work: Path = field(default_factory=lambda: Path(tempfile.gettempdir()))
    """Scratch folder; each benchmark makes its own subfolder and removes it afterwards."""
    keep: bool = False
    """Keep built sites and synthetic standards (for inspection)."""
    strict: bool | None = None
    """``None``: build with --strict, and fall back to a plain build (noted in the results) when
    only warnings about pages outside the benchmark's concern stop the strict build."""
    site: Path | None = None
    """A built real site for the browser benchmarks; built once on demand when ``None``."""
    slow_network: bool = True
    """``False`` (the smoke tests only): the slow-phone benchmark emulates a fast network instead
    of 1.6 Mbit/s, the same visits and DevTools calls otherwise. Chromium's throttled network
    costs about 80 s of CPU per run; the smoke's figures mean nothing either way."""


# -- measuring ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Measured:
    seconds: float
    cpu_seconds: float
    max_rss_mb: float
    returncode: int
    output: str


def measure(command: Sequence[str], *, cwd: Path, log: Path) -> Measured:
    """Run ``command`` under a fresh ``bench.measure`` interpreter: wall time and peak RSS."""
    completed = subprocess.run(
        [PYTHON, "-m", "bench.measure", "--log", str(log), "--", *command],
        cwd=cwd,
        env={**BUILD_ENV, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=True,
    )
    figures = json.loads(completed.stdout.strip().splitlines()[-1])
    return Measured(
        seconds=figures["seconds"],
        cpu_seconds=figures["cpu_seconds"],
        max_rss_mb=figures["max_rss_mb"],
        returncode=figures["returncode"],
        output=log.read_text(encoding="utf-8", errors="replace"),
    )


def mkdocs_build(config_file: Path, site: Path, *, strict: bool) -> list[str]:
    return [
        PYTHON, "-m", "mkdocs", "build", *(["--strict"] if strict else []),
        "--clean", "-f", str(config_file), "-d", str(site),
    ]  # fmt: skip


class BuildFailed(RuntimeError):
    pass


def timed_build(config_file: Path, site: Path, *, strict: bool) -> Measured:
    """One measured ``mkdocs build`` into ``site``; raises :class:`BuildFailed` on failure."""
    log = site.parent / f"{site.name}.log"
    result = measure(mkdocs_build(config_file, site, strict=strict), cwd=ROOT, log=log)
    if result.returncode != 0:
        tail = "\n".join(result.output.splitlines()[-25:])
        raise BuildFailed(f"mkdocs build of {config_file} failed:\n{tail}")
    return result


def choose_strict(options: Options, config_file: Path, site: Path, notes: list[str]) -> bool:
    """Whether builds of ``config_file`` can use --strict; a probe build decides when unset.

    Other engineers edit content/ in the same tree: a strict build that fails on warnings alone
    (no ERROR line) is retried without --strict, and the result says so."""
    if options.strict is not None:
        return options.strict
    log = site.parent / f"{site.name}.probe.log"
    probe = measure(mkdocs_build(config_file, site, strict=True), cwd=ROOT, log=log)
    shutil.rmtree(site, ignore_errors=True)
    if probe.returncode == 0:
        options.strict = True
        return True
    lines = probe.output.splitlines()
    if any(line.startswith("ERROR") for line in lines):
        raise BuildFailed("strict probe build failed:\n" + "\n".join(lines[-25:]))
    warnings = [line for line in lines if line.startswith("WARNING")]
    notes.append(
        "built WITHOUT --strict: the strict build stopped on warnings outside the benchmark "
        f"({'; '.join(w[:120] for w in warnings[:2])})"
    )
    options.strict = False
    return False


def real_site(options: Options, notes: list[str]) -> Path:
    """The project's real site, built once per run (with the real mkdocs.yml and standards)."""
    if options.site is not None and (options.site / "index.html").is_file():
        return options.site
    folder = scratch(options, "site")
    config_file = write_project(folder / "project")
    strict = choose_strict(options, config_file, folder / "site", notes)
    if strict:
        # What a host publishes: `kompetensi build` adds the CSP meta tags and the .gz/.br
        # siblings of every page, the search index and the theme's files after MkDocs.
        log = folder / "site.log"
        command = [PYTHON, "-m", "generator.cli", "build", "-f", str(config_file),
                   "-d", str(folder / "site")]  # fmt: skip
        if measure(command, cwd=ROOT, log=log).returncode != 0:
            tail = "\n".join(log.read_text(encoding="utf-8").splitlines()[-25:])
            raise BuildFailed(f"kompetensi build of {config_file} failed:\n{tail}")
    else:
        notes.append(
            "site built by mkdocs build alone: no CSP meta tags, siblings of quiz files only"
        )
        timed_build(config_file, folder / "site", strict=False)
    options.site = folder / "site"
    return options.site


# -- projects -----------------------------------------------------------------------------------


def real_config() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    return loaded


def plugin_options(config: dict[str, Any]) -> dict[str, Any] | None:
    """The kompetensi plugin's options in a loaded mkdocs.yml (``None`` when it is absent)."""
    for plugin in config.get("plugins", []):
        if plugin == "kompetensi":
            return {}
        if isinstance(plugin, dict) and "kompetensi" in plugin:
            return dict(plugin["kompetensi"] or {})
    return None


def write_project(
    folder: Path,
    *,
    standards: Path | None = None,
    docs_dir: Path | None = None,
    kompetensi: bool = True,
    generate: bool = True,
    change: dict[str, Any] | None = None,
) -> Path:
    """The real mkdocs.yml, made to work from ``folder``: absolute docs and theme folders,
    ``standards`` as the plugin's data (or no kompetensi plugin at all). ``generate=False``
    keeps the plugin for its post-build step only (``enabled: false``). Returns its path."""
    config = real_config()
    config["docs_dir"] = str(docs_dir or ROOT / config.get("docs_dir", "docs"))
    config["theme"]["custom_dir"] = str(ROOT / config["theme"].get("custom_dir", "site_overrides"))
    config.pop("watch", None)
    plugins: list[Any] = []
    for plugin in config.get("plugins", []):
        name = plugin if isinstance(plugin, str) else next(iter(plugin))
        if name != "kompetensi":
            plugins.append(plugin)
        elif kompetensi:
            options = plugin_options(config) or {}
            options["standards_dir"] = str(standards or ROOT / "standards")
            if not generate:
                options["enabled"] = False
            plugins.append({"kompetensi": options})
    config["plugins"] = plugins
    config.update(change or {})
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def folder_size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


# -- statistics and results ---------------------------------------------------------------------


def row(name: str, values: Iterable[float], unit: str, **extra: Any) -> dict[str, Any]:
    """A figure: median, min and max of the runs."""
    data = [float(v) for v in values]
    return {
        "name": name,
        "unit": unit,
        "median": statistics.median(data),
        "min": min(data),
        "max": max(data),
        "runs": len(data),
        "values": data,
        **extra,
    }


def ratio(name: str, numerator: float, denominator: float, of: str) -> dict[str, Any]:
    """``numerator / denominator``; ``None`` unless both are above zero: every figure measured
    here is, except a marginal cost (a difference of two timings), which noise can make zero or
    negative at small sizes (the smoke tests' sizes, beside a parallel test worker), and a ratio
    of such a difference means nothing."""
    value = numerator / denominator if numerator > 0 and denominator > 0 else None
    return {"name": name, "value": value, "of": of}


def budget(name: str, value: float | None, limit: float, unit: str) -> dict[str, Any]:
    """A budget is met when ``value <= limit``."""
    return {
        "name": name,
        "value": value,
        "limit": limit,
        "unit": unit,
        "pass": value is not None and value <= limit,
    }


def machine() -> dict[str, Any]:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory_gb = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory_gb = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    versions: dict[str, str | None] = {}
    for package in ("mkdocs", "mkdocs-material", "markdown", "playwright"):
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = None
    return {
        "cpus": os.cpu_count(),
        "cpu": cpu,
        "memory_gb": memory_gb,
        "os": platform.platform(),
        "python": platform.python_version(),
        **versions,
    }


def git_commit() -> str | None:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        )
    except OSError:
        return None
    return out.stdout.strip() or None


def dirty_files() -> list[str]:
    """Files of the work tree that differ from the commit (others work in the same tree)."""
    try:
        out = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
    except OSError:
        return []
    return [line[3:] for line in out.stdout.splitlines() if line[3:] and "bench" not in line]


def new_result(name: str, title: str, settings: dict[str, Any]) -> dict[str, Any]:
    return {
        "benchmark": name,
        "title": title,
        "started": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "commit": git_commit(),
        "uncommitted": dirty_files(),
        # Other work on the machine skews timings: the 1-minute load average before and after.
        "load_before": round(os.getloadavg()[0], 2),
        "settings": settings,
        "rows": [],
        "ratios": [],
        "budgets": [],
        "notes": [],
    }


def save(result: dict[str, Any], folder: Path = RESULTS_DIR) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{result['benchmark']}.json"
    path.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def number(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit in ("s",):
        return f"{value:.2f}"
    if unit in ("ms", "ms/competency"):
        return f"{value:.1f}" if abs(value) < 100 else f"{value:.0f}"
    if unit in ("MB", "KB"):
        return f"{value:.1f}" if abs(value) < 1000 else f"{value:.0f}"
    if unit == "×":
        return f"{value:.2f}"
    return f"{value:g}"


def table(result: dict[str, Any]) -> str:
    """The result as plain-text lines: figures, ratios, budgets."""
    lines = [f"== {result['title']} =="]
    width = max([len(r["name"]) for r in result["rows"]] + [20])
    for r in result["rows"]:
        spread = f"{number(r['min'], r['unit'])}–{number(r['max'], r['unit'])}"
        lines.append(
            f"  {r['name']:<{width}}  {number(r['median'], r['unit']):>9} {r['unit']:<14}"
            f" ({spread}, n={r['runs']})"
        )
    for q in result["ratios"]:
        lines.append(f"  ratio {q['name']}: {number(q['value'], '×')}×  ({q['of']})")
    for b in result["budgets"]:
        verdict = "PASS" if b["pass"] else "FAIL"
        lines.append(
            f"  [{verdict}] {b['name']}: {number(b['value'], b['unit'])} {b['unit']}"
            f" (budget ≤ {number(b['limit'], b['unit'])})"
        )
    if "load_before" in result:
        after = result.get("load_after")
        lines.append(
            f"  machine load (1-min average): {result['load_before']} before"
            + (f", {after} after" if after is not None else "")
        )
    for note in result["notes"]:
        lines.append(f"  note: {note}")
    return "\n".join(lines)


def scratch(options: Options, name: str) -> Path:
    options.work.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f"kompetensi-bench-{name}-", dir=options.work))


def cleanup(options: Options, folder: Path) -> None:
    if not options.keep:
        shutil.rmtree(folder, ignore_errors=True)
