"""A loopback static server that behaves like the project's nginx config, and counts bytes.

It follows ``deploy/nginx.conf`` with ``deploy/nginx-brotli.conf``: the same type map (``.wasm``
application/wasm, ``.mjs`` text/javascript), ``brotli_static`` and ``gzip_static`` (a ``.br``
sibling written by the build is sent as is to a browser that accepts brotli, else a ``.gz``
sibling to one that accepts gzip), on-the-fly gzip of the other text types (here at level 9, computed
once per file and kept in memory, so compression time never lands in a timing), ``Cache-Control:
no-cache`` by default and a year, ``immutable``, for the versioned Pyodide folder (JSON
excepted), and ``ETag``/``Last-Modified`` revalidation answered with 304. HTTP/1.1 keep-alive.

Every response is logged with the bytes put on the wire (status line, headers and body), so a
benchmark knows exactly what a page load transferred, workers included.
"""

from __future__ import annotations

import contextlib
import email.utils
import gzip
import http.server
import re
import threading
import urllib.parse
from dataclasses import dataclass
from pathlib import Path
from typing import Any

TYPES = {
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".wasm": "application/wasm",
    ".json": "application/json; charset=utf-8",
    ".map": "application/json; charset=utf-8",
    ".webmanifest": "application/manifest+json",
    ".zip": "application/zip",
    ".whl": "application/zip",
    ".gz": "application/gzip",
    ".csv": "text/csv; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".md": "text/markdown; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".svg": "image/svg+xml; charset=utf-8",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".ico": "image/x-icon",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
}
COMPRESSED_TYPES = (
    "text/html", "text/css", "text/javascript", "application/json", "application/wasm",
    "application/xml", "image/svg+xml", "text/csv", "text/plain", "text/markdown",
)  # fmt: skip
IMMUTABLE = re.compile(r"^/assets/pyodide/[^/]+/.+(?<!\.json)$")
GZIP_LEVEL = 9


@dataclass(frozen=True)
class Sent:
    """One response: what was asked for and how many bytes went out."""

    path: str
    status: int
    wire_bytes: int
    body_bytes: int
    raw_bytes: int
    """The size of the file itself (uncompressed), 0 for a 304 or an error."""
    encoding: str


def accepted_encodings(header: str) -> set[str]:
    """The codings an ``Accept-Encoding`` value allows (``q=0`` refuses one)."""
    accepted = set()
    for part in header.split(","):
        name, *params = (piece.strip() for piece in part.split(";"))
        quality = next((p[2:] for p in params if p.startswith("q=")), "1")
        with contextlib.suppress(ValueError):
            if name and float(quality) > 0:
                accepted.add(name.lower())
    return accepted


def content_type(path: Path) -> str:
    return TYPES.get(path.suffix.lower(), "application/octet-stream")


def cache_control(url_path: str) -> str:
    return "public, max-age=31536000, immutable" if IMMUTABLE.match(url_path) else "no-cache"


class Site:
    """The served folder, its gzip bodies (computed once) and the log of responses."""

    def __init__(self, root: Path, *, compress: bool = True, brotli: bool = True) -> None:
        self.root = root.resolve()
        self.compress = compress
        self.brotli = brotli
        self.log: list[Sent] = []
        self.lock = threading.Lock()
        self._gzip: dict[Path, bytes] = {}

    def gzip_body(self, path: Path) -> bytes:
        with self.lock:
            body = self._gzip.get(path)
        if body is None:
            body = gzip.compress(path.read_bytes(), compresslevel=GZIP_LEVEL, mtime=0)
            with self.lock:
                self._gzip[path] = body
        return body

    def warm(self) -> None:
        """Compress every file that would be compressed on the fly, before any timing."""
        if not self.compress:
            return
        for path in self.root.rglob("*"):
            sibling = path.with_name(path.name + ".gz")
            if (
                path.is_file()
                and not sibling.is_file()
                and path.suffix not in (".gz", ".br")
                and content_type(path).startswith(COMPRESSED_TYPES)
            ):
                self.gzip_body(path)

    def record(self, sent: Sent) -> None:
        with self.lock:
            self.log.append(sent)

    def take(self) -> list[Sent]:
        with self.lock:
            log, self.log = self.log, []
        return log


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    site: Site

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_HEAD(self) -> None:
        self.respond(head=True)

    def do_GET(self) -> None:
        self.respond(head=False)

    def _resolve(self, url_path: str) -> Path | None:
        relative = urllib.parse.unquote(url_path).lstrip("/")
        path = (self.site.root / relative).resolve()
        if path != self.site.root and self.site.root not in path.parents:
            return None
        if path.is_dir():
            if not url_path.endswith("/"):
                return path  # redirected by respond()
            path = path / "index.html"
        return path if path.is_file() else None

    def respond(self, *, head: bool) -> None:
        url_path = urllib.parse.urlsplit(self.path).path
        path = self._resolve(url_path)
        if path is not None and path.is_dir():
            location = url_path + "/"
            self.write(301, url_path, {"Location": location, "Content-Length": "0"}, b"", head, 0)
            return
        if path is None:
            missing = self.site.root / "404.html"
            body = missing.read_bytes() if missing.is_file() else b"Not found"
            headers = {"Content-Type": TYPES[".html"], "Content-Length": str(len(body))}
            self.write(404, url_path, headers, body, head, 0)
            return
        stat = path.stat()
        etag = f'"{int(stat.st_mtime):x}-{stat.st_size:x}"'
        modified = email.utils.formatdate(stat.st_mtime, usegmt=True)
        headers = {
            "Cache-Control": cache_control(url_path),
            "ETag": etag,
            "Last-Modified": modified,
            "Vary": "Accept-Encoding",
        }
        match = self.headers.get("If-None-Match")
        since = self.headers.get("If-Modified-Since")
        if (match and etag in match) or (not match and since == modified):
            self.write(304, url_path, {**headers, "Content-Length": "0"}, b"", True, 0)
            return
        kind = content_type(path)
        accepted = accepted_encodings(self.headers.get("Accept-Encoding") or "")
        accepts_gzip = "gzip" in accepted
        sibling = path.with_name(path.name + ".gz")
        br_sibling = path.with_name(path.name + ".br")
        encoding = ""
        if self.site.compress and self.site.brotli and "br" in accepted and br_sibling.is_file():
            body, encoding = br_sibling.read_bytes(), "br"
        elif self.site.compress and accepts_gzip and sibling.is_file():
            body, encoding = sibling.read_bytes(), "gzip"
        elif self.site.compress and accepts_gzip and kind.startswith(COMPRESSED_TYPES):
            body, encoding = self.site.gzip_body(path), "gzip"
        else:
            body = path.read_bytes()
        headers["Content-Type"] = kind
        headers["Content-Length"] = str(len(body))
        if encoding:
            headers["Content-Encoding"] = encoding
        self.write(200, url_path, headers, body, head, stat.st_size, encoding)

    def write(
        self,
        status: int,
        url_path: str,
        headers: dict[str, str],
        body: bytes,
        head: bool,
        raw: int,
        encoding: str = "",
    ) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        header_bytes = sum(len(line) for line in getattr(self, "_headers_buffer", [])) + 2
        self.end_headers()
        sent_body = b"" if head else body
        if sent_body:
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(sent_body)
        self.site.record(
            Sent(url_path, status, header_bytes + len(sent_body), len(sent_body), raw, encoding)
        )


class Server:
    """``with Server(folder) as server: page.goto(server.url + "/asesmen/")``."""

    def __init__(self, root: Path, *, compress: bool = True, brotli: bool = True) -> None:
        self.site = Site(root, compress=compress, brotli=brotli)
        handler = type("BoundHandler", (Handler,), {"site": self.site})
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> Server:
        self.site.warm()
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
