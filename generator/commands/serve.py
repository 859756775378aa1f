"""``kompetensi serve``: preview the site with live reload (``mkdocs serve``)."""

from __future__ import annotations

import argparse
import ipaddress

from generator import build as site_build
from generator.commands import add_config_option
from generator.i18n import _


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "serve",
        help=_("preview the site with live reload"),
        description=_(
            "Serve the site locally and rebuild it when a file under standards/, content/ or "
            "site_overrides/ changes. While the data is invalid, the last valid pages stay on "
            "screen and every page shows the located errors in a banner at its top (never in a "
            "built site)."
        ),
    )
    add_config_option(parser)
    parser.add_argument(
        "-a",
        "--dev-addr",
        metavar="IP:PORT",
        type=_address,
        help=_("the address to serve on (default: 127.0.0.1:8000)"),
    )
    parser.add_argument("--open", action="store_true", help=_("open the site in a browser"))
    parser.set_defaults(func=run)


def _address(text: str) -> str:
    """``IP:PORT`` as MkDocs accepts it (``localhost`` or an IP address, a port number), checked
    here so that a typo gets a usage error in the command's language, not MkDocs' English."""
    host, colon, port = text.rpartition(":")
    bare = host[1:-1] if host.startswith("[") and host.endswith("]") else host
    try:
        valid = bool(colon) and (host == "localhost" or bool(ipaddress.ip_address(bare)))
        valid = valid and 0 < int(port) < 65536
    except ValueError:
        valid = False
    if not valid:
        message = _("expected IP:PORT such as 127.0.0.1:8000, got '{text}'")
        raise argparse.ArgumentTypeError(message.format(text=text))
    return text


def run(args: argparse.Namespace) -> int:
    return site_build.serve(args.config_file, args.dev_addr, open_browser=args.open)
