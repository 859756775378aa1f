"""The trimmed ``python_stdlib.zip`` as bytecode, compiled at build time by Pyodide's own CPython.

Pyodide's zip holds the standard library as source (``.py``), and the browser's Python starts
with nothing compiled: on every start of the quiz, a repeat visit served from the service worker
included, CPython compiled the source of every module it imported (Pyodide's own start-up,
micropip, the engine's imports). Measured on the slow-phone profile (4x CPU, the machine at load
average 17-20, fresh contexts, interleaved, median of 4): Pyodide's start-up 25.5 s -> 10.3 s and
engine ready 30.1 s -> 17.2 s with this zip. BENCHMARKS.md has the runs.

:func:`compile_zip` runs ``stdlib_pyc.mjs`` under Node (the ``node`` that ``make setup`` uses
for npm) with the pinned Pyodide from ``node_modules``: every ``.py`` entry becomes an unchecked
hash-based ``.pyc`` (PEP 552; zipimport loads it without the source) compiled without docstrings
(as ``python -OO`` does; ``assert`` statements stay) and without column ranges, which keeps the
zip at 1.99 MB against the source's 1.61 MB (both deflated); any other entry is copied. A
machine compiles it once: the result is cached like a compressed sibling (:func:`compiled`).

A build uses it; the preview serves the source zip (its
first start must not wait for Node and Pyodide), which works the same, only slower.

The engine wheel goes through the same script in a build (:func:`compiled_files`, called by
:func:`generator.quiz.wheel.build`), so the browser imports the engine without compiling it; its
classes keep their docstrings (a dataclass without one computes it at import). The preview
ships it as source, like the standard library.
"""

from __future__ import annotations

import hashlib
import io
import os
import subprocess
import tempfile
import zipfile
from collections.abc import Iterable
from pathlib import Path

from generator import precompress
from generator.errors import with_hint
from generator.i18n import _
from generator.quiz import runtime

SCRIPT = Path(__file__).resolve().with_name("stdlib_pyc.mjs")
NODE = os.environ.get("KOMPETENSI_NODE", "node")
LEVEL = 9
TIMEOUT_S = 600
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def compile_zip(data: bytes, level: int = LEVEL, *, class_docstrings: bool = False) -> bytes:
    """``data`` (a zip of ``.py`` files and others) with every ``.py`` compiled to ``.pyc``;
    ``class_docstrings=True`` keeps those of classes (the engine's: :func:`compiled_files`)."""
    folder = runtime.pyodide_dir()
    with tempfile.TemporaryDirectory(prefix="kompetensi-pyc-") as work:
        source, target = Path(work, "in.zip"), Path(work, "out.zip")
        source.write_bytes(data)
        try:
            completed = subprocess.run(
                [NODE, str(SCRIPT), str(folder), str(source), str(target)]
                + (["keep-class-docstrings"] if class_docstrings else []),
                capture_output=True,
                text=True,
                timeout=TIMEOUT_S,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            hint = _("install Node.js (see README, `make setup`).")
            raise runtime.RuntimeSetupError(f"{NODE}: " + with_hint(f"{error}.", hint)) from error
        if completed.returncode != 0 or not target.is_file():
            last = (completed.stderr.strip().splitlines() or ["no output"])[-1]
            failed = _("compiling the Python standard library failed: {reason}")
            raise runtime.RuntimeSetupError(f"{SCRIPT.name}: " + failed.format(reason=last[:300]))
        return target.read_bytes()


def _version() -> str:
    # A changed script or Pyodide gives other bytes: neither may read an older cache entry.
    digest = hashlib.sha256(SCRIPT.read_bytes() + runtime.PYODIDE_VERSION.encode()).hexdigest()
    return digest[:16]


COMPILE = precompress.transformation("stdlib-pyc", _version(), compile_zip)


def _compile_keeping_class_docstrings(data: bytes, level: int) -> bytes:
    return compile_zip(data, level, class_docstrings=True)


COMPILE_KEEPING_CLASS_DOCSTRINGS = precompress.transformation(
    "engine-pyc", _version(), _compile_keeping_class_docstrings
)


def compiled(source_zip: bytes) -> bytes:
    """:func:`compile_zip` of ``source_zip`` from the cache when possible (memory, then disk)."""
    return precompress.compressed(source_zip, COMPILE, LEVEL)


def compiled_files(files: Iterable[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
    """(archive path, bytes) pairs with each ``.py`` compiled as :func:`compiled` does (its
    ``.pyc`` under the same path plus ``c``), the others as they are, in the given order.

    For the engine wheel (:mod:`generator.quiz.wheel`): one stored zip of the files through
    the same script and cache as the standard library, so both are the same bytecode, except
    that the classes keep their docstrings: the engine's dataclasses have one each, and a
    dataclass without one builds it from ``inspect.signature()`` as its module runs, about
    10 ms a class in Pyodide (some 25 are imported before the engine is ready).
    """
    source = io.BytesIO()
    with zipfile.ZipFile(source, "w") as archive:
        for name, data in files:
            info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)  # stored: the script deflates its output itself
    body = precompress.compressed(source.getvalue(), COMPILE_KEEPING_CLASS_DOCSTRINGS, LEVEL)
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        return [(info.filename, archive.read(info)) for info in archive.infolist()]
