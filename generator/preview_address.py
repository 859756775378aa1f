"""The preview's address, and the one line that says why the preview cannot listen on it.

MkDocs binds its server only after the first build, and a failed bind ends in a Python
traceback. ``kompetensi serve`` therefore tries the address itself before MkDocs starts
(:func:`unavailable`: a taken port is reported at once, not after a build), and the plugin
guards MkDocs' own bind (:func:`guard_bind`) for an address taken in between and for a plain
``mkdocs serve``. Both say the same line, in the current language, and exit 1.
"""

from __future__ import annotations

import errno
import ipaddress
import socket
import sys
from pathlib import Path
from typing import Any

from generator import site_folder
from generator.errors import printable, with_hint
from generator.i18n import _, os_reason

DEFAULT = "127.0.0.1:8000"
"""Where ``kompetensi serve`` listens without ``-a`` (MkDocs' own default too)."""


def configured(config_file: Path) -> str | None:
    """Where MkDocs will listen for ``config_file`` without ``-a``: its ``dev_addr``, else
    :data:`DEFAULT`; ``None`` when the setting is there but only MkDocs can read it (an ``!ENV``
    tag): MkDocs' bind is then guarded by :func:`guard_bind` alone."""
    config = site_folder.read_config(config_file)
    if "dev_addr" not in config:
        return DEFAULT
    value = config["dev_addr"]
    try:
        split(value)
    except (AttributeError, ValueError):  # MkDocs' own config check says what is wrong
        return None
    return str(value)


def split(address: str) -> tuple[str, int]:
    """``IP:PORT`` (``[IPv6]:PORT``, ``localhost:PORT``) as MkDocs reads its ``dev_addr``."""
    host, _colon, port = address.rpartition(":")
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    return host, int(port)


def _family(host: str) -> socket.AddressFamily:
    """The socket family MkDocs' server uses for ``host`` (IPv4 unless an IPv6 address)."""
    try:
        is_ipv6 = isinstance(ipaddress.ip_address(host), ipaddress.IPv6Address)
    except ValueError:  # localhost
        is_ipv6 = False
    return socket.AF_INET6 if is_ipv6 else socket.AF_INET


def unavailable(address: str) -> str | None:
    """The refusal line if the preview could not listen on ``address`` now, else ``None``.

    The trial socket is bound as MkDocs' server binds (``SO_REUSEADDR``, as every
    ``http.server`` does), then closed without listening, so it leaves nothing behind."""
    host, port = split(address)
    try:  # creating the socket fails too where the family is off (IPv6 disabled)
        with socket.socket(_family(host), socket.SOCK_STREAM) as trial:
            trial.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            trial.bind((host, port))
    except OSError as exc:
        return refusal(host, port, exc)
    return None


def refusal(host: str, port: int, error: OSError) -> str:
    """``ADDRESS: cannot serve the preview on this address: REASON Hint: ...``: the system's
    reason (:func:`i18n.os_reason`) and what to do about it."""
    shown_host = f"[{host}]" if ":" in host else host
    message = _("cannot serve the preview on this address: {reason}")
    message = message.format(reason=os_reason(error))
    return printable(f"{shown_host}:{port}: " + with_hint(message, _hint(error, shown_host, port)))


def _hint(error: OSError, host: str, port: int) -> str:
    if error.errno == errno.EADDRINUSE:
        hint = _(
            "serve on another port with -a {host}:PORT, or stop the other preview that uses "
            "this one"
        )
    elif error.errno in (errno.EACCES, errno.EPERM):
        hint = _(
            "only the administrator may serve on ports below 1024: use a higher one, "
            "e.g. -a {host}:8000"
        )
    elif error.errno == errno.EADDRNOTAVAIL:
        hint = _("this computer has no such address: use one of its own, e.g. -a 127.0.0.1:{port}")
    else:
        hint = _("serve on another address with -a IP:PORT, e.g. -a {default}")
    return hint.format(host=host, port=port, default=DEFAULT)


def guard_bind(server: Any) -> None:
    """Make ``server.server_bind`` (MkDocs' live-reload server, a ``socketserver`` one) stop the
    process with the refusal line on stderr and exit code 1 when the system refuses the
    address, instead of a traceback. MkDocs' ``serve`` still shuts the server down and removes
    its temporary site on the way out."""
    bind = server.server_bind
    host, port = server.server_address[:2]

    def guarded_bind() -> None:
        try:
            bind()
        except OSError as exc:
            print(refusal(host, port, exc), file=sys.stderr, flush=True)
            raise SystemExit(1) from None

    server.server_bind = guarded_bind
