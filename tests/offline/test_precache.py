"""The offline files of a build, without a browser: the precache manifest, the worker script,
the web app manifest and its icons (tests/e2e/test_offline.py runs them in Chromium)."""

from __future__ import annotations

import json
import re
import struct
import zlib
from pathlib import Path

import pytest

from generator import site_check
from generator.offline import icons, precache, site


def _file(root: Path, relative: str, data: bytes = b"x") -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


@pytest.fixture
def built(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    for relative in (
        "index.html", "404.html", "kompetensi/integritas/index.html", "asesmen/index.html",
        "assets/stylesheets/main.57a0d79d.min.css", "assets/stylesheets/kompetensi.css",
        "assets/javascripts/bundle.a5f9d56c.min.js", "assets/javascripts/offline.js",
        "assets/javascripts/lunr/min/lunr.de.min.js", "assets/images/favicon.png",
        "assets/quiz/0123456789abcdef/quiz.js", "assets/quiz/quiz.js",
        "assets/quiz/data/kompetensi.0123456789abcdef.json",
        "assets/pyodide/314.0.7/pyodide.asm.wasm", "assets/pyodide/314.0.7/pyodide-lock.json",
        "index.html.br", "index.html.gz", "assets/stylesheets/main.57a0d79d.min.css.map",
        "csp.txt", "csp-hashes.conf", "sitemap.xml", "sw.js",
    ):  # fmt: skip
        _file(root, relative, relative.encode())
    _file(root, "search/search_index.json", json.dumps({"config": {"lang": ["en"]}}).encode())
    return root


QUIZ_FILES = [
    "assets/quiz/0123456789abcdef/quiz.js",
    "assets/quiz/data/kompetensi.0123456789abcdef.json",
    "assets/pyodide/314.0.7/pyodide.asm.wasm",
    "assets/pyodide/314.0.7/pyodide.asm.wasm.br",
    "assets/pyodide/314.0.7/pyodide-lock.json",
]


def test_manifest_lists_what_a_reader_needs_in_two_groups(built: Path) -> None:
    rows = {entry.url: entry for entry in precache.entries(built, QUIZ_FILES)}
    assert set(rows) == {
        "./", "404.html", "kompetensi/integritas/", "asesmen/", "search/search_index.json",
        "assets/stylesheets/main.57a0d79d.min.css", "assets/stylesheets/kompetensi.css",
        "assets/javascripts/bundle.a5f9d56c.min.js", "assets/javascripts/offline.js",
        "assets/images/favicon.png", "assets/quiz/0123456789abcdef/quiz.js",
        "assets/quiz/data/kompetensi.0123456789abcdef.json",
        "assets/pyodide/314.0.7/pyodide.asm.wasm", "assets/pyodide/314.0.7/pyodide-lock.json",
    }  # fmt: skip
    quiz = {url for url, entry in rows.items() if entry.group == precache.QUIZ}
    assert quiz == {name for name in QUIZ_FILES if not name.endswith(".br")}
    immutable = {url for url, entry in rows.items() if entry.immutable}
    assert immutable == {
        "assets/stylesheets/main.57a0d79d.min.css", "assets/javascripts/bundle.a5f9d56c.min.js",
        "assets/quiz/0123456789abcdef/quiz.js", "assets/quiz/data/kompetensi.0123456789abcdef.json",
        "assets/pyodide/314.0.7/pyodide.asm.wasm",
    }  # fmt: skip
    unchecked = {url for url, entry in rows.items() if not entry.checked}
    assert unchecked == {"./", "404.html", "kompetensi/integritas/", "asesmen/"}
    css = rows["assets/stylesheets/kompetensi.css"]
    assert css.revision == precache.revision(b"assets/stylesheets/kompetensi.css")


def test_a_changed_file_or_policy_changes_its_revision_and_the_build(built: Path) -> None:
    before = precache.entries(built, QUIZ_FILES)
    salted = precache.entries(built, QUIZ_FILES, page_salt="default-src 'self'")
    assert {e.url for e in before if e not in salted} == {
        "./",
        "404.html",
        "kompetensi/integritas/",
        "asesmen/",
    }
    assert precache.build_id(salted) != precache.build_id(before)
    _file(built, "assets/stylesheets/kompetensi.css", b"changed")
    after = precache.entries(built, QUIZ_FILES)
    assert [e.url for e in before if e not in after] == ["assets/stylesheets/kompetensi.css"]
    assert precache.build_id(after) != precache.build_id(before)
    assert precache.build_id(after) == precache.build_id(precache.entries(built, QUIZ_FILES))


def test_the_worker_script_carries_the_manifest_and_passes_the_site_checks(built: Path) -> None:
    written = site.write(built, QUIZ_FILES)
    worker = (built / "sw.js").read_text(encoding="utf-8")
    match = re.search(r"const MANIFEST = (\{.*?\n\]\});", worker, re.S)
    assert match
    data = json.loads(match.group(1))
    assert data["build"] == precache.build_id(precache.entries(built, QUIZ_FILES))
    urls = [row[0] for row in data["files"]]
    assert "manifest.webmanifest" in urls and "assets/images/icon-512.png" in urls
    assert "sw.js" not in urls
    assert site_check.check_text(worker, ".js", "sw.js") == []
    assert built / "sw.js" in written
    hostile = worker.replace(
        '"use strict";', '"use strict";\nimportScripts("https://x.test/a.js");'
    )
    (built / "sw.js").write_text(hostile, encoding="utf-8")
    assert [f.message for f in site_check.check_text(hostile, ".js", "sw.js")] == [
        "skrip memuat dari host lain: https://x.test/a.js"
    ]


def _png_size(data: bytes) -> tuple[int, int]:
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_icons_are_valid_pngs_of_their_declared_sizes(built: Path) -> None:
    site.write(built, [])
    manifest = json.loads((built / site.MANIFEST_FILE).read_text(encoding="utf-8"))
    assert manifest["start_url"] == manifest["scope"] == "./"  # any sub-path
    assert manifest["lang"] == "id" and manifest["display"] == "standalone"
    assert {icon["purpose"] for icon in manifest["icons"] if "purpose" in icon} == {"maskable"}
    for icon in manifest["icons"]:
        data = (built / icon["src"]).read_bytes()
        size = int(icon["sizes"].split("x")[0])
        assert _png_size(data) == (size, size)
        # Every chunk's CRC is right, and the pixels decompress to the full image.
        position, pixels = 8, b""
        while position < len(data):
            (length,) = struct.unpack(">I", data[position : position + 4])
            kind = data[position + 4 : position + 8]
            body = data[position + 8 : position + 8 + length]
            (crc,) = struct.unpack(">I", data[position + 8 + length : position + 12 + length])
            assert zlib.crc32(kind + body) == crc
            pixels += body if kind == b"IDAT" else b""
            position += 12 + length
        assert len(zlib.decompress(pixels)) == size * (3 * size + 1)
    assert icons.SIZES == (192, 512)


def test_the_preview_worker_retires_itself(tmp_path: Path) -> None:
    worker = site.retire(tmp_path).read_text(encoding="utf-8")
    assert "unregister()" in worker and "skipWaiting()" in worker
    assert site_check.check_text(worker, ".js", "sw.js") == []
