"""Debian's nginx running the shipped ``deploy/nginx.conf`` on 127.0.0.1, for the hosting tests.

The server block is used as shipped; only its ``listen`` and ``root`` lines are pointed at a free
port and the folder to serve. nginx runs in the foreground as one process (no daemon, no worker
user) with its own prefix, pid file and error log, and its ``kompetensi-asn/`` folder holds the
``csp-hashes.conf`` given and, with ``brotli=True``, ``deploy/nginx-brotli.conf`` installed as
``brotli.conf`` as the handbook says (the module is loaded as Debian's modules-enabled does).
``brotli=False`` is nginx without the module: the shipped block must work there unchanged.

Used by ``tests/handbook/test_nginx.py`` (headers on a small folder) and
``tests/security/test_hosting.py`` (the real built site).
"""

from __future__ import annotations

import http.client
import shutil
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
NGINX = Path("/usr/sbin/nginx")
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")


@dataclass(frozen=True)
class Response:
    status: int
    headers: dict[str, str]
    """Lower-case names; a header sent more than once is joined with ", " (RFC 9110 5.3)."""
    body: bytes


@dataclass(frozen=True)
class Server:
    port: int

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def get(self, path: str, **headers: str) -> Response:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            connection.request("GET", path, headers=headers)
            answer = connection.getresponse()
            joined: dict[str, str] = {}
            for name, value in answer.getheaders():
                key = name.lower()
                joined[key] = f"{joined[key]}, {value}" if key in joined else value
            return Response(answer.status, joined, answer.read())
        finally:
            connection.close()


def require_nginx(require: Callable[[bool, str], None], *, brotli: bool) -> None:
    """``require()`` of tests/conftest.py for nginx and, if asked, its brotli module."""
    require(
        NGINX.is_file() and shutil.which(str(NGINX)) is not None, f"{NGINX} (apt-get install nginx)"
    )
    if brotli:
        require(
            BROTLI_MODULE.is_file(),
            f"{BROTLI_MODULE} (apt-get install libnginx-mod-http-brotli-static)",
        )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def server_block(root: Path, port: int) -> str:
    """deploy/nginx.conf with only its listen and root lines changed (IPv4 loopback only)."""
    text = (DEPLOY / "nginx.conf").read_text(encoding="utf-8")
    for old, new in (
        ("    listen 80 default_server;\n", f"    listen 127.0.0.1:{port} default_server;\n"),
        ("    listen [::]:80 default_server;\n", ""),
        ("    root /var/www/kompetensi-asn;\n", f"    root {root};\n"),
    ):
        assert text.count(old) == 1, f"deploy/nginx.conf should contain {old.strip()!r} once"
        text = text.replace(old, new)
    return text


def main_config(prefix: Path, *, brotli: bool) -> str:
    temp = prefix / "temp"
    return "\n".join(
        [
            *([f"load_module {BROTLI_MODULE};"] if brotli else []),
            "daemon off;",
            "master_process off;",  # one process, as the test user: no worker user to configure
            f"pid {prefix / 'nginx.pid'};",
            f"error_log {prefix / 'error.log'} warn;",
            "events { worker_connections 256; }",
            "http {",
            "    access_log off;",
            *(
                f"    {kind}_temp_path {temp / kind};"
                for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
            ),
            "    include site.conf;",
            "}",
            "",
        ]
    )


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def running(prefix: Path, site: Path, hashes_conf: str, *, brotli: bool) -> Iterator[Server]:
    """nginx serving ``site`` with the shipped server block until the block exits."""
    conf = prefix / "conf"
    (conf / "kompetensi-asn").mkdir(parents=True)
    (prefix / "temp").mkdir()
    (conf / "kompetensi-asn" / "csp-hashes.conf").write_text(hashes_conf, "utf-8")
    if brotli:
        shutil.copy(DEPLOY / "nginx-brotli.conf", conf / "kompetensi-asn" / "brotli.conf")
    (conf / "nginx.conf").write_text(main_config(prefix, brotli=brotli), "utf-8")
    for _attempt in range(5):  # the free port can be taken between probing and binding
        port = free_port()
        (conf / "site.conf").write_text(server_block(site, port), "utf-8")
        args = [str(NGINX), "-p", f"{prefix}/", "-c", str(conf / "nginx.conf")]
        checked = subprocess.run([*args, "-t"], capture_output=True, text=True, check=False)
        assert checked.returncode == 0, checked.stderr
        assert "[warn]" not in checked.stderr and "[emerg]" not in checked.stderr, checked.stderr
        process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        listening = False
        while not listening and time.monotonic() < deadline and process.poll() is None:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                listening = True
            except OSError:
                time.sleep(0.05)
        if listening:
            try:
                yield Server(port)
            finally:
                stop(process)
            return
        stop(process)
    raise AssertionError(f"nginx did not start:\n{(prefix / 'error.log').read_text()}")
