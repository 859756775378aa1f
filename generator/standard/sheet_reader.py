"""What both forms of ``kompetensi import`` (dictionary and position) share while reading a
sheet: every problem located as ``FILE:row:column`` (the row as the spreadsheet numbers it, the
column by its header), the header check, ids, first-row fields and files that already exist.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from generator.engine.cells import NEUTRALISED
from generator.errors import printable, with_hint
from generator.i18n import _
from generator.standard.loader import display_path

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
"""An id: lower-case letters and digits, words joined by single hyphens."""


def clean_cell(value: str) -> str:
    # The export disarms formula-like cells with a leading apostrophe: take it off.
    return NEUTRALISED.sub("", value.strip(), count=1)


def is_level(text: str) -> bool:
    """Whether a cell holds a level number, 1 to 5."""
    return text.isdigit() and 1 <= int(text) <= 5


class SheetReader:
    """Collects the located problems of one sheet (``name``: the file as the user typed it)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.problems: list[str] = []

    def problem(self, row: int, column: str, message: str, hint: str) -> None:
        self.problems.append(printable(f"{self.name}:{row}:{column}: {with_hint(message, hint)}"))

    def check_header(
        self,
        header: Sequence[str],
        *,
        known: Sequence[str],
        listed: Sequence[str],
        required: Sequence[str],
        missing_hint: str,
        aliases: Mapping[str, str] | None = None,
    ) -> None:
        """A problem for each column not in ``known`` (the hint lists ``listed``) and each
        ``required`` one missing; ``aliases`` maps another name of a column to its own."""
        aliases = aliases or {}
        columns = [aliases.get(name, name) for name in header]
        for name, column in zip(header, columns, strict=True):
            if column not in known:
                self.problem(
                    1,
                    name or _("(no name)"),
                    _("unknown column"),
                    _("known columns: {columns}").format(columns=", ".join(listed)),
                )
        for name in required:
            if name not in columns:
                self.problem(1, name, _("missing required column"), missing_hint)

    def valid_id(
        self, row: int, column: str, ident: str, invalid: str, empty: str, hint: str
    ) -> bool:
        """Whether ``ident`` is an id (:data:`SLUG`); otherwise a problem: ``invalid`` (naming
        the value as ``{id}``) or, for an empty cell, ``empty``."""
        if SLUG.fullmatch(ident):
            return True
        self.problem(row, column, invalid.format(id=ident) if ident else empty, hint)
        return False

    def filled(
        self, row: int, cell: Mapping[str, str], columns: Sequence[str], message: str, hint: str
    ) -> list[str]:
        """The ``columns`` empty on a first row, each reported with ``message`` and ``hint``."""
        missing = [column for column in columns if not cell.get(column)]
        for column in missing:
            self.problem(row, column, message, hint)
        return missing

    def is_new(self, target: Path, row: int, column: str, hint: str, *, force: bool) -> bool:
        """Whether the import may write ``target``: it does not exist yet, or ``force``."""
        if force or not target.exists():
            return True
        self.problem(
            row, column, _("the file {file} already exists").format(file=display_path(target)), hint
        )
        return False

    def no_rows(self, hint: str) -> None:
        """The problem of a sheet with a header and nothing else."""
        message = with_hint(_("no data rows"), hint)
        self.problems.append(printable(f"{self.name}: {message}"))
