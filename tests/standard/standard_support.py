"""Helpers for the standards tests: copy-and-mutate the base folder, load it, run the CLI.

The base folder (``fixtures/base/``) is a small valid standards folder: three competencies with
three levels of two indicators, two positions, a learning catalogue per competency. Tests copy it
into ``tmp_path``, apply a few :class:`Edit` s and check the exact problem lines. Expected lines
pin line and column numbers of the base files: append to them, do not insert lines.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from generator.standard import DataErrors, Standard, load_standard

ROOT = Path(__file__).resolve().parents[2]
BASE = Path(__file__).resolve().parent / "fixtures" / "base"
REAL_STANDARDS = ROOT / "standards"
STD = "std"
"""Name of the copied folder; tests run from its parent, so paths read ``std/...``."""

MEMORY_LIMIT = 1 << 30
"""Address-space limit (RLIMIT_AS) of every CLI child: a blow-up fails loudly, not the machine."""

# Runs ``python -m generator.cli`` under resource limits (address space, file size; -1 = none)
# and writes its peak resident memory to a file at exit. A wrapper rather than ``preexec_fn``:
# newer Pythons warn about fork() in threaded processes, and warnings are errors here. The peak
# comes from VmHWM, which belongs to the new program; ru_maxrss would include the RSS of the
# forking test process, which Linux carries across exec().
_LIMITED = """\
import atexit, resource, runpy, sys
for name in ("RLIMIT_AS", "RLIMIT_FSIZE"):
    limit = int(sys.argv.pop(1))
    if limit >= 0:
        resource.setrlimit(getattr(resource, name), (limit, limit))
peak_file = sys.argv.pop(1)

def report_peak():
    with open("/proc/self/status") as status:
        peak = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
    with open(peak_file, "w") as out:
        out.write(peak)

atexit.register(report_peak)
runpy.run_module("generator.cli", run_name="__main__", alter_sys=True)
"""


@dataclass(frozen=True)
class Edit:
    """One change applied to a copy of the base folder; ``describe`` names it in test ids."""

    describe: str
    apply: Callable[[Path], None] = field(repr=False, compare=False)

    def __call__(self, root: Path) -> None:
        self.apply(root)


def replace(rel: str, old: str, new: str) -> Edit:
    """Replace text that occurs exactly once in ``rel`` (a typo in a fixture fails loudly)."""

    def apply(root: Path) -> None:
        file = root / rel
        text = file.read_text(encoding="utf-8")
        count = text.count(old)
        assert count == 1, f"{old!r} occurs {count} times in {rel}"
        file.write_bytes(text.replace(old, new).encode("utf-8"))

    return Edit(f"replace in {rel}", apply)


def write(rel: str, content: str | bytes) -> Edit:
    """Write (or overwrite) ``rel`` with exactly these bytes (text is encoded as UTF-8)."""

    def apply(root: Path) -> None:
        file = root / rel
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)

    return Edit(f"write {rel}", apply)


def transform(rel: str, change: Callable[[bytes], bytes]) -> Edit:
    """Rewrite the bytes of ``rel`` (for encodings, BOMs and line endings)."""

    def apply(root: Path) -> None:
        file = root / rel
        file.write_bytes(change(file.read_bytes()))

    return Edit(f"transform {rel}", apply)


def append(rel: str, text: str) -> Edit:
    return transform(rel, lambda data: data + text.encode("utf-8"))


def delete(rel: str) -> Edit:
    def apply(root: Path) -> None:
        target = root / rel
        if target.is_dir():
            shutil.rmtree(target)
        else:
            target.unlink()

    return Edit(f"delete {rel}", apply)


def copy(source: str, target: str) -> Edit:
    def apply(root: Path) -> None:
        shutil.copyfile(root / source, root / target)

    return Edit(f"copy {source} to {target}", apply)


def mkdir(rel: str) -> Edit:
    return Edit(f"mkdir {rel}", lambda root: (root / rel).mkdir(parents=True))


def build(parent: Path, *edits: Edit) -> Path:
    """Copy the base folder to ``parent/std`` and apply ``edits``; returns the folder."""
    root = parent / STD
    shutil.copytree(BASE, root)
    for edit in edits:
        edit(root)
    return root


@dataclass(frozen=True)
class Outcome:
    """What loading a folder in-process gave: the problem lines, or the warning lines."""

    errors: list[str]
    warnings: list[str]
    standard: Standard | None


def load(root: Path | str) -> Outcome:
    """Load in-process; paths in the lines are relative to the working folder (as in the CLI)."""
    try:
        standard = load_standard(root)
    except DataErrors as exc:
        return Outcome([str(p) for p in exc.problems], [], None)
    return Outcome([], [str(w) for w in standard.warnings], standard)


@dataclass(frozen=True)
class CliResult:
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    max_rss_mb: float | None
    """Peak resident memory of the child (VmHWM); ``None`` when run without the wrapper."""


def run_cli(
    args: Sequence[str],
    cwd: Path,
    *,
    memory_limit: int | None = MEMORY_LIMIT,
    file_size_limit: int | None = None,
    timeout: float = 60.0,
    lang: str = "en",
) -> CliResult:
    """Run ``python -m generator.cli ARGS`` in ``cwd``; time it and measure its peak memory.

    With both limits ``None`` the command is exactly ``python -m generator.cli ARGS`` (and the
    peak memory is not measured). ``lang`` is ``KOMPETENSI_LANG``: these tests pin the English
    msgids; ``tests/i18n`` and the handbook pin the Indonesian output.
    """
    env = {**os.environ, "PYTHONPATH": str(ROOT), "KOMPETENSI_LANG": lang}
    env.pop("PYTHONWARNINGS", None)
    with tempfile.TemporaryDirectory() as scratch:
        peak_file = Path(scratch) / "peak"
        if memory_limit is None and file_size_limit is None:
            command = [sys.executable, "-m", "generator.cli", *args]
        else:
            limits = [str(-1 if x is None else x) for x in (memory_limit, file_size_limit)]
            command = [sys.executable, "-c", _LIMITED, *limits, str(peak_file), *args]
        start = time.perf_counter()
        try:
            completed = subprocess.run(
                command, cwd=cwd, env=env, capture_output=True, timeout=timeout
            )
        except subprocess.TimeoutExpired as exc:
            raise AssertionError(f"{command[-len(args) :]} took more than {timeout} s") from exc
        seconds = time.perf_counter() - start
        peak = peak_file.read_text() if peak_file.exists() else ""
        return CliResult(
            completed.returncode,
            completed.stdout.decode("utf-8", errors="replace"),
            completed.stderr.decode("utf-8", errors="replace"),
            seconds,
            int(peak) / 1024 if peak else None,
        )


def summary(count: int) -> str:
    """The last stderr line of a failed run."""
    return f"{count} error{'s' if count != 1 else ''} in {STD}"
