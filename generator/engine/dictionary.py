"""The engine's indexed view of the standard (see :mod:`generator.engine.model`).

The engine receives the export as a plain JSON-decoded dict (in the browser it comes straight
from ``JSON.parse``). :func:`read_dictionary` reads it once into the typed model, which checks
its shape (a broken export raises :class:`DictionaryError` with the key path), and indexes the
parts the scoring, the plan and the reports look up.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .model import (
    DEFAULT_FOCUS,
    DEFAULT_LEVEL_RULE,
    LEVEL_RULES,
    TECHNICAL_GROUP,
    Activity,
    Category,
    Competency,
    DictionaryError,
    RecapSettings,
    StandardModel,
    read_standard,
)

__all__ = [
    "DEFAULT_LEVEL_RULE",
    "LEVEL_RULES",
    "TECHNICAL_GROUP",
    "Activity",
    "Category",
    "Competency",
    "Dictionary",
    "DictionaryError",
    "index",
    "read_dictionary",
]


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
    default_focus: int = DEFAULT_FOCUS
    """How many competencies a plan works on (``assessment.focus``)."""
    activity_by_id: Mapping[str, Activity] = field(default_factory=dict)
    indicator_texts: Mapping[str, str] = field(default_factory=dict)
    """Each indicator's statement, for the reports that name the deciding ones."""
    form_evidence: Mapping[str, str] = field(default_factory=dict)
    """Each learning form's evidence of completion (optional in the export)."""
    position_basis: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    """What each position's targets rest on (the export's ``basis``: status, label, text)."""
    recap: RecapSettings = field(default_factory=RecapSettings)
    """The agency recap's smallest group shown and class size (the export's ``recap``)."""
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


def read_dictionary(export: Mapping[str, Any] | Dictionary) -> Dictionary:
    """Read and index the export for the engine; raises :class:`DictionaryError` if it is
    unusable.

    A :class:`Dictionary` is returned as it is: a caller that assesses many times (the browser's
    bridge) reads the export once and passes the view, instead of re-checking it every call.
    """
    if isinstance(export, Dictionary):
        return export
    return index(read_standard(export))


def index(standard: StandardModel) -> Dictionary:
    """The engine's lookups over the model."""
    framework, assessment, learning = standard.framework, standard.assessment, standard.learning
    level_names = framework.level_names
    activities: dict[tuple[str, int, str], list[Activity]] = {}
    for activity in learning.activities:
        key = (activity.competency, activity.level, activity.category)
        activities.setdefault(key, []).append(activity)
    competencies = standard.competencies
    positions = standard.positions
    return Dictionary(
        standards_version=framework.version,
        level_names=level_names,
        max_level=max(level_names, default=0),
        scale_min=assessment.scale_min,
        scale_max=assessment.scale_max,
        scale_labels={value.value: value.label for value in assessment.scale},
        met_threshold=assessment.met_threshold,
        level_rule=assessment.level_rule,
        default_jp=assessment.default_jp,
        categories=learning.categories,
        form_names={form.id: form.name for form in learning.forms},
        activities={key: tuple(value) for key, value in activities.items()},
        competencies=competencies,
        competency_by_id={competency.id: competency for competency in competencies},
        indicator_ids=frozenset(
            indicator
            for competency in competencies
            for level in competency.indicator_levels
            for indicator in level
        ),
        position_targets={p.id: p.targets for p in positions},
        position_names={p.id: p.name for p in positions},
        default_focus=assessment.focus,
        activity_by_id={activity.id: activity for activity in learning.activities},
        indicator_texts={
            indicator.id: indicator.text
            for competency in competencies
            for level in competency.levels
            for indicator in level.indicators
        },
        form_evidence={
            form.id: form.evidence for form in learning.forms if form.evidence is not None
        },
        position_basis={
            p.id: {"status": p.basis.status, "label": p.basis.label, "text": p.basis.text}
            for p in positions
            if p.basis is not None
        },
        recap=standard.recap,
        technical=frozenset(c.id for c in competencies if c.group == TECHNICAL_GROUP),
    )
