"""The Pyodide runtime the quiz ships: which npm files, which wheels, and a lock that fits them.

Pyodide comes from npm (``node_modules/pyodide``, pinned in ``package.json``). The npm package
has no micropip, so micropip and its one dependency, packaging, are vendored under
``generator/quiz/vendor/`` and pinned here by sha256: a build never touches the network.
PyPI's wheels are not the files Pyodide's own lock describes (Pyodide repackages them, so the
hashes differ), which is why :func:`lock_file` writes a trimmed ``pyodide-lock.json`` listing
exactly the two wheels served beside it, with their real hashes.

``python -m generator.quiz.runtime --check`` verifies the vendored wheels;
``--download`` fetches them again with pip (into the vendor folder) and verifies them.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.errors import with_hint
from generator.i18n import _

QUIZ_DIR = Path(__file__).resolve().parent
REPO_ROOT = QUIZ_DIR.parent.parent
VENDOR_DIR = QUIZ_DIR / "vendor"

PYODIDE_VERSION = "314.0.7"
"""Must equal the npm pin in ``package.json``; :func:`pyodide_dir` checks it."""

RUNTIME_FILES = (
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
)
"""Files the browser needs from the npm package (the lock is written, not copied)."""


@dataclass(frozen=True)
class PinnedWheel:
    """A vendored wheel: project, version, file name and the sha256 of PyPI's file."""

    name: str
    version: str
    sha256: str
    imports: tuple[str, ...]

    @property
    def filename(self) -> str:
        return f"{self.name}-{self.version}-py3-none-any.whl"

    @property
    def path(self) -> Path:
        return VENDOR_DIR / self.filename


WHEELS = (
    PinnedWheel(
        "micropip",
        "0.11.1",
        "768de165adb8e66906039d8fec4127a57f522dfdf8e6fbff877a4616941ecfd3",
        ("micropip",),
    ),
    PinnedWheel(
        "packaging",
        "26.1",
        "5d9c0669c6285e491e0ced2eee587eaf67b670d94a19e94e3984a481aba6802f",
        ("packaging",),
    ),
)


class RuntimeSetupError(Exception):
    """The runtime files are missing or do not match their pins (a setup problem)."""


def pyodide_dir() -> Path:
    """The npm package folder, checked to hold the pinned Pyodide version."""
    folder = Path(os.environ.get("KOMPETENSI_PYODIDE_DIR", REPO_ROOT / "node_modules" / "pyodide"))
    manifest = folder / "package.json"
    if not manifest.is_file():
        hint = _("run `make setup` (npm ci installs pyodide {version}).")
        raise RuntimeSetupError(
            f"{manifest}: " + with_hint(_("missing."), hint.format(version=PYODIDE_VERSION))
        )
    version = json.loads(manifest.read_text(encoding="utf-8")).get("version")
    if version != PYODIDE_VERSION:
        problem = _("pyodide {installed} installed, the quiz expects {expected}.")
        hint = _(
            "run `npm ci`, or update PYODIDE_VERSION in generator/quiz/runtime.py together with "
            "package.json."
        )
        raise RuntimeSetupError(
            f"{manifest}: "
            + with_hint(problem.format(installed=version, expected=PYODIDE_VERSION), hint)
        )
    return folder


def python_version() -> tuple[int, int]:
    """(major, minor) of the CPython inside the pinned Pyodide, from its stock lock file."""
    lock = pyodide_dir() / "pyodide-lock.json"
    version = str(json.loads(lock.read_text(encoding="utf-8"))["info"]["python"])
    major, minor = version.split(".")[:2]
    return int(major), int(minor)


def wheel_bytes(wheel: PinnedWheel) -> bytes:
    """The vendored wheel's bytes, refused if they do not match the pinned sha256."""
    if not wheel.path.is_file():
        hint = "python -m generator.quiz.runtime --download"
        raise RuntimeSetupError(f"{wheel.path}: " + with_hint(_("missing."), hint))
    data = wheel.path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if digest != wheel.sha256:
        problem = _("sha256 {digest}, expected {expected}.")
        hint = _(
            "the file was changed; fetch it again with python -m generator.quiz.runtime --download"
        )
        raise RuntimeSetupError(
            f"{wheel.path}: "
            + with_hint(problem.format(digest=digest, expected=wheel.sha256), hint)
        )
    return data


def lock_file(stock_lock: dict[str, Any]) -> dict[str, Any]:
    """Pyodide's lock reduced to the vendored wheels, with the hashes of the files we serve."""
    packages: dict[str, Any] = {}
    for wheel in WHEELS:
        entry = dict(stock_lock.get("packages", {}).get(wheel.name, {}))
        entry.update(
            {
                "name": wheel.name,
                "version": wheel.version,
                "file_name": wheel.filename,
                "sha256": wheel.sha256,
                "imports": list(wheel.imports),
                "depends": [],
                "install_dir": "site",
                "package_type": "package",
                "unvendored_tests": False,
            }
        )
        entry.setdefault("tool", {})
        packages[wheel.name] = dict(sorted(entry.items()))
    return {"info": stock_lock["info"], "packages": packages}


def _download(dest: Path) -> None:
    specs = [f"{wheel.name}=={wheel.version}" for wheel in WHEELS]
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
         "--python-version", "3.14", "-d", str(dest), *specs],
        check=True,
    )  # fmt: skip


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator.quiz.runtime", description=__doc__)
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--check", action="store_true", help="verify the vendored wheels (default)")
    group.add_argument("--download", action="store_true", help="fetch them again with pip")
    args = parser.parse_args(argv)
    if args.download:
        VENDOR_DIR.mkdir(exist_ok=True)
        _download(VENDOR_DIR)
    try:
        for wheel in WHEELS:
            wheel_bytes(wheel)
        pyodide_dir()
    except RuntimeSetupError as error:
        print(error, file=sys.stderr)
        return 1
    print("ok: " + ", ".join(wheel.filename for wheel in WHEELS) + f", pyodide {PYODIDE_VERSION}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
