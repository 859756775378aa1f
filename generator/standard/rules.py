"""Rules that span files: unique ids, contiguous levels, indicator ids that match their place,
positions and activities that refer to things that exist."""

from __future__ import annotations

from collections import Counter
from typing import Any

from generator.errors import did_you_mean
from generator.i18n import N_, _
from generator.standard import schema
from generator.standard.dictionaries import (
    check_dictionaries,
    check_membership,
    expected_levels,
    top_level,
)
from generator.standard.loader import RESERVED_IDS, Loaded, Parsed
from generator.standard.positions import (
    check_real_positions,
    check_verified,
    required_competencies,
)
from generator.vocabulary import (
    COMPETENCY_GROUPS,
    LEARNING_CATEGORIES,
    TECHNICAL_GROUP,
)


def check_framework(loaded: Loaded) -> None:
    fw = loaded.framework
    if fw is None:
        return
    value = fw.value
    _check_contiguous(
        loaded,
        fw,
        [lv.get("level") for lv in value.get("levels") or []],
        ("levels",),
        "level",
        start=1,
    )
    scale = (value.get("assessment") or {}).get("scale") or []
    values = [item.get("value") for item in scale]
    if values and None not in values:
        _check_contiguous(loaded, fw, values, ("assessment", "scale"), "value", start=values[0])
        threshold = value["assessment"].get("met_threshold")
        valid_scale = len(values) >= 2 and values == list(range(values[0], values[-1] + 1))
        if valid_scale and isinstance(threshold, int) and not values[0] < threshold <= values[-1]:
            loaded.report(
                fw,
                ("assessment", "met_threshold"),
                _("expected a value from {low} to {high} of the scale, got {value}").format(
                    low=values[0] + 1, high=values[-1], value=threshold
                ),
                _("the lowest answer can never count as met")
                if threshold <= values[0]
                else _("no answer on the scale could ever count as met"),
            )
    learning = value.get("learning") or {}
    categories = learning.get("categories") or []
    ids = [c.get("id") for c in categories]
    if len(categories) == 3 and sorted(i for i in ids if i) != sorted(LEARNING_CATEGORIES):
        loaded.report(
            fw,
            ("learning", "categories"),
            _("expected the categories '70', '20' and '10' once each, got {ids}").format(
                ids=", ".join(repr(i) for i in ids)
            ),
        )
    if categories and None not in (c.get("percent") for c in categories):
        total = sum(c["percent"] for c in categories)
        if total != 100:
            loaded.report(
                fw,
                ("learning", "categories"),
                _("the percentages add up to {total}, not 100").format(total=total),
            )
    _check_unique(loaded, fw, learning.get("forms") or [], ("learning", "forms"), N_("form id"))
    _check_unique(loaded, fw, value.get("groups") or [], ("groups",), N_("group id"))


def _check_contiguous(
    loaded: Loaded,
    parsed: Parsed,
    numbers: list[Any],
    keys: tuple[str | int, ...],
    what: str,
    start: int,
) -> None:
    for index, number in enumerate(numbers):
        expected = start + index
        if isinstance(number, int) and number != expected:
            loaded.report(
                parsed,
                (*keys, index, what),
                _("expected {key} {expected} here, got {value}").format(
                    key=what, expected=expected, value=number
                ),
                _("{key}s must run {first}, {second}, ... in order without gaps").format(
                    key=what, first=start, second=start + 1
                ),
            )


def _check_unique(
    loaded: Loaded, parsed: Parsed, items: list[Any], keys: tuple[str | int, ...], what: str
) -> None:
    """``what`` names the id, marked with ``N_`` by the caller (it is translated here)."""
    seen: dict[Any, int] = {}
    for index, item in enumerate(items):
        ident = item.get("id") if isinstance(item, dict) else None
        if ident is None:
            continue
        if ident in seen:
            # Located by line, as duplicate keys are: a list index counted from 0 is a
            # programmer's way of pointing.
            first = loaded.line_of(parsed, (*keys, seen[ident], "id"))
            loaded.report(
                parsed,
                (*keys, index, "id"),
                _("duplicate {what} '{id}' (first defined on line {line})").format(
                    what=_(what), id=ident, line=first
                ),
                _("every id must be unique"),
            )
        else:
            seen[ident] = index


def check_competencies(loaded: Loaded, dictionaries: dict[str, Parsed]) -> dict[str, Parsed]:
    """Returns the competencies by id (first wins on a duplicate, which is reported)."""
    fw = loaded.framework.value if loaded.framework else {}
    level_numbers = [
        lv["level"] for lv in fw.get("levels") or [] if isinstance(lv.get("level"), int)
    ]
    group_ids = [g["id"] for g in fw.get("groups") or [] if g.get("id")]
    by_id: dict[str, Parsed] = {}
    # Each technical dictionary is its own block on the site, with its own order.
    orders: dict[tuple[str, str, int], str] = {}
    names: dict[str, str] = {}
    holders = _holders(loaded.competencies, "id")
    for parsed in loaded.competencies:
        value = parsed.value
        cid = value.get("id")
        if cid is None:
            continue
        loaded.named_as_its_file(parsed, cid)
        if cid in RESERVED_IDS:
            loaded.report(
                parsed,
                ("id",),
                _("'{id}' is reserved for a site page").format(id=cid),
                _("choose another id"),
            )
        others = _others(holders, cid, parsed)
        if others:
            loaded.report(
                parsed,
                ("id",),
                _("duplicate competency id '{id}' (also in {files})").format(id=cid, files=others),
                _("every id must be unique"),
            )
        if cid in by_id:
            continue
        by_id[cid] = parsed
        group = value.get("group")
        if group in COMPETENCY_GROUPS and group_ids and group not in group_ids:
            loaded.report(
                parsed,
                ("group",),
                _("group '{group}' is not declared in framework.yaml").format(group=group),
                _("add it under groups: in framework.yaml"),
            )
        name = value.get("name")
        if isinstance(name, str):
            folded = " ".join(name.casefold().split())
            if folded in names:
                loaded.report(
                    parsed,
                    ("name",),
                    _("the name '{name}' is already used by '{id}'").format(
                        name=name, id=names[folded]
                    ),
                    _("two competencies cannot share a name"),
                )
            names.setdefault(folded, cid)
        order = value.get("order")
        if isinstance(order, int) and group:
            block = value.get("dictionary") or ""
            other = orders.setdefault((group, block, order), cid)
            if other != cid:
                loaded.report(
                    parsed,
                    ("order",),
                    (
                        _("order {order} is already used by '{id}' in dictionary '{dictionary}'")
                        if block
                        else _("order {order} is already used by '{id}' in group '{group}'")
                    ).format(order=order, id=other, dictionary=block, group=group),
                    _("give each competency its own place"),
                )
        check_membership(loaded, parsed, dictionaries)
        expected = expected_levels(value, dictionaries, len(level_numbers))
        _check_levels(loaded, parsed, cid, expected)
    return by_id


def _holders(files: list[Parsed], key: str) -> dict[Any, list[Parsed]]:
    """The files that share each value of ``key``: a clash is reported in every one of them."""
    holders: dict[Any, list[Parsed]] = {}
    for parsed in files:
        value = parsed.value.get(key)
        if value is not None:
            holders.setdefault(value, []).append(parsed)
    return holders


def _others(holders: dict[Any, list[Parsed]], value: Any, parsed: Parsed) -> str:
    return ", ".join(p.path for p in holders.get(value, []) if p is not parsed)


def _check_levels(loaded: Loaded, parsed: Parsed, cid: str, level_count: int) -> None:
    levels = parsed.value.get("levels") or []
    numbers = [lv.get("level") for lv in levels]
    _check_contiguous(loaded, parsed, numbers, ("levels",), "level", start=1)
    if level_count and len(levels) != level_count and None not in numbers:
        dictionary = parsed.value.get("dictionary")
        loaded.report(
            parsed,
            ("levels",),
            _("expected {expected} levels, got {count}").format(
                expected=level_count, count=len(levels)
            ),
            _(
                "every competency of the dictionary '{dictionary}' describes its {count} levels"
            ).format(dictionary=dictionary, count=level_count)
            if parsed.value.get("group") == TECHNICAL_GROUP and dictionary
            else _("every competency describes each level of framework.yaml"),
        )
    if cid != parsed.file.stem:
        return  # the id itself is reported; every indicator id would repeat that one mistake
    for li, level in enumerate(levels):
        number = level.get("level")
        if number != li + 1:
            continue  # the level number is reported; its indicators follow whatever it becomes
        for ii, indicator in enumerate(level.get("indicators") or []):
            ident = indicator.get("id")
            expected = f"{cid}.{number}.{ii + 1}"
            if ident is not None and isinstance(number, int) and ident != expected:
                loaded.report(
                    parsed,
                    ("levels", li, "indicators", ii, "id"),
                    _("expected the id '{expected}' here, got '{id}'").format(
                        expected=expected, id=ident
                    ),
                    _("indicator ids are <competency>.<level>.<position in the list>"),
                )


def _excused_references(loaded: Loaded, competencies: dict[str, Parsed]) -> set[str]:
    """Names that must not be called unknown: files that could not be read, and the file name
    of a competency whose id differs from it (that mismatch is reported once, on the id)."""
    return loaded.unreadable_competencies | {p.file.stem for p in competencies.values()}


def check_positions(
    loaded: Loaded, competencies: dict[str, Parsed], dictionaries: dict[str, Parsed]
) -> None:
    parsed = loaded.positions
    if parsed is None:
        return
    items = parsed.value.get("positions") or []
    _check_unique(loaded, parsed, items, ("positions",), N_("position id"))
    if loaded.competency_folder_missing:
        for index in range(len(items)):
            check_verified(loaded, parsed, ("positions", index))
        return  # already reported; every reference would be "unknown"
    excused = _excused_references(loaded, competencies)
    required = required_competencies(competencies)
    known = sorted(competencies)
    levels_of_framework = (loaded.framework.value if loaded.framework else {}).get("levels") or []
    for index, position in enumerate(items):
        check_verified(loaded, parsed, ("positions", index))
        targets = position.get("targets")
        if not isinstance(targets, dict):
            continue
        for cid, target in targets.items():
            if cid not in competencies and cid not in excused:
                loaded.report(
                    parsed,
                    ("positions", index, "targets", cid),
                    _("unknown competency '{id}'").format(id=cid),
                    did_you_mean(cid, known) or _("use an id from standards/competencies/"),
                    at_key=True,
                )
            competency = competencies.get(cid)
            top = competency and top_level(
                competency,
                expected_levels(competency.value, dictionaries, len(levels_of_framework)),
            )
            # Above the framework's levels the schema has reported it: one mistake, one error.
            if top and isinstance(target, int) and top < target <= len(levels_of_framework):
                loaded.report(
                    parsed,
                    ("positions", index, "targets", cid),
                    _("'{id}' has no level {level}").format(id=cid, level=target),
                    _("its levels run from 1 to {top}").format(top=top),
                )
        missing = [cid for cid in required if cid not in targets]
        if missing:
            loaded.report(
                parsed,
                ("positions", index, "targets"),
                _("no target for {ids}").format(ids=", ".join(missing)),
                _("give a level from 1 to 5, or null when the target is not known"),
            )


def check_learning(
    loaded: Loaded, competencies: dict[str, Parsed], dictionaries: dict[str, Parsed]
) -> None:
    fw = loaded.framework.value if loaded.framework else {}
    forms = {f["id"]: f for f in (fw.get("learning") or {}).get("forms") or [] if f.get("id")}
    known = sorted(competencies)
    excused = _excused_references(loaded, competencies)
    by_stem = {p.file.stem: cid for cid, p in competencies.items()}
    holders = _holders(loaded.learning, "competency")
    level_count = len(fw.get("levels") or [])
    cells: Counter[tuple[str, int, str]] = Counter()
    for parsed in loaded.learning:
        cid = parsed.value.get("competency")
        if cid is None:
            continue
        cid_for_cells = by_stem.get(cid, cid)
        wording = (
            _("'{id}' differs from the file name '{file}'"),
            _("rename the file to {id}.yaml"),
        )
        loaded.named_as_its_file(parsed, cid, "competency", wording)
        if cid not in competencies and (cid in excused or loaded.competency_folder_missing):
            pass  # the competency file's own problem is reported there
        elif cid not in competencies:
            loaded.report(
                parsed,
                ("competency",),
                _("unknown competency '{id}'").format(id=cid),
                did_you_mean(cid, known) or _("use an id from standards/competencies/"),
            )
        elif others := _others(holders, cid, parsed):
            loaded.report(
                parsed,
                ("competency",),
                _("a catalogue for '{id}' already exists in {files}").format(id=cid, files=others),
                _("keep one catalogue file per competency"),
            )
        competency = competencies.get(cid_for_cells)
        expected = expected_levels(competency.value, dictionaries, level_count) if competency else 0
        top = top_level(competency, expected)
        for index, activity in enumerate(parsed.value.get("activities") or []):
            level = activity.get("level")
            # Above the schema's maximum the schema has reported the level already: one
            # mistake, one error.
            if top and isinstance(level, int) and top < level <= _activity_level_max():
                loaded.report(
                    parsed,
                    ("activities", index, "level"),
                    _("'{id}' has no level {level}").format(id=cid, level=level),
                    _("its levels run from 1 to {top}").format(top=top),
                )
            form_id = activity.get("form")
            category = activity.get("category")
            if form_id is None:
                continue
            form = forms.get(form_id)
            if form is None and forms:
                loaded.report(
                    parsed,
                    ("activities", index, "form"),
                    _("unknown learning form '{form}'").format(form=form_id),
                    did_you_mean(form_id, sorted(forms))
                    or _("use an id from learning.forms in framework.yaml"),
                )
            elif form is not None and category and form.get("category") != category:
                loaded.report(
                    parsed,
                    ("activities", index, "category"),
                    _("the form '{form}' belongs to category '{belongs}', not '{category}'").format(
                        form=form_id, belongs=form.get("category"), category=category
                    ),
                    _("change the category or pick a form of this category"),
                )
            if isinstance(activity.get("level"), int) and category:
                cells[(cid_for_cells, activity["level"], category)] += 1
    for cid, parsed_competency in competencies.items():
        levels = [lv.get("level") for lv in parsed_competency.value.get("levels") or []]
        gaps = [
            _("level {level} category {category}").format(level=lv, category=cat)
            for lv in levels
            for cat in LEARNING_CATEGORIES
            if isinstance(lv, int) and cells[(cid, lv, cat)] == 0
        ]
        if gaps:
            loaded.report(
                parsed_competency,
                ("id",),
                _(
                    "the learning catalogue has no activity for {count} level/category "
                    "cell(s), e.g. {example}"
                ).format(count=len(gaps), example=gaps[0]),
                _("add activities in {file}").format(file=f"{LEARNING_HINT}{cid}.yaml"),
                warning=True,
                # The plan tells the employee when a technical cell is empty; an official
                # managerial or socio-cultural catalogue must be complete to publish.
                notice=parsed_competency.value.get("group") == TECHNICAL_GROUP,
            )


LEARNING_HINT = "standards/learning/"


def _activity_level_max() -> int:
    """The highest level the learning schema allows an activity."""
    activity = schema.load_schema("learning")["properties"]["activities"]["items"]
    return int(activity["properties"]["level"]["maximum"])


def check_activity_ids(loaded: Loaded) -> None:
    """Activity ids are unique across the whole catalogue: a saved plan names its items by id.
    A repeat is reported where it occurs, naming the file, line and column of the first use.
    Two catalogues for one competency are already reported as such; their shared ids are not."""
    holders = _holders(loaded.learning, "competency")
    first: dict[str, tuple[Parsed, int]] = {}
    for parsed in sorted(loaded.learning, key=lambda p: p.path):
        if len(holders.get(parsed.value.get("competency"), ())) > 1:
            continue
        for index, activity in enumerate(parsed.value.get("activities") or []):
            ident = activity.get("id")
            if not isinstance(ident, str):
                continue
            if ident not in first:
                first[ident] = (parsed, index)
                continue
            other, other_index = first[ident]
            line, column = other.locate("activities", other_index, "id")
            loaded.report(
                parsed,
                ("activities", index, "id"),
                _("duplicate activity id '{id}' (also at {where})").format(
                    id=ident, where=f"{other.path}:{line}:{column}"
                ),
                _("every activity id must be unique across standards/learning/"),
            )


def check_all(loaded: Loaded) -> None:
    check_framework(loaded)
    dictionaries = check_dictionaries(loaded)
    competencies = check_competencies(loaded, dictionaries)
    check_positions(loaded, competencies, dictionaries)
    check_real_positions(
        loaded, competencies, dictionaries, _excused_references(loaded, competencies)
    )
    check_learning(loaded, competencies, dictionaries)
    check_activity_ids(loaded)
