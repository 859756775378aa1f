"""Writing a command's output file (``-o``) the way a shell redirection would, but safely.

- ``-`` (or no file) is standard output; a write that fails there (a full disk, a closed pipe)
  is one line, and Python's own complaint at exit is silenced.
- A regular file is replaced atomically (a temporary file next to it, renamed over it): a reader
  never sees half a file, and a failure leaves the previous file and no temporary behind. The
  new file keeps the old one's permissions, or gets 0666 less the umask (0644 under 022),
  never a temporary file's 0600.
- A symbolic link is written through: its final target is replaced, the link itself is kept.
- A device, FIFO or socket is opened and written like ``>`` would, never replaced: as root,
  replacing ``/dev/stdout`` or ``/dev/null`` would break the system.
- A missing parent folder is an error naming it; it is never created silently.
"""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from pathlib import Path
from typing import IO, Any

from generator.errors import with_hint
from generator.i18n import N_, _, os_reason

STDOUT = "-"
STDOUT_NAME = N_("standard output")


def current_umask() -> int:
    """The process's umask (read by setting it: there is no portable way to only read it)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_output(target: Path | None, text: str | bytes) -> str | None:
    """Write ``text`` (or bytes) to ``target``; ``None`` when done, else the one line to print."""
    if target is None or str(target) == STDOUT:
        return write_stdout(text)
    try:
        try:
            info: os.stat_result | None = os.stat(target)  # through every link
        except FileNotFoundError:
            info = None
        if info is not None and stat.S_ISDIR(info.st_mode):
            message = with_hint(
                _("cannot write: this is a folder."),
                _("write a file name, e.g. -o kompetensi.json"),
            )
            return f"{target}: {message}"
        if (info is not None and not stat.S_ISREG(info.st_mode)) or _descriptor(target):
            # Written like a redirection, never replaced. Appending: /dev/stdout that a shell
            # opened with >> must not lose what the file held.
            try:
                with _open(target, "a", text) as handle:
                    handle.write(text)
            except BrokenPipeError:
                pass  # the reader stopped on purpose (| head), as on standard output
            return None
        final = Path(os.path.realpath(target))  # a link's final target, even a dangling one
        if not final.parent.is_dir():
            message = with_hint(
                _("cannot write: the folder {folder} does not exist.").format(folder=final.parent),
                _("create that folder first, or choose a folder that exists"),
            )
            return f"{target}: {message}"
        mode = stat.S_IMODE(info.st_mode) if info is not None else 0o666 & ~current_umask()
        _replace(final, text, mode)
    except OSError as exc:
        return f"{target}: " + _("cannot write: {reason}").format(reason=os_reason(exc))
    return None


def _descriptor(path: Path) -> bool:
    """True when a link on the way leads through ``/proc/.../fd`` (``/dev/stdout``,
    ``/dev/fd/3``): the name of an open file of this process, even when that is a regular file,
    so it is written to as the shell opened it, not replaced."""
    current = str(path)
    for _hop in range(40):  # the kernel's own limit on links followed
        if current.startswith(("/proc/", "/dev/fd/")):
            return True
        if not os.path.islink(current):
            return False
        current = os.path.join(os.path.dirname(current), os.readlink(current))
    return False


def _open(path: Path | str, mode: str, text: str | bytes) -> IO[Any]:
    if isinstance(text, bytes):
        return open(path, mode + "b")
    return open(path, mode, encoding="utf-8", newline="")


def _replace(final: Path, text: str | bytes, mode: int) -> None:
    descriptor, name = tempfile.mkstemp(dir=final.parent, prefix=f".{final.name}.", suffix=".tmp")
    os.close(descriptor)
    try:
        os.chmod(name, mode)
        with _open(name, "w", text) as handle:
            handle.write(text)
        os.replace(name, final)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise


def write_stdout(text: str | bytes) -> str | None:
    """Write to standard output; a failure is one line (``None`` for a closed pipe, which
    ``| head`` causes on purpose)."""
    try:
        if isinstance(text, bytes):
            sys.stdout.flush()
            sys.stdout.buffer.write(text)
            sys.stdout.buffer.flush()
        else:
            sys.stdout.write(text)
            sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
        return None
    except OSError as exc:
        _silence_stdout()
        return f"{_(STDOUT_NAME)}: " + _("cannot write: {reason}").format(reason=os_reason(exc))
    return None


def _silence_stdout() -> None:
    """Point file descriptor 1 at /dev/null, so the flush at exit does not fail again and print
    Python's "Exception ignored" lines."""
    try:
        descriptor = os.open(os.devnull, os.O_WRONLY)
        os.dup2(descriptor, sys.stdout.fileno())
        os.close(descriptor)
    except (OSError, ValueError, AttributeError):
        pass
