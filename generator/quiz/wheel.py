"""A deterministic pure-Python wheel of the assessment engine, built with ``zipfile`` alone.

The browser installs this wheel with micropip; the site ships it compiled to bytecode
(``build(compiled=True)``), the tests also read the source form. It holds only what runs in Pyodide, as whole
packages: the package marker ``generator/__init__.py`` and every file of
:data:`SHIPPED_PACKAGES` (the engine and :mod:`generator.browser`), all standard library only;
a module added to either package ships without further ado. Building it needs no setuptools:
the same sources give the same bytes (fixed timestamps, sorted entries, fixed permissions), so
two builds of the site are byte-identical and the wheel's URL can carry its content hash.
"""

from __future__ import annotations

import base64
import hashlib
import io
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import generator

DIST_NAME = "kompetensi-asn-engine"
"""The distribution name, distinct from the full project (which needs PyYAML and MkDocs)."""

PACKAGE_ROOT = Path(generator.__file__).resolve().parent
SHIPPED_PACKAGES = ("browser", "engine")
"""Subpackages of ``generator`` shipped whole (standard library only, see their docstrings)."""
SHIPPED_DATA = ("locale/id/LC_MESSAGES/kompetensi.mo",)
"""The Indonesian catalog: the bridge has the engine's messages reach the page in Indonesian."""

_ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_FILE_MODE = 0o644 << 16


@dataclass(frozen=True)
class Wheel:
    """A built wheel: its file name, its bytes and their sha256 (hex)."""

    filename: str
    data: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def _normalized(name: str) -> str:
    return name.replace("-", "_")


def source_files(package_root: Path = PACKAGE_ROOT) -> list[tuple[str, bytes]]:
    """(archive path, bytes) of every file shipped, sorted by archive path.

    Whole packages: every ``*.py`` under each of :data:`SHIPPED_PACKAGES`, at any depth, and
    the data files of :data:`SHIPPED_DATA`.
    """
    paths = [package_root / "__init__.py", *(package_root / name for name in SHIPPED_DATA)]
    for package in SHIPPED_PACKAGES:
        paths += (package_root / package).rglob("*.py")
    files: list[tuple[str, bytes]] = []
    for path in paths:
        relative = path.relative_to(package_root).as_posix()
        if "__pycache__" in relative.split("/"):
            continue
        files.append((f"generator/{relative}", path.read_bytes()))
    return sorted(files)


def _record_hash(data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
    return "sha256=" + digest.decode("ascii")


@dataclass(frozen=True)
class _Python:
    """Which Python a wheel's files run on: its tag and its ``Requires-Python``."""

    tag: str
    requires: str


SOURCE = _Python("py3", ">=3.11")
"""Source files run on any CPython the project supports."""


def _bytecode_python() -> _Python:
    # Bytecode runs only on the CPython that compiled it: Pyodide's (generator.quiz.stdlib_pyc).
    from generator.quiz import runtime

    major, minor = runtime.python_version()
    return _Python(f"cp{major}{minor}", f"=={major}.{minor}.*")


def _metadata(version: str, python: _Python) -> bytes:
    lines = [
        "Metadata-Version: 2.1",
        f"Name: {DIST_NAME}",
        f"Version: {version}",
        "Summary: Kompetensi ASN assessment engine (standard library only), for Pyodide.",
        "License: MIT",
        f"Requires-Python: {python.requires}",
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _wheel_file(python: _Python) -> bytes:
    lines = [
        "Wheel-Version: 1.0",
        "Generator: generator.quiz.wheel",
        "Root-Is-Purelib: true",
        f"Tag: {python.tag}-none-any",
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _entries(
    files: Iterable[tuple[str, bytes]], version: str, python: _Python
) -> Iterator[tuple[str, bytes]]:
    dist_info = f"{_normalized(DIST_NAME)}-{version}.dist-info"
    payload = [
        *files,
        (f"{dist_info}/METADATA", _metadata(version, python)),
        (f"{dist_info}/WHEEL", _wheel_file(python)),
        (f"{dist_info}/top_level.txt", b"generator\n"),
    ]
    record = io.StringIO()
    for name, data in payload:
        record.write(f"{name},{_record_hash(data)},{len(data)}\n")
    record.write(f"{dist_info}/RECORD,,\n")
    yield from payload
    yield f"{dist_info}/RECORD", record.getvalue().encode("utf-8")


def build(
    version: str = generator.__version__,
    package_root: Path = PACKAGE_ROOT,
    *,
    compiled: bool = False,
) -> Wheel:
    """Build the engine wheel in memory; the same sources always give the same bytes.

    ``compiled=True`` gives the wheel the site ships: each module as bytecode (a ``.pyc`` where
    its ``.py`` was, no source) compiled at build time by Pyodide's own CPython, exactly as the
    standard library is (:func:`generator.quiz.stdlib_pyc.compiled_files`), so the browser
    imports the engine without compiling it; tagged for that CPython only (``cp314``).
    """
    files = source_files(package_root)
    python = SOURCE
    if compiled:
        from generator.quiz import stdlib_pyc

        files, python = stdlib_pyc.compiled_files(files), _bytecode_python()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in _entries(files, version, python):
            info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
            info.external_attr = _FILE_MODE
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, so the permissions above are read as such
            archive.writestr(info, data, compresslevel=9)
    filename = f"{_normalized(DIST_NAME)}-{version}-{python.tag}-none-any.whl"
    return Wheel(filename, buffer.getvalue())
