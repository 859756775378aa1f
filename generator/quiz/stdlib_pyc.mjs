// Kompetensi ASN — run by generator/quiz/stdlib_pyc.py at build time (Node): compiles every .py
// entry of the (trimmed) python_stdlib.zip to bytecode with the very CPython the browser runs
// (Pyodide's, from node_modules), so the browser no longer compiles the standard library's
// source on every start of the quiz.
//
// Usage: node stdlib_pyc.mjs <pyodide folder> <input zip> <output zip> [keep-class-docstrings]
//
// keep-class-docstrings (the engine wheel): a dataclass without a docstring makes one from
// inspect.signature() when its module runs, which costs more in the browser than the class
// docstrings weigh; all other docstrings go (as with python -OO).

import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import path from "node:path";

const [folder, input, output, option] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(path.join(folder, "pyodide.mjs")).href);
// Without column ranges the bytecode is smaller (tracebacks lose their ^^^ markers only).
const pyodide = await loadPyodide({
  indexURL: folder + path.sep,
  env: { PYTHONNODEBUGRANGES: "1", PYTHONHASHSEED: "0" },
  stdout: () => {},
});
pyodide.FS.writeFile("/tmp/in.zip", readFileSync(input));
pyodide.globals.set("KEEP_CLASS_DOCSTRINGS", option === "keep-class-docstrings");
try {
  pyodide.runPython(`
import ast, importlib.util, marshal, zipfile

DOCUMENTED = (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef) + (
    () if KEEP_CLASS_DOCSTRINGS else (ast.ClassDef,)
)


def without_docstrings(tree):
    # As python -OO does, but assert statements stay.
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(node, DOCUMENTED) and body and isinstance(body[0], ast.Expr):
            value = body[0].value
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                node.body = body[1:] or [ast.copy_location(ast.Pass(), body[0])]
    return tree


def bytecode(source, name):
    try:
        tree = without_docstrings(ast.parse(source, name))
    except SyntaxError as error:
        raise RuntimeError(f"{name}:{error.lineno}: {error.msg}") from None
    code = compile(tree, name, "exec", dont_inherit=True)
    # Unchecked hash-based pyc (PEP 552): no source to compare with, no timestamp in it.
    flags = (0b01).to_bytes(4, "little")
    return importlib.util.MAGIC_NUMBER + flags + importlib.util.source_hash(source) + marshal.dumps(code)


with zipfile.ZipFile("/tmp/in.zip") as source, zipfile.ZipFile("/tmp/out.zip", "w") as target:
    for info in source.infolist():
        data = source.read(info)
        name = info.filename
        if name.endswith(".py"):
            data, name = bytecode(data, name), name + "c"
        copy = zipfile.ZipInfo(name, date_time=info.date_time)
        copy.external_attr = info.external_attr
        copy.create_system = info.create_system
        copy.compress_type = zipfile.ZIP_DEFLATED
        target.writestr(copy, data, compresslevel=9)
`);
} catch (error) {
  // One line for the build's message: the last of Python's traceback.
  process.stderr.write(String(error.message).trim().split("\n").pop() + "\n");
  process.exit(1);
}
writeFileSync(output, pyodide.FS.readFile("/tmp/out.zip"));
