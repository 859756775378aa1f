"""The preview's live reload under the site's Content-Security-Policy.

``mkdocs serve`` writes its live-reload poller into every page it serves as an inline script,
which the page's CSP meta tag (the published site's, which the preview shows too) blocks. The
plugin has the server write :func:`script_tag` instead, and the preview's post-build step puts
:data:`SOURCE` (the same poller) at :data:`PATH`, a file the policy's ``script-src 'self'``
allows. A build never gets either.
"""

from __future__ import annotations

import time
from html import escape
from pathlib import Path

SOURCE = Path(__file__).with_name("livereload.js")
PATH = "assets/javascripts/kompetensi-livereload.js"


def write(site: Path) -> Path:
    """The poller's file in the preview's site folder."""
    target = site / PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(SOURCE.read_bytes())
    return target


def script_tag(mount_path: str, epoch: int) -> str:
    """The tag the server writes before ``</body>``: the poller, told the server's epoch and a
    request id of its own (MkDocs uses the time in milliseconds)."""
    src = escape(mount_path.rstrip("/") + "/" + PATH)
    request_id = time.monotonic_ns() // 1_000_000
    return f'<script src="{src}" data-epoch="{epoch}" data-request-id="{request_id}"></script>'


def inject(page: bytes, mount_path: str, epoch: int) -> bytes:
    """``page`` with :func:`script_tag` before its last ``</body>`` (at the end without one)."""
    end = page.rfind(b"</body>")
    end = len(page) if end < 0 else end
    return page[:end] + script_tag(mount_path, epoch).encode("utf-8") + page[end:]
