"""A typed, indexed view of the exported dictionary (``kompetensi.json``, schema_version 1).

The engine receives the export as a plain JSON-decoded dict (in the browser it comes straight
from ``JSON.parse``). This module reads only the parts the engine needs, indexes them once per
call, and reports a structurally broken export as :class:`DictionaryError` with the key path
instead of a ``KeyError`` deep inside the scoring code. It is not the data validator: the
export is produced from validated YAML, so this checks shapes, not content rules.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from .wording import _

SUPPORTED_SCHEMA_VERSION = 1
# How a level counts as met (see generator.engine.levels); an export made before the rule was
# configurable has no level_rule and meant "all".
LEVEL_RULES = ("all", "majority", "mean")
DEFAULT_LEVEL_RULE = "all"
TECHNICAL_GROUP = "teknis"

_T = TypeVar("_T")


class DictionaryError(Exception):
    """The dictionary passed to the engine is not a usable export (wrong shape or version)."""


@dataclass(frozen=True)
class Competency:
    """A competency's id, name and indicator ids per level (index 0 is level 1)."""

    id: str
    name: str
    levels: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Activity:
    """One catalogue activity that helps someone reach ``level`` of a competency.

    ``arranged_by_agency`` marks a placement, exchange or leadership programme that only the
    agency can assign: the employee cannot simply take it within a personal JP allowance.
    """

    id: str
    competency: str
    level: int
    category: str
    form: str
    jp: int
    text: str
    arranged_by_agency: bool = False


@dataclass(frozen=True)
class Category:
    """A 70:20:10 learning category: its id ("70", "20", "10"), share and name."""

    id: str
    percent: int
    name: str


@dataclass(frozen=True)
class Dictionary:
    """The parts of the export the engine uses, indexed for lookup."""

    standards_version: str
    level_names: Mapping[int, str]
    max_level: int
    scale_min: int
    scale_max: int
    scale_labels: Mapping[int, str]
    met_threshold: int
    level_rule: str
    default_jp: int
    categories: tuple[Category, ...]
    form_names: Mapping[str, str]
    activities: Mapping[tuple[str, int, str], tuple[Activity, ...]]
    competencies: tuple[Competency, ...]
    competency_by_id: Mapping[str, Competency]
    indicator_ids: frozenset[str]
    position_targets: Mapping[str, Mapping[str, int | None]]
    position_names: Mapping[str, str]
    default_focus: int = 3
    """How many competencies a plan works on (``assessment.focus``; 3 in older exports)."""
    activity_by_id: Mapping[str, Activity] = field(default_factory=dict)
    indicator_texts: Mapping[str, str] = field(default_factory=dict)
    """Each indicator's statement, for the reports that name the deciding ones."""
    form_evidence: Mapping[str, str] = field(default_factory=dict)
    """Each learning form's evidence of completion (optional in the export)."""
    position_basis: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    """What each position's targets rest on (the export's ``basis``: status, label, text)."""
    technical: frozenset[str] = frozenset()
    """Ids of the technical competencies (``group: teknis``): assessed only for a position that
    lists them (see :mod:`generator.engine.scope`)."""
    out_of_scope: frozenset[str] = frozenset()
    """Technical competencies left out of this view by :func:`generator.engine.scope.scoped`,
    so a message can say why their ids are refused."""
    scopes: dict[str | None, Dictionary] = field(default_factory=dict, compare=False, repr=False)
    """The views :func:`generator.engine.scope.scoped` made of this one, per position (a cache:
    the same inputs give the same view)."""

    def scale_label(self, value: int) -> str:
        """The scale's label for ``value`` (e.g. 3 -> "Sering"), or the number itself."""
        return self.scale_labels.get(value, str(value))

    def level_name(self, level: int) -> str:
        """The framework's name for ``level`` (e.g. 2 -> "Dasar"), or an empty string."""
        return self.level_names.get(level, "")


def _get(data: Any, key: str, kind: type[_T], path: str) -> _T:
    """``data[key]`` checked to be a ``kind``; raises :class:`DictionaryError` naming the path."""
    where = f"{path}.{key}" if path else key
    if not isinstance(data, dict) or key not in data:
        raise DictionaryError(f"{where}: " + _("missing from the exported dictionary"))
    value = data[key]
    # bool is an int subclass; an export never uses true/false where a number belongs.
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise DictionaryError(f"{where}: expected {kind.__name__}, got {type(value).__name__}")
    return value


def _items(data: Any, key: str, path: str) -> list[tuple[str, dict[str, Any]]]:
    """The list ``data[key]`` as (path of the item, item) pairs, each item checked to be a dict."""
    where = f"{path}.{key}" if path else key
    items: list[tuple[str, dict[str, Any]]] = []
    for index, item in enumerate(_get(data, key, list, path)):
        item_path = f"{where}[{index}]"
        if not isinstance(item, dict):
            raise DictionaryError(f"{item_path}: expected dict, got {type(item).__name__}")
        items.append((item_path, item))
    return items


def _flag(data: dict[str, Any], key: str, path: str) -> bool:
    """An optional boolean: absent means false (exports made before the key existed)."""
    return key in data and _get(data, key, bool, path)


def _position_targets(path: str, position: dict[str, Any]) -> dict[str, int | None]:
    targets: dict[str, int | None] = {}
    for competency, target in _get(position, "targets", dict, path).items():
        if target is not None and (not isinstance(target, int) or isinstance(target, bool)):
            raise DictionaryError(f"{path}.targets.{competency}: expected int or null")
        targets[str(competency)] = target
    return targets


def _indicator(path: str, indicator: dict[str, Any], texts: dict[str, str]) -> str:
    """An indicator's id; its statement (optional in the engine's view) goes into ``texts``."""
    key = _get(indicator, "id", str, path)
    if "text" in indicator:
        texts[key] = _get(indicator, "text", str, path)
    return key


def _level_rule(assessment: dict[str, Any]) -> str:
    if "level_rule" not in assessment:
        return DEFAULT_LEVEL_RULE
    rule = _get(assessment, "level_rule", str, "assessment")
    if rule not in LEVEL_RULES:
        raise DictionaryError(
            f"assessment.level_rule: expected one of {', '.join(LEVEL_RULES)}, got {rule!r}"
        )
    return rule


def read_dictionary(export: Mapping[str, Any] | Dictionary) -> Dictionary:
    """Index the export for the engine; raises :class:`DictionaryError` if it is unusable.

    A :class:`Dictionary` is returned as it is: a caller that assesses many times (the browser's
    bridge) reads the export once and passes the view, instead of re-checking it every call.
    """
    if isinstance(export, Dictionary):
        return export
    data = dict(export)
    version = _get(data, "schema_version", int, "")
    if version != SUPPORTED_SCHEMA_VERSION:
        message = _("expected {expected}, got {value}").format(
            expected=SUPPORTED_SCHEMA_VERSION, value=version
        )
        raise DictionaryError(f"schema_version: {message}")
    framework = _get(data, "framework", dict, "")
    assessment = _get(data, "assessment", dict, "")
    scale = _get(assessment, "scale", dict, "assessment")
    learning = _get(data, "learning", dict, "")

    level_names = {
        _get(item, "level", int, path): _get(item, "name", str, path)
        for path, item in _items(framework, "levels", "framework")
    }
    competencies: list[Competency] = []
    texts: dict[str, str] = {}
    for path, item in _items(data, "competencies", ""):
        levels = tuple(
            tuple(
                _indicator(indicator_path, indicator, texts)
                for indicator_path, indicator in _items(level, "indicators", level_path)
            )
            for level_path, level in _items(item, "levels", path)
        )
        competencies.append(
            Competency(_get(item, "id", str, path), _get(item, "name", str, path), levels)
        )

    activities: dict[tuple[str, int, str], list[Activity]] = {}
    for path, item in _items(learning, "activities", "learning"):
        activity = Activity(
            id=_get(item, "id", str, path),
            competency=_get(item, "competency", str, path),
            level=_get(item, "level", int, path),
            category=_get(item, "category", str, path),
            form=_get(item, "form", str, path),
            jp=_get(item, "jp", int, path),
            text=_get(item, "activity", str, path),
            arranged_by_agency=_flag(item, "arranged_by_agency", path),
        )
        key = (activity.competency, activity.level, activity.category)
        activities.setdefault(key, []).append(activity)

    categories = tuple(
        Category(
            _get(item, "id", str, path),
            _get(item, "percent", int, path),
            _get(item, "name", str, path),
        )
        for path, item in _items(learning, "categories", "learning")
    )
    if sum(category.percent for category in categories) <= 0 or any(
        category.percent < 0 for category in categories
    ):
        raise DictionaryError("learning.categories: expected non-negative percents summing above 0")

    positions = _items(data, "positions", "")
    return Dictionary(
        standards_version=_get(framework, "version", str, "framework"),
        level_names=level_names,
        max_level=max(level_names, default=0),
        scale_min=_get(scale, "min", int, "assessment.scale"),
        scale_max=_get(scale, "max", int, "assessment.scale"),
        scale_labels={
            _get(item, "value", int, path): _get(item, "label", str, path)
            for path, item in _items(scale, "labels", "assessment.scale")
        },
        met_threshold=_get(assessment, "met_threshold", int, "assessment"),
        level_rule=_level_rule(assessment),
        default_jp=_get(assessment, "default_jp", int, "assessment"),
        categories=categories,
        form_names={
            _get(item, "id", str, path): _get(item, "name", str, path)
            for path, item in _items(learning, "forms", "learning")
        },
        activities={key: tuple(value) for key, value in activities.items()},
        competencies=tuple(competencies),
        competency_by_id={competency.id: competency for competency in competencies},
        indicator_ids=frozenset(
            indicator
            for competency in competencies
            for level in competency.levels
            for indicator in level
        ),
        position_targets={
            _get(item, "id", str, path): _position_targets(path, item) for path, item in positions
        },
        position_names={
            _get(item, "id", str, path): _get(item, "name", str, path) for path, item in positions
        },
        default_focus=_get(assessment, "focus", int, "assessment") if "focus" in assessment else 3,
        activity_by_id={
            activity.id: activity for group in activities.values() for activity in group
        },
        indicator_texts=texts,
        form_evidence={
            _get(item, "id", str, path): _get(item, "evidence", str, path)
            for path, item in _items(learning, "forms", "learning")
            if "evidence" in item
        },
        position_basis={
            _get(item, "id", str, path): _basis(item, path) for path, item in positions
        },
        technical=frozenset(
            _get(item, "id", str, path)
            for path, item in _items(data, "competencies", "")
            if item.get("group") == TECHNICAL_GROUP
        ),
    )


def _basis(position: dict[str, Any], path: str) -> dict[str, str]:
    """The optional ``basis`` of a position: {} in an export made before it existed."""
    if "basis" not in position:
        return {}
    basis = _get(position, "basis", dict, path)
    return {key: _get(basis, key, str, f"{path}.basis") for key in ("status", "label", "text")}
