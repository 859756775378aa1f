"""Validate a composed YAML node tree against a JSON Schema subset, and type it on the way.

MkDocs' config validation stops at the first bad key and jsonschema's messages speak of
instances, not of the maintainer's file. This walker supports only the keywords our schemas
use (a test keeps the schemas inside that subset), collects every problem with the line and
column of the offending key or value, and turns scalars into Python values exactly as the schema
asks: text stays text (``1.10`` stays ``"1.10"``), integers must be written as integers, booleans
as ``true``/``false``.
"""

from __future__ import annotations

import difflib
import json
import re
from functools import cache
from importlib import resources
from typing import Any

from generator.errors import Problem, join_path
from generator.i18n import N_, _
from generator.standard.strict_yaml import Alias, Mapping, Node, Scalar, Sequence

Schema = dict[str, Any]

SUPPORTED_KEYWORDS = frozenset(
    {
        "$schema",
        "$id",
        "$ref",
        "$defs",
        "title",
        "description",
        "markdownDescription",
        "examples",
        "default",
        "x-term",
        "x-hint",
        "x-vocabulary",
        "uniqueItems",
        "type",
        "properties",
        "required",
        "additionalProperties",
        "propertyNames",
        "items",
        "minItems",
        "maxItems",
        "enum",
        "pattern",
        "minLength",
        "maxLength",
        "minimum",
        "maximum",
    }
)
MAX_INTEGER_DIGITS = 18  # int() refuses very long digit strings; no count here needs more
_INTEGER = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_NULLS = frozenset({"", "~", "null"})
_BOOLEAN_LOOKALIKES = frozenset(
    {
        "yes",
        "no",
        "on",
        "off",
        "y",
        "n",
        "True",
        "False",
        "TRUE",
        "FALSE",
        "Yes",
        "No",
        "YES",
        "NO",
        "On",
        "Off",
    }
)
_KIND = {
    "string": N_("a text"),
    "integer": N_("an integer"),
    "boolean": N_("true or false"),
    "null": N_("null"),
    "object": N_("a mapping"),
    "array": N_("a list"),
}


@cache
def load_schema(name: str) -> Schema:
    """A schema shipped in ``generator/schemas/`` (e.g. ``competency``)."""
    text = resources.files("generator").joinpath(f"schemas/{name}.schema.json").read_text("utf-8")
    schema: Schema = json.loads(text)
    return schema


def _bounds(schema: Schema) -> str:
    low, high = schema.get("minimum"), schema.get("maximum")
    if low is not None and high is not None:
        return _("from {low} to {high}").format(low=low, high=high)
    if low is not None:
        return _("of at least {low}").format(low=low)
    if high is not None:
        return _("of at most {high}").format(high=high)
    return _("of at most {count} digits").format(count=MAX_INTEGER_DIGITS)


def _hint(schema: Schema, default: str = "") -> str:
    """The schema's ``x-hint`` in the current language (the catalog holds every one)."""
    hint = schema.get("x-hint")
    return _(hint) if hint else default


def _describe(node: Node) -> str:
    if isinstance(node, Mapping):
        return _("a mapping")
    if isinstance(node, Sequence):
        return _("a list")
    if not isinstance(node, Scalar):
        return _("an alias")
    if node.style is None and node.value in _NULLS:
        return _nothing()
    shown = node.value if len(node.value) <= 40 else node.value[:37] + "..."
    return f"'{shown}'"


MAX_LISTED = 50
"""Most schema problems listed per file; a flood of them (70,000 unknown keys fit in the size
limit) is counted in one more line, so the report comes in a second and stays readable."""


class Validator:
    """Walks one document; ``problems`` collects everything found."""

    def __init__(self, path: str, root_schema: Schema) -> None:
        self.path = path
        self.root_schema = root_schema
        self.problems: list[Problem] = []
        self.hidden = 0
        self.first_hidden: Node | None = None

    @property
    def full(self) -> bool:
        """:data:`MAX_LISTED` problems are listed: the rest are only counted."""
        return len(self.problems) >= MAX_LISTED

    def problem(self, node: Node, key_path: str, message: str, hint: str = "") -> None:
        if self.full:
            self.count_hidden(node)
            return
        self.problems.append(
            Problem(self.path, node.line, node.column, key_path or "(document)", message, hint)
        )

    def count_hidden(self, node: Node) -> None:
        self.hidden += 1
        if self.first_hidden is None:
            self.first_hidden = node

    def counted(self) -> list[Problem]:
        """The listed problems, and one line counting the others from where they start."""
        if self.first_hidden is None:
            return self.problems
        node = self.first_hidden
        more = Problem(
            self.path,
            node.line,
            node.column,
            "",
            _("{count} more problems in this file are not listed").format(count=self.hidden),
            _("fix the first {count} and validate again").format(count=MAX_LISTED),
            stands_for=self.hidden,
        )
        return [*self.problems, more]

    def _resolve(self, schema: Schema) -> Schema:
        while "$ref" in schema:
            ref = schema["$ref"]
            if not ref.startswith("#/$defs/"):
                raise ValueError(f"unsupported $ref {ref}")
            schema = self.root_schema["$defs"][ref.removeprefix("#/$defs/")]
        return schema

    def validate(self, node: Node, schema: Schema, key_path: str = "") -> Any:
        if isinstance(node, Alias):
            return None  # the reader has reported the alias; its stand-in is no data
        schema = self._resolve(schema)
        types = schema.get("type", [])
        types = [types] if isinstance(types, str) else list(types)
        value = self._typed(node, types, schema, key_path)
        if value is _INVALID:
            # An empty mapping stands in for a broken one, so later rules see "nothing here"
            # instead of tripping over a value of the wrong type.
            return {} if types == ["object"] else None
        if "enum" in schema and value not in schema["enum"]:
            options = ", ".join(f"'{o}'" for o in schema["enum"])
            close = difflib.get_close_matches(str(value), [str(o) for o in schema["enum"]], 1)
            self.problem(
                node,
                key_path,
                _("expected one of {options}, got {value}").format(
                    options=options, value=_describe(node)
                ),
                _("did you mean '{option}'?").format(option=close[0]) if close else _hint(schema),
            )
        if isinstance(value, str):
            self._check_string(node, value, schema, key_path)
        elif isinstance(value, int) and not isinstance(value, bool):
            low, high = schema.get("minimum"), schema.get("maximum")
            if (low is not None and value < low) or (high is not None and value > high):
                self.problem(
                    node,
                    key_path,
                    _("expected an integer {bounds}, got {value}").format(
                        bounds=_bounds(schema), value=value
                    ),
                    _hint(schema),
                )
        return value

    def _check_string(self, node: Node, value: str, schema: Schema, key_path: str) -> None:
        if len(value.strip()) < schema.get("minLength", 0):
            self.problem(
                node,
                key_path,
                _("expected a non-empty text, got an empty one"),
                _hint(schema),
            )
        elif "maxLength" in schema and len(value) > schema["maxLength"]:
            self.problem(
                node,
                key_path,
                _("text is too long ({count} characters; at most {limit})").format(
                    count=len(value), limit=schema["maxLength"]
                ),
                _hint(schema),
            )
        if "pattern" in schema and not re.fullmatch(schema["pattern"], value):
            self.problem(
                node,
                key_path,
                _("{value} is not in the expected form").format(value=_describe(node)),
                _hint(schema, _("it must match {pattern}").format(pattern=schema["pattern"])),
            )

    def _typed(self, node: Node, types: list[str], schema: Schema, key_path: str) -> Any:
        if isinstance(node, Mapping):
            if "object" in types:
                return self._object(node, schema, key_path)
        elif isinstance(node, Sequence):
            if "array" in types:
                return self._array(node, schema, key_path)
        elif isinstance(node, Scalar):
            plain = node.style is None
            if plain and node.value in _NULLS:
                if "null" in types:
                    return None
            elif "integer" in types and plain and _INTEGER.fullmatch(node.value):
                if len(node.value.lstrip("+-")) > MAX_INTEGER_DIGITS:
                    self.problem(
                        node,
                        key_path,
                        _("expected an integer {bounds}, got {value}").format(
                            bounds=_bounds(schema), value=_describe(node)
                        ),
                        _hint(schema),
                    )
                    return _INVALID
                return int(node.value)
            elif "boolean" in types and plain and node.value in ("true", "false"):
                return node.value == "true"
            elif "string" in types:
                return node.value
        if not types:
            return _INVALID
        expected = _(" or ").join(_(_KIND[t]) for t in types)
        got = _describe(node)
        hint = _hint(schema)
        if isinstance(node, Scalar):
            if "boolean" in types and node.value in _BOOLEAN_LOOKALIKES:
                hint = _("write true or false in lower case")
            elif "integer" in types and node.style is not None and _INTEGER.fullmatch(node.value):
                hint = _("remove the quotes")
            elif "integer" in types and re.fullmatch(r"[-+]?0[0-9]+", node.value):
                hint = _("write the number without leading zeros")
            elif got == _nothing() and "array" in types:
                expected = _("a non-empty list") if schema.get("minItems") else _("a list")
        message = _("expected {expected}, got {value}").format(expected=expected, value=got)
        self.problem(node, key_path, message, hint)
        return _INVALID

    def _object(self, node: Mapping, schema: Schema, key_path: str) -> dict[str, Any]:
        properties: dict[str, Schema] = schema.get("properties", {})
        extra = schema.get("additionalProperties", True)
        names_schema = schema.get("propertyNames")
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, Scalar):
                continue  # reported by the strict reader
            key = key_node.value
            child_path = join_path(key_path, key)
            if key in properties:
                result[key] = self.validate(value_node, properties[key], child_path)
            elif extra is False:
                if self.full:  # a flood of unknown keys: no suggestion search for each
                    self.count_hidden(key_node)
                    continue
                close = difflib.get_close_matches(key, list(properties), 1)
                hint = (
                    _("did you mean '{option}'?").format(option=close[0])
                    if close
                    else _("allowed keys: {keys}").format(keys=", ".join(properties))
                )
                message = _("unknown key '{key}'").format(key=key)
                self.problem(key_node, child_path, message, hint)
            else:
                if names_schema is not None:
                    self.validate(key_node, names_schema, child_path)
                result[key] = self.validate(
                    value_node, extra if isinstance(extra, dict) else {}, child_path
                )
        for name in schema.get("required", []):
            if name not in result and not any(
                isinstance(k, Scalar) and k.value == name for k, _ in node.value
            ):
                prop = self._resolve(properties.get(name, {}))
                self.problem(
                    node,
                    key_path,
                    _("missing required key '{key}'").format(key=name),
                    _hint(prop),
                )
        return result

    def _array(self, node: Sequence, schema: Schema, key_path: str) -> list[Any]:
        items = schema.get("items", {})
        result = [
            self.validate(child, items, join_path(key_path, i))
            for i, child in enumerate(node.value)
        ]
        if schema.get("uniqueItems"):
            self._unique(node, result, key_path)
        count = len(node.value)
        if count < schema.get("minItems", 0):
            wanted = schema["minItems"]
            message = (
                _("expected a non-empty list, got an empty one")
                if wanted == 1
                else _("expected at least {wanted} items, got {count}").format(
                    wanted=wanted, count=count
                )
            )
            self.problem(node, key_path, message, _hint(schema))
        if "maxItems" in schema and count > schema["maxItems"]:
            self.problem(
                node,
                key_path,
                _("expected at most {limit} items, got {count}").format(
                    limit=schema["maxItems"], count=count
                ),
                _hint(schema),
            )
        return result

    def _unique(self, node: Sequence, values: list[Any], key_path: str) -> None:
        """Texts that repeat an earlier item, ignoring letter case and extra spaces (a search
        finds both the same way)."""
        first: dict[str, int] = {}
        for index, value in enumerate(values):
            if not isinstance(value, str):
                continue
            folded = " ".join(value.casefold().split())
            if folded in first:
                earlier = join_path(key_path, first[folded])
                self.problem(
                    node.value[index],
                    join_path(key_path, index),
                    _("{value} repeats {earlier}").format(
                        value=_describe(node.value[index]), earlier=earlier
                    ),
                    _("give each item once"),
                )
            else:
                first[folded] = index


_INVALID: Any = object()


def _nothing() -> str:
    return _("nothing (null)")


def validate(node: Node, schema_name: str, path: str) -> tuple[Any, list[Problem]]:
    """Type ``node`` against the named schema; returns the value and every problem found."""
    schema = load_schema(schema_name)
    validator = Validator(path, schema)
    value = validator.validate(node, schema)
    return value, validator.counted()
