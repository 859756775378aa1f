"""The loopback HTTP server of the browser tests: a folder on 127.0.0.1, on a port of its own
(the kernel's choice, so parallel workers never collide), with the MIME types the quiz needs
and switchable headers and per-path overrides for fault injection."""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

MIME_TYPES = {
    ".wasm": "application/wasm",
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".json": "application/json",
    ".whl": "application/zip",
    ".zip": "application/zip",
    ".svg": "image/svg+xml",
    ".css": "text/css",
    ".html": "text/html; charset=utf-8",
    ".webmanifest": "application/manifest+json",
}


class _Handler(http.server.SimpleHTTPRequestHandler):
    extra_headers: ClassVar[dict[str, str]] = {}
    overrides: ClassVar[dict[str, Callable[[_Handler], bool]]] = {}

    def end_headers(self) -> None:
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        super().end_headers()

    def do_GET(self) -> None:
        override = self.overrides.get(self.path.split("?")[0])
        if override is not None and override(self):
            return
        super().do_GET()

    def guess_type(self, path: str | os.PathLike[str]) -> str:
        suffix = Path(str(path)).suffix
        return MIME_TYPES.get(suffix) or super().guess_type(path)

    def log_message(self, format: str, *args: Any) -> None:
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a browser aborting a download (BrokenPipe) is normal, not a test failure


class StaticServer:
    """Serves a folder on 127.0.0.1; headers and per-path overrides are for fault injection."""

    def __init__(
        self,
        folder: Path,
        headers: dict[str, str] | None = None,
        overrides: dict[str, Callable[[_Handler], bool]] | None = None,
    ) -> None:
        handler = type(
            "Handler",
            (_Handler,),
            {
                "extra_headers": dict(headers or {}),
                "overrides": dict(overrides or {}),
            },
        )
        self.httpd = _QuietServer(
            ("127.0.0.1", 0), functools.partial(handler, directory=str(folder))
        )
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> StaticServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
