"""The MkDocs child of a build: its environment, its output relayed, and its end.

A build runs MkDocs in a subprocess (the core imports no MkDocs). The child dies with the build,
even one killed with SIGKILL; SIGTERM and SIGHUP stop the build as Ctrl-C does (the child is
killed, every ``finally`` runs, so the staging folder goes); a Python traceback from MkDocs (a
full disk, a missing runtime) is replaced by one line naming where it was writing.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TextIO

from generator import build_wording
from generator.errors import printable
from generator.i18n import _, os_reason

MKDOCS = (sys.executable, "-m", "mkdocs")
# Material prints a banner about MkDocs 2.0 on every run; it is not about this project.
QUIET_BANNER = {"NO_MKDOCS_2_WARNING": "1"}
# The build's MkDocs dies with the build, even one killed with SIGKILL: on Linux the child asks
# for SIGKILL when its parent goes (PR_SET_PDEATHSIG), then checks the parent did not go first.
# A launcher rather than ``preexec_fn``, which is unsafe in a process with threads.
STOP_WITH_PARENT = """\
import ctypes, os, runpy, signal, sys
parent = int(sys.argv.pop(1))
try:
    ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
except (OSError, AttributeError):
    pass
if os.getppid() != parent:
    sys.exit(1)
sys.argv[0] = "mkdocs"
runpy.run_module("mkdocs", run_name="__main__", alter_sys=True)
"""
STOP_SIGNALS = (signal.SIGTERM, signal.SIGHUP)


def command() -> list[str]:
    """The command that runs MkDocs as a child that dies with this process."""
    return [sys.executable, "-c", STOP_WITH_PARENT, str(os.getpid())]


OS_ERROR = re.compile(r"^\w*Error: \[Errno \d+\] (?P<message>[^:]+)(?:: '(?P<file>.*)')?$")


def build_env() -> dict[str, str]:
    """The environment of the MkDocs process: no banner. (The plugin sets the reproducible
    ``SOURCE_DATE_EPOCH`` itself, so a plain ``mkdocs build`` gets it too.)"""
    return {**os.environ, **QUIET_BANNER}


def _crash_line(traceback: list[str], staging: Path, site_dir: Path) -> str:
    """The one line that replaces a Python traceback from MkDocs: its last line, with the
    staging folder named as the output folder (``site/x.html: No space left on device``)."""
    last = next((line.strip() for line in reversed(traceback) if line.strip()), "")
    last = last.replace(str(staging), str(site_dir))
    match = OS_ERROR.match(last)
    if match:
        # shutil's copy errors name "source' -> 'destination": the destination is where.
        where = (match["file"] or "").rpartition("' -> '")[2] or site_dir
        return f"{where}: {failed(match['message'], site_dir)}"
    stopped = _("build failed, MkDocs stopped: {reason}; {folder} was left unchanged.")
    return f"{site_dir}: " + stopped.format(reason=last, folder=site_dir)


def failed(reason: str, site_dir: Path) -> str:
    """``build failed: <reason>; <site> was left unchanged.`` in the current language."""
    message = _("build failed: {reason}; {folder} was left unchanged.")
    return message.format(reason=os_reason(reason), folder=site_dir)


def run(
    command: Sequence[str], out: TextIO, cwd: Path, staging: Path, site_dir: Path
) -> tuple[int, bool]:
    """Run MkDocs in ``cwd``, relaying its output line by line (a long build shows progress).

    Running in the project folder makes data errors read ``standards/...`` as the maintainer
    would type the path. A Python traceback is not relayed: one line says what failed where.
    If the build is stopped, the child is killed before the exception goes on. Returns the
    exit code and whether a traceback was replaced (its line then says everything)."""
    process = subprocess.Popen(
        command,
        cwd=cwd,
        env=build_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
        errors="replace",
    )
    traceback: list[str] | None = None
    try:
        assert process.stdout is not None
        for line in process.stdout:
            if traceback is None and line.startswith("Traceback (most recent call last):"):
                traceback = []
            if traceback is not None:
                traceback.append(line)
                continue
            # MkDocs' lines may quote data; its last words (Aborted with ...) are no log record.
            out.write(printable(build_wording.translate(line.rstrip("\n"))) + "\n")
            out.flush()
        code = process.wait()
    except BaseException:
        process.kill()
        process.wait()
        raise
    finally:
        if process.stdout is not None:
            process.stdout.close()
    if traceback is not None:
        print(_crash_line(traceback, staging, site_dir), file=out)
        return code or 1, True
    return code, False


class _Stopped(BaseException):
    """A signal asked the build to stop; raised so that every ``finally`` cleans up."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextlib.contextmanager
def stop_on_signals() -> Iterator[None]:
    """SIGTERM and SIGHUP stop the build like Ctrl-C: the MkDocs child is killed and the staging
    folder removed (only the main thread may set handlers; elsewhere nothing changes)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: object) -> None:
        raise _Stopped(signum)

    previous = {number: signal.signal(number, stop) for number in STOP_SIGNALS}
    try:
        yield
    except _Stopped as exc:
        raise SystemExit(128 + exc.signum) from None
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
