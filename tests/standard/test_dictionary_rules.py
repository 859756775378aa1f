"""Technical dictionaries (standards/dictionaries/): a technical competency of a dictionary with
fewer levels describes that many, and every rule about it reports one located line."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from standard_support import Edit, Outcome, replace, write

K = "competencies/kerjasama.yaml"
TEKNIS_GROUP = replace(
    "framework.yaml",
    "assessment:\n",
    "  - id: teknis\n    name: Kompetensi Teknis\n    description: Bidang teknis.\nassessment:\n",
)

DICTIONARY = """\
id: contoh-teknis
name: Kamus Teknis Uji
owner: Instansi Uji
source: Keputusan uji
version: "1"
levels: 2
illustrative: true
"""


def technical(levels: int = 2) -> Edit:
    """kerjasama becomes a technical competency of the 2-level dictionary, with ``levels``."""

    def apply(root):  # type: ignore[no-untyped-def]
        file = root / K
        text = file.read_text(encoding="utf-8")
        text = text.replace("group: manajerial\n", "group: teknis\ndictionary: contoh-teknis\n")
        if levels < 3:
            text = text[: text.index("  - level: 3\n")]
        file.write_text(text, encoding="utf-8")
        catalogue = root / "learning/kerjasama.yaml"
        kept = catalogue.read_text(encoding="utf-8").split("\n  - ")
        head, items = kept[0], [i for i in kept[1:] if "level: 3" not in i]
        catalogue.write_text("\n  - ".join([head, *items]), encoding="utf-8")

    return Edit("kerjasama technical", apply)


DICT_FILE = write("dictionaries/contoh-teknis.yaml", DICTIONARY)


def _edited(load_edited: Callable[..., Outcome], *edits: Edit) -> Outcome:
    return load_edited(TEKNIS_GROUP, *edits)


def test_a_two_level_technical_competency_loads(
    load_edited: Callable[..., Outcome],
) -> None:
    outcome = _edited(
        load_edited,
        DICT_FILE,
        technical(),
        replace("positions.yaml", "      kerjasama: 3\n", "      kerjasama: 2\n"),
    )
    assert outcome.errors == []


THREE_LEVELS = DICTIONARY.replace("levels: 2", "levels: 3")
CASES = [
    pytest.param(
        (
            write("dictionaries/contoh-teknis.yaml", THREE_LEVELS),
            replace(K, "group: manajerial\n", "group: teknis\ndictionary: contoh-teknik\n"),
        ),
        "std/competencies/kerjasama.yaml:5:13: dictionary: unknown dictionary 'contoh-teknik' "
        "Hint: did you mean 'contoh-teknis'?",
        id="unknown-dictionary",
    ),
    pytest.param(
        (
            write("dictionaries/contoh-teknis.yaml", THREE_LEVELS),
            replace(K, "group: manajerial\n", "group: manajerial\ndictionary: contoh-teknis\n"),
        ),
        "std/competencies/kerjasama.yaml:5:13: dictionary: only a technical competency belongs "
        "to a dictionary, this one is 'manajerial' Hint: remove dictionary: or set group: teknis",
        id="dictionary-on-a-managerial-competency",
    ),
    pytest.param(
        (
            DICT_FILE,
            replace(K, "group: manajerial\n", "group: teknis\ndictionary: contoh-teknis\n"),
        ),
        "std/competencies/kerjasama.yaml:10:3: levels: expected 2 levels, got 3 "
        "Hint: every competency of the dictionary 'contoh-teknis' describes its 2 levels",
        id="framework-levels-in-a-smaller-dictionary",
    ),
    pytest.param(
        (write("dictionaries/kamus.yaml", THREE_LEVELS),),
        "std/dictionaries/kamus.yaml:1:5: id: the id 'contoh-teknis' differs from the file name "
        "'kamus.yaml' Hint: rename the file to contoh-teknis.yaml or fix the id",
        id="dictionary-id-differs-from-file-name",
    ),
    pytest.param(
        (write("dictionaries/contoh-teknis.yaml", DICTIONARY.replace("levels: 2", "levels: 4")),),
        "std/dictionaries/contoh-teknis.yaml:6:9: levels: expected at most 3 levels, got 4 "
        "Hint: a dictionary cannot have more levels than framework.yaml",
        id="more-levels-than-the-framework",
    ),
    pytest.param(
        (DICT_FILE, technical()),
        "std/positions.yaml:11:18: positions[0].targets.kerjasama: 'kerjasama' has no level 3 "
        "Hint: its levels run from 1 to 2",
        id="position-target-above-the-dictionary-levels",
    ),
]


@pytest.mark.parametrize(("edits", "expected"), CASES)
def test_dictionary_rule(
    load_edited: Callable[..., Outcome], edits: tuple[Edit, ...], expected: str
) -> None:
    assert _edited(load_edited, *edits).errors == [expected]


def test_learning_activity_above_the_dictionary_levels(
    load_edited: Callable[..., Outcome],
) -> None:
    outcome = _edited(
        load_edited,
        DICT_FILE,
        technical(),
        replace("positions.yaml", "      kerjasama: 3\n", "      kerjasama: 2\n"),
        replace(
            "learning/kerjasama.yaml",
            '{level: 2, category: "70"',
            '{level: 3, category: "70"',
        ),
    )
    assert outcome.errors == [
        "std/learning/kerjasama.yaml:7:13: activities[3].level: 'kerjasama' has no level 3 "
        "Hint: its levels run from 1 to 2"
    ]
