"""The glossary of the standards files, generated from the JSON Schemas.

Every property of every schema in ``generator/schemas/`` becomes one row: the file it lives in,
its key path (``levels[].indicators[].id``), its Indonesian term (``x-term``), its meaning
(``description``), its type and whether it is required. The maintainer handbook includes the
table where its page says ``<!-- glossary -->``, so the glossary cannot drift from the schemas the
validator and the editor use.

Pure Python: imports no MkDocs (the plugin does the replacing).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources

from generator.standard.schema import Schema, load_schema

MARKER = "<!-- glossary -->"
FREE_KEY = "<kode>"

# The file each schema describes, in the order of the handbook's tour; a schema added later
# without an entry here still gets its rows, after these, under its own name.
SCHEMA_FILES = {
    "framework": "framework.yaml",
    "positions": "positions.yaml",
    "competency": "competencies/<kode>.yaml",
    "learning": "learning/<kode>.yaml",
    "dictionary": "dictionaries/<kode>.yaml",
    "position": "positions/<kode>.yaml",
}

_TYPE_NAMES = {
    "string": "teks",
    "integer": "bilangan bulat",
    "boolean": "`true`/`false`",
    "null": "`null`",
    "object": "pemetaan",
    "array": "daftar",
}


@dataclass(frozen=True)
class Row:
    """One key of one standards file."""

    file: str
    key_path: str
    term: str
    meaning: str
    type: str
    required: bool


def schema_names() -> list[str]:
    """Every schema shipped in ``generator/schemas/``, the known ones first."""
    folder = resources.files("generator").joinpath("schemas")
    found = sorted(
        entry.name.removesuffix(".schema.json")
        for entry in folder.iterdir()
        if entry.name.endswith(".schema.json")
    )
    known = [name for name in SCHEMA_FILES if name in found]
    return known + [name for name in found if name not in SCHEMA_FILES]


def _resolve(root: Schema, schema: Schema) -> Schema:
    while "$ref" in schema:
        ref = schema["$ref"]
        if not ref.startswith("#/$defs/"):
            raise ValueError(f"unsupported $ref {ref}")
        schema = root["$defs"][ref.removeprefix("#/$defs/")]
    return schema


def _types(schema: Schema) -> list[str]:
    types = schema.get("type", [])
    return [types] if isinstance(types, str) else list(types)


def describe_type(schema: Schema) -> str:
    """The expected value in a few Indonesian words: ``bilangan bulat 1–5``, ``daftar (≥ 1 butir)``."""
    if "enum" in schema:
        return "salah satu dari " + ", ".join(f"`{value}`" for value in schema["enum"])
    words = [_TYPE_NAMES.get(t, t) + _bounds(t, schema) for t in _types(schema)]
    return " atau ".join(words) or "bebas"


def _bounds(type_name: str, schema: Schema) -> str:
    if type_name == "integer":
        low, high = schema.get("minimum"), schema.get("maximum")
        if low is not None and high is not None:
            return f" {low}–{high}"
        if low is not None:
            return f" ≥ {low}"
        if high is not None:
            return f" ≤ {high}"
    if type_name == "array":
        low, high = schema.get("minItems", 0), schema.get("maxItems")
        if high is not None and low == high:
            return f" ({low} butir)"
        if high is not None:
            return f" ({low}–{high} butir)"
        if low:
            return f" (≥ {low} butir)"
    return ""


def _walk(root: Schema, schema: Schema, prefix: str, file: str) -> Iterator[Row]:
    schema = _resolve(root, schema)
    types = _types(schema)
    if "array" in types and isinstance(schema.get("items"), dict):
        yield from _walk(root, schema["items"], prefix + "[]", file)
        return
    required = set(schema.get("required", []))
    for name, child in schema.get("properties", {}).items():
        resolved = _resolve(root, child)
        path = f"{prefix}.{name}" if prefix else name
        yield Row(
            file=file,
            key_path=path,
            term=str(resolved.get("x-term", "")),
            meaning=str(resolved.get("description", "")),
            type=describe_type(resolved),
            required=name in required,
        )
        yield from _walk(root, resolved, path, file)
    extra = schema.get("additionalProperties")
    if isinstance(extra, dict) and extra:
        # Free keys (e.g. the competency codes under targets): one row for all of them.
        resolved = _resolve(root, extra)
        path = f"{prefix}.{FREE_KEY}" if prefix else FREE_KEY
        yield Row(
            file=file,
            key_path=path,
            term=str(resolved.get("x-term", schema.get("x-term", ""))),
            meaning=str(resolved.get("description", schema.get("description", ""))),
            type=describe_type(resolved),
            required=False,
        )
        yield from _walk(root, resolved, path, file)


def rows(names: list[str] | None = None) -> list[Row]:
    """Every property of the named schemas (default: all of them), in schema order."""
    result: list[Row] = []
    for name in schema_names() if names is None else names:
        schema = load_schema(name)
        result.extend(_walk(schema, schema, "", SCHEMA_FILES.get(name, f"{name}.yaml")))
    return result


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell: no raw HTML, no column breaks."""
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("|", "\\|")
        .replace("\n", " ")
    )


def _code(text: str) -> str:
    # Code spans show < and > literally; only the column separator needs escaping.
    return "`" + text.replace("|", "\\|") + "`"


def render_glossary(names: list[str] | None = None) -> str:
    """The glossary as one Markdown table (with a trailing newline)."""
    lines = [
        "| Berkas | Kunci | Istilah | Makna | Jenis isian | Wajib |",
        "|---|---|---|---|---|---|",
    ]
    for row in rows(names):
        lines.append(
            "| "
            + " | ".join(
                (
                    _code(row.file),
                    _code(row.key_path),
                    _cell(row.term) or "—",
                    _cell(row.meaning) or "—",
                    row.type.replace("|", "\\|"),
                    "ya" if row.required else "tidak",
                )
            )
            + " |"
        )
    return "\n".join(lines) + "\n"


def replace_marker(markdown: str) -> str:
    """``markdown`` with the line ``<!-- glossary -->`` replaced by the table."""
    out: list[str] = []
    for line in markdown.splitlines(keepends=True):
        if line.strip() == MARKER:
            out.append(render_glossary())
        else:
            out.append(line)
    return "".join(out)
