"""The runtime files written into the built site."""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from generator.quiz import assets, layout, runtime, wheel


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from generator.standard import load_export

    root = Path(__file__).resolve().parents[2]
    folder = tmp_path_factory.mktemp("site")
    assets.write(folder, load_export(root / "standards"))
    return folder


def test_pyodide_runtime_and_wheels_are_in_the_versioned_folder(site: Path) -> None:
    folder = site / "assets" / "pyodide" / runtime.PYODIDE_VERSION
    source = runtime.pyodide_dir()
    for name in runtime.RUNTIME_FILES:
        assert (folder / name).read_bytes() == (source / name).read_bytes()
    lock = json.loads((folder / "pyodide-lock.json").read_text(encoding="utf-8"))
    for pinned in runtime.WHEELS:
        data = (folder / pinned.filename).read_bytes()
        assert hashlib.sha256(data).hexdigest() == lock["packages"][pinned.name]["sha256"]
    # Nothing the browser does not need (type declarations, source maps, console pages).
    assert not [p.name for p in folder.iterdir() if p.suffix in (".ts", ".map", ".html")]


def test_engine_wheel_and_export_sit_at_the_paths_the_page_uses(
    site: Path, export: dict[str, Any]
) -> None:
    paths = layout.layout(export)
    assert layout.site_path(site, paths.wheel_path).read_bytes() == wheel.build().data
    exported = json.loads(layout.site_path(site, paths.export_path).read_text(encoding="utf-8"))
    assert exported == export
    names = layout.static_files()
    assert {"quiz.js", "worker.mjs", "quiz.css", "lib/controller.js"} <= set(names)
    for name in names:
        copied = layout.site_path(site, f"{paths.static_path}/{name}")
        assert copied.read_bytes() == (layout.STATIC_SOURCE / name).read_bytes()


def test_gzip_siblings_decompress_to_the_file(site: Path) -> None:
    siblings = sorted(site.rglob("*.gz"))
    names = {path.name for path in siblings}
    assert "pyodide.asm.wasm.gz" in names
    assert "python_stdlib.zip.gz" not in names  # already compressed: not worth it
    for sibling in siblings:
        original = sibling.with_name(sibling.name[: -len(".gz")])
        assert gzip.decompress(sibling.read_bytes()) == original.read_bytes()


def test_writing_twice_gives_the_same_bytes(tmp_path: Path, export: dict[str, Any]) -> None:
    first = assets.write(tmp_path / "a", export)
    second = assets.write(tmp_path / "b", export)
    assert [p.relative_to(tmp_path / "a") for p in first] == [
        p.relative_to(tmp_path / "b") for p in second
    ]
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes()


def test_missing_pyodide_fails_the_build_with_a_hint(
    tmp_path: Path, export: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KOMPETENSI_PYODIDE_DIR", str(tmp_path / "nowhere"))
    with pytest.raises(runtime.RuntimeSetupError, match="Hint: run `make setup`"):
        assets.write(tmp_path / "site", export)
