"""The validated standard as one typed model, read once from the export (``schema_version`` 1).

The export (``kompetensi.json``) is the project's one data contract. :func:`read_standard`
turns the plain JSON-decoded dict into frozen dataclasses and is the one check of that
boundary: a structurally broken export raises :class:`DictionaryError` with the key path
instead of a ``KeyError`` deep inside the code that reads it. The export is made from validated
YAML, so this checks shapes, not content rules (those are :mod:`generator.standard`'s).

Everyone who reads the export reads this model: the engine indexes it
(:mod:`generator.engine.dictionary`), the page renderers and the CSV export read it. What the
engine needs is required; everything else (texts only the pages show, fields an export made
before they existed lacks) is optional with a neutral default, but checked when present.

Standard library only: shipped to Pyodide with the rest of the engine.
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
DEFAULT_FOCUS = 3
"""How many competencies a plan works on in an export made before ``assessment.focus``."""
TECHNICAL_GROUP = "teknis"
DEFAULT_MIN_GROUP = 3
"""The recap's smallest group shown (``recap.min_group``) when the export does not say."""
DEFAULT_GROUP_SIZE = 20
"""The recap's participants per class (``recap.group_size``) when the export does not say."""

_T = TypeVar("_T")


class DictionaryError(Exception):
    """The export is not usable (wrong shape or version)."""


@dataclass(frozen=True)
class Source:
    """Where the framework comes from: the regulation, its part, a short name and a note."""

    regulation: str = ""
    part: str = ""
    short: str = ""
    note: str = ""


@dataclass(frozen=True)
class FrameworkLevel:
    """One of the framework's levels: its number, name (e.g. "Dasar") and summary."""

    level: int
    name: str
    summary: str = ""
    """Which positions the level usually serves (the framework's own wording)."""


@dataclass(frozen=True)
class Group:
    """A competency group (manajerial, sosial_kultural, teknis)."""

    id: str
    name: str
    description: str = ""


@dataclass(frozen=True)
class Framework:
    """The standard's identity, its levels and its competency groups."""

    version: str
    levels: tuple[FrameworkLevel, ...]
    groups: tuple[Group, ...] = ()
    title: str = ""
    short_title: str = ""
    source: Source = Source()
    level_names: Mapping[int, str] = field(init=False, repr=False, compare=False)
    """Each level's name by its number (e.g. 2 -> "Dasar")."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "level_names", {lv.level: lv.name for lv in self.levels})


@dataclass(frozen=True)
class Indicator:
    """A behaviour indicator: its id (``integritas.3.2``), statement and work example."""

    id: str
    text: str = ""
    example: str = ""

    @property
    def number(self) -> str:
        """The id without the competency (``3.2``), as the pages show it."""
        return self.id.split(".", 1)[1]


@dataclass(frozen=True)
class CompetencyLevel:
    """One level of a competency: its number, description and indicators."""

    level: int
    description: str
    indicators: tuple[Indicator, ...]


@dataclass(frozen=True)
class Competency:
    """A competency with its levels in order (index 0 is level 1)."""

    id: str
    name: str
    levels: tuple[CompetencyLevel, ...]
    group: str = ""
    definition: str = ""
    dictionary: str | None = None
    """The technical dictionary's id; ``None`` for managerial and socio-cultural ones."""
    aliases: tuple[str, ...] = ()
    order: int = 0
    """Its place within its group (the export lists competencies already in that order)."""
    indicator_levels: tuple[tuple[str, ...], ...] = field(init=False, repr=False, compare=False)
    """The indicator ids per level: what the engine's scoring walks through."""

    def __post_init__(self) -> None:
        ids = tuple(tuple(i.id for i in level.indicators) for level in self.levels)
        object.__setattr__(self, "indicator_levels", ids)

    def level_entry(self, level: int | None) -> CompetencyLevel | None:
        """The level numbered ``level``, if the competency has it."""
        return next((entry for entry in self.levels if entry.level == level), None)


@dataclass(frozen=True)
class TechnicalDictionary:
    """An agency's technical competency dictionary (``standards/dictionaries/``)."""

    id: str
    name: str
    levels: int = 0
    owner: str | None = None
    source: str | None = None
    version: str | None = None
    illustrative: bool = False


@dataclass(frozen=True)
class Basis:
    """What a position's targets rest on: ``status``, a short ``label`` and the ``text``."""

    status: str
    label: str
    text: str


@dataclass(frozen=True)
class Requirements:
    """A position's education, training (all, and by type) and experience."""

    education: tuple[str, ...] = ()
    training: tuple[str, ...] = ()
    experience: tuple[str, ...] = ()
    training_by_type: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Position:
    """A template of ``positions.yaml`` or a real position, with its resolved targets."""

    id: str
    name: str
    targets: Mapping[str, int | None]
    """Required level per competency id, in the standard's order (``None``: not known)."""
    template: bool
    category: str = ""
    description: str = ""
    summary: str = ""
    kind: str | None = None
    grade: str | None = None
    extends: str | None = None
    illustrative: bool = False
    agency: str | None = None
    unit: str | None = None
    sources: tuple[str, ...] = ()
    verified: bool = False
    basis: Basis | None = None
    requirements: Requirements = Requirements()
    dictionaries: tuple[str, ...] | None = None
    """The technical dictionaries its targets use; ``None`` in an export made before."""


@dataclass(frozen=True)
class Category:
    """A 70:20:10 learning category: its id ("70", "20", "10"), share and name."""

    id: str
    percent: int
    name: str
    description: str = ""


@dataclass(frozen=True)
class Form:
    """A learning form (coaching, seminar, ...) and its evidence of completion, if given."""

    id: str
    name: str
    kind: str = ""
    category: str = ""
    evidence: str | None = None


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
class Learning:
    """The learning catalogue: categories, forms and activities (in export order)."""

    categories: tuple[Category, ...]
    forms: tuple[Form, ...]
    activities: tuple[Activity, ...]
    jp_rule: str = ""


@dataclass(frozen=True)
class ScaleValue:
    """One answer of the rating scale: its value, label and description."""

    value: int
    label: str
    description: str = ""


@dataclass(frozen=True)
class Assessment:
    """The self-assessment's scale, threshold, level rule, default JP and focus."""

    scale_min: int
    scale_max: int
    scale: tuple[ScaleValue, ...]
    met_threshold: int
    level_rule: str
    default_jp: int
    focus: int = DEFAULT_FOCUS


@dataclass(frozen=True)
class RecapSettings:
    """The agency recap's settings (framework.yaml ``recap``): the smallest unit or position
    whose numbers are shown, and the participants of one class."""

    min_group: int = DEFAULT_MIN_GROUP
    group_size: int = DEFAULT_GROUP_SIZE


@dataclass(frozen=True)
class StandardModel:
    """The whole validated standard as the export carries it."""

    schema_version: int
    framework: Framework
    assessment: Assessment
    learning: Learning
    competencies: tuple[Competency, ...]
    positions: tuple[Position, ...]
    dictionaries: tuple[TechnicalDictionary, ...] = ()
    recap: RecapSettings = RecapSettings()

    def counts(self) -> dict[str, int]:
        """How many competencies, levels, indicators, positions and activities it holds."""
        levels = [level for c in self.competencies for level in c.levels]
        return {
            "competencies": len(self.competencies),
            "levels": len(levels),
            "indicators": sum(len(level.indicators) for level in levels),
            "positions": len(self.positions),
            "activities": len(self.learning.activities),
        }


def _get(data: Any, key: str, kind: type[_T], path: str) -> _T:
    """``data[key]`` checked to be a ``kind``; raises :class:`DictionaryError` naming the path."""
    where = f"{path}.{key}" if path else key
    if not isinstance(data, dict) or key not in data:
        raise DictionaryError(f"{where}: " + _("missing from the exported dictionary"))
    value = data[key]
    # bool is an int subclass; an export never uses true/false where a number belongs.
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise DictionaryError(f"{where}: " + _expected(kind, value))
    return value


def _expected(kind: type, value: object) -> str:
    """``expected list, got str``: the English names Python's types, the translation words."""
    return _("expected {expected}, got {value}").format(
        expected=_type_name(kind), value=_type_name(type(value))
    )


def _type_name(kind: type) -> str:
    names = {
        dict: _("dict"),
        list: _("list"),
        str: _("str"),
        int: _("int"),
        float: _("float"),
        bool: _("bool"),
        type(None): _("NoneType"),
    }
    return names.get(kind, kind.__name__)


def _optional(data: dict[str, Any], key: str, kind: type[_T], path: str, default: _T) -> _T:
    """``data[key]`` checked like :func:`_get`, or ``default`` when the key is absent."""
    return _get(data, key, kind, path) if key in data else default


def _nullable(data: dict[str, Any], key: str, kind: type[_T], path: str) -> _T | None:
    """``data[key]`` checked like :func:`_get`, or ``None`` when it is absent or null."""
    return None if data.get(key) is None else _get(data, key, kind, path)


def _items(data: Any, key: str, path: str) -> list[tuple[str, dict[str, Any]]]:
    """The list ``data[key]`` as (path of the item, item) pairs, each item checked to be a dict."""
    where = f"{path}.{key}" if path else key
    items: list[tuple[str, dict[str, Any]]] = []
    for index, item in enumerate(_get(data, key, list, path)):
        item_path = f"{where}[{index}]"
        if not isinstance(item, dict):
            raise DictionaryError(f"{item_path}: " + _expected(dict, item))
        items.append((item_path, item))
    return items


def _texts(data: dict[str, Any], key: str, path: str) -> tuple[str, ...]:
    """An optional list of strings (empty when absent)."""
    where = f"{path}.{key}" if path else key
    values = _optional(data, key, list, path, [])
    for index, value in enumerate(values):
        if not isinstance(value, str):
            raise DictionaryError(f"{where}[{index}]: " + _expected(str, value))
    return tuple(values)


def _flag(data: dict[str, Any], key: str, path: str) -> bool:
    """An optional boolean: absent means false (exports made before the key existed)."""
    return key in data and _get(data, key, bool, path)


def _framework(data: dict[str, Any]) -> Framework:
    framework = _get(data, "framework", dict, "")
    path = "framework"
    source = _optional(framework, "source", dict, path, {})
    return Framework(
        version=_get(framework, "version", str, path),
        levels=tuple(
            FrameworkLevel(
                _get(item, "level", int, where),
                _get(item, "name", str, where),
                _optional(item, "summary", str, where, ""),
            )
            for where, item in _items(framework, "levels", path)
        ),
        groups=tuple(
            Group(
                _get(item, "id", str, where),
                _get(item, "name", str, where),
                _optional(item, "description", str, where, ""),
            )
            for where, item in (_items(framework, "groups", path) if "groups" in framework else [])
        ),
        title=_optional(framework, "title", str, path, ""),
        short_title=_optional(framework, "short_title", str, path, ""),
        source=Source(
            **{
                key: _optional(source, key, str, f"{path}.source", "")
                for key in ("regulation", "part", "short", "note")
            }
        ),
    )


def _level_rule(assessment: dict[str, Any]) -> str:
    if "level_rule" not in assessment:
        return DEFAULT_LEVEL_RULE
    rule = _get(assessment, "level_rule", str, "assessment")
    if rule not in LEVEL_RULES:
        message = _("expected one of {options}, got {value}")
        raise DictionaryError(
            "assessment.level_rule: "
            + message.format(options=", ".join(LEVEL_RULES), value=repr(rule))
        )
    return rule


def _assessment(data: dict[str, Any]) -> Assessment:
    assessment = _get(data, "assessment", dict, "")
    scale = _get(assessment, "scale", dict, "assessment")
    path = "assessment.scale"
    return Assessment(
        scale_min=_get(scale, "min", int, path),
        scale_max=_get(scale, "max", int, path),
        scale=tuple(
            ScaleValue(
                _get(item, "value", int, where),
                _get(item, "label", str, where),
                _optional(item, "description", str, where, ""),
            )
            for where, item in _items(scale, "labels", path)
        ),
        met_threshold=_get(assessment, "met_threshold", int, "assessment"),
        level_rule=_level_rule(assessment),
        default_jp=_get(assessment, "default_jp", int, "assessment"),
        focus=_optional(assessment, "focus", int, "assessment", DEFAULT_FOCUS),
    )


def _learning(data: dict[str, Any]) -> Learning:
    learning = _get(data, "learning", dict, "")
    path = "learning"
    categories = tuple(
        Category(
            _get(item, "id", str, where),
            _get(item, "percent", int, where),
            _get(item, "name", str, where),
            _optional(item, "description", str, where, ""),
        )
        for where, item in _items(learning, "categories", path)
    )
    if sum(category.percent for category in categories) <= 0 or any(
        category.percent < 0 for category in categories
    ):
        raise DictionaryError(
            "learning.categories: " + _("expected non-negative percents summing above 0")
        )
    return Learning(
        categories=categories,
        forms=tuple(
            Form(
                _get(item, "id", str, where),
                _get(item, "name", str, where),
                _optional(item, "kind", str, where, ""),
                _optional(item, "category", str, where, ""),
                _get(item, "evidence", str, where) if "evidence" in item else None,
            )
            for where, item in _items(learning, "forms", path)
        ),
        activities=tuple(
            Activity(
                id=_get(item, "id", str, where),
                competency=_get(item, "competency", str, where),
                level=_get(item, "level", int, where),
                category=_get(item, "category", str, where),
                form=_get(item, "form", str, where),
                jp=_get(item, "jp", int, where),
                text=_get(item, "activity", str, where),
                arranged_by_agency=_flag(item, "arranged_by_agency", where),
            )
            for where, item in _items(learning, "activities", path)
        ),
        jp_rule=_optional(learning, "jp_rule", str, path, ""),
    )


def _competency(path: str, item: dict[str, Any]) -> Competency:
    levels = tuple(
        CompetencyLevel(
            _optional(level, "level", int, level_path, number),
            _optional(level, "description", str, level_path, ""),
            tuple(
                Indicator(
                    _get(indicator, "id", str, where),
                    _optional(indicator, "text", str, where, ""),
                    _optional(indicator, "example", str, where, ""),
                )
                for where, indicator in _items(level, "indicators", level_path)
            ),
        )
        for number, (level_path, level) in enumerate(_items(item, "levels", path), start=1)
    )
    return Competency(
        id=_get(item, "id", str, path),
        name=_get(item, "name", str, path),
        levels=levels,
        group=_optional(item, "group", str, path, ""),
        definition=_optional(item, "definition", str, path, ""),
        dictionary=_nullable(item, "dictionary", str, path),
        aliases=_texts(item, "aliases", path),
        order=_optional(item, "order", int, path, 0),
    )


def _targets(path: str, position: dict[str, Any]) -> dict[str, int | None]:
    targets: dict[str, int | None] = {}
    for competency, target in _get(position, "targets", dict, path).items():
        if target is not None and (not isinstance(target, int) or isinstance(target, bool)):
            raise DictionaryError(f"{path}.targets.{competency}: " + _("expected int or null"))
        targets[str(competency)] = target
    return targets


def _basis(position: dict[str, Any], path: str) -> Basis | None:
    """The optional ``basis`` of a position: ``None`` in an export made before it existed."""
    if "basis" not in position:
        return None
    basis = _get(position, "basis", dict, path)
    return Basis(*(_get(basis, key, str, f"{path}.basis") for key in ("status", "label", "text")))


def _requirements(position: dict[str, Any], path: str) -> Requirements:
    given = _nullable(position, "requirements", dict, path) or {}
    where = f"{path}.requirements"
    by_type = _nullable(given, "training_by_type", dict, where) or {}
    return Requirements(
        education=_texts(given, "education", where),
        training=_texts(given, "training", where),
        experience=_texts(given, "experience", where),
        training_by_type={
            str(key): _texts(by_type, key, f"{where}.training_by_type") for key in by_type
        },
    )


def _position(path: str, item: dict[str, Any]) -> Position:
    return Position(
        id=_get(item, "id", str, path),
        name=_get(item, "name", str, path),
        targets=_targets(path, item),
        # An export made before real positions had only templates, without ``template``.
        template=_get(item, "template", bool, path) if "template" in item else "kind" not in item,
        category=_optional(item, "category", str, path, ""),
        description=_optional(item, "description", str, path, ""),
        summary=_nullable(item, "summary", str, path) or "",
        kind=_nullable(item, "kind", str, path),
        grade=_nullable(item, "grade", str, path),
        extends=_nullable(item, "extends", str, path),
        illustrative=_flag(item, "illustrative", path),
        agency=_nullable(item, "agency", str, path),
        unit=_nullable(item, "unit", str, path),
        sources=_texts(item, "sources", path),
        verified=_flag(item, "verified", path),
        basis=_basis(item, path),
        requirements=_requirements(item, path),
        dictionaries=_texts(item, "dictionaries", path) if "dictionaries" in item else None,
    )


def _dictionary(path: str, item: dict[str, Any]) -> TechnicalDictionary:
    return TechnicalDictionary(
        id=_get(item, "id", str, path),
        name=_get(item, "name", str, path),
        levels=_optional(item, "levels", int, path, 0),
        owner=_nullable(item, "owner", str, path),
        source=_nullable(item, "source", str, path),
        version=_nullable(item, "version", str, path),
        illustrative=_flag(item, "illustrative", path),
    )


def _whole_from_one(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 1


def _recap(data: dict[str, Any]) -> RecapSettings:
    """The export's ``recap``, read leniently as the recap has always read it: settings that are
    absent, or not both whole numbers from 1, give the defaults instead of refusing the export
    (its other readers never needed them)."""
    found = data.get("recap")
    settings: Mapping[str, Any] = found if isinstance(found, dict) else {}
    min_group = settings.get("min_group", DEFAULT_MIN_GROUP)
    group_size = settings.get("group_size", DEFAULT_GROUP_SIZE)
    if _whole_from_one(min_group) and _whole_from_one(group_size):
        return RecapSettings(min_group, group_size)
    return RecapSettings()


def read_standard(export: Mapping[str, Any]) -> StandardModel:
    """The export as the typed model; raises :class:`DictionaryError` if it is unusable."""
    data = dict(export)
    version = _get(data, "schema_version", int, "")
    if version != SUPPORTED_SCHEMA_VERSION:
        message = _("expected {expected}, got {value}").format(
            expected=SUPPORTED_SCHEMA_VERSION, value=version
        )
        raise DictionaryError(f"schema_version: {message}")
    framework = _framework(data)
    assessment = _assessment(data)
    learning = _learning(data)
    return StandardModel(
        schema_version=version,
        framework=framework,
        assessment=assessment,
        learning=learning,
        competencies=tuple(
            _competency(path, item) for path, item in _items(data, "competencies", "")
        ),
        positions=tuple(_position(path, item) for path, item in _items(data, "positions", "")),
        dictionaries=tuple(
            _dictionary(path, item)
            for path, item in (_items(data, "dictionaries", "") if data.get("dictionaries") else [])
        ),
        recap=_recap(data),
    )
