"""The handbook's nginx publishing commands work as written on a stock Debian nginx, twice.

The commands are taken from the page (``<!-- perintah: NAME -->`` blocks of ``publikasi.md``),
never retyped, and run by bash as written. What a test cannot do on a shared machine is made to
happen in a temporary folder instead, by the smallest possible substitutions:

- every ``/etc/nginx`` and ``/var/www`` in the commands (and in the stock configuration) points
  into a temporary prefix laid out as Debian's ``nginx`` package leaves it: its own
  ``nginx.conf`` and ``sites-available/default`` (``stock_nginx/``, byte-for-byte the package's),
  the default site enabled, the brotli module enabled as ``modules-enabled`` does;
- ``listen 80`` becomes a free loopback port, in Debian's default site and in the project's
  ``deploy/nginx.conf`` alike, so the two still claim the very same addresses;
- shell functions stand in for the system: ``sudo`` runs its command, ``apt-get install`` checks
  that the packages named are installed, ``nginx`` and ``systemctl reload nginx`` act on the
  temporary server, and ``make build`` puts the next prepared small site in ``site/`` (the real
  build is covered by ``tests/security/test_hosting.py``);
- the maintainer's umask is 077 and the built ``site/`` is private (0700/0600), the worst case:
  nginx's workers run as ``www-data`` (``user www-data;`` of the stock nginx.conf), so a 200 proves
  the published files are readable by the web server's user.

Each route publishes twice: a first install on the stock server (which answers "Welcome to
nginx!" before), then an update with a changed text and a removed page. Locally a missing nginx,
brotli module or root skips these tests; under CI=true it fails them.
"""

from __future__ import annotations

import gzip
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import brotli
import pytest
from handbook_support import ROOT, marked_blocks, page_text, root_require
from nginx_support import NGINX, Response, Server, free_port, require_nginx, stop

STOCK = Path(__file__).with_name("stock_nginx")
PYODIDE = "assets/pyodide/314.0.7"
HASHES = "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"
POLICY = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' " + HASHES + "; style-src 'self'; "
    "img-src 'self' data:; worker-src 'self'; connect-src 'self'; object-src 'none'; "
    "base-uri 'self'; frame-ancestors 'none'"
)
IMMUTABLE = "public, max-age=31536000, immutable"
WASM = b"\x00asm\x01\x00\x00\x00"


def commands(name: str) -> str:
    """The body of the page's ``<!-- perintah: NAME -->`` block (exactly one must exist)."""
    found = [b for b in marked_blocks("perintah") if b.name == name]
    assert len(found) == 1, f"expected one '<!-- perintah: {name} -->' block, found {len(found)}"
    assert found[0].page == "publikasi.md" and found[0].lang == "sh"
    return found[0].body


def test_every_command_block_of_the_page_is_run() -> None:
    shown = sorted(b.name for b in marked_blocks("perintah"))
    assert shown == ["arsip-bongkar", "arsip-buat", "nginx-publikasi"]


def _ipv6_loopback() -> bool:
    try:
        with socket.socket(socket.AF_INET6) as probe:
            probe.bind(("::1", 0))
        return True
    except OSError:
        return False


@dataclass
class Stock:
    """A stock-layout nginx under ``prefix``: ``relocate()`` maps system paths into it."""

    prefix: Path
    port: int
    ipv6: bool
    master: int = 0
    """The pid of the running nginx master (set once it runs)."""

    @property
    def etc(self) -> Path:
        return self.prefix / "etc" / "nginx"

    @property
    def www(self) -> Path:
        return self.prefix / "var" / "www"

    def relocate(self, text: str) -> str:
        for system in ("/etc/nginx", "/var/www", "/var/log/nginx", "/run/nginx.pid"):
            text = text.replace(system, f"{self.prefix}{system}")
        return text

    def listen_here(self, text: str) -> str:
        """``listen 80`` lines on this server's loopback port (Debian's and ours alike)."""
        v4 = text.replace("listen 80 ", f"listen 127.0.0.1:{self.port} ")
        v6 = f"listen [::1]:{self.port} " if self.ipv6 else "# listen [::]:80 "
        return v4.replace("listen [::]:80 ", v6)

    def args(self) -> list[str]:
        return [str(NGINX), "-p", f"{self.prefix}/", "-c", str(self.etc / "nginx.conf")]


def _stock_layout(prefix: Path, port: int) -> Stock:
    stock = Stock(prefix, port, _ipv6_loopback())
    for folder in ("conf.d", "sites-available", "sites-enabled", "modules-enabled"):
        (stock.etc / folder).mkdir(parents=True)
    (stock.www / "html").mkdir(parents=True)
    (stock.www / "html" / "index.nginx-debian.html").write_text(
        "<!DOCTYPE html><title>Welcome to nginx!</title><h1>Welcome to nginx!</h1>\n", "utf-8"
    )
    (prefix / "var" / "log" / "nginx").mkdir(parents=True)
    (prefix / "run").mkdir()
    shutil.copy("/etc/nginx/mime.types", stock.etc / "mime.types")
    (stock.etc / "nginx.conf").write_text(
        stock.relocate((STOCK / "nginx.conf").read_text("utf-8")), "utf-8"
    )
    default = stock.listen_here(stock.relocate((STOCK / "default").read_text("utf-8")))
    (stock.etc / "sites-available" / "default").write_text(default, "utf-8")
    (stock.etc / "sites-enabled" / "default").symlink_to(stock.etc / "sites-available" / "default")
    # Debian's modules-enabled entry, whose load_module path is relative to nginx's prefix.
    (stock.etc / "modules-enabled" / "50-mod-http-brotli-static.conf").write_text(
        "load_module modules/ngx_http_brotli_static_module.so;\n", "utf-8"
    )
    (prefix / "modules").symlink_to("/usr/lib/nginx/modules")
    return stock


def _site(folder: Path, version: int) -> None:
    """A small built site: version 2 changes a text and no longer has the page /lama/."""
    shutil.rmtree(folder, ignore_errors=True)
    runtime = folder / PYODIDE
    runtime.mkdir(parents=True)
    (folder / "panduan").mkdir()
    (folder / "index.html").write_text("<!doctype html><title>Beranda</title>\n", "utf-8")
    (folder / "404.html").write_text("<!doctype html><title>Tidak ditemukan</title>\n", "utf-8")
    (folder / "panduan" / "index.html").write_text(
        f"<!doctype html><title>Panduan</title><p>Versi data {version}</p>\n", "utf-8"
    )
    if version == 1:
        (folder / "lama").mkdir()
        (folder / "lama" / "index.html").write_text("<!doctype html><p>Lama</p>\n", "utf-8")
    (folder / "csp-hashes.conf").write_text(
        f'set $kompetensi_csp_script_hashes "{HASHES}";\n', "utf-8"
    )
    (runtime / "pyodide.asm.wasm").write_bytes(WASM)
    (runtime / "pyodide.asm.wasm.br").write_bytes(brotli.compress(WASM))
    (runtime / "pyodide.asm.wasm.gz").write_bytes(gzip.compress(WASM, mtime=0))
    # Private, as a build under umask 077 leaves it: publishing must open it to www-data.
    for path in [folder, *folder.rglob("*")]:
        path.chmod(0o700 if path.is_dir() else 0o600)


def _project(folder: Path, stock: Stock) -> Path:
    """A project folder with deploy/ whose nginx.conf listens where the stock server does."""
    shutil.copytree(ROOT / "deploy", folder / "deploy")
    conf = folder / "deploy" / "nginx.conf"
    text = stock.listen_here(stock.relocate(conf.read_text("utf-8")))
    assert f"listen 127.0.0.1:{stock.port} default_server;" in text
    conf.write_text(text, "utf-8")
    return folder


def _shims(stock: Stock, project: Path, sites: Path) -> str:
    """Shell functions standing in for the system (see the module's docstring)."""
    nginx = " ".join(f"'{arg}'" for arg in stock.args())
    return f"""
set -euo pipefail
umask 077
sudo() {{ "$@"; }}
apt-get() {{
  [ "$1" = install ] || {{ echo "apt-get $1: not expected" >&2; return 1; }}
  shift
  for package in "$@"; do
    case "$package" in -*) continue ;; esac
    dpkg-query -W -f='${{Status}}' "$package" | grep -q 'install ok installed' \\
      || {{ echo "package $package is not installed" >&2; return 1; }}
  done
}}
nginx() {{ {nginx} "$@"; }}
systemctl() {{
  [ "$*" = "reload nginx" ] || {{ echo "systemctl $*: not expected" >&2; return 1; }}
  {nginx} -s reload
}}
make() {{
  [ "$*" = build ] || {{ echo "make $*: not expected" >&2; return 1; }}
  next=$(cat '{sites}/next')
  rm -rf '{project}/site'
  cp -a "{sites}/$next" '{project}/site'
}}
"""


def _run(script: str, cwd: Path) -> str:
    done = subprocess.run(
        ["bash", "-c", script], cwd=cwd, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, f"commands failed:\n{done.stdout}{done.stderr}"
    return done.stdout + done.stderr


def _workers(master: int) -> set[int]:
    """The pids of the processes whose parent is nginx's master."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            after_name = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # gone meanwhile
        if int(after_name[1]) == master:
            found.add(int(stat.parent.name))
    return found


def _publish(stock: Stock, script: str, cwd: Path) -> None:
    """Run commands that end with a reload, and wait until every old worker has exited: until
    then an old worker may still answer with the previous configuration."""
    before = _workers(stock.master)
    output = _run(script, cwd)
    # `nginx -t` ran and passed without a warning (such as `conflicting server name "_"`).
    assert "test is successful" in output, output
    assert "[warn]" not in output and "[emerg]" not in output, output
    deadline = time.monotonic() + 30
    while _workers(stock.master) & before:
        assert time.monotonic() < deadline, "nginx's old workers did not exit after the reload"
        time.sleep(0.05)


def _until(server: Server, path: str, wanted: Callable[[Response], bool]) -> Response:
    """The answer once the reload has taken effect (nginx reloads asynchronously)."""
    deadline = time.monotonic() + 15
    while True:
        answer = server.get(path)
        if wanted(answer) or time.monotonic() > deadline:
            return answer
        time.sleep(0.1)


@pytest.fixture
def stock_server(request: pytest.FixtureRequest) -> Iterator[tuple[Stock, Server, Path]]:
    """A running stock nginx (default site enabled, workers as www-data) and a scratch folder."""
    require = root_require(request.config)
    require_nginx(require, brotli=True)
    require(os.geteuid() == 0, "root, to run nginx's workers as www-data as Debian does")
    require(shutil.which("dpkg-query") is not None, "dpkg-query (Debian)")
    # Under /tmp with 0755 (pytest's own temporary folders are 0700): www-data must reach it.
    prefix = Path(tempfile.mkdtemp(prefix="kompetensi-nginx-", dir="/tmp"))
    prefix.chmod(0o755)
    process = None
    try:
        for _attempt in range(5):  # the free port can be taken between probing and binding
            stock = _stock_layout(prefix / "root", free_port())
            checked = subprocess.run(
                [*stock.args(), "-t"], capture_output=True, text=True, check=False
            )
            assert checked.returncode == 0, checked.stderr
            process = subprocess.Popen(
                [*stock.args(), "-g", "daemon off;"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            server = Server(stock.port)
            stock.master = process.pid
            welcome = None
            deadline = time.monotonic() + 10
            while welcome is None and time.monotonic() < deadline and process.poll() is None:
                try:
                    welcome = server.get("/")
                except OSError:
                    time.sleep(0.05)
            if welcome is not None:
                assert b"Welcome to nginx!" in welcome.body, "the stock server answers first"
                scratch = prefix / "scratch"
                scratch.mkdir()
                yield stock, server, scratch
                return
            stop(process)
            shutil.rmtree(prefix / "root")
        raise AssertionError("the stock nginx did not start")
    finally:
        if process is not None:
            stop(process)
        shutil.rmtree(prefix, ignore_errors=True)


def _prepare_sites(scratch: Path) -> Path:
    sites = scratch / "sites"
    for version in (1, 2):
        _site(sites / str(version), version)
    return sites


def _check_published(stock: Stock, server: Server, version: int) -> None:
    www = stock.www / "kompetensi-asn"
    page = _until(server, "/panduan/", lambda r: f"Versi data {version}".encode() in r.body)
    assert page.status == 200, page
    assert f"Versi data {version}".encode() in page.body
    assert page.headers["content-type"] == "text/html; charset=utf-8"
    assert page.headers["cache-control"] == "no-cache"
    assert " ".join(page.headers["content-security-policy"].split()) == POLICY
    assert page.headers["x-frame-options"] == "DENY"
    assert page.headers["x-content-type-options"] == "nosniff"
    assert page.headers["referrer-policy"] == "no-referrer"
    wasm = server.get(f"/{PYODIDE}/pyodide.asm.wasm", **{"Accept-Encoding": "gzip, br"})
    assert wasm.status == 200
    assert wasm.headers["content-type"] == "application/wasm"
    assert wasm.headers["content-encoding"] == "br"
    assert wasm.headers["cache-control"] == IMMUTABLE
    assert brotli.decompress(wasm.body) == WASM
    # An update replaces the site in place: the removed page is gone, nothing nested.
    assert server.get("/lama/").status == (200 if version == 1 else 404)
    assert server.get("/site/").status == 404
    assert not (www / "site").exists() and not (www.parent / "kompetensi-asn.new").exists()
    for path in [www, *www.rglob("*")]:
        mode = path.stat().st_mode
        assert mode & (0o005 if path.is_dir() else 0o004), f"{path} is not readable by www-data"


@dataclass
class Scene:
    """A running stock server, the two prepared sites and a project folder with deploy/."""

    stock: Stock
    server: Server
    scratch: Path
    sites: Path
    project: Path

    def shims(self, version: int) -> str:
        """The shell functions, with ``make build`` putting site ``version`` in place."""
        (self.sites / "next").write_text(str(version), "utf-8")
        return _shims(self.stock, self.project, self.sites)


@pytest.fixture
def scene(stock_server: tuple[Stock, Server, Path]) -> Scene:
    stock, server, scratch = stock_server
    return Scene(
        stock, server, scratch, _prepare_sites(scratch), _project(scratch / "project", stock)
    )


def test_nginx_publishing_as_written_installs_then_updates(scene: Scene) -> None:
    stock = scene.stock
    script = stock.relocate(commands("nginx-publikasi"))
    for version in (1, 2):
        # Step 1 of the page, then its commands, from the project folder.
        _publish(stock, scene.shims(version) + "make build\n" + script, scene.project)
        _check_published(stock, scene.server, version)
    assert not (stock.etc / "sites-enabled" / "default").exists()
    assert (stock.etc / "sites-available" / "default").exists(), "Debian's file stays"


def test_intranet_archive_route_as_written_installs_then_updates(scene: Scene) -> None:
    stock = scene.stock
    intranet = scene.scratch / "intranet"
    intranet.mkdir()
    publish = stock.relocate(commands("nginx-publikasi"))
    for version in (1, 2):
        shims = scene.shims(version)
        _run(shims + commands("arsip-buat"), scene.project)
        # The archive travels; the intranet server has no project, no make, only the archive.
        archive = "kompetensi-asn-situs.tar.gz"
        (scene.project / archive).replace(intranet / archive)
        _publish(
            stock, shims + commands("arsip-bongkar") + "cd kompetensi-asn\n" + publish, intranet
        )
        _check_published(stock, scene.server, version)


def test_with_the_default_site_left_enabled_nginx_refuses_as_the_page_says(scene: Scene) -> None:
    """The page explains what happens if its step disabling Debian's default site is skipped."""
    step = "sudo rm -f /etc/nginx/sites-enabled/default\n"
    script = commands("nginx-publikasi")
    assert script.count(step) == 1
    skipped = scene.stock.relocate(script.replace(step, ""))
    done = subprocess.run(
        ["bash", "-c", scene.shims(1) + "make build\n" + skipped],
        cwd=scene.project,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode != 0
    assert f"a duplicate default server for 127.0.0.1:{scene.stock.port}" in done.stderr
    assert "a duplicate default server for 0.0.0.0:80" in page_text("publikasi.md")
    # nginx -t failed, so nothing was reloaded: the stock site still answers.
    assert b"Welcome to nginx!" in scene.server.get("/").body
