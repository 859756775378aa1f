"""Real positions (``standards/positions/<id>.yaml``): the rules of one position's SKJ, and how it
builds on a position type (template) of ``positions.yaml``.

A position names its kind and grade, may extend one of the templates (their targets apply unless
it overrides them) and lists the technical competencies it needs, each at a level of its
dictionary. After resolving, every managerial and socio-cultural competency has a target.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from generator.errors import did_you_mean
from generator.i18n import _
from generator.standard import schema
from generator.standard.dictionaries import expected_levels, top_level
from generator.standard.loader import RESERVED_IDS, Loaded, Parsed
from generator.vocabulary import (
    CORE_GROUPS,
    POSITION_CATEGORY_OF_KIND,
    POSITION_GRADES,
    TECHNICAL_GROUP,
)

_TEMPLATE_PREFIX = {"pimpinan_tinggi": ("jpt", "jpt-"), "fungsional": ("fungsional", "jf-")}


def template_kind(template: Mapping[str, Any]) -> tuple[str | None, str | None]:
    """The kind and grade of a template of ``positions.yaml``, derived from its category and id.

    ``jpt-madya`` is (jpt, madya), ``jf-ahli-muda`` (fungsional, ahli_muda), ``pengawas``
    (pengawas, None). A template that stands for no single kind (an ``administrasi`` template
    with another id, any ``lainnya`` one) has kind None; a grade its id does not name is None.
    """
    category, ident = template.get("category"), str(template.get("id", ""))
    if category in _TEMPLATE_PREFIX:
        kind, prefix = _TEMPLATE_PREFIX[category]
        grade = ident.removeprefix(prefix).replace("-", "_")
        return kind, grade if ident.startswith(prefix) and grade in POSITION_GRADES[kind] else None
    if category == "administrasi" and POSITION_CATEGORY_OF_KIND.get(ident) == "administrasi":
        return ident, None
    return None, None


def resolved_targets(
    template: Mapping[str, Any] | None, position: Mapping[str, Any]
) -> dict[str, int | None]:
    """The template's targets with the position's own merged over them."""
    targets = dict((template or {}).get("targets") or {})
    targets.update(position.get("targets") or {})
    return targets


def required_competencies(competencies: dict[str, Parsed]) -> list[str]:
    """The competencies every position gives a target (a level or null): the managerial and
    socio-cultural ones. A competency whose id differs from its file name is reported there."""
    return [
        cid
        for cid, p in competencies.items()
        if p.value.get("group") in CORE_GROUPS and cid == p.file.stem
    ]


def check_verified(loaded: Loaded, parsed: Parsed, keys: tuple[str | int, ...]) -> None:
    """ "Verified" means that at least two independent sources give the same targets: a claim the
    file must back by naming them, so the site can say which. ``keys`` lead to the position."""
    position: Any = parsed.value
    for key in keys:
        position = position[key]
    if not isinstance(position, dict):
        return
    sources = position.get("sources")
    if position.get("verified") is not True or not isinstance(sources, list):
        return
    count = len({" ".join(str(source).split()).casefold() for source in sources})
    if count < 2:
        loaded.report(
            parsed,
            (*keys, "verified"),
            _("verified is true, but sources lists no source")
            if count == 0
            else _("verified is true, but sources lists only 1 distinct source"),
            _(
                "name at least two independent sources that give these targets, or set "
                "verified: false"
            ),
        )


def check_real_positions(
    loaded: Loaded,
    competencies: dict[str, Parsed],
    dictionaries: dict[str, Parsed],
    excused: set[str],
) -> None:
    """Every rule of the files in ``positions/``; ``excused`` are competency names that must not
    be called unknown (files that could not be read are reported there)."""
    templates = _templates(loaded)
    framework_levels = len((loaded.framework.value if loaded.framework else {}).get("levels") or [])
    required = required_competencies(competencies)
    for parsed in loaded.real_positions:
        value = parsed.value
        _check_identity(loaded, parsed, templates)
        grade_ok = _check_grade(loaded, parsed)
        template = _check_extends(loaded, parsed, templates, grade_ok)
        check_verified(loaded, parsed, ())
        if loaded.competency_folder_missing:
            continue  # already reported; every target would be "unknown"
        for cid, target in (value.get("targets") or {}).items():
            _check_target(
                loaded, parsed, cid, target, competencies, dictionaries, excused, framework_levels
            )
        if template is None and value.get("extends") is not None:
            continue  # the unknown template is reported; its targets would all seem missing
        targets = resolved_targets(template, value)
        missing = [cid for cid in required if cid not in targets]
        if missing:
            loaded.report(
                parsed,
                ("targets",) if "targets" in value else ("id",),
                _("no target for {ids}").format(ids=", ".join(missing)),
                _("give a level or null under targets:, or extend a position type that has one"),
                at_key=True,
            )


def _templates(loaded: Loaded) -> dict[str, tuple[int, dict[str, Any]]]:
    items = (loaded.positions.value if loaded.positions else {}).get("positions") or []
    found: dict[str, tuple[int, dict[str, Any]]] = {}
    for index, item in enumerate(items):
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            found.setdefault(item["id"], (index, item))
    return found


def _check_identity(
    loaded: Loaded, parsed: Parsed, templates: dict[str, tuple[int, dict[str, Any]]]
) -> None:
    ident = parsed.value.get("id")
    if ident is None:
        return
    loaded.named_as_its_file(parsed, ident)
    if ident in RESERVED_IDS:  # /jabatan/index/ would be the positions index
        loaded.report(
            parsed,
            ("id",),
            _("'{id}' is reserved for a site page").format(id=ident),
            _("choose another id"),
        )
    if ident in templates and loaded.positions is not None:
        line = loaded.line_of(loaded.positions, ("positions", templates[ident][0], "id"))
        loaded.report(
            parsed,
            ("id",),
            _(
                "the id '{id}' is already used by a position type in positions.yaml (line {line})"
            ).format(id=ident, line=line),
            _("every position id must be unique; choose another id"),
        )


def _check_grade(loaded: Loaded, parsed: Parsed) -> bool:
    """Kind and grade agree; returns False when a problem was reported."""
    kind, grade = parsed.value.get("kind"), parsed.value.get("grade")
    if kind in POSITION_GRADES and grade is None:
        loaded.report(
            parsed,
            ("kind",),
            _("a position of kind '{kind}' needs a grade").format(kind=kind),
            _("add grade: with one of {grades}").format(grades=", ".join(POSITION_GRADES[kind])),
        )
        return False
    if kind in POSITION_GRADES and grade not in POSITION_GRADES[kind]:
        loaded.report(
            parsed,
            ("grade",),
            _("'{grade}' is not a grade of kind '{kind}'").format(grade=grade, kind=kind),
            _("use one of {grades}").format(grades=", ".join(POSITION_GRADES[kind])),
        )
        return False
    if kind is not None and kind not in POSITION_GRADES and grade is not None:
        loaded.report(
            parsed,
            ("grade",),
            _("a position of kind '{kind}' has no grade").format(kind=kind),
            _("remove grade:; only jpt and fungsional positions have one"),
        )
        return False
    return kind is not None


def _check_extends(
    loaded: Loaded,
    parsed: Parsed,
    templates: dict[str, tuple[int, dict[str, Any]]],
    grade_ok: bool,
) -> dict[str, Any] | None:
    """The template the position extends (None when it extends none or an unknown one)."""
    name = parsed.value.get("extends")
    if name is None or loaded.positions is None:
        return None  # an unreadable positions.yaml is reported; its ids cannot be checked
    if name not in templates:
        loaded.report(
            parsed,
            ("extends",),
            _("unknown position type '{name}'").format(name=name),
            did_you_mean(name, sorted(templates)) or _("use a position id from positions.yaml"),
        )
        return None
    template = templates[name][1]
    kind, grade = template_kind(template)
    own = (parsed.value.get("kind"), parsed.value.get("grade"))
    if grade_ok and kind is not None and (kind, grade or own[1]) != own:
        loaded.report(
            parsed,
            ("extends",),
            _("the position type '{name}' is for {kind}, this position is {own}").format(
                name=name, kind=_kind_text(kind, grade), own=_kind_text(*own)
            ),
            _("extend a position type of the same kind and grade, or fix kind and grade"),
        )
    return template


def _target_max() -> int:
    """The highest target the position schema allows."""
    targets = schema.load_schema("position")["properties"]["targets"]
    return int(targets["additionalProperties"]["maximum"])


def _kind_text(kind: str | None, grade: str | None) -> str:
    return f"{kind} {grade}" if grade else str(kind)


def _check_target(
    loaded: Loaded,
    parsed: Parsed,
    cid: str,
    target: int | None,
    competencies: dict[str, Parsed],
    dictionaries: dict[str, Parsed],
    excused: set[str],
    framework_levels: int,
) -> None:
    keys = ("targets", cid)
    competency = competencies.get(cid)
    if competency is None:
        if cid not in excused:
            loaded.report(
                parsed,
                keys,
                _("unknown competency '{id}'").format(id=cid),
                did_you_mean(cid, sorted(competencies))
                or _("use an id from standards/competencies/"),
                at_key=True,
            )
        return
    top = top_level(competency, expected_levels(competency.value, dictionaries, framework_levels))
    if competency.value.get("group") == TECHNICAL_GROUP and target is None:
        loaded.report(
            parsed,
            keys,
            _("'{id}' is a technical competency and needs a level, not null").format(id=cid),
            _("give a level from 1 to {top}, or remove it if the position does not need it").format(
                top=top
            )
            if top
            else _("give its level, or remove it if the position does not need it"),
        )
    # Above the schema's maximum the schema has reported it: one mistake, one error.
    elif top and isinstance(target, int) and top < target <= _target_max():
        loaded.report(
            parsed,
            keys,
            _("'{id}' has no level {level}").format(id=cid, level=target),
            _("its levels run from 1 to {top}").format(top=top),
        )
