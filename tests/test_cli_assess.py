"""``kompetensi assess`` end to end: files in, JSON or Markdown out, every problem on stderr.

Most cases call ``generator.cli.main`` in-process (fast, exact stderr); a few run
``python -m generator.cli`` as a subprocess, as a user would. The dictionary is the engine
tests' fixture (``--standards`` also accepts an exported JSON file); one smoke test uses the
real ``standards/`` folder.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from generator.cli import main
from generator.engine import assess

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "engine" / "fixtures" / "dictionary.json"
DICTIONARY: dict[str, Any] = json.loads(FIXTURE.read_text(encoding="utf-8"))
SCALE = "the scale is 1 = Belum pernah, 2 = Kadang-kadang, 3 = Sering, 4 = Selalu"
RATINGS = {"integritas.1.1": 4, "integritas.1.2": 3, "integritas.1.3": 4, "kerjasama.1.1": 2}


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temporary working folder holding a valid answers.json."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "answers.json").write_text(json.dumps({"ratings": RATINGS}), encoding="utf-8")
    return tmp_path


def _run(*argv: str) -> int:
    """In English: these cases pin the msgids (the Indonesian ones are pinned below and in
    ``tests/i18n``)."""
    return main(["--lang", "en", "assess", "--standards", str(FIXTURE), *argv])


def _errors(capsys: pytest.CaptureFixture[str], *argv: str) -> list[str]:
    """Run, expect exit 1 and nothing on stdout; the stderr lines."""
    assert _run(*argv) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert "Traceback" not in err
    return err.splitlines()


def test_json_output_is_the_engine_result(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run("--answers", "answers.json", "--position", "administrator", "--jp", "30") == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert json.loads(out) == assess(DICTIONARY, RATINGS, position="administrator", total_jp=30)


def test_targets_file(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    targets = {"integritas": 2, "kerjasama": None}
    (workdir / "targets.json").write_text(json.dumps({"targets": targets}), encoding="utf-8")
    assert _run("--answers", "answers.json", "--targets", "targets.json") == 0
    result = json.loads(capsys.readouterr().out)
    assert result == assess(DICTIONARY, RATINGS, targets=targets)
    assert [c["target"] for c in result["competencies"]] == [2, None, None]


def test_markdown_output(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        _run("--answers", "answers.json", "--position", "administrator", "--format", "markdown")
        == 0
    )
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[:3] == [
        "# Hasil penilaian mandiri kompetensi",
        "",
        "Standar kompetensi versi 2017.1; target jabatan Jabatan Administrator.",
    ]
    assert "| Integritas | 3 (Menengah) | 1 (Paham) | 2 | Di bawah target |" in lines
    assert "| Perekat Bangsa | – | 0 (belum mencapai level 1) | – | Tanpa target |" in lines
    assert "## Rencana pengembangan (20 dari 20 JP)" in lines
    assert "- Kompetensi fokus: Kerja Sama, Integritas" in lines
    assert "- Pembagian tercapai: 14 : 4 : 2 JP" in lines
    assert "- 70 (Belajar melalui pengalaman kerja): 14 JP" in lines
    # In the year's order (formal first), with the quarter and the evidence of completion.
    assert (
        "| Kerja Sama | 1 (Paham) | 70 | Perluasan dan Pengayaan Tugas | "
        "Aktivitas uji penugasan untuk kerjasama level 1. | 6 | Triwulan II | "
        "Laporan singkat yang diketahui atasan | kerjasama-penugasan-1 |"
    ) in lines
    assert "## Identitas dan pengesahan" in lines
    assert "| Nama: … | Nama: … |" in lines
    # The statements that decided an estimate are quoted, not only named by id.
    assert "  - Pernyataan penentu kerjasama.1.1: Indikator uji kerjasama.1.1." in lines
    assert lines[-1].startswith("*Hasil ini adalah perkiraan dari penilaian mandiri.")


def test_focus_option(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run("--answers", "answers.json", "--position", "administrator", "--focus", "1") == 0
    result = json.loads(capsys.readouterr().out)
    assert result == assess(DICTIONARY, RATINGS, position="administrator", focus=1)
    assert result["plan"]["focus"] == ["kerjasama"]
    assert [item["competency"] for item in result["plan"]["later"]] == ["integritas"]


def test_plan_option_accepts_an_exported_plan(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A result of this command holds a "plan"; so does the quiz's downloaded answers file.
    assert _run("--answers", "answers.json", "--position", "administrator") == 0
    result = json.loads(capsys.readouterr().out)
    plan = result["plan"]
    plan["items"] = plan["items"][1:]  # the person removed the first activity
    answers = {"format": "kompetensi-asn/jawaban", "ratings": RATINGS, "plan": plan}
    (workdir / "penilaian-kompetensi.json").write_text(json.dumps(answers), encoding="utf-8")
    argv = ["--answers", "answers.json", "--position", "administrator"]
    assert _run(*argv, "--plan", "penilaian-kompetensi.json") == 0
    edited = json.loads(capsys.readouterr().out)["plan"]
    assert edited["edited"] is True
    assert edited["items"] == plan["items"]
    assert edited["total_jp"] == sum(item["jp"] for item in plan["items"]) == 14


def test_plan_option_reports_located_problems(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = {"items": [{"activity_id": "kerjasama-penugasan-1", "jp": 3}, {"activity_id": "x"}]}
    (workdir / "plan.json").write_text(json.dumps({"plan": plan}), encoding="utf-8")
    argv = ["--answers", "answers.json", "--position", "administrator"]
    assert _errors(capsys, *argv, "--plan", "plan.json") == [
        "plan.json: plan.items[0].jp: expected 6 (the catalogue's JP of 'kerjasama-penugasan-1'), "
        "got 3 Hint: a plan takes whole activities with the JP the catalogue lists",
        "plan.json: plan.items[1].activity_id: unknown activity id 'x' "
        "Hint: activity ids look like 'integritas-coaching-1'",
    ]
    (workdir / "plan.json").write_text(json.dumps({"items": []}), encoding="utf-8")
    assert _errors(capsys, *argv, "--plan", "plan.json") == [
        "plan.json: plan: expected an object holding the edited plan Hint: the file looks like "
        '{"plan": {"items": [{"activity_id": "...", "jp": 8}]}}',
    ]


def test_every_input_problem_is_listed(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ratings = {"integritas.1.1": 5, "integritas.1.4": 3, "kerjasama.1.1": "Sering"}
    (workdir / "answers.json").write_text(json.dumps({"ratings": ratings}), encoding="utf-8")
    targets = {"integrity": 3, "kerjasama": 6}
    (workdir / "targets.json").write_text(json.dumps({"targets": targets}), encoding="utf-8")
    assert _errors(capsys, "--answers", "answers.json", "--targets", "targets.json") == [
        f"answers.json: ratings.integritas.1.1: expected an integer from 1 to 4, got 5 Hint: {SCALE}",
        "answers.json: ratings.integritas.1.4: unknown indicator id "
        "Hint: 'integritas' has indicators integritas.1.1 to integritas.5.3",
        'answers.json: ratings.kerjasama.1.1: expected an integer from 1 to 4, got "Sering" '
        f"Hint: {SCALE}",
        "targets.json: targets.integrity: unknown competency id Hint: did you mean 'integritas'?",
        "targets.json: targets.kerjasama: expected a level from 1 to 5 or null, got 6 "
        "Hint: levels are 1 = Paham, 2 = Dasar, 3 = Menengah, 4 = Mumpuni, 5 = Ahli; "
        "null means no target",
    ]


def test_position_with_own_targets_for_what_it_leaves_open(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    targets = {"perekat-bangsa": 2}
    (workdir / "targets.json").write_text(json.dumps({"targets": targets}), encoding="utf-8")
    code = _run(
        "--answers", "answers.json", "--position", "administrator", "--targets", "targets.json"
    )
    assert code == 0
    result = json.loads(capsys.readouterr().out)
    assert result == assess(DICTIONARY, RATINGS, position="administrator", targets=targets)
    assert [item["target"] for item in result["competencies"]] == [3, 3, 2]


def test_own_targets_cannot_replace_a_positions_target(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (workdir / "targets.json").write_text('{"targets": {"kerjasama": 1}}', encoding="utf-8")
    assert _errors(
        capsys,
        "--answers",
        "answers.json",
        "--position",
        "administrator",
        "--targets",
        "targets.json",
    ) == [
        "targets.json: targets.kerjasama: the position 'administrator' already sets level 3 for "
        "this competency Hint: own targets fill only the competencies whose target the position "
        "leaves open (null)"
    ]


def test_unknown_position(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _errors(capsys, "--answers", "answers.json", "--position", "camat") == [
        "--position: unknown position 'camat' "
        "Hint: known positions: pelaksana, administrator, jpt-madya"
    ]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            b'{"ratings": {\n  "integritas.1.1": 4\n  "integritas.1.2": 3\n}}',
            "answers.json:3:3: malformed JSON: Expecting ',' delimiter",
        ),
        (b"", "answers.json:1:1: malformed JSON: Expecting value"),
        (
            b'{"ratings": {"integritas.1.1": 4, "integritas.1.1": 1}}',
            "answers.json: duplicate key 'integritas.1.1' "
            "Hint: give each key once; JSON keeps only the last value",
        ),
        (
            b'{"ratings": {"integritas.1.1": 4}}\xff',
            "answers.json: not UTF-8 text: byte 0xff at offset 34 Hint: save the file as UTF-8",
        ),
        (
            b'[["integritas.1.1", 4]]',
            'answers.json: expected an object like {"ratings": {...}}, got a list '
            'Hint: the file looks like {"ratings": {"integritas.1.1": 4}}',
        ),
        (
            b'{"integritas.1.1": 4}',
            'answers.json: integritas.1.1: unknown key Hint: the file holds only "ratings"',
        ),
        (
            b'{"ratings": null}',
            "answers.json: ratings: expected an object, got null "
            'Hint: the file looks like {"ratings": {"integritas.1.1": 4}}',
        ),
        (b"[" * 100_000, "answers.json: malformed JSON: nested too deeply"),
    ],
)
def test_broken_answers_file(
    workdir: Path, capsys: pytest.CaptureFixture[str], content: bytes, expected: str
) -> None:
    (workdir / "answers.json").write_bytes(content)
    lines = _errors(capsys, "--answers", "answers.json", "--position", "administrator")
    assert lines[0] == expected


def test_missing_ratings_key_and_an_unknown_key(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (workdir / "answers.json").write_text('{"rating": {}}', encoding="utf-8")
    assert _errors(capsys, "--answers", "answers.json", "--position", "administrator") == [
        'answers.json: rating: unknown key Hint: the file holds only "ratings"',
        'answers.json: missing key "ratings" '
        'Hint: the file looks like {"ratings": {"integritas.1.1": 4}}',
    ]


def test_a_broken_file_does_not_hide_other_problems(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (workdir / "answers.json").write_text("{", encoding="utf-8")
    assert _errors(capsys, "--answers", "answers.json", "--position", "camat") == [
        "answers.json:1:2: malformed JSON: Expecting property name enclosed in double quotes",
        "--position: unknown position 'camat' "
        "Hint: known positions: pelaksana, administrator, jpt-madya",
    ]


def test_missing_files(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _errors(capsys, "--answers", "nothing.json", "--targets", "none.json") == [
        "nothing.json: cannot read: No such file or directory",
        "none.json: cannot read: No such file or directory",
    ]


def test_an_unusable_export(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (workdir / "old.json").write_text(json.dumps({**DICTIONARY, "schema_version": 2}), "utf-8")
    assert (
        main(
            [
                "assess",
                "--standards",
                "old.json",
                "--answers",
                "answers.json",
                "--position",
                "pelaksana",
            ]
        )
        == 1
    )
    assert capsys.readouterr().err.splitlines() == [
        "old.json: bukan ekspor kompetensi yang dapat dipakai: schema_version: diharapkan 1, "
        "tertulis 2"
    ]


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--position", "pelaksana"], "argumen berikut wajib diberikan: --answers"),
        (["--answers", "a.json"], "salah satu dari argumen --position --targets wajib diberikan"),
        (
            ["--answers", "a.json", "--position", "x", "--jp", "0"],
            "argumen --jp: diharapkan bilangan bulat 1 sampai 1000, tertulis '0'",
        ),
        (
            ["--answers", "a.json", "--position", "x", "--jp", "dua puluh"],
            "argumen --jp: diharapkan bilangan bulat 1 sampai 1000, tertulis 'dua puluh'",
        ),
        (
            ["--answers", "a.json", "--position", "x", "--focus", "10"],
            "argumen --focus: diharapkan bilangan bulat 1 sampai 9, tertulis '10'",
        ),
        (
            ["--answers", "a.json", "--position", "x", "--format", "xml"],
            "argumen --format: pilihan tidak sah: 'xml' (pilih dari 'json', 'markdown')",
        ),
    ],
)
def test_usage_errors_exit_2(
    capsys: pytest.CaptureFixture[str], argv: list[str], expected: str
) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["assess", *argv])
    assert caught.value.code == 2
    last = capsys.readouterr().err.splitlines()[-1]
    assert last == f"kompetensi assess: galat: {expected}"


def test_usage_errors_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--lang", "en", "assess", "--answers", "a.json", "--position", "x", "--jp", "0"])
    assert caught.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        "kompetensi assess: error: argument --jp: expected an integer from 1 to 1000, got '0'"
    )


def _subprocess(*argv: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator.cli", "assess", *argv],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        check=False,
    )


def test_subprocess_success_and_failure(tmp_path: Path) -> None:
    argv = ("--answers", "answers.json", "--position", "pelaksana", "--standards", str(FIXTURE))
    (tmp_path / "answers.json").write_text(json.dumps({"ratings": RATINGS}), encoding="utf-8")
    ok = _subprocess(*argv, cwd=tmp_path)
    assert (ok.returncode, ok.stderr) == (0, "")
    assert json.loads(ok.stdout) == assess(DICTIONARY, RATINGS, position="pelaksana")

    (tmp_path / "answers.json").write_text('{"ratings": {"integritas.1.1": 0}}', encoding="utf-8")
    bad = _subprocess(*argv, cwd=tmp_path)
    assert (bad.returncode, bad.stdout) == (1, "")
    assert bad.stderr == (  # Indonesian by default
        "answers.json: ratings.integritas.1.1: diharapkan bilangan bulat 1 sampai 4, tertulis 0 "
        "Saran: skalanya 1 = Belum pernah, 2 = Kadang-kadang, 3 = Sering, 4 = Selalu\n"
    )

    usage = _subprocess("--answers", "answers.json", cwd=tmp_path)
    assert usage.returncode == 2
    assert "Traceback" not in usage.stderr


def test_real_standards_folder(tmp_path: Path) -> None:
    from generator.engine.scope import assessed_export
    from generator.standard import load_export

    # The CLI assesses what the quiz does: the technical example dictionary is left out.
    export = assessed_export(load_export(ROOT / "standards"))
    position = export["positions"][0]["id"]
    first = export["competencies"][0]["levels"][0]["indicators"][0]["id"]
    (tmp_path / "answers.json").write_text(json.dumps({"ratings": {first: 4}}), encoding="utf-8")
    run = _subprocess(
        "--answers", str(tmp_path / "answers.json"), "--position", position, "--jp", "40", cwd=ROOT
    )
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    assert result == assess(export, {first: 4}, position=position, total_jp=40)
    assert sum(item["jp"] for item in result["plan"]["items"]) == 40


def test_a_real_position_is_assessed_on_its_technical_competencies(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The technical ratings of a real position's result file are accepted (and assessed); the
    same ratings for a template are refused with the reason, located in the answers file."""
    from generator.standard import load_export

    export = load_export(ROOT / "standards")
    technical = next(c for c in export["competencies"] if c["group"] == "teknis")
    template = next(p for p in export["positions"] if p["id"] == "administrator")
    real = {**template, "id": "analis-uji", "targets": {**template["targets"], technical["id"]: 3}}
    export["positions"].append(real)
    standards = tmp_path / "kompetensi.json"
    standards.write_text(json.dumps(export), encoding="utf-8")
    ratings = {i["id"]: 4 for level in technical["levels"][:2] for i in level["indicators"]}
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"ratings": ratings}), encoding="utf-8")
    argv = ["assess", "--standards", str(standards), "--answers", str(answers)]

    assert main([*argv, "--position", "analis-uji"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result == assess(export, ratings, position="analis-uji")
    mine = result["competencies"][-1]
    assert (mine["id"], mine["estimated"], mine["target"], mine["gap"]) == (
        technical["id"],
        2,
        3,
        1,
    )

    assert main([*argv, "--position", "administrator"]) == 1
    first = capsys.readouterr().err.splitlines()[0]
    assert first == (
        f"{answers}: ratings.{technical['id']}.1.1: '{technical['id']}' bukan kompetensi jabatan "
        "yang dipilih Saran: kompetensi teknis hanya dinilai untuk jabatan yang mencantumkannya "
        "dalam targetnya; pilih jabatan itu"
    )
