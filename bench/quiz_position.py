"""Benchmark 4b, the quiz for a real position with 10 technical competencies (issue 17).

The real site's standards plus six copies of the example technical competencies (new ids, the
same 5 levels × 3 statements with examples, no learning activities, so the plan says the
catalogue has none for them) and one illustrative position that lists all 10 technical
competencies beside the 9: 285 statements instead of 135. The site is built with
``kompetensi build`` and served as :mod:`bench.quiz` serves it; in every cold run four pages are
visited in a rotating order, so machine load hits all alike: the quiz opened for the position
(``/asesmen/?jabatan=<id>``), the quiz as before (no position), the content page and the bare
Pyodide page. The position's quiz is held to the quiz budgets of :mod:`bench.quiz` (first
answerable ≤ 1.10 × content load, engine ready ≤ 1.25 × bare Pyodide, submit-to-plan ≤ 100 ms,
no task over 200 ms while Pyodide loads); its cost against the ordinary quiz is reported as
ratios of the same run.
"""

from __future__ import annotations

import contextlib
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench import browser
from bench.common import (
    PYTHON,
    ROOT,
    BuildFailed,
    Options,
    budget,
    measure,
    new_result,
    ratio,
    row,
    scratch,
    write_project,
)
from bench.quiz import (
    BUDGET_ANSWERABLE,
    BUDGET_ENGINE,
    BUDGET_LONG_TASK_MS,
    BUDGET_SUBMIT_MS,
    QUIZ_PAGE,
    visit_bare,
    visit_content,
    visit_quiz,
)
from bench.server import Server

POSITION = "bench-sepuluh-teknis-contoh"
EXAMPLE = (
    "perencanaan-kebutuhan-pegawai",
    "pengelolaan-kinerja-pegawai",
    "pengembangan-kompetensi-pegawai",
    "pengelolaan-data-kepegawaian",
)
COPIES = 6
TEMPLATE_POSITION = "analis-sdm-aparatur-ahli-muda-contoh"


def _copy_competency(standards: Path, source: str, number: int) -> str:
    """A copy of an example technical competency under a new id, name and order."""
    key = f"{source}-salinan-{number}"
    text = (standards / "competencies" / f"{source}.yaml").read_text(encoding="utf-8")
    text = re.sub(rf"\b{re.escape(source)}\b", key, text)
    text = re.sub(r"^name: (.*)$", rf"name: \1 (salinan {number})", text, count=1, flags=re.M)
    text = re.sub(r"^order: \d+$", f"order: {10 + number}", text, count=1, flags=re.M)
    (standards / "competencies" / f"{key}.yaml").write_text(text, encoding="utf-8")
    return key


def position_standards(folder: Path) -> tuple[Path, list[str]]:
    """The real standards with 10 technical competencies and a position listing them all."""
    standards = folder / "standards"
    if standards.exists():
        shutil.rmtree(standards)
    shutil.copytree(ROOT / "standards", standards)
    technical = list(EXAMPLE)
    for number in range(COPIES):
        technical.append(_copy_competency(standards, EXAMPLE[number % len(EXAMPLE)], number + 1))
    text = (standards / "positions" / f"{TEMPLATE_POSITION}.yaml").read_text(encoding="utf-8")
    text = text.replace(f"id: {TEMPLATE_POSITION}", f"id: {POSITION}", 1)
    text = re.sub(
        r"^name: (.*)$", r"name: \1 (uji 10 kompetensi teknis)", text, count=1, flags=re.M
    )
    head, tail = text.split("targets:\n", 1)
    lines = tail.splitlines(keepends=True)
    end = next(i for i, line in enumerate(lines) if not line.startswith("  "))
    nine = [line for line in lines[:end] if line.split(":")[0].strip() not in EXAMPLE]
    listed = "".join(nine) + "".join(f"  {key}: 3\n" for key in technical)
    (standards / "positions" / f"{POSITION}.yaml").write_text(
        head + "targets:\n" + listed + "".join(lines[end:]), encoding="utf-8"
    )
    return standards, technical


def position_site(options: Options, notes: list[str]) -> Path:
    folder = scratch(options, "quiz-position")
    standards, technical = position_standards(folder)
    config_file = write_project(folder / "project", standards=standards)
    log = folder / "site.log"
    command = [
        PYTHON,
        "-m",
        "generator.cli",
        "build",
        "-f",
        str(config_file),
        "-d",
        str(folder / "site"),
    ]
    if measure(command, cwd=ROOT, log=log).returncode != 0:
        tail = "\n".join(log.read_text(encoding="utf-8").splitlines()[-25:])
        raise BuildFailed(f"kompetensi build of {config_file} failed:\n{tail}")
    notes.append(f"position {POSITION}: the 9 and {len(technical)} technical competencies")
    return folder / "site"


def _values(items: list[dict[str, Any]], key: str) -> list[float]:
    return [float(item[key]) for item in items if item.get(key) is not None]


def run(options: Options, *, playwright: Any = None, instance: Any = None) -> dict[str, Any]:
    result = new_result(
        "quiz_position",
        "4b. The quiz for a position with 10 technical competencies (cold, loopback)",
        {"runs": options.quiz_runs, "position": POSITION},
    )
    site = position_site(options, result["notes"])
    bare_path = browser.write_bare_page(site)
    seen: dict[str, list[dict[str, Any]]] = {"position": [], "quiz": [], "content": [], "bare": []}
    with Server(site) as server, browser.session(playwright, instance) as (_, chromium):
        visits: dict[str, Callable[[Any], dict[str, Any]]] = {
            "position": lambda c: visit_quiz(c, server, path=f"{QUIZ_PAGE}?jabatan={POSITION}"),
            "quiz": lambda c: visit_quiz(c, server),
            "content": lambda c: visit_content(c, server),
            "bare": lambda c: visit_bare(c, server, bare_path),
        }
        names = list(visits)
        for index in range(options.quiz_runs):
            order = names[index % 4 :] + names[: index % 4]
            for name in order:
                context = browser.fresh_context(chromium)
                with contextlib.closing(context):
                    seen[name].append(visits[name](context))
    _report(result, seen)
    return result


def _report(result: dict[str, Any], seen: dict[str, list[dict[str, Any]]]) -> None:
    position, quiz = seen["position"], seen["quiz"]
    figures = {
        key: row(f"cold: {label}", _values(items, field), unit)
        for key, label, items, field, unit in (
            ("answerable", "position quiz, first answerable", position, "answerable", "ms"),
            ("answerable_base", "quiz (no position), first answerable", quiz, "answerable", "ms"),
            ("content", "content page load (baseline)", seen["content"], "load", "ms"),
            ("ready", "position quiz, engine ready", position, "ready", "ms"),
            ("ready_base", "quiz (no position), engine ready", quiz, "ready", "ms"),
            ("bare", "bare Pyodide + engine wheel ready (baseline)", seen["bare"], "ready", "ms"),
            ("submit", "position quiz, submit to rendered plan", position, "submit_painted", "ms"),
            (
                "submit_base",
                "quiz (no position), submit to rendered plan",
                quiz,
                "submit_painted",
                "ms",
            ),
            (
                "longest",
                "position quiz, longest task while Pyodide loads",
                position,
                "longest_task_loading",
                "ms",
            ),
            ("kb", "position quiz, bytes transferred until ready", position, "kb", "KB"),
            ("kb_base", "quiz (no position), bytes transferred until ready", quiz, "kb", "KB"),
        )
    }
    result["rows"] += list(figures.values())
    med = {key: value["median"] for key, value in figures.items()}
    first = ratio(
        "cold: position quiz first answerable / content load",
        med["answerable"],
        med["content"],
        "medians of the same run",
    )
    engine = ratio(
        "cold: position quiz engine ready / bare Pyodide",
        med["ready"],
        med["bare"],
        "medians of the same run",
    )
    result["ratios"] += [
        first,
        engine,
        ratio(
            "cold: submit to plan, position / no position",
            med["submit"],
            med["submit_base"],
            "medians of the same run",
        ),
        ratio(
            "cold: first answerable, position / no position",
            med["answerable"],
            med["answerable_base"],
            "medians of the same run",
        ),
    ]
    result["budgets"] += [
        budget(
            "cold: position quiz, first answerable / content load",
            first["value"],
            BUDGET_ANSWERABLE,
            "×",
        ),
        budget(
            "cold: position quiz, engine ready / bare Pyodide", engine["value"], BUDGET_ENGINE, "×"
        ),
        budget(
            "cold: position quiz, submit to plan (median)", med["submit"], BUDGET_SUBMIT_MS, "ms"
        ),
        budget(
            "cold: position quiz, longest task while Pyodide loads (max of runs)",
            figures["longest"]["max"],
            BUDGET_LONG_TASK_MS,
            "ms",
        ),
    ]
    answered = sorted({item.get("answered") for item in position if item.get("answered")})
    base = sorted({item.get("answered") for item in quiz if item.get("answered")})
    result["notes"].append(f"each submit rated {answered} (position) and {base} (no position)")
