"""The trimmed ``python_stdlib.zip``: what it keeps, what it drops, and how it is cached.

That the quiz still works on it is proven in Chromium by
``tests/e2e/test_quiz_pyodide_engine.py``; these tests pin its contents on CPython.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from generator import precompress
from generator.quiz import runtime, stdlib_trim

# Imported on the quiz's paths (``sys.modules`` in Pyodide after a boot, micropip.install of
# the engine wheel and every bridge call), or lazily on their error paths: each must stay.
NEEDED = (
    "_pyodide._base",
    "_sysconfigdata__emscripten_wasm32-emscripten",
    "annotationlib",
    "asyncio.base_events",
    "ast",
    "base64",
    "codeop",
    "compression.zstd",
    "concurrent.futures",
    "contextlib",
    "csv",
    "dataclasses",
    "datetime",
    "difflib",  # traceback's "Did you mean" suggestions
    "email.feedparser",
    "email.message",
    "email.parser",
    "email.policy",  # packaging.metadata
    "encodings",
    "encodings.aliases",
    "encodings.cp437",  # zipfile: member names without the UTF-8 flag
    "encodings.idna",
    "encodings.latin_1",
    "encodings.utf_8",
    "encodings.utf_8_sig",
    "glob",
    "html.parser",  # micropip's index parser
    "http.client",
    "importlib.metadata",
    "inspect",
    "ipaddress",
    "json",
    "linecache",
    "logging",
    "platform",
    "pyodide._package_loader",
    "pyodide.http",
    "pyodide.webloop",
    "selectors",
    "shutil",
    "socket",
    "ssl",
    "subprocess",  # packaging.tags
    "sysconfig",
    "tarfile",  # pyodide._package_loader
    "tempfile",
    "textwrap",
    "tokenize",
    "traceback",
    "tracemalloc",  # warnings, for the source of a ResourceWarning
    "typing",
    "urllib.parse",
    "urllib.request",
    "xml.sax.saxutils",
    "zipfile",
    "zipimport",
)


@pytest.fixture(scope="module")
def stock() -> bytes:
    return (runtime.pyodide_dir() / stdlib_trim.FILE_NAME).read_bytes()


@pytest.fixture(scope="module")
def trimmed(stock: bytes) -> bytes:
    return stdlib_trim.trim(stock)


def _modules(archive: bytes) -> set[str]:
    with zipfile.ZipFile(io.BytesIO(archive)) as opened:
        return {stdlib_trim.module_name(name) for name in opened.namelist()}


def test_every_module_the_quiz_imports_stays(trimmed: bytes) -> None:
    assert sorted(set(NEEDED) - _modules(trimmed)) == []


def test_every_excluded_name_still_names_something_in_pyodides_zip(stock: bytes) -> None:
    # After a Pyodide update, a renamed or removed module must not linger in the list unnoticed.
    modules = _modules(stock)
    for reason, names in stdlib_trim.EXCLUDED.items():
        for name in names:
            assert name in modules, (reason, name)
    assert {"encodings.cp1252", "encodings.iso8859_15", "encodings.mac_roman"} <= modules


def test_the_trimmed_zip_is_the_stock_one_less_the_excluded_entries(
    stock: bytes, trimmed: bytes
) -> None:
    with (
        zipfile.ZipFile(io.BytesIO(stock)) as source,
        zipfile.ZipFile(io.BytesIO(trimmed)) as result,
    ):
        assert result.testzip() is None
        kept = [info for info in source.infolist() if not stdlib_trim.excluded(info.filename)]
        assert [info.filename for info in result.infolist()] == [i.filename for i in kept]
        for before, after in zip(kept, result.infolist(), strict=True):
            assert source.read(before) == result.read(after), before.filename
            assert (after.date_time, after.external_attr) == (
                before.date_time,
                before.external_attr,
            )
        dropped = {stdlib_trim.module_name(i.filename) for i in source.infolist()} - _modules(
            trimmed
        )
    assert {"unittest", "pdb", "multiprocessing", "xml.dom", "encodings.cp1252"} <= dropped
    assert not {name for name in dropped if name.startswith(("pyodide", "_pyodide"))}
    assert len(trimmed) < 0.7 * len(stock)  # the point of it: ≈ 2.5 MB → 1.6 MB


@pytest.mark.parametrize(
    ("entry", "gone"),
    [
        ("unittest/", True),
        ("unittest/mock.py", True),
        ("pdb.py", True),
        ("_pyrepl/__main__.py", True),
        ("http/server.py", True),
        ("http/client.py", False),
        ("http/__init__.py", False),
        ("xml/dom/minidom.py", True),
        ("xml/sax/saxutils.py", False),
        ("xml/__init__.py", False),
        ("encodings/cp1252.py", True),
        ("encodings/iso8859_2.py", True),
        ("encodings/koi8_r.py", True),
        ("encodings/cp437.py", False),
        ("encodings/cp932.py", False),  # a CJK codec, not a code-page table
        ("encodings/iso8859_1.py", False),
        ("encodings/utf_8.py", False),
        ("profile.py", True),
        ("_pyodide/_base.py", False),
        ("pydoc.py", True),
        ("pydoc_like.py", False),  # a prefix of the name is not the module
        ("traceback.py", False),
    ],
)
def test_which_entries_are_excluded(entry: str, gone: bool) -> None:
    assert stdlib_trim.excluded(entry) is gone


def test_module_names_of_entries() -> None:
    assert stdlib_trim.module_name("xml/dom/minidom.py") == "xml.dom.minidom"
    assert stdlib_trim.module_name("email/__init__.py") == "email"
    assert stdlib_trim.module_name("email/") == "email"
    assert stdlib_trim.module_name("pdb.py") == "pdb"


def test_the_same_input_gives_the_same_bytes(stock: bytes, trimmed: bytes) -> None:
    assert stdlib_trim.trim(stock) == trimmed


def test_the_trim_is_cached_and_a_changed_list_is_another_entry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stock: bytes, trimmed: bytes
) -> None:
    monkeypatch.setenv(precompress.CACHE_ENV, str(tmp_path))
    monkeypatch.setattr(precompress, "_memory", {})
    calls: list[int] = []

    def counting_trim(data: bytes, level: int) -> bytes:
        calls.append(level)
        return stdlib_trim.trim(data, level)

    method = stdlib_trim.TRIM
    counting = precompress.Method(
        method.suffix, method.name, method.version, counting_trim, method.decompress
    )
    assert precompress.compressed(stock, counting, stdlib_trim.LEVEL) == trimmed
    monkeypatch.setattr(precompress, "_memory", {})  # as in a new build process
    assert precompress.compressed(stock, counting, stdlib_trim.LEVEL) == trimmed
    assert calls == [stdlib_trim.LEVEL]  # the second build read the disk
    (entry,) = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert entry.parent.parent.name == f"stdlib-trim-{stdlib_trim.LEVEL}-{method.version}"
    assert stdlib_trim.trimmed(stock) == trimmed
    version = stdlib_trim._version()
    monkeypatch.setitem(stdlib_trim.EXCLUDED, "more", ("csv",))
    assert stdlib_trim._version() != version
