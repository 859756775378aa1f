"""The engine wheel: deterministic, complete, valid RECORD, importable with the stdlib alone;
the shipped form compiled to bytecode by Pyodide's CPython."""

from __future__ import annotations

import ast
import base64
import csv
import hashlib
import importlib.util
import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

import generator
from generator import precompress
from generator.engine import assess
from generator.quiz import runtime, stdlib_pyc, stdlib_trim, wheel


def _names(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.namelist()


def test_two_builds_are_byte_identical() -> None:
    assert wheel.build().data == wheel.build().data


def test_file_name_and_contents() -> None:
    built = wheel.build()
    assert built.filename == "kompetensi_asn_engine-0.1.0-py3-none-any.whl"
    names = _names(built.data)
    assert "generator/__init__.py" in names
    assert "generator/engine/__init__.py" in names
    assert "generator/engine/assessment.py" in names
    for module in ("bridge", "report", "chart", "recap_bridge"):
        assert f"generator/browser/{module}.py" in names
    # Build-time modules (Jinja2, MkDocs, PyYAML users) stay out of the browser.
    assert not [name for name in names if name.startswith("generator/quiz/")]
    assert "generator/plugin.py" not in names
    assert not [name for name in names if "__pycache__" in name or name.endswith(".pyc")]
    dist_info = "kompetensi_asn_engine-0.1.0.dist-info"
    assert names[-1] == f"{dist_info}/RECORD"
    assert {f"{dist_info}/METADATA", f"{dist_info}/WHEEL"} <= set(names)


def test_the_wheel_ships_exactly_the_shipped_packages_files() -> None:
    """Whole packages, no list of module names: a new module of either package ships by itself;
    beside them only the Indonesian catalog the bridge reads (the engine's messages)."""
    root = Path(generator.__file__).resolve().parent
    expected = {"generator/__init__.py", "generator/locale/id/LC_MESSAGES/kompetensi.mo"}
    for package in ("browser", "engine"):
        for path in (root / package).rglob("*.py"):
            if "__pycache__" not in path.parts:
                expected.add(path.relative_to(root.parent).as_posix())
    assert wheel.SHIPPED_PACKAGES == ("browser", "engine")
    shipped = {name for name in _names(wheel.build().data) if ".dist-info/" not in name}
    assert shipped == expected


def test_a_module_added_to_a_shipped_package_ships(tmp_path: Path) -> None:
    root = tmp_path / "generator"
    for package in wheel.SHIPPED_PACKAGES:
        (root / package / "deeper").mkdir(parents=True)
        (root / package / "__init__.py").write_text("", encoding="utf-8")
        (root / package / "deeper" / "new.py").write_text("X = 1\n", encoding="utf-8")
        (root / package / "__pycache__").mkdir()
        (root / package / "__pycache__" / "new.cpython-311.pyc").write_bytes(b"\0")
    (root / "__init__.py").write_text("", encoding="utf-8")
    for name in wheel.SHIPPED_DATA:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(b"catalog")
    (root / "quiz").mkdir()
    (root / "quiz" / "page.py").write_text("import jinja2\n", encoding="utf-8")
    names = [name for name, _ in wheel.source_files(root)]
    assert names == [
        "generator/__init__.py",
        "generator/browser/__init__.py",
        "generator/browser/deeper/new.py",
        "generator/engine/__init__.py",
        "generator/engine/deeper/new.py",
        "generator/locale/id/LC_MESSAGES/kompetensi.mo",
    ]


def test_record_lists_every_file_with_its_hash() -> None:
    _check_record(wheel.build().data)


def _check_record(data: bytes, tag: str = "py3-none-any") -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        record_name = next(name for name in archive.namelist() if name.endswith("/RECORD"))
        rows = list(csv.reader(io.StringIO(archive.read(record_name).decode())))
        listed = {row[0]: row for row in rows}
        assert set(listed) == set(archive.namelist())
        assert listed[record_name][1:] == ["", ""]
        for name in archive.namelist():
            if name == record_name:
                continue
            data = archive.read(name)
            digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
            assert listed[name][1:] == [f"sha256={digest.decode()}", str(len(data))]
        metadata = archive.read("kompetensi_asn_engine-0.1.0.dist-info/METADATA").decode()
        assert "Name: kompetensi-asn-engine\nVersion: 0.1.0\n" in metadata
        wheel_file = archive.read("kompetensi_asn_engine-0.1.0.dist-info/WHEEL").decode()
        assert "Root-Is-Purelib: true" in wheel_file
        assert f"Tag: {tag}" in wheel_file
        for info in archive.infolist():
            assert info.date_time == (1980, 1, 1, 0, 0, 0)
            assert info.external_attr >> 16 == 0o644


def test_the_wheel_runs_on_the_standard_library_alone(
    tmp_path: Path, export: dict[str, Any]
) -> None:
    """Import the bridge from the wheel in an isolated interpreter without site-packages."""
    path = tmp_path / wheel.build().filename
    path.write_bytes(wheel.build().data)
    (tmp_path / "export.json").write_text(json.dumps(export), encoding="utf-8")
    ratings = {"integritas.1.1": 4, "integritas.1.2": 3, "integritas.1.3": 3}
    code = (
        "import sys, json; sys.path.insert(0, sys.argv[1]);"
        "from generator.browser import bridge;"
        "assert json.loads(bridge.load(open(sys.argv[2]).read()))['ok'];"
        "print(bridge.run_assessment(sys.argv[3]));"
        "assert not [m for m in sys.modules if m.split('.')[0] in ('yaml', 'jinja2', 'mkdocs')]"
    )
    request = json.dumps({"ratings": ratings, "position": "pengawas"})
    completed = subprocess.run(
        [sys.executable, "-I", "-S", "-c", code, str(path), str(tmp_path / "export.json"), request],
        capture_output=True,
        text=True,
        check=True,
    )
    answer = json.loads(completed.stdout)
    assert answer["ok"] is True
    assert answer["result"] == assess(export, ratings, position="pengawas")


# ---- the wheel the site ships: bytecode compiled by Pyodide's CPython (stdlib_pyc) -------------
# That the quiz runs from it in Chromium, importing every engine module sourceless, is proven by
# tests/e2e/test_quiz_pyodide_engine.py (the built site ships this wheel).


def test_the_shipped_wheel_holds_bytecode_for_every_module_and_nothing_else_changes(
    node: str,
) -> None:
    source, compiled = wheel.build(), wheel.build(compiled=True)
    assert compiled.filename == "kompetensi_asn_engine-0.1.0-cp314-none-any.whl"
    _check_record(compiled.data, "cp314-none-any")
    modules = {name for name in _names(source.data) if name.endswith(".py")}
    assert len(modules) > 20
    with (
        zipfile.ZipFile(io.BytesIO(source.data)) as before,
        zipfile.ZipFile(io.BytesIO(compiled.data)) as after,
    ):
        # Each module becomes its .pyc beside where its .py was (sourceless, as zipimport and
        # site-packages load it); the catalog and the dist-info stay, in the same order.
        expected = [name + "c" if name in modules else name for name in before.namelist()]
        assert after.namelist() == expected
        assert not [name for name in after.namelist() if name.endswith(".py")]
        # Class docstrings stay (a dataclass without one runs inspect.signature() to make
        # one, in the browser, as its module is imported); module docstrings go, as -OO.
        kept = gone = 0
        for name in modules:
            tree, pyc = ast.parse(before.read(name)), after.read(name + "c")
            for node in ast.walk(tree):
                if not isinstance(node, ast.Module | ast.ClassDef):
                    continue
                doc = ast.get_docstring(node)
                if doc:
                    first = doc.splitlines()[0]
                    present = first.encode() in pyc
                    assert present == isinstance(node, ast.ClassDef), (name, first)
                    kept, gone = kept + present, gone + (not present)
        assert kept > 20 and gone > 20
        magic = {after.read(name + "c")[:4] for name in modules}
        flags = {int.from_bytes(after.read(name + "c")[4:8], "little") for name in modules}
        catalog = "generator/" + wheel.SHIPPED_DATA[0]
        assert after.read(catalog) == before.read(catalog)
        metadata = after.read("kompetensi_asn_engine-0.1.0.dist-info/METADATA").decode()
    # One CPython's bytecode, the standard library's (the browser's), not this Python's.
    with zipfile.ZipFile(io.BytesIO(_compiled_stdlib())) as stdlib:
        assert magic == {stdlib.read("json/__init__.pyc")[:4]}
    assert magic != {importlib.util.MAGIC_NUMBER}
    assert flags == {0b01}  # unchecked hash-based (PEP 552): no source to compare with
    assert "Requires-Python: ==3.14.*" in metadata


def test_the_shipped_wheel_is_built_deterministically(
    node: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two compiles (no cache between them) give the same bytes: the URL's hash holds."""
    first = wheel.build(compiled=True).data
    monkeypatch.setenv("KOMPETENSI_CACHE_DIR", "")
    monkeypatch.setattr(precompress, "_memory", {})
    assert wheel.build(compiled=True).data == first


def _compiled_stdlib() -> bytes:
    trimmed = stdlib_trim.trimmed((runtime.pyodide_dir() / stdlib_trim.FILE_NAME).read_bytes())
    return stdlib_pyc.compiled(trimmed)
