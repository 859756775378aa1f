"""Files the self-assessment needs in the built site: Pyodide, micropip, the engine, the data.

Called by the site plugin after every build (``write(site_dir, data)``). It writes:

- ``assets/pyodide/<version>/``: the Pyodide runtime copied from ``node_modules/pyodide``, its
  ``python_stdlib.zip`` without the modules the quiz never imports
  (:mod:`generator.quiz.stdlib_trim`) and, in a build, compiled to bytecode
  (:mod:`generator.quiz.stdlib_pyc`), the vendored micropip and packaging wheels, and a
  ``pyodide-lock.json`` listing only those two wheels with their real hashes (see
  :mod:`generator.quiz.runtime`);
- the engine wheel, built deterministically by :mod:`generator.quiz.wheel`, in a build with
  its modules compiled to bytecode like the standard library;
- the export the page was built from, as compact JSON;
- the quiz's own browser files from ``site_overrides/assets/quiz/`` into a folder named after
  their hash (the theme's ``custom_dir`` also copies them, unversioned; the page does not use
  that copy);

Their ``.gz`` and ``.br`` siblings come later, from the post-build step's single pass over the
whole site (:mod:`generator.precompress`), which gives the files :func:`pinned` names the
runtime's settings (brotli quality 11, gzip level 9, paid once per machine thanks to its cache).

Every path comes from :mod:`generator.quiz.layout`, the same module the page uses for its URLs.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from generator.quiz import layout, runtime, stdlib_pyc, stdlib_trim, wheel


def pinned(relative: str) -> bool:
    """Whether a site file (POSIX path from the site root) is part of the pinned Pyodide runtime,
    whose siblings get :data:`generator.precompress.RUNTIME_QUALITY` and
    :data:`generator.precompress.RUNTIME_GZIP_LEVEL`."""
    return relative.startswith(layout.PYODIDE_DIR + "/")


class _Writer:
    def __init__(self, site_dir: Path) -> None:
        self.site_dir = site_dir
        self.written: list[Path] = []

    def write(self, relative: str, data: bytes) -> None:
        path = layout.site_path(self.site_dir, relative)
        path.parent.mkdir(parents=True, exist_ok=True)
        # Unchanged bytes keep their mtime, so `mkdocs serve` sees nothing new.
        if not path.is_file() or path.read_bytes() != data:
            path.write_bytes(data)
        self.written.append(path)


def write(site_dir: Path, data: dict[str, Any], *, compiled: bool = True) -> list[Path]:
    """Write the runtime files under ``site_dir``; returns the paths written.

    ``compiled=False`` (the preview) keeps the standard library and the engine wheel as
    source: its first start on a machine must not wait for Node and Pyodide to compile them
    (see :mod:`.stdlib_pyc`; the budget of ``bench/preview.py``). The page names the same
    wheel: :mod:`.form_pages` takes the same switch.

    Raises :class:`generator.quiz.runtime.RuntimeSetupError` with a hint when Pyodide or a
    vendored wheel is missing or does not match its pin.
    """
    source = runtime.pyodide_dir()
    engine = wheel.build(compiled=compiled)
    paths = layout.layout(data, engine)
    out = _Writer(Path(site_dir))

    for name in runtime.RUNTIME_FILES:
        content = (source / name).read_bytes()
        if name == stdlib_trim.FILE_NAME:
            content = stdlib_trim.trimmed(content)
            if compiled:
                content = stdlib_pyc.compiled(content)
        out.write(f"{paths.pyodide_path}/{name}", content)
    stock_lock = json.loads((source / "pyodide-lock.json").read_text(encoding="utf-8"))
    lock = json.dumps(runtime.lock_file(stock_lock), indent=1, sort_keys=True) + "\n"
    out.write(f"{paths.pyodide_path}/pyodide-lock.json", lock.encode("utf-8"))
    for pinned in runtime.WHEELS:
        out.write(f"{paths.pyodide_path}/{pinned.filename}", runtime.wheel_bytes(pinned))

    out.write(paths.wheel_path, engine.data)
    out.write(paths.export_path, layout.export_bytes(data))
    for name in layout.served_files():
        out.write(f"{paths.static_path}/{name}", (layout.STATIC_SOURCE / name).read_bytes())
    return out.written
