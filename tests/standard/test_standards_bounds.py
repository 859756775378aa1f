"""What the standards folder may hold, and how much: links must stay inside it (a link to a file
outside is refused without reading it), files that never end stop at the size limit, aliases are
unique and few, and a flood of schema problems is listed as the first ones and a count."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from malformed_cases import K, P
from standard_support import STD, build, load, run_cli, summary

from generator.standard.schema import MAX_LISTED

SECRET = "kata-sandi-rahasia: jangan-dikutip"
OUTSIDE = (
    "the file is a link to a file outside the standards folder "
    "Hint: copy the file into the standards folder instead of linking to it"
)


@pytest.fixture
def std(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    root = build(tmp_path)
    (tmp_path / "rahasia.yaml").write_text(f"{SECRET}\nid: x\n", encoding="utf-8")
    return root


def _link(path: Path, target: Path) -> None:
    path.unlink(missing_ok=True)
    path.symlink_to(target)


@pytest.mark.parametrize("name", [P, K, "framework.yaml", "learning/kerjasama.yaml"])
def test_a_link_to_a_file_outside_is_refused_unread(std: Path, name: str) -> None:
    _link(std / name, std.parent / "rahasia.yaml")
    outcome = load(STD)
    assert f"{STD}/{name}:1:1: {OUTSIDE}" in outcome.errors
    assert not any("kata-sandi" in line or "jangan" in line for line in outcome.errors)


def test_a_linked_folder_outside_is_refused_file_by_file(std: Path) -> None:
    outside = std.parent / "luar"
    (std / "learning").rename(outside)
    _link(std / "learning", outside)
    outcome = load(STD)
    names = sorted(p.name for p in outside.iterdir())
    assert outcome.errors == [f"{STD}/learning/{name}:1:1: {OUTSIDE}" for name in names]


def test_a_link_inside_the_folder_is_read(std: Path) -> None:
    moved = std / "competencies" / "kerjasama.yaml"
    (std / "kerjasama-asli.yaml.txt").write_bytes(moved.read_bytes())
    _link(moved, std / "kerjasama-asli.yaml.txt")
    (std / "kerjasama-asli.yaml.txt").rename(std / "learning" / ".kerjasama-asli")
    _link(moved, std / "learning" / ".kerjasama-asli")
    outcome = load(STD)
    assert outcome.errors == []
    assert outcome.standard is not None


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_link_to_an_endless_device_is_refused(std: Path, device: str) -> None:
    _link(std / K, Path(device))
    outcome = load(STD)
    assert f"{STD}/{K}:1:1: {OUTSIDE}" in outcome.errors


def test_a_fifo_in_the_folder_is_not_read(std: Path) -> None:
    os.mkfifo(std / "competencies" / "antrian.yaml")
    outcome = load(STD)  # returns: a FIFO with no writer would block a reader forever
    assert outcome.errors == [
        f"{STD}/competencies/antrian.yaml:1:1: unexpected file in the standards folder "
        "Hint: data files end in .yaml; move other files elsewhere"
    ]


ALIAS_HINT = "a list of other names or spellings, e.g. [Kolaborasi], at most 20"


@pytest.mark.parametrize(
    ("aliases", "expected"),
    [
        (
            "[Kolaborasi, kolaborasi]",
            [
                f"{STD}/{K}:6:23: aliases[1]: 'kolaborasi' repeats aliases[0] Hint: give each item once"
            ],
        ),
        (
            '[Kerja sama, "kerja  sama ", Sinergi, KERJA SAMA]',
            [
                f"{STD}/{K}:6:23: aliases[1]: 'kerja  sama ' repeats aliases[0] "
                "Hint: give each item once",
                f"{STD}/{K}:6:48: aliases[3]: 'KERJA SAMA' repeats aliases[0] "
                "Hint: give each item once",
            ],
        ),
        (
            "[" + ", ".join(f"sebutan{i}" for i in range(21)) + "]",
            [f"{STD}/{K}:6:10: aliases: expected at most 20 items, got 21 Hint: {ALIAS_HINT}"],
        ),
        (
            "[" + "a" * 101 + "]",
            [
                f"{STD}/{K}:6:11: aliases[0]: text is too long (101 characters; at most 100) "
                "Hint: an alias is a short name or spelling, at most 100 characters"
            ],
        ),
    ],
    ids=["case-only", "spaces-and-case", "21-aliases", "101-characters"],
)
def test_aliases_are_unique_and_few(std: Path, aliases: str, expected: list[str]) -> None:
    file = std / K
    file.write_text(
        file.read_text(encoding="utf-8").replace("aliases: []\n", f"aliases: {aliases}\n"),
        encoding="utf-8",
    )
    assert load(STD).errors == expected


@pytest.mark.parametrize("count", [MAX_LISTED + 1, 5_000, 60_000])
def test_a_flood_of_unknown_keys_lists_the_first_and_counts_the_rest(std: Path, count: int) -> None:
    file = std / K
    text = file.read_text(encoding="utf-8")
    lines = text.count("\n")
    file.write_text(text + "".join(f"kunci{i}: x\n" for i in range(count)), encoding="utf-8")
    errors = load(STD).errors
    assert len(errors) == MAX_LISTED + 1
    assert errors[0].startswith(f"{STD}/{K}:{lines + 1}:1: kunci0: unknown key 'kunci0' Hint: ")
    assert errors[-1] == (
        f"{STD}/{K}:{lines + 1 + MAX_LISTED}:1: {count - MAX_LISTED} more problems in this file "
        f"are not listed Hint: fix the first {MAX_LISTED} and validate again"
    )


def test_the_summary_counts_the_problems_not_listed_too(std: Path) -> None:
    file = std / K
    file.write_text(
        file.read_text(encoding="utf-8") + "".join(f"kunci{i}: x\n" for i in range(5_000)),
        encoding="utf-8",
    )
    result = run_cli(["validate", "--standards", STD], std.parent, memory_limit=None)
    lines = result.stderr.splitlines()
    assert result.returncode == 1
    assert len(lines) == MAX_LISTED + 2
    assert lines[-1] == summary(5_000)
