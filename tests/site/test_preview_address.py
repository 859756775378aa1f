"""The preview on an address the system refuses: one line in the command's language, exit 1.

``kompetensi serve`` tries the address before MkDocs starts (nothing is built); a plain
``mkdocs serve`` meets the refusal only at MkDocs' own bind, after its first build, where the
plugin's guard says the same line. Every address here is really refused: a port another socket
of the test listens on, a port below 1024 without the right to bind it, an address of no
interface of this machine (192.0.2.1 is reserved for documentation, RFC 5737).
"""

from __future__ import annotations

import errno
import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from project_support import KOMPETENSI
from site_support import ROOT, make_project

from generator import i18n, preview_address

LOW_PORT = 80
UNPRIVILEGED_PORT_START = Path("/proc/sys/net/ipv4/ip_unprivileged_port_start")


TAKEN_PORT_LINES = [
    (
        "id",
        "127.0.0.1:{port}: pratinjau tidak dapat disajikan di alamat ini: alamat sudah dipakai "
        "Saran: sajikan di port lain dengan -a 127.0.0.1:PORT, atau hentikan dahulu pratinjau "
        "lain yang memakai port ini",
    ),
    (
        "en",
        "127.0.0.1:{port}: cannot serve the preview on this address: Address already in use "
        "Hint: serve on another port with -a 127.0.0.1:PORT, or stop the other preview that "
        "uses this one",
    ),
]
"""The refusal of a taken port, by language (``{port}``: the port the test's socket holds)."""


@pytest.fixture
def taken_port() -> Iterator[int]:
    """A loopback port another socket listens on for the whole test."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        yield taken.getsockname()[1]


def _run(command: list[str], lang: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "KOMPETENSI_LANG": lang, "TMPDIR": str(cwd / "tmp")}
    (cwd / "tmp").mkdir(exist_ok=True)
    return subprocess.run(
        command,
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


def _serve(address: str, lang: str, cwd: Path, prefix: list[str] | None = None) -> list[str]:
    """``kompetensi serve -a address`` on a bare config: its stderr lines, once it exited 1
    without a word on stdout and without starting MkDocs (which would have built and said so)."""
    (cwd / "mkdocs.yml").write_text("site_name: Uji\n", encoding="utf-8")
    command = [*(prefix or []), str(KOMPETENSI), "serve", "-a", address]
    done = _run(command, lang, cwd)
    assert (done.returncode, done.stdout) == (1, ""), done.stderr
    return done.stderr.splitlines()


@pytest.mark.parametrize(("lang", "expected"), TAKEN_PORT_LINES)
def test_a_taken_port(tmp_path: Path, taken_port: int, lang: str, expected: str) -> None:
    lines = _serve(f"127.0.0.1:{taken_port}", lang, tmp_path)
    assert lines == [expected.format(port=taken_port)]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "id",
            "192.0.2.1:8000: pratinjau tidak dapat disajikan di alamat ini: alamat yang diminta "
            "tidak dapat dipakai Saran: komputer ini tidak mempunyai alamat tersebut: pakai "
            "alamatnya sendiri, misalnya -a 127.0.0.1:8000",
        ),
        (
            "en",
            "192.0.2.1:8000: cannot serve the preview on this address: Cannot assign requested "
            "address Hint: this computer has no such address: use one of its own, e.g. "
            "-a 127.0.0.1:8000",
        ),
    ],
)
def test_an_address_of_another_machine(tmp_path: Path, lang: str, expected: str) -> None:
    assert _serve("192.0.2.1:8000", lang, tmp_path) == [expected]


def _without_low_ports() -> list[str] | None:
    """A command prefix under which binding :data:`LOW_PORT` is refused: nothing for a user,
    for root ``setpriv`` without the capability to bind ports below 1024; ``None`` where no
    one is refused it (containers often open every port to every user)."""
    start = int(UNPRIVILEGED_PORT_START.read_text(encoding="ascii"))
    if start <= LOW_PORT:
        return None
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    return (
        None
        if setpriv is None
        else [setpriv, "--bounding-set=-net_bind_service", "--inh-caps=-net_bind_service"]
    )


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "id",
            "127.0.0.1:80: pratinjau tidak dapat disajikan di alamat ini: izin ditolak Saran: port "
            "di bawah 1024 hanya boleh dipakai administrator: pakai port yang lebih tinggi, "
            "misalnya -a 127.0.0.1:8000",
        ),
        (
            "en",
            "127.0.0.1:80: cannot serve the preview on this address: Permission denied Hint: only "
            "the administrator may serve on ports below 1024: use a higher one, e.g. "
            "-a 127.0.0.1:8000",
        ),
    ],
)
def test_a_port_below_1024(tmp_path: Path, lang: str, expected: str) -> None:
    """Through the command where this machine refuses the port; where it cannot (every port
    open to every user), the same line from the refusal the kernel would raise, so the case is
    never skipped."""
    prefix = _without_low_ports()
    if prefix is not None:
        assert _serve(f"127.0.0.1:{LOW_PORT}", lang, tmp_path, prefix) == [expected]
        return
    denied = PermissionError(errno.EACCES, os.strerror(errno.EACCES))
    with i18n.speaking(lang):
        assert preview_address.refusal("127.0.0.1", LOW_PORT, denied) == expected


@pytest.mark.parametrize(("lang", "expected"), TAKEN_PORT_LINES)
def test_a_plain_mkdocs_serve_on_a_taken_port(
    tmp_path: Path, taken_port: int, lang: str, expected: str
) -> None:
    """No pre-check here: MkDocs builds, then its bind is refused; the plugin's guard ends the
    run with the same line, and MkDocs still removes its temporary site on the way out."""
    config = make_project(tmp_path / "project", ROOT / "standards")
    command = [sys.executable, "-m", "mkdocs", "serve", "-f", str(config)]
    done = _run([*command, "-a", f"127.0.0.1:{taken_port}"], lang, tmp_path)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    *built, refused = done.stderr.splitlines()
    assert any(line.startswith("INFO") for line in built)  # the refusal came after a build
    assert refused == expected.format(port=taken_port)
    assert list((tmp_path / "tmp").glob("mkdocs_*")) == []  # MkDocs' temporary site is gone


@pytest.mark.parametrize(("lang", "expected"), TAKEN_PORT_LINES)
def test_without_an_address_mkdocs_yml_names_it(
    tmp_path: Path, taken_port: int, lang: str, expected: str
) -> None:
    """No ``-a``: the preview listens where mkdocs.yml's ``dev_addr`` says, and that is the
    address checked (a taken one is refused before MkDocs starts)."""
    (tmp_path / "mkdocs.yml").write_text(
        f"site_name: Uji\ndev_addr: 127.0.0.1:{taken_port}\n", encoding="utf-8"
    )
    done = _run([str(KOMPETENSI), "serve"], lang, tmp_path)
    assert (done.returncode, done.stdout) == (1, ""), done.stderr
    assert done.stderr.splitlines() == [expected.format(port=taken_port)]


@pytest.mark.parametrize(
    ("written", "address"),
    [
        ("site_name: Uji\n", "127.0.0.1:8000"),
        ("site_name: Uji\ndev_addr: 0.0.0.0:8100\n", "0.0.0.0:8100"),
        ("site_name: Uji\ndev_addr: !ENV [PORT, '127.0.0.1:8000']\n", None),
        ("site_name: Uji\ndev_addr: bukan-alamat\n", None),
    ],
)
def test_the_address_mkdocs_yml_gives(tmp_path: Path, written: str, address: str | None) -> None:
    """MkDocs' own default without the key; ``None`` (MkDocs reads and checks it) for a value
    only MkDocs can resolve or one it will refuse with its own message."""
    config = tmp_path / "mkdocs.yml"
    config.write_text(written, encoding="utf-8")
    assert preview_address.configured(config) == address
