"""Every kind of file the recap refuses, each with its one reason, and how duplicates resolve."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from recap_support import DICTIONARY

from bench.recap_data import documents
from generator import i18n
from generator.engine import wording
from generator.engine.recap import Recap

GOOD = next(documents(DICTIONARY, 1, seed=3))


@pytest.fixture(autouse=True)
def indonesian() -> Iterator[None]:
    """The reasons in Indonesian, as the command (by default) and the /rekap/ page give them."""
    with i18n.speaking("id"):
        before = wording.use(i18n._)
        try:
            yield
        finally:
            wording.use(before)


def _bytes(document: Any) -> bytes:
    return json.dumps(document).encode("utf-8")


def _changed(**changes: Any) -> bytes:
    document = copy.deepcopy(GOOD)
    document.update(changes)
    return _bytes(document)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b" " * (1024 * 1024 + 1), "berkas lebih besar dari 1 MB"),
        (b'{"a": "\xff"}', "berkas bukan teks UTF-8"),
        (b'{"format": ', "berkas bukan JSON yang valid"),
        (b"[" * 100_000 + b"]" * 100_000, "berkas bukan JSON yang valid"),
        (b'{"format": 1, "format": 2}', "kunci 'format' muncul dua kali"),
        # Numbers are refused by length before conversion (5,000 digits raised a ValueError).
        (b'{"total_jp": ' + b"9" * 5000 + b"}", "angka terlalu panjang di baris 1 kolom 14"),
        (b'{\n "a": -0.' + b"1" * 60 + b"}", "angka terlalu panjang di baris 2 kolom 7"),
        (b"[1, 2]", "bukan berkas hasil penilaian mandiri kompetensi"),
        (_changed(format="kompetensi-asn/lain"), "bukan berkas hasil penilaian mandiri kompetensi"),
        # A file of another kind is named so, whatever else is wrong in it.
        (_changed(format=None, extra=1), "bukan berkas hasil penilaian mandiri kompetensi"),
        # Otherwise the reason is the first problem the command lists too (without its hint),
        # its version first: a newer file's new keys are not the news.
        (_changed(format_version=2, extra=1), "format_version: diharapkan 1, tertulis 2"),
        (
            _changed(standards_version="2030.1"),
            'standards_version: jawaban diberikan untuk standar versi "2030.1", sedangkan standar '
            "ini versi 2017.1",
        ),
        (
            _changed(standards_version="2030\u202e.1\n" + "9" * 300),
            # The reason is one line of printable text (U+202E, shown in the version, is dropped).
            'standards_version: jawaban diberikan untuk standar versi "2030.1\\n999999999999999999'
            "999999999..., sedangkan standar ini versi 2017.1",
        ),
        (_changed(extra=1), "extra: kunci tidak dikenal"),
        (
            _changed(ratings={"integritas.9.9": 4}),
            "jawaban tidak sesuai standar kompetensi ini (periksa ratings.integritas.9.9)",
        ),
        (
            _changed(position="menteri"),
            "jawaban tidak sesuai standar kompetensi ini (periksa position)",
        ),
        (_changed(ratings=None), "ratings: kunci tidak ada"),
        (_changed(identity=["x"]), "identity: diharapkan objek, tertulis daftar"),
        (
            _changed(identity={"nip": 1980}),
            "identity.nip: diharapkan teks paling panjang 120 karakter, tertulis 1980",
        ),
        (
            _changed(identity={"nip": "1" * 121}),
            "identity.nip: diharapkan teks paling panjang 120 karakter, tertulis "
            '"111111111111111111111111111111111111...',
        ),
        (_changed(identity={"pangkat": "III/c"}), "identity.pangkat: kunci tidak dikenal"),
    ],
)
def test_each_rejection_has_one_reason(data: bytes, reason: str) -> None:
    recap = Recap(DICTIONARY)
    assert recap.add("berkas.json", data) is False
    assert recap.rejected == [{"file": "berkas.json", "reason": reason}]
    assert recap.summary()["respondents"] == 0


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (_changed(format="x"), "not a competency self-assessment result file"),
        (_changed(format_version=2), "format_version: expected 1, got 2"),
        (
            _changed(standards_version="2030.1"),
            'standards_version: the answers were given for standards version "2030.1", these '
            "standards are version 2017.1",
        ),
        (_changed(extra=1), "extra: unknown key"),
        (_changed(ratings=None), "ratings: missing key"),
        (_changed(identity="Ayu"), 'identity: expected an object, got "Ayu"'),
        (
            _changed(identity={"nip": None}),
            "identity.nip: expected a text of at most 120 characters, got null",
        ),
        (_changed(identity={"pangkat": "III/c"}), "identity.pangkat: unknown key"),
        (
            _changed(position="menteri"),
            "the answers do not fit this competency standard (check position)",
        ),
    ],
)
def test_a_reason_is_english_when_the_caller_speaks_english(data: bytes, reason: str) -> None:
    recap = Recap(DICTIONARY)
    with i18n.speaking("en"):
        recap.add("berkas.json", data)
    assert recap.rejected == [{"file": "berkas.json", "reason": reason}]


def test_identical_files_without_nip_count_once() -> None:
    document = copy.deepcopy(GOOD)
    del document["identity"]
    recap = Recap(DICTIONARY)
    assert recap.add("a.json", _bytes(document), modified=1.0)
    assert recap.add("b.json", _bytes(document), modified=2.0)
    assert recap.summary()["respondents"] == 1
    assert recap.rejected == [
        {
            "file": "a.json",
            "reason": "duplikat: isi yang sama persis dengan berkas b.json, yang lebih baru dan dipakai",
        }
    ]


def test_the_newest_file_of_a_nip_wins_whatever_the_order() -> None:
    newer = copy.deepcopy(GOOD)
    newer["ratings"] = {}
    newer["identity"]["nip"] = " ".join(GOOD["identity"]["nip"])  # spaces: the same person
    recap = Recap(DICTIONARY)
    assert recap.add("baru.json", _bytes(newer), modified=20.0)
    assert recap.add("lama.json", _bytes(GOOD), modified=10.0) is False
    assert [entry.source for entry in recap.entries()] == ["baru.json"]
    counts = recap.summary()["competencies"][0]["level_counts"]
    assert counts["0"] == 1  # no ratings: level 0
    assert recap.rejected[0]["file"] == "lama.json"


def test_identity_text_is_cleaned() -> None:
    document = copy.deepcopy(GOOD)
    document["identity"]["unit"] = "  Biro\u0000 Umum\u202e\n" + "x" * 100  # 120 characters
    recap = Recap(DICTIONARY, min_group=1)
    assert recap.add("a.json", _bytes(document))
    [unit] = recap.summary()["units"]
    assert unit["unit"] == "Biro Umum " + "x" * 100


def test_an_edited_plan_and_agency_activities_are_what_the_recap_counts() -> None:
    dictionary = copy.deepcopy(DICTIONARY)
    arranged = next(
        a for a in dictionary["learning"]["activities"] if a["id"] == "kerjasama-penugasan-1"
    )
    arranged["arranged_by_agency"] = True
    chosen = next(a for a in dictionary["learning"]["activities"] if a["id"] != arranged["id"])
    document = copy.deepcopy(GOOD)
    document["ratings"] = {}  # level 0 everywhere: every plan works on level 1
    document["plan"] = {"items": [{"activity_id": chosen["id"], "jp": chosen["jp"]}]}
    recap = Recap(dictionary)
    assert recap.add("a.json", _bytes(document))
    summary = recap.summary()
    demanded = {a["activity_id"]: a for a in summary["activities"]}
    # The person's own choice, whole, with its catalogue JP: the allowance's demand.
    assert demanded[chosen["id"]]["jp"] == chosen["jp"]
    assert demanded[chosen["id"]]["arranged_by_agency"] is False
    assert summary["jp_demand"] == {"70": 0, "20": 0, "10": 0} | {chosen["category"]: chosen["jp"]}
    # Proposed for the agency to arrange: demanded, outside the JP allowance.
    assert demanded[arranged["id"]]["arranged_by_agency"] is True
    assert demanded[arranged["id"]]["employees"] == 1
    document["plan"] = {"items": [{"activity_id": "tidak-ada", "jp": 1}]}
    assert recap.add("b.json", _bytes(document)) is False
    assert recap.rejected[-1]["reason"].startswith(
        "jawaban tidak sesuai standar kompetensi ini (periksa plan.items"
    )


def test_hostile_identity_text_stays_text_in_every_output() -> None:
    import xml.etree.ElementTree as ElementTree

    from generator.browser.recap_chart import levels_svg, unit_gaps_svg
    from generator.engine.recap_tables import to_csv, to_markdown

    hostile = '=HYPERLINK("http://x")<script>alert(1)</script>[a](javascript:x)|'
    recap = Recap(DICTIONARY, min_group=1)
    for number in range(2):
        document = copy.deepcopy(GOOD)
        document["identity"] = {"nip": str(number), "unit": hostile, "position_title": hostile}
        document["position"] = None
        recap.add(f"{number}.json", _bytes(document))
    summary = recap.summary()
    assert [unit["unit"] for unit in summary["units"]] == [hostile]
    csv_text = to_csv(summary)
    assert "'=HYPERLINK" in csv_text
    assert "\n=HYPERLINK" not in csv_text and ",=HYPERLINK" not in csv_text
    markdown = to_markdown(summary)
    assert "<script>" not in markdown
    assert not re.search(r"(?<!\\)\]\(", markdown), "a link survived"
    assert "\\[a\\](javascript:x)" in markdown
    for svg in (unit_gaps_svg(summary), levels_svg(summary)):
        ElementTree.fromstring(svg)  # well-formed: the text is escaped
        assert "<script>" not in svg


def test_own_targets_fill_what_the_position_leaves_open_as_in_the_quiz() -> None:
    from generator.engine import assess

    document = copy.deepcopy(GOOD)
    document["position"] = "administrator"  # perekat-bangsa has no target there
    document["targets"] = {"perekat-bangsa": 2, "integritas": None}
    recap = Recap(DICTIONARY)
    assert recap.add("a.json", _bytes(document))
    expected = assess(
        DICTIONARY,
        document["ratings"],
        position="administrator",
        targets={"perekat-bangsa": 2, "integritas": None},
        total_jp=document["total_jp"],
    )
    by_id = {c["id"]: c for c in recap.summary()["competencies"]}
    for competency in expected["competencies"]:
        row = by_id[competency["id"]]
        assert row["no_target"] == (competency["target"] is None)
        assert row["below_target"] == (competency["status"] == "gap")
    assert expected["competencies"][2]["target"] == 2


def test_technical_competencies_are_left_out_as_the_quiz_leaves_them_out() -> None:
    dictionary = copy.deepcopy(DICTIONARY)
    technical = copy.deepcopy(dictionary["competencies"][0])
    technical.update(id="arsip-dinamis", name="Arsip Dinamis", group="teknis")
    for level in technical["levels"]:
        for indicator in level["indicators"]:
            indicator["id"] = indicator["id"].replace("integritas", "arsip-dinamis")
    dictionary["competencies"].append(technical)
    recap = Recap(dictionary)
    assert recap.add("a.json", _bytes(GOOD))
    assert [c["id"] for c in recap.summary()["competencies"]] == [
        c["id"] for c in DICTIONARY["competencies"]
    ]
