"""What the browser runs imports nothing but the standard library: the shipped packages
(``generator/__init__.py``, :mod:`generator.engine`, :mod:`generator.browser`) run on Pyodide as
a bare wheel, where PyYAML, Jinja2 and MkDocs do not exist."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

from engine_testdata import FIXTURE

from generator.quiz import stdlib_trim, wheel

ROOT = Path(__file__).resolve().parents[2]
GENERATOR = ROOT / "generator"
SHIPPED = [f"generator.{package}" for package in wheel.SHIPPED_PACKAGES]

PROBE = """
import importlib, json, sys
sys.path.insert(0, sys.argv[1])
before = set(sys.modules)
from generator.engine import assess
from generator.engine.report import to_markdown
dictionary = json.load(open(sys.argv[2], encoding="utf-8"))
result = assess(dictionary, {"integritas.1.1": 4}, position="administrator")
to_markdown(dictionary, result)
from generator.browser import bridge
assert json.loads(bridge.load(json.dumps(dictionary)))["ok"]
request = {"ratings": {"integritas.1.1": 4}, "position": "administrator"}
assert json.loads(bridge.run_assessment(json.dumps(request)))["ok"]
for module in json.loads(sys.argv[3]):
    importlib.import_module(module)
print(json.dumps(sorted(set(sys.modules) - before)))
"""


def _shipped_modules() -> list[tuple[Path, str]]:
    """(file, dotted module name) of every module of the shipped packages."""
    modules = [(GENERATOR / "__init__.py", "generator")]
    for package in wheel.SHIPPED_PACKAGES:
        for path in sorted((GENERATOR / package).rglob("*.py")):
            dotted = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            modules.append((path, dotted.removesuffix(".__init__")))
    return modules


def _shipped(name: str) -> bool:
    return name == "generator" or any(name == p or name.startswith(p + ".") for p in SHIPPED)


def test_the_shipped_packages_are_the_engine_and_the_browser_bridge() -> None:
    assert SHIPPED == ["generator.browser", "generator.engine"]
    names = [name for _, name in _shipped_modules()]
    assert {"generator.engine.assessment", "generator.browser.bridge"} <= set(names)
    assert "generator.browser.recap_bridge" in names


def _imports() -> list[tuple[str, str]]:
    """(where, imported module) of every absolute import of the shipped modules, lazy ones
    inside functions included; a relative import must stay in its package."""
    found: list[tuple[str, str]] = []
    for path, module in _shipped_modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            where = f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', 0)}: {module}"
            if isinstance(node, ast.ImportFrom) and node.level:
                assert node.level == 1, f"{where}: a relative import leaves its package"
            elif isinstance(node, ast.ImportFrom) and node.module == "generator":
                # ``from generator import x`` brings in generator.x: it must be shipped too.
                found += [(where, f"generator.{alias.name}") for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                found.append((where, node.module or ""))
            elif isinstance(node, ast.Import):
                found += [(where, alias.name) for alias in node.names]
    return found


def test_shipped_modules_import_only_the_standard_library_and_each_other() -> None:
    for where, name in _imports():
        top = name.split(".")[0]
        allowed = top in sys.stdlib_module_names or top == "__future__" or _shipped(name)
        assert allowed, f"{where} imports {name}"


def test_no_shipped_module_imports_what_the_trimmed_stdlib_leaves_out() -> None:
    """The browser's standard library is trimmed (:mod:`generator.quiz.stdlib_trim`): a shipped
    module importing a removed module would work here and fail only in Pyodide."""
    missing = [
        f"{where} imports {name}"
        for where, name in _imports()
        if name.split(".")[0] in sys.stdlib_module_names
        and stdlib_trim.excluded(name.replace(".", "/") + ".py")
    ]
    assert missing == []


def test_running_the_shipped_code_loads_only_the_standard_library() -> None:
    modules = [name for _, name in _shipped_modules()]
    # -I: isolated mode, no site-packages, no user site, no PYTHON* variables.
    output = subprocess.run(
        [sys.executable, "-I", "-c", PROBE, str(ROOT), str(FIXTURE), json.dumps(modules)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    loaded = json.loads(output)
    ours = [name for name in loaded if name.split(".")[0] == "generator"]
    assert all(_shipped(name) for name in ours), ours
    foreign = [
        name
        for name in loaded
        if name.split(".")[0] not in sys.stdlib_module_names and name.split(".")[0] != "generator"
    ]
    assert foreign == []
    assert {"generator.engine.plan", "generator.browser.recap_bridge"} <= set(loaded)


def test_every_shipped_dataclass_has_a_docstring() -> None:
    # The bytecode wheel strips module and function docstrings but keeps class ones, because a
    # dataclass without one builds it from inspect.signature() at import: about 10 ms a class
    # in Pyodide, paid before the quiz's engine is ready.
    missing = [
        f"{module}.{node.name}"
        for path, module in _shipped_modules()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ClassDef)
        and any("dataclass" in ast.unparse(decorator) for decorator in node.decorator_list)
        and ast.get_docstring(node) is None
    ]
    assert missing == []
