"""``tests/project_support.kompetensi_serve`` on a port another process took between the probe
and MkDocs' bind (the race of parallel test workers): it serves on another port instead."""

from __future__ import annotations

import socket
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from nginx_support import free_port
from project_support import kompetensi_serve
from site_support import ROOT, make_project


def test_a_port_taken_before_mkdocs_binds_it_is_left_for_another(tmp_path: Path) -> None:
    config = make_project(tmp_path / "project", ROOT / "standards")
    log = tmp_path / "serve.log"
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        busy = taken.getsockname()[1]
        tried: list[int] = []

        def ports() -> Iterator[int]:
            yield busy  # found free, then taken: what a parallel worker can do
            while True:
                yield free_port()

        chosen = ports()

        def pick() -> int:
            tried.append(next(chosen))
            return tried[-1]

        with kompetensi_serve(config, log, pick_port=pick) as origin:
            assert origin == f"http://127.0.0.1:{tried[-1]}"
            with urllib.request.urlopen(origin + "/", timeout=30) as response:
                assert response.status == 200
                assert b"<html" in response.read()
    assert tried[0] == busy and len(tried) == 2
