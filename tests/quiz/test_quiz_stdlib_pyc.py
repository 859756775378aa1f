"""``python_stdlib.zip`` compiled to bytecode at build time by Pyodide's own CPython (under Node).

That the quiz runs on the compiled zip is proven in Chromium by the e2e tests, which use the
built site (``tests/e2e/test_quiz_pyodide_engine.py`` among them); these tests pin what the
compile step writes.
"""

from __future__ import annotations

import io
import zipfile

import pytest

from generator.quiz import runtime, stdlib_pyc, stdlib_trim

DOCUMENTED = b'''"""A module docstring that must not ship."""


class Thing:
    """A class docstring."""

    def method(self):
        """Only a docstring."""


def check(value):
    "A function docstring."
    assert value, "kept: only docstrings go, as with -OO"
    return value * 2
'''


def _zip(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in entries.items():
            target.writestr(zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0)), data)
    return out.getvalue()


def test_every_source_entry_becomes_sourceless_bytecode_and_the_rest_is_copied(node: str) -> None:
    source = _zip({"pkg/__init__.py": b"", "pkg/thing.py": DOCUMENTED, "pkg/data.txt": b"x\0y"})
    compiled = stdlib_pyc.compile_zip(source)
    with zipfile.ZipFile(io.BytesIO(compiled)) as archive:
        assert archive.namelist() == ["pkg/__init__.pyc", "pkg/thing.pyc", "pkg/data.txt"]
        assert archive.read("pkg/data.txt") == b"x\0y"
        pyc = archive.read("pkg/thing.pyc")
    assert pyc[2:4] == b"\r\n"  # a CPython magic number: the browser's, not this Python's
    assert int.from_bytes(pyc[4:8], "little") == 0b01  # hash-based, unchecked (PEP 552)
    # Docstrings are gone, the assert's message and the code are not (searched in the bytes:
    # this process's marshal cannot read CPython 3.14's format).
    for text in (b"must not ship", b"A class docstring", b"Only a docstring", b"A function"):
        assert text not in pyc
    assert b"kept: only docstrings go" in pyc
    assert b"check" in pyc and b"method" in pyc
    assert stdlib_pyc.compile_zip(source) == compiled  # the same input, the same bytes


def test_class_docstrings_can_be_kept_and_only_they(node: str) -> None:
    """The engine wheel's form: a dataclass with its docstring does not build one from
    inspect.signature() when its module runs (slow in the browser)."""
    source = _zip({"pkg/thing.py": DOCUMENTED})
    with zipfile.ZipFile(io.BytesIO(stdlib_pyc.compile_zip(source, class_docstrings=True))) as z:
        pyc = z.read("pkg/thing.pyc")
    assert b"A class docstring" in pyc
    for text in (b"must not ship", b"Only a docstring", b"A function"):
        assert text not in pyc
    assert b"kept: only docstrings go" in pyc


def test_a_syntax_error_stops_the_build_with_the_module_named(node: str) -> None:
    with pytest.raises(runtime.RuntimeSetupError, match=r"stdlib_pyc\.mjs: .*broken\.py"):
        stdlib_pyc.compile_zip(_zip({"broken.py": b"def (:\n"}))


def test_the_trimmed_stdlib_compiles_whole_and_stays_near_its_source_size(node: str) -> None:
    trimmed = stdlib_trim.trimmed((runtime.pyodide_dir() / stdlib_trim.FILE_NAME).read_bytes())
    compiled = stdlib_pyc.compiled(trimmed)
    with (
        zipfile.ZipFile(io.BytesIO(trimmed)) as before,
        zipfile.ZipFile(io.BytesIO(compiled)) as after,
    ):
        expected = [name + "c" if name.endswith(".py") else name for name in before.namelist()]
        assert after.namelist() == expected
    # What a reader downloads once: at most a third more than the source (1.61 -> 1.96 MB).
    assert len(compiled) <= 1.34 * len(trimmed)
