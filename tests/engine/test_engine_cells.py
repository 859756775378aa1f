"""One formula neutraliser for every spreadsheet file (``generator/engine/cells.py``): the
standard's CSV export, the quiz's CSV, the recap's CSV and XLSX, and the import undoing it."""

from __future__ import annotations

import csv
import io

import pytest

from generator.browser import report
from generator.engine import cells, model, recap_tables
from generator.render import skj
from generator.standard import export, position_sheet, sheet_reader

TRIGGERS = ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "\n=1+1"]


@pytest.mark.parametrize("risky", TRIGGERS, ids=repr)
def test_formula_like_text_gets_a_leading_apostrophe(risky: str) -> None:
    assert cells.formula_safe(risky) == "'" + risky


@pytest.mark.parametrize(
    ("value", "cell"),
    [("Integritas", "Integritas"), ("a = b", "a = b"), ("", ""), (None, ""), (3, 3), (2.5, 2.5)],
)
def test_other_cells_are_left_as_they_are(value: object, cell: object) -> None:
    assert cells.formula_safe(value) == cell
    assert type(cells.formula_safe(value)) is type(cell)  # numbers stay numbers for XLSX


@pytest.mark.parametrize("risky", TRIGGERS, ids=repr)
def test_the_import_takes_off_only_the_apostrophe_the_export_added(risky: str) -> None:
    neutralised = cells.formula_safe(risky)
    assert isinstance(neutralised, str)
    assert cells.NEUTRALISED.sub("", neutralised, count=1) == risky
    assert cells.NEUTRALISED.sub("", "it's -1 and '=x", count=1) == "it's -1 and '=x"


def test_every_spreadsheet_writer_uses_the_one_neutraliser() -> None:
    for module in (export, report, recap_tables, skj, position_sheet):
        assert module.formula_safe is cells.formula_safe, module.__name__
    assert sheet_reader.NEUTRALISED is cells.NEUTRALISED


def test_the_standards_csv_neutralises_a_text_starting_with_a_line_break() -> None:
    level = model.CompetencyLevel(1, "d", (model.Indicator("c.1.1", "-1"),))
    standard = model.StandardModel(
        schema_version=1,
        framework=model.Framework(version="1", levels=(model.FrameworkLevel(1, "Paham"),)),
        assessment=model.Assessment(1, 4, (), 3, "all", 20),
        learning=model.Learning((), (), ()),
        competencies=(
            model.Competency("c", "C", (level,), group="manajerial", definition="\n=HYPERLINK(1)"),
        ),
        positions=(),
    )
    rows = list(csv.reader(io.StringIO(export.to_csv(standard).lstrip("\ufeff"))))
    assert rows[1][7:9] == ["'-1", "'\n=HYPERLINK(1)"]
