"""The position form of ``kompetensi import`` (and of ``kompetensi export --format csv
--positions``): one row per competency a position requires, plus requirement columns.

A sheet is in this form when its header has ``position_id``. The columns are :data:`COLUMNS`:

- the position's own fields (``position_name``, ``kind``, ``grade``, ``extends``, ``agency``,
  ``unit``, ``illustrative``, ``verified``, ``summary``) are read from its first row; later rows
  repeat them or leave them empty;
- ``competency_id`` and ``level`` (empty: not known, ``null``) give one target per row;
  ``competency`` (the name) is for the reader and ignored;
- ``education``, ``training_managerial``, ``training_technical``, ``training_functional``,
  ``experience`` and ``source``: every non-empty cell is one item of that list, in row order, so
  a position with more requirements than competencies has rows without a competency.

Nothing is written unless the whole result passes the validator on a copy of the standards
folder; the validator's problems in a position file are pointed back at the row and column that
gave the value.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.engine.cells import formula_safe
from generator.engine.model import StandardModel
from generator.errors import Problem, printable, with_hint
from generator.i18n import _
from generator.standard.importer import Result, dump_yaml, validate_into
from generator.standard.loader import COMPETENCY_DIR, POSITION_DIR, display_path
from generator.standard.sheet_reader import SheetReader, clean_cell, is_level
from generator.standard.spreadsheet import Sheet
from generator.vocabulary import POSITION_GRADES, POSITION_KINDS

POSITION_COLUMN = "position_id"
"""The column that tells the position form from the dictionary form."""
FIELDS = (
    "position_name",
    "kind",
    "grade",
    "extends",
    "agency",
    "unit",
    "illustrative",
    "verified",
    "summary",
)
"""The position's own fields, given on its first row."""
LISTS = {
    "education": ("requirements", "education"),
    "training_managerial": ("requirements", "training", "managerial"),
    "training_technical": ("requirements", "training", "technical"),
    "training_functional": ("requirements", "training", "functional"),
    "experience": ("requirements", "experience"),
    "source": ("sources",),
}
"""Each list column and where its items go in the position file."""
COLUMNS = (POSITION_COLUMN, *FIELDS, "competency_id", "competency", "level", *LISTS)
REQUIRED = (POSITION_COLUMN, "position_name", "kind", "summary", "competency_id", "level")
_BOOLEANS = {"true": True, "false": False, "": False}
_FIELD_OF_KEY = {
    "id": POSITION_COLUMN,
    "name": "position_name",
    **{name: name for name in FIELDS if name != "position_name"},
    "targets": "competency_id",
}


@dataclass
class SheetPosition:
    """One position gathered from its rows."""

    row: int
    id: str
    fields: dict[str, str]
    targets: dict[str, tuple[int, int | None]] = field(default_factory=dict)
    """Competency id: (row, level or None)."""
    lists: dict[str, list[tuple[int, str]]] = field(default_factory=dict)


class _Reader(SheetReader):
    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.positions: dict[str, SheetPosition] = {}

    def header(self, header: list[str]) -> None:
        self.check_header(
            header,
            known=COLUMNS,
            listed=COLUMNS,
            required=REQUIRED,
            missing_hint=_("add it to the first row"),
        )

    def row(self, number: int, cells: dict[str, str]) -> None:
        cell = {k: clean_cell(v) for k, v in cells.items()}
        ident = cell.get(POSITION_COLUMN, "")
        if not self.valid_id(
            number,
            POSITION_COLUMN,
            ident,
            _("invalid position id: '{id}'"),
            _("empty position id"),
            _("use lower-case letters, digits and hyphens, e.g. analis-sdm-aparatur-ahli-muda"),
        ):
            return
        position = self.positions.get(ident)
        if position is None:
            position = self._first(number, ident, cell)
        else:
            self._same(number, cell, position)
        self._target(number, cell, position)
        for column in LISTS:
            if cell.get(column):
                position.lists.setdefault(column, []).append((number, cell[column]))

    def _one_of(
        self, number: int, column: str, value: str, allowed: Sequence[str], message: str
    ) -> None:
        """A problem when a filled cell is not one of the closed list ``allowed``; ``message``
        names the value as ``{kind}`` or ``{grade}`` (the column)."""
        if value and value not in allowed:
            self.problem(
                number,
                column,
                message.format(**{column: value}),
                _("use one of {values}").format(values=", ".join(allowed)),
            )

    def _first(self, number: int, ident: str, cell: dict[str, str]) -> SheetPosition:
        position = SheetPosition(number, ident, {k: cell.get(k, "") for k in FIELDS})
        self.positions[ident] = position
        self.filled(
            number,
            cell,
            ("position_name", "kind", "summary"),
            _("empty on the first row of position '{id}'").format(id=ident),
            _("fill in this column on the first row of every position"),
        )
        kind = cell.get("kind", "")
        self._one_of(number, "kind", kind, POSITION_KINDS, _("unknown kind: '{kind}'"))
        grades = [g for kind_grades in POSITION_GRADES.values() for g in kind_grades]
        grade = cell.get("grade", "")
        self._one_of(number, "grade", grade, grades, _("unknown grade: '{grade}'"))
        for column in ("illustrative", "verified"):
            if cell.get(column, "").casefold() not in _BOOLEANS:
                self.problem(
                    number,
                    column,
                    _("expected true or false, got '{value}'").format(value=cell[column]),
                    _("write true or false, or leave the cell empty (false)"),
                )
        return position

    def _same(self, number: int, cell: dict[str, str], position: SheetPosition) -> None:
        for column in FIELDS:
            text = cell.get(column, "")
            if text and text != position.fields[column]:
                self.problem(
                    number,
                    column,
                    _("differs from row {row} for the same position").format(row=position.row),
                    _("empty this cell or make it the same"),
                )

    def _target(self, number: int, cell: dict[str, str], position: SheetPosition) -> None:
        cid, level = cell.get("competency_id", ""), cell.get("level", "")
        if not cid:
            if level:
                self.problem(
                    number,
                    "level",
                    _("a level without a competency"),
                    _("fill in competency_id, or empty this cell"),
                )
            return
        if not self.valid_id(
            number,
            "competency_id",
            cid,
            _("invalid competency id: '{id}'"),
            _("empty competency id"),  # never: an empty id was taken as no target above
            _("use lower-case letters, digits and hyphens, e.g. pengelolaan-arsip"),
        ):
            return
        if cid in position.targets:
            self.problem(
                number,
                "competency_id",
                _("'{id}' is already listed on row {row} for this position").format(
                    id=cid, row=position.targets[cid][0]
                ),
                _("list each competency once per position"),
            )
            return
        if level and not is_level(level):
            self.problem(
                number,
                "level",
                _("the level must be a whole number from 1 to 5, got '{value}'").format(
                    value=level
                ),
                _("write the level number only, e.g. 2, or leave it empty when not known"),
            )
            return
        position.targets[cid] = (number, int(level) if level else None)


def plan_position_import(name: str, sheet: Sheet, standards: Path, *, force: bool) -> Result:
    """The position files an import of ``sheet`` writes, checked like :func:`plan_import`."""
    reader = _Reader(name)
    reader.header(sheet.header)
    if reader.problems:
        return Result(problems=reader.problems)
    for number, cells in sheet.rows:
        reader.row(number, cells)
    if not reader.positions and not reader.problems:
        reader.no_rows(_("write one row per required competency"))
    if reader.problems:
        return Result(problems=reader.problems)
    files: dict[Path, str] = {}
    for position in reader.positions.values():
        target = standards / POSITION_DIR / f"{position.id}.yaml"
        hint = _("use --force to replace it, or change the position id")
        if not reader.is_new(target, position.row, POSITION_COLUMN, hint, force=force):
            continue
        files[target] = dump_yaml(_position_value(position), "position")
    if reader.problems:
        return Result(problems=reader.problems)
    result = Result(files=files)
    written = {display_path(path): reader.positions[path.stem] for path in files}
    validate_into(result, standards, lambda p: _at_row(p, written, reader, standards))
    # The validator reports file by file; the sheet's own lines read best in row order.
    result.problems.sort(key=lambda line: _row_of(line, name))
    return result


def _row_of(line: str, name: str) -> tuple[int, int]:
    """Lines of the sheet first, by row; then the others (in other files) as they came."""
    row = line[len(name) + 1 :].split(":", 1)[0] if line.startswith(f"{name}:") else ""
    return (0, int(row)) if row.isdigit() else (1, 0)


def _position_value(position: SheetPosition) -> dict[str, Any]:
    fields = position.fields
    value: dict[str, Any] = {"id": position.id, "name": fields["position_name"]}
    for key in ("extends", "kind", "grade"):
        if fields[key]:
            value[key] = fields[key]
    value["illustrative"] = _BOOLEANS[fields["illustrative"].casefold()]
    for key in ("agency", "unit"):
        if fields[key]:
            value[key] = fields[key]
    value["summary"] = fields["summary"]
    value["targets"] = {cid: level for cid, (_row, level) in position.targets.items()}
    for column, keys in LISTS.items():
        items = [text for _row, text in position.lists.get(column, [])]
        if not items and keys[0] == "requirements":
            continue
        place = value
        for key in keys[:-1]:
            place = place.setdefault(key, {})
        place[keys[-1]] = items
    value["verified"] = _BOOLEANS[fields["verified"].casefold()]
    return value


def _at_row(
    problem: Problem,
    written: dict[str, SheetPosition],
    reader: _Reader,
    standards: Path,
) -> str | None:
    """A validator problem in a position file this import writes, as ``FILE:row:column``;
    ``None`` for a problem elsewhere (reported as the validator located it)."""
    position = written.get(problem.path)
    if position is None:
        return None
    keys = problem.key_path.split(".")
    row, column = position.row, _FIELD_OF_KEY.get(keys[0], POSITION_COLUMN)
    if keys[0] == "targets" and len(keys) > 1 and keys[1] in position.targets:
        row = position.targets[keys[1]][0]
        known = (standards / COMPETENCY_DIR / f"{keys[1]}.yaml").exists()
        column = "level" if known else "competency_id"
    for list_column, list_keys in LISTS.items():
        if problem.key_path.startswith(".".join(list_keys)):
            items = position.lists.get(list_column, [])
            row, column = (items[0][0] if items else row), list_column
    return printable(f"{reader.name}:{row}:{column}: {with_hint(problem.message, problem.hint)}")


def positions_csv(standard: StandardModel) -> str:
    """The real positions of the standard in the position form (UTF-8 with BOM, as the
    indicator CSV): ``kompetensi import`` of it gives back the same positions. Targets are the
    resolved ones, so the file stands without its templates' targets."""
    names = {c.id: c.name for c in standard.competencies}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for position in standard.positions:
        if position.template:
            continue
        requirements = position.requirements
        by_type = requirements.training_by_type
        lists = {
            "education": requirements.education,
            "training_managerial": by_type.get("managerial", ()),
            "training_technical": by_type.get("technical", ()),
            "training_functional": by_type.get("functional", ()),
            "experience": requirements.experience,
            "source": position.sources,
        }
        targets = list(position.targets.items())
        own = {
            "position_name": position.name,
            "kind": position.kind or "",
            "grade": position.grade or "",
            "extends": position.extends or "",
            "agency": position.agency or "",
            "unit": position.unit or "",
            "illustrative": "true" if position.illustrative else "false",
            "verified": "true" if position.verified else "false",
            "summary": position.summary,
        }
        rows = max(len(targets), *(len(items) for items in lists.values()), 1)
        for index in range(rows):
            cid, level = targets[index] if index < len(targets) else ("", None)
            cells = {
                POSITION_COLUMN: position.id,
                **(own if index == 0 else {}),
                "competency_id": cid,
                "competency": names.get(cid, ""),
                "level": "" if level is None else str(level),
                **{k: items[index] for k, items in lists.items() if index < len(items)},
            }
            writer.writerow(formula_safe(cells.get(column, "")) for column in COLUMNS)
    return "\ufeff" + out.getvalue()
