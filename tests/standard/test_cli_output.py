"""``-o FILE`` of ``kompetensi export`` (and standard output of every command) as a shell
redirection would write it, but safely: modes kept or ordinary, links written through, devices,
FIFOs and sockets never replaced, a missing folder named, a full disk one line."""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from standard_support import ROOT, STD, build

from generator.standard import load_standard
from generator.standard.export import to_json

WRAPPER = (  # the CLI under a chosen umask, as a user's shell would run it
    "import os, runpy, sys\n"
    "os.umask(int(sys.argv.pop(1), 8))\n"
    "runpy.run_module('generator.cli', run_name='__main__', alter_sys=True)\n"
)


def export(
    cwd: Path, *args: str, umask: str = "022", stdout: int | None = None
) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-c", WRAPPER, umask, "export", "--standards", STD, *args],
        cwd=cwd, env=env, check=False, timeout=60, stderr=subprocess.PIPE,
        stdout=stdout if stdout is not None else subprocess.PIPE,
    )  # fmt: skip


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    build(tmp_path)
    return tmp_path


def expected(folder: Path) -> bytes:
    return to_json(load_standard(folder / STD).data).encode()


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


@pytest.mark.parametrize(("umask", "wanted"), [("022", 0o644), ("002", 0o664), ("077", 0o600)])
def test_a_new_file_gets_ordinary_permissions(folder: Path, umask: str, wanted: int) -> None:
    result = export(folder, "-o", "kompetensi.json", umask=umask)
    assert (result.returncode, result.stderr) == (0, b"")
    assert (folder / "kompetensi.json").read_bytes() == expected(folder)
    assert mode(folder / "kompetensi.json") == wanted


@pytest.mark.parametrize("before", [0o644, 0o640, 0o600, 0o664])
def test_an_existing_file_keeps_its_permissions(folder: Path, before: int) -> None:
    target = folder / "kompetensi.json"
    target.write_text("lama\n", encoding="utf-8")
    target.chmod(before)
    result = export(folder, "-o", "kompetensi.json", umask="077")
    assert (result.returncode, result.stderr) == (0, b"")
    assert target.read_bytes() == expected(folder)
    assert mode(target) == before


@pytest.mark.parametrize("hops", [1, 2, 3])
def test_a_symlink_is_written_through_and_kept(folder: Path, hops: int) -> None:
    (folder / "publik").mkdir()
    real = folder / "publik" / "kompetensi.json"
    real.write_text("lama\n", encoding="utf-8")
    real.chmod(0o644)
    link = real
    for hop in range(hops):
        link_next = folder / f"tautan{hop}.json"
        link_next.symlink_to(link)
        link = link_next
    result = export(folder, "-o", link.name)
    assert (result.returncode, result.stderr) == (0, b"")
    assert link.is_symlink()
    assert real.read_bytes() == expected(folder)
    assert not real.is_symlink()
    assert mode(real) == 0o644
    assert sorted(p.name for p in (folder / "publik").iterdir()) == ["kompetensi.json"]


def test_a_dangling_symlink_creates_its_target_and_stays_a_link(folder: Path) -> None:
    link = folder / "tautan.json"
    link.symlink_to(folder / "baru.json")
    result = export(folder, "-o", "tautan.json")
    assert (result.returncode, result.stderr) == (0, b"")
    assert link.is_symlink()
    assert (folder / "baru.json").read_bytes() == expected(folder)


def _device(folder: Path, major: int, minor: int, system: str) -> Path:
    """A private device node where the test may make one (root), else the system's own."""
    if os.geteuid() != 0:
        return Path(system)
    node = folder / Path(system).name
    os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(major, minor))
    return node


def test_a_device_is_written_to_and_never_replaced(folder: Path) -> None:
    null = _device(folder, 1, 3, "/dev/null")
    before = null.stat()
    result = export(folder, "-o", str(null))
    assert (result.returncode, result.stderr) == (0, b"")
    after = null.stat()
    assert stat.S_ISCHR(after.st_mode)
    assert (after.st_ino, after.st_rdev, after.st_mode) == (
        before.st_ino,
        before.st_rdev,
        before.st_mode,
    )


def test_a_full_device_is_one_line_naming_it(folder: Path) -> None:
    full = _device(folder, 1, 7, "/dev/full")
    result = export(folder, "-o", str(full))
    assert result.returncode == 1
    assert result.stderr.decode() == f"{full}: tidak dapat menulis: ruang penyimpanan habis\n"
    assert stat.S_ISCHR(full.stat().st_mode)


def test_a_fifo_is_written_like_a_redirection(folder: Path) -> None:
    fifo = folder / "pipa"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    result = export(folder, "-o", "pipa")
    reader.join(timeout=30)
    assert (result.returncode, result.stderr) == (0, b"")
    assert received == [expected(folder)]
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_a_socket_is_refused_and_kept(folder: Path) -> None:
    path = folder / "soket"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    try:
        result = export(folder, "-o", "soket")
    finally:
        server.close()
    assert result.returncode == 1
    assert result.stderr.decode() == "soket: tidak dapat menulis: perangkat atau alamat tidak ada\n"
    assert stat.S_ISSOCK(path.lstat().st_mode)


@pytest.mark.parametrize("name", ["folder-baru/kompetensi.json", "a/b/c/kompetensi.json"])
def test_a_missing_parent_folder_is_named_and_not_created(folder: Path, name: str) -> None:
    result = export(folder, "-o", name)
    assert result.returncode == 1
    parent = (folder / name).parent
    assert result.stderr.decode() == (
        f"{name}: tidak dapat menulis: folder {parent} tidak ada. Saran: buat folder itu "
        "lebih dulu, atau pilih folder yang sudah ada\n"
    )
    assert sorted(p.name for p in folder.iterdir()) == [STD]


@pytest.mark.parametrize("target", [".", STD, "tautan-folder"])
def test_a_folder_is_refused(folder: Path, target: str) -> None:
    (folder / "tautan-folder").symlink_to(folder / STD)
    result = export(folder, "-o", target)
    assert result.returncode == 1
    assert result.stderr.decode() == (
        f"{target}: tidak dapat menulis: ini sebuah folder. Saran: tulis nama berkas, "
        "misalnya -o kompetensi.json\n"
    )
    assert (folder / "tautan-folder").is_symlink()


def test_dash_is_standard_output(folder: Path) -> None:
    result = export(folder, "-o", "-")
    assert (result.returncode, result.stderr) == (0, b"")
    assert result.stdout == expected(folder)
    assert not (folder / "-").exists()


@pytest.mark.parametrize("args", [(), ("-o", "-"), ("--format", "csv")])
def test_a_full_disk_on_standard_output_is_one_line(folder: Path, args: tuple[str, ...]) -> None:
    with open("/dev/full", "wb") as full:
        result = export(folder, *args, stdout=full.fileno())
    assert result.returncode == 1
    assert (
        result.stderr.decode() == "standar keluaran: tidak dapat menulis: ruang penyimpanan habis\n"
    )


@pytest.mark.parametrize("name", ["/dev/stdout", "/dev/fd/1"])
def test_dev_stdout_is_written_like_a_redirection(folder: Path, name: str) -> None:
    piped = export(folder, "-o", name)
    assert (piped.returncode, piped.stderr) == (0, b"")
    assert piped.stdout == expected(folder)
    log = folder / "log.txt"
    log.write_bytes(b"sebelumnya\n")
    log.chmod(0o640)
    with log.open("ab") as appended:  # as a shell's >> opens it
        result = export(folder, "-o", name, stdout=appended.fileno())
    assert (result.returncode, result.stderr) == (0, b"")
    assert log.read_bytes() == b"sebelumnya\n" + expected(folder)
    assert mode(log) == 0o640
    assert not log.is_symlink()
