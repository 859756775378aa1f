"""The runtime files written into the built site."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import threading
from pathlib import Path
from typing import Any

import brotli
import pytest

from generator import precompress
from generator.quiz import assets, layout, page, recap_page, runtime, stdlib_pyc, stdlib_trim, wheel


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from generator.engine.scope import assessed_export
    from generator.standard import load_export

    root = Path(__file__).resolve().parents[2]
    folder = tmp_path_factory.mktemp("site")
    assets.write(folder, assessed_export(load_export(root / "standards")))
    # The siblings come from the post-build step's one pass over the site, as in a build.
    precompress.precompress_site(folder, pinned=assets.pinned)
    return folder


def test_pyodide_runtime_and_wheels_are_in_the_versioned_folder(site: Path) -> None:
    folder = site / "assets" / "pyodide" / runtime.PYODIDE_VERSION
    source = runtime.pyodide_dir()
    for name in runtime.RUNTIME_FILES:
        expected = (source / name).read_bytes()
        if name == stdlib_trim.FILE_NAME:
            expected = stdlib_pyc.compiled(stdlib_trim.trim(expected))
        assert (folder / name).read_bytes() == expected, name
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
    shipped = wheel.build(compiled=True).data
    assert layout.site_path(site, paths.wheel_path).read_bytes() == shipped
    exported = json.loads(layout.site_path(site, paths.export_path).read_text(encoding="utf-8"))
    assert exported == export
    names = layout.served_files()
    assert {"quiz.js", "worker.mjs", "quiz.css", "lib/controller.js"} <= set(names)
    for name in names:
        copied = layout.site_path(site, f"{paths.static_path}/{name}")
        assert copied.read_bytes() == (layout.STATIC_SOURCE / name).read_bytes()
    # The page carries these inline; a copy in the folder would be a file nothing fetches.
    folder = layout.site_path(site, paths.static_path)
    present = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    assert {name.removesuffix(".br").removesuffix(".gz") for name in present} == set(names)
    assert set(layout.INLINE_SCRIPTS) <= set(layout.static_files()) - set(names)


def test_gzip_and_brotli_siblings_decompress_to_the_file(site: Path) -> None:
    gz = {p.relative_to(site).as_posix()[: -len(".gz")] for p in site.rglob("*.gz")}
    br = {p.relative_to(site).as_posix()[: -len(".br")] for p in site.rglob("*.br")}
    assert gz == br
    runtime_folder = f"assets/pyodide/{runtime.PYODIDE_VERSION}"
    assert {f"{runtime_folder}/pyodide.asm.wasm", f"{runtime_folder}/pyodide.asm.mjs"} <= gz
    assert any(name.endswith(".json") for name in gz)  # the export
    assert f"{runtime_folder}/python_stdlib.zip" not in gz  # already compressed: not worth it
    assert not [name for name in gz if name.endswith(".whl")]
    for name in gz:
        original = (site / name).read_bytes()
        assert gzip.decompress((site / f"{name}.gz").read_bytes()) == original, name
        assert brotli.decompress((site / f"{name}.br").read_bytes()) == original, name


def test_the_pinned_runtime_gets_brotli_quality_11_and_the_rest_the_build_quality(
    site: Path, export: dict[str, Any]
) -> None:
    runtime_file = site / "assets" / "pyodide" / runtime.PYODIDE_VERSION / "pyodide.mjs"
    assert runtime_file.with_name("pyodide.mjs.br").read_bytes() == brotli.compress(
        runtime_file.read_bytes(), quality=precompress.RUNTIME_QUALITY
    )
    # Gzip level 9 too, for hosts that serve .gz but not .br.
    assert precompress.RUNTIME_GZIP_LEVEL == 9
    assert runtime_file.with_name("pyodide.mjs.gz").read_bytes() == gzip.compress(
        runtime_file.read_bytes(), compresslevel=9, mtime=0
    )
    exported = layout.site_path(site, layout.layout(export).export_path)
    assert exported.with_name(exported.name + ".br").read_bytes() == brotli.compress(
        exported.read_bytes(), quality=precompress.BUILD_QUALITY
    )
    assert exported.with_name(exported.name + ".gz").read_bytes() == gzip.compress(
        exported.read_bytes(), compresslevel=precompress.GZIP_LEVEL, mtime=0
    )


def test_a_second_pass_finds_every_quiz_sibling_current(site: Path) -> None:
    # Without knowing the pinned files, it keeps their siblings too: they decode to the file.
    siblings = [*site.rglob("*.br"), *site.rglob("*.gz")]
    before = {p: p.read_bytes() for p in siblings}
    assert precompress.precompress_site(site, pinned=assets.pinned) == []
    assert precompress.precompress_site(site) == []
    assert {p: p.read_bytes() for p in siblings} == before


# ---- generator.precompress: the disk cache ------------------------------------------------------

DATA = b"".join(
    f"indikator {n}: peserta menunjukkan perilaku {n % 7}.\n".encode() for n in range(400)
)


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty disk cache of its own, and no in-memory entries from other tests."""
    folder = tmp_path / "cache"
    monkeypatch.setenv(precompress.CACHE_ENV, str(folder))
    monkeypatch.setattr(precompress, "_memory", {})
    return folder


def _counting(method: precompress.Method, calls: list[int]) -> precompress.Method:
    def compress(data: bytes, level: int) -> bytes:
        calls.append(level)
        return method.compress(data, level)

    return precompress.Method(
        method.suffix, method.name, method.version, compress, method.decompress
    )


def test_a_fresh_process_reads_the_body_from_disk_instead_of_compressing(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []
    method = _counting(precompress.BROTLI, calls)
    body = precompress.compressed(DATA, method, 7)
    assert calls == [7] and brotli.decompress(body) == DATA
    monkeypatch.setattr(precompress, "_memory", {})  # as in a new build process
    assert precompress.compressed(DATA, method, 7) == body
    assert calls == [7]
    (entry,) = [p for p in cache.rglob("*") if p.is_file()]
    assert entry.name == hashlib.sha256(DATA).hexdigest()
    assert entry.parent.parent.name == f"brotli-7-{precompress.BROTLI.version}"
    # Other settings are another entry, never the same body.
    precompress.compressed(DATA, method, 3)
    assert calls == [7, 3]
    assert len([p for p in cache.rglob("*") if p.is_file()]) == 2


@pytest.mark.parametrize("damage", ["truncated", "garbage", "other-file", "empty"])
def test_a_damaged_cache_entry_is_recompressed_never_published(
    cache: Path, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    good = precompress.compressed(DATA, precompress.GZIP, 6)
    (entry,) = [p for p in cache.rglob("*") if p.is_file()]
    entry.write_bytes(
        {
            "truncated": good[: len(good) // 2],
            "garbage": os.urandom(len(good)),
            "other-file": gzip.compress(DATA + b"x", mtime=0),
            "empty": b"",
        }[damage]
    )
    monkeypatch.setattr(precompress, "_memory", {})
    assert precompress.compressed(DATA, precompress.GZIP, 6) == good
    assert precompress._read_entry(entry) == good  # repaired for the next build


def test_an_unusable_cache_folder_only_costs_time(cache: Path) -> None:
    cache.write_text("not a folder", encoding="utf-8")
    body = precompress.compressed(DATA, precompress.BROTLI, 5)
    assert brotli.decompress(body) == DATA


def test_concurrent_writers_leave_one_valid_entry_and_no_temporary_file(cache: Path) -> None:
    results: list[bytes] = []

    def build() -> None:
        # Each thread stands for a build with an empty memory cache.
        body = precompress.BROTLI.compress(DATA, 9)
        path = precompress._entry(cache, precompress.BROTLI, 9, hashlib.sha256(DATA).hexdigest())
        precompress._store_entry(path, body)
        body = precompress._read_entry(path)
        assert body is not None
        results.append(body)

    threads = [threading.Thread(target=build) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    files = [p for p in cache.rglob("*") if p.is_file()]
    assert len(files) == 1 and not files[0].name.startswith(".tmp-")
    assert all(brotli.decompress(body) == DATA for body in results)


def test_precompress_site_covers_every_text_file_and_keeps_current_siblings(
    cache: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    (site / "search").mkdir(parents=True)
    (site / "index.html").write_bytes(DATA)
    (site / "search" / "search_index.json").write_bytes(DATA + b"{}")
    (site / "small.css").write_bytes(b"a{}")  # below MIN_BYTES
    (site / "logo.png").write_bytes(DATA)  # not a compressible type
    (site / "sitemap.xml").write_bytes(DATA + b"<x/>")
    kept = gzip.compress(DATA + b"<x/>", compresslevel=9)  # MkDocs' own sitemap.xml.gz
    (site / "sitemap.xml.gz").write_bytes(kept)
    (site / "index.html.br").write_bytes(brotli.compress(b"an older build"))  # stale
    written = precompress.precompress_site(site)
    assert [p.relative_to(site).as_posix() for p in written] == [
        "index.html.gz",
        "index.html.br",
        "search/search_index.json.gz",
        "search/search_index.json.br",
        "sitemap.xml.br",
    ]
    assert (site / "sitemap.xml.gz").read_bytes() == kept
    assert brotli.decompress((site / "index.html.br").read_bytes()) == DATA
    assert not (site / "small.css.gz").exists() and not (site / "logo.png.br").exists()
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in site.rglob("*") if p.is_file()}
    assert precompress.precompress_site(site) == []  # everything current: nothing rewritten
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in site.rglob("*") if p.is_file()} == (
        before
    )


def test_precompress_site_gives_the_pinned_runtime_gzip_level_9_and_brotli_11(
    cache: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    (site / "runtime").mkdir(parents=True)
    (site / "runtime" / "pyodide.mjs").write_bytes(DATA)
    (site / "index.html").write_bytes(DATA)
    precompress.precompress_site(site, pinned=lambda relative: relative.startswith("runtime/"))
    pinned = site / "runtime" / "pyodide.mjs"
    assert pinned.with_name("pyodide.mjs.gz").read_bytes() == gzip.compress(
        DATA, compresslevel=precompress.RUNTIME_GZIP_LEVEL, mtime=0
    )
    assert pinned.with_name("pyodide.mjs.br").read_bytes() == brotli.compress(
        DATA, quality=precompress.RUNTIME_QUALITY
    )
    assert (site / "index.html.gz").read_bytes() == gzip.compress(
        DATA, compresslevel=precompress.GZIP_LEVEL, mtime=0
    )


def test_writing_twice_gives_the_same_bytes(tmp_path: Path, export: dict[str, Any]) -> None:
    first = assets.write(tmp_path / "a", export)
    second = assets.write(tmp_path / "b", export)
    assert [p.relative_to(tmp_path / "a") for p in first] == [
        p.relative_to(tmp_path / "b") for p in second
    ]
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes()


def test_the_asset_step_writes_no_siblings_the_site_wide_pass_compresses_once(
    tmp_path: Path, export: dict[str, Any], site: Path
) -> None:
    written = assets.write(tmp_path, export)
    assert written and not [p for p in written if p.suffix in (".br", ".gz")]
    plain = sorted(p.relative_to(site) for p in site.rglob("*") if p.is_file())
    plain = [p for p in plain if p.suffix not in (".br", ".gz")]
    assert sorted(p.relative_to(tmp_path) for p in written) == plain
    for path in written:
        assert path.read_bytes() == (site / path.relative_to(tmp_path)).read_bytes()


def test_missing_pyodide_fails_the_build_with_a_hint(
    tmp_path: Path, export: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KOMPETENSI_PYODIDE_DIR", str(tmp_path / "nowhere"))
    with pytest.raises(runtime.RuntimeSetupError, match="Saran: jalankan `make setup`"):
        assets.write(tmp_path / "site", export)


def test_the_preview_writes_and_names_the_source_wheel(
    tmp_path: Path, export: dict[str, Any]
) -> None:
    """``compiled=False`` (the preview: no Node start before its first page) ships the wheel as
    source, and its pages name that wheel, not the bytecode one a build ships."""
    assets.write(tmp_path, export, compiled=False)
    paths = layout.layout(export, compiled=False)
    source = wheel.build()
    assert paths.wheel_path.endswith("/" + source.filename)
    assert layout.site_path(tmp_path, paths.wheel_path).read_bytes() == source.data
    assert paths.wheel_path != layout.layout(export).wheel_path
    for html in (
        page.render_html(export, compiled=False),
        recap_page.render_html(export, compiled=False),
    ):
        assert f'data-kq-wheel="{paths.wheel_path}"' in html
