"""``kompetensi assess --answers`` given the quiz's own ``penilaian-kompetensi.json``: its
position, targets, JP, focus, priorities, plan and identity are used as the quiz used them,
options replace them, and every problem in the file is reported at its key."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from generator.cli import main
from generator.commands.answers_file import read_answers, without_choices
from generator.engine import assess
from generator.engine.answers_document import AnswersDocument, read_document

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "engine" / "fixtures" / "dictionary.json"
DICTIONARY: dict[str, Any] = json.loads(FIXTURE.read_text(encoding="utf-8"))
# Integritas and Kerja Sama both 3 levels below the Administrator's target: a tie.
RATINGS = {"integritas.1.1": 2, "kerjasama.1.1": 2}


def _quiz_file(**changes: Any) -> dict[str, Any]:
    """A file as the quiz downloads it (the stored result is stale on purpose: never used)."""
    document = {
        "format": "kompetensi-asn/jawaban",
        "format_version": 1,
        "standards_version": DICTIONARY["framework"]["version"],
        "position": "administrator",
        "targets": {"integritas": None, "kerjasama": None, "perekat-bangsa": None},
        "total_jp": 24,
        "focus": 1,
        "identity": {"name": "Ayu Lestari", "nip": "198001012005012001"},
        "priorities": ["kerjasama"],
        "plan": None,
        "ratings": RATINGS,
        "result": {"schema_version": 1, "competencies": []},
    }
    return document | changes


def _write(tmp_path: Path, document: object) -> str:
    path = tmp_path / "penilaian-kompetensi.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return str(path)


def _json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, Any]:
    assert main(["assess", "--standards", str(FIXTURE), *argv]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    result: dict[str, Any] = json.loads(out)
    return result


def test_the_quiz_file_alone_gives_the_quiz_result(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = _json(capsys, "--answers", _write(tmp_path, _quiz_file()))
    expected = assess(
        DICTIONARY,
        RATINGS,
        position="administrator",
        total_jp=24,
        focus=1,
        priorities=["kerjasama"],
    )
    assert result == expected
    # The marked priority settles the tie; without it the dictionary's order would.
    assert result["plan"]["focus"] == ["kerjasama"]
    unmarked = _json(capsys, "--answers", _write(tmp_path, _quiz_file(priorities=[])))
    assert unmarked["plan"]["focus"] == ["integritas"]


def test_options_replace_the_files_choices(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, _quiz_file())
    result = _json(
        capsys, "--answers", path, "--jp", "30", "--focus", "2", "--position", "pelaksana"
    )
    assert result == assess(
        DICTIONARY, RATINGS, position="pelaksana", total_jp=30, focus=2, priorities=["kerjasama"]
    )


def test_both_answer_forms_are_read_into_the_one_answers_document() -> None:
    """The command reads the answers into the engine's own AnswersDocument (no twin class);
    the options' copy drops their choices and leaves the document as the file gave it."""
    version = DICTIONARY["framework"]["version"]
    bare, problems = read_answers({"ratings": RATINGS}, version)
    assert (bare, problems) == (AnswersDocument(RATINGS), [])
    read, problems = read_answers(_quiz_file(), version)
    assert problems == []
    assert read == read_document(_quiz_file(), version)[0]
    assert read.identity == {"name": "Ayu Lestari", "nip": "198001012005012001"}
    chosen = dict(read.choices)
    assert chosen == {
        "position": "administrator",
        "total_jp": 24,
        "focus": 1,
        "priorities": ["kerjasama"],
    }
    copy = without_choices(read, ["position", "total_jp", "plan"])
    assert type(copy) is AnswersDocument
    assert copy == replace(read, choices={"focus": 1, "priorities": ["kerjasama"]})
    assert read.choices == chosen  # what was read stays as read


def test_the_files_edited_plan_is_checked_and_retotalled(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    chosen = _json(capsys, "--answers", _write(tmp_path, _quiz_file()))
    items = [{"activity_id": i["activity_id"], "jp": i["jp"]} for i in chosen["plan"]["items"]]
    edited = _quiz_file(plan={"focus": ["kerjasama"], "budget_jp": 24, "items": items[1:]})
    result = _json(capsys, "--answers", _write(tmp_path, edited))
    assert result["plan"]["edited"] is True
    assert [i["activity_id"] for i in result["plan"]["items"]] == [
        i["activity_id"] for i in items[1:]
    ]
    assert result["plan"]["total_jp"] == sum(item["jp"] for item in items[1:])


def test_markdown_prints_the_files_identity(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, _quiz_file())
    assert (
        main(["assess", "--standards", str(FIXTURE), "--answers", path, "--format", "markdown"])
        == 0
    )
    out = capsys.readouterr().out
    assert "Ayu Lestari" in out
    assert "198001012005012001" in out


def test_every_problem_of_the_file_is_located(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = _quiz_file(
        format_version=2,
        standards_version="2016.1",
        identity={"name": "Ayu", "nip": 198001012005012001, "pangkat": "III/c"},
        priorities=["kerjasama", "nope"],
        total_jp=0,
        extra=True,
    )
    path = _write(tmp_path, bad)
    assert main(["assess", "--standards", str(FIXTURE), "--answers", path]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    again = "Saran: unduh ulang jawaban dari kuesioner (Unduh jawaban, JSON)"
    assert err.splitlines() == [
        f"{path}: extra: kunci tidak dikenal {again}",
        f"{path}: format_version: diharapkan 1, tertulis 2 {again}",
        f'{path}: standards_version: jawaban diberikan untuk standar versi "2016.1", sedangkan '
        "standar ini versi 2017.1 Saran: jawab ulang pada kuesioner versi ini, atau nilai dengan "
        "standar versi jawaban tersebut",
        f"{path}: identity.nip: diharapkan teks paling panjang 120 karakter, tertulis "
        "198001012005012001",
        f"{path}: identity.pangkat: kunci tidak dikenal Saran: kunci yang dikenal: name, nip, "
        "unit, period, position_title",
        f"{path}: total_jp: diharapkan bilangan bulat 1 sampai 1000, tertulis 0 Saran: bawaannya "
        "20 JP, batas minimal tahunan setiap ASN",
        f'{path}: priorities[1]: kode kompetensi "nope" tidak dikenal Saran: kompetensi yang '
        "dikenal: integritas, kerjasama, perekat-bangsa",
    ]


def test_a_file_of_another_format_and_english_messages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, {"format": "lain", "ratings": {}})
    argv = ["--lang", "en", "assess", "--standards", str(FIXTURE), "--answers", path]
    assert main(argv) == 1
    again = "Hint: download the answers again from the quiz (Unduh jawaban, JSON)"
    assert capsys.readouterr().err.splitlines() == [
        f'{path}: format: expected "kompetensi-asn/jawaban", got "lain" {again}',
        f"{path}: format_version: expected 1, got null {again}",
        f"{path}: standards_version: the answers were given for standards version null, these "
        "standards are version 2017.1 Hint: answer again in the quiz of this version, or assess "
        "with the standards they were given for",
    ]


def test_a_ratings_file_still_needs_a_position_or_targets(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, {"ratings": RATINGS})
    with pytest.raises(SystemExit) as caught:
        main(["assess", "--standards", str(FIXTURE), "--answers", path])
    assert caught.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        "kompetensi assess: galat: salah satu dari argumen --position --targets wajib diberikan"
    )


def test_a_quiz_file_without_ratings_and_with_a_text_identity(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = _quiz_file(identity="Ayu Lestari")
    del document["ratings"]
    path = _write(tmp_path, document)
    assert main(["assess", "--standards", str(FIXTURE), "--answers", path]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f'{path}: identity: diharapkan objek, tertulis "Ayu Lestari"',
        f"{path}: ratings: kunci tidak ada Saran: unduh ulang jawaban dari kuesioner (Unduh "
        "jawaban, JSON)",
    ]


def test_a_file_of_many_unknown_keys_lists_the_first_fifty(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The envelope's problems are capped as the engine's are: a large file full of unknown
    keys gives fifty lines and a count, not one line per key."""
    keys = [f"k{number:02}" for number in range(53)]
    identity = {f"i{number:02}": "x" for number in range(51)}
    path = _write(tmp_path, _quiz_file(identity=identity) | dict.fromkeys(keys, 1))
    assert main(["assess", "--standards", str(FIXTURE), "--answers", path]) == 1
    again = "Saran: unduh ulang jawaban dari kuesioner (Unduh jawaban, JSON)"
    known = "Saran: kunci yang dikenal: name, nip, unit, period, position_title"
    assert capsys.readouterr().err.splitlines() == [
        *(f"{path}: {key}: kunci tidak dikenal {again}" for key in keys[:50]),
        f"{path}: 3 masalah lain tidak dicantumkan Saran: perbaiki 50 yang pertama, lalu periksa "
        "lagi",
        *(f"{path}: identity.i{number:02}: kunci tidak dikenal {known}" for number in range(50)),
        f"{path}: identity: 1 masalah lain tidak dicantumkan Saran: perbaiki 50 yang pertama, "
        "lalu periksa lagi",
    ]
