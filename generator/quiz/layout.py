"""Where the quiz's files live in the built site, shared by the page and the asset writer.

Every URL the browser fetches for the quiz is versioned by content or by pin, so a static host
can cache all of them for a year and a new build is still picked up at once:

- ``assets/quiz/<hash of the browser files>/`` (``quiz.js``, ``lib/*.js``, ``worker.mjs``,
  ``bind.js``, ``quiz.css``: ES modules import each other by relative URL, so the whole set
  moves together; :data:`INLINE_SCRIPTS` are not copied: the page carries them inline)
- ``assets/pyodide/<pyodide version>/...`` (the npm pin)
- ``assets/quiz/engine/<hash>/kompetensi_asn_engine-<version>-cp314-none-any.whl`` (bytecode)
- ``assets/quiz/data/kompetensi.<hash>.json`` (the export the page was built from)

Paths are relative to the site root; the page's script finds the root from its own URL.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.quiz import runtime, wheel

STATIC_SOURCE = runtime.REPO_ROOT / "site_overrides" / "assets" / "quiz"
STATIC_DIR = "assets/quiz"
PYODIDE_DIR = f"assets/pyodide/{runtime.PYODIDE_VERSION}"
# Classic scripts the quiz page carries inside <script> elements (see page.inline_script): they
# must run before any file could arrive, so they are never fetched and never copied.
INLINE_SCRIPTS = ("early.js", "start-engine.js")


def _short(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def static_files() -> list[str]:
    """The quiz's own browser files, as ``/``-separated paths under :data:`STATIC_SOURCE`."""
    return sorted(
        path.relative_to(STATIC_SOURCE).as_posix()
        for path in STATIC_SOURCE.rglob("*")
        if path.is_file() and not path.name.startswith(".")
    )


def served_files() -> list[str]:
    """The browser files copied to the hashed folder: :func:`static_files` but the inline ones."""
    return [name for name in static_files() if name not in INLINE_SCRIPTS]


def page_modules() -> list[str]:
    """The page's ES modules (``quiz.js`` and everything under ``lib/``), entry point first.

    The page names each in a ``<link rel="modulepreload">``: the browser then fetches the whole
    graph at once instead of discovering it level by level (quiz.js, then controller.js, then
    the eight modules it imports) before the quiz can bind its form.
    """
    names = [name for name in static_files() if name.startswith("lib/") and name.endswith(".js")]
    return ["quiz.js", *names]


def static_version() -> str:
    """A hash of the files served from the quiz's folder: the folder's name."""
    digest = hashlib.sha256()
    for name in served_files():
        digest.update(name.encode() + b"\0")
        digest.update((STATIC_SOURCE / name).read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def export_bytes(data: dict[str, Any]) -> bytes:
    """The export dict as the compact UTF-8 JSON the browser engine loads."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


@dataclass(frozen=True)
class Layout:
    """The site-relative paths of one build's quiz files."""

    static_version: str
    static_path: str
    export_path: str
    wheel_path: str
    pyodide_path: str

    def as_attributes(self) -> dict[str, str]:
        """``data-*`` attributes for the quiz root element."""
        return {
            "data-kq-version": self.static_version,
            "data-kq-export": self.export_path,
            "data-kq-wheel": self.wheel_path,
            "data-kq-pyodide": self.pyodide_path + "/",
        }


def layout(
    data: dict[str, Any], engine: wheel.Wheel | None = None, *, compiled: bool = True
) -> Layout:
    """The paths for ``data`` and the engine wheel, built here unless given: as bytecode in a
    build, as source in the preview (``compiled=False``, see :func:`generator.quiz.assets.write`)."""
    engine = engine or wheel.build(compiled=compiled)
    version = static_version()
    return Layout(
        static_version=version,
        static_path=f"{STATIC_DIR}/{version}",
        export_path=f"{STATIC_DIR}/data/kompetensi.{_short(export_bytes(data))}.json",
        wheel_path=f"{STATIC_DIR}/engine/{_short(engine.data)}/{engine.filename}",
        pyodide_path=PYODIDE_DIR,
    )


def site_path(site_dir: Path, relative: str) -> Path:
    """``site_dir / relative`` for a ``/``-separated site path."""
    return site_dir.joinpath(*relative.split("/"))
