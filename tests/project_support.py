"""Scratch MkDocs projects built from the real ``mkdocs.yml``, and ``kompetensi build`` on them.

Shared by the site tests (``tests/site``) and the security tests (``tests/security``): both
build small projects in temporary folders with the real theme, overrides and plugins.
"""

from __future__ import annotations

import contextlib
import io
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
KOMPETENSI = Path(sys.executable).with_name("kompetensi")

# The real navigation minus the hand-written pages of the real site: the generated pages only.
GENERATED_NAV: list[dict[str, str]] = [
    {"Beranda": "index.md"},
    {"Kompetensi": "kompetensi/index.md"},
    {"Matriks": "matriks.md"},
    {"Jabatan": "jabatan/index.md"},
    {"Penilaian Mandiri": "asesmen.md"},
    {"Rekap Instansi": "rekap.md"},
    {"Unduh": "unduh.md"},
    {"Cetak": "cetak.md"},
]


@dataclass(frozen=True)
class Built:
    """One run of ``kompetensi build`` on a project."""

    code: int
    output: str
    site: Path
    config: Path

    @property
    def lines(self) -> list[str]:
        return self.output.splitlines()

    def page(self, url_path: str) -> str:
        """The HTML of a page by its URL path, e.g. ``kompetensi/integritas/``."""
        return (self.site / url_path / "index.html").read_text(encoding="utf-8")


def real_config(*, nav: list[Any] | None = None, **plugin_options: Any) -> dict[str, Any]:
    """The real mkdocs.yml for a project in another folder, with the kompetensi options given."""
    config: dict[str, Any] = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["theme"]["custom_dir"] = str(ROOT / "site_overrides")
    config["nav"] = nav or GENERATED_NAV
    config.pop("watch", None)
    config["plugins"] = [
        {"kompetensi": plugin_options} if plugin == "kompetensi" else plugin
        for plugin in config["plugins"]
    ]
    return config


def write_project(folder: Path, pages: dict[str, str], config: dict[str, Any]) -> Path:
    """``folder/mkdocs.yml`` and ``folder/content/``; returns the config file."""
    for name, text in pages.items():
        path = folder / "content" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    config_file = folder / "mkdocs.yml"
    config_file.write_text(
        yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return config_file


def run_build(config_file: Path, site: Path) -> Built:
    """``kompetensi build`` in-process (MkDocs itself runs in a subprocess), CSP step included."""
    from generator import build as site_build

    out = io.StringIO()
    code = site_build.build(config_file, site, out=out)
    return Built(code, out.getvalue(), site, config_file)


SERVING = (b"Serving on", b"Menyajikan di")
"""MkDocs' line once the preview listens, in English and in Indonesian (build_wording)."""
PORT_TAKEN = (
    b"cannot serve the preview on this address: Address already in use",
    b"pratinjau tidak dapat disajikan di alamat ini: alamat sudah dipakai",
)
"""The command's refusal of a taken port (EADDRINUSE), in English and in Indonesian, after the
address it names (tests/site/test_preview_address.py pins the whole line)."""
SERVE_ATTEMPTS = 5


def _serving(config_file: Path, log_path: Path, port: int) -> subprocess.Popen[bytes] | None:
    """``kompetensi serve`` on ``port`` once it listens; ``None`` if another process took the
    port first (the command then stopped). Its output goes to ``log_path``."""
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [str(KOMPETENSI), "serve", "-f", str(config_file), "-a", f"127.0.0.1:{port}"],
            cwd=config_file.parent,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # mkdocs runs as a child: stop the whole group
        )
    try:
        deadline = time.monotonic() + 120
        # MkDocs' "Serving on ..." line, in the language the command speaks.
        while not any(line in log_path.read_bytes() for line in SERVING):
            if process.poll() is not None:
                said = log_path.read_bytes()
                address = f"127.0.0.1:{port}: ".encode()
                assert any(address + taken in said for taken in PORT_TAKEN), said.decode()
                return None
            assert time.monotonic() < deadline, "kompetensi serve did not start"
            time.sleep(0.2)
    except BaseException:
        _stop(process)
        raise
    return process


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Stop the command and its MkDocs child (its process group), whichever is still running."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=30)


@contextmanager
def kompetensi_serve(
    config_file: Path, log_path: Path, *, pick_port: Callable[[], int] | None = None
) -> Iterator[str]:
    """The real ``kompetensi serve`` of a project on a free loopback port, until the block
    exits; yields its origin (``http://127.0.0.1:PORT``). Its output goes to ``log_path``.

    A port found free can be taken by another process (another test worker's server) before
    MkDocs binds it; the command then stops, and another port is tried. ``pick_port`` chooses
    each port (a free one by default)."""
    from nginx_support import free_port

    pick_port = pick_port or free_port
    for _attempt in range(SERVE_ATTEMPTS):
        port = pick_port()
        process = _serving(config_file, log_path, port)
        if process is not None:
            break
    else:
        raise AssertionError(f"kompetensi serve found no free port in {SERVE_ATTEMPTS} tries")
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        _stop(process)
