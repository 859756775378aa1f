"""The engine imports nothing but the standard library: it must run on Pyodide as a bare wheel."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

from engine_testdata import FIXTURE

ROOT = Path(__file__).resolve().parents[2]
ENGINE = ROOT / "generator" / "engine"

PROBE = """
import json, sys
sys.path.insert(0, sys.argv[1])
before = set(sys.modules)
from generator.engine import assess
from generator.engine.report import to_markdown
dictionary = json.load(open(sys.argv[2], encoding="utf-8"))
result = assess(dictionary, {"integritas.1.1": 4}, position="administrator")
to_markdown(dictionary, result)
print(json.dumps(sorted(set(sys.modules) - before)))
"""


def test_engine_modules_import_only_the_standard_library() -> None:
    for path in sorted(ENGINE.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level:
                assert node.level == 1, f"{path.name}: relative import leaves the engine"
                continue
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                assert top in sys.stdlib_module_names or top == "__future__", (
                    f"{path.name}:{node.lineno}: imports {name}"
                )


def test_running_the_engine_loads_only_the_standard_library() -> None:
    # -I: isolated mode, no site-packages, no user site, no PYTHON* variables.
    output = subprocess.run(
        [sys.executable, "-I", "-c", PROBE, str(ROOT), str(FIXTURE)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    loaded = json.loads(output)
    ours = [name for name in loaded if name.split(".")[0] == "generator"]
    assert all(name == "generator" or name.startswith("generator.engine") for name in ours), ours
    foreign = [
        name
        for name in loaded
        if name.split(".")[0] not in sys.stdlib_module_names and name.split(".")[0] != "generator"
    ]
    assert foreign == []
    assert "generator.engine.plan" in loaded
