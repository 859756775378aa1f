"""Atomic site builds, and the development server.

``build`` runs ``mkdocs build --strict`` into a temporary sibling of the output folder (never with
``-q``: it swallows warnings and exits 0) and only then swaps it into place. Everything else a
build does (the quiz runtime, the offline files, the Content-Security-Policy, the safety checks,
the precompressed siblings) is the plugin's post-build step (:mod:`generator.postbuild`), the
same in a plain ``mkdocs build``; a failed check fails MkDocs. Any failure leaves the previous
output byte-identical and returns 1.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import TextIO

from generator import build_child, preview_address, site_folder
from generator.build_child import QUIET_BANNER as QUIET_BANNER  # tests set it too
from generator.i18n import _, os_reason


def build(config_file: Path, site_dir: Path, *, out: TextIO | None = None) -> int:
    """Build ``config_file`` into ``site_dir`` atomically; 0 on success, 1 on any failure.

    ``site_dir`` is checked first (:func:`site_folder.refusal`): a folder whose loss would
    destroy work is refused before anything is touched."""
    out = out or sys.stderr
    if not config_file.is_file():
        print(f"{config_file}: " + _("config file not found"), file=out)
        return 1
    refused = site_folder.refusal(site_dir, config_file)
    if refused is not None:
        print(refused, file=out)
        return 1
    config_file = config_file.resolve()
    site_dir = site_dir.resolve()
    try:
        site_dir.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        message = _("cannot create the build folder: {reason}").format(reason=os_reason(exc))
        print(f"{site_dir.parent}: {message}", file=out)
        return 1
    with build_child.stop_on_signals():
        try:
            with site_folder.building(site_dir), site_folder.staging_folder(site_dir) as staging:
                code = _build_into(staging, config_file, site_dir, out)
                if code != 0:
                    return code
                site_folder.publish_modes(staging)
                site_folder.replace(staging, site_dir)
        except OSError as exc:
            where = exc.filename or site_dir
            print(f"{where}: " + build_child.failed(os_reason(exc), site_dir), file=out)
            return 1
    print(_("Site written to {folder}").format(folder=site_dir), file=out)
    return 0


def _build_into(staging: Path, config_file: Path, site_dir: Path, out: TextIO) -> int:
    """MkDocs into ``staging``; its plugin does all the post-build work (generator/postbuild.py)."""
    command = [*build_child.command(), "build", "--strict", "--clean",
               "-f", str(config_file), "-d", str(staging)]  # fmt: skip
    code, crashed = build_child.run(command, out, config_file.parent, staging, site_dir)
    if code != 0:
        if not crashed:
            print(_("Build failed; {folder} was left unchanged.").format(folder=site_dir), file=out)
        return 1
    return 0


def serve(config_file: Path, dev_addr: str | None = None, *, open_browser: bool = False) -> int:
    """``mkdocs serve`` with live reload (``mkdocs.yml`` watches standards/ and site_overrides/;
    MkDocs itself watches content/ and the config file) on ``dev_addr``, else mkdocs.yml's
    ``dev_addr``, else 127.0.0.1:8000.

    An address the system refuses (taken, a port below 1024, not this computer's) is one line
    and exit 1 before MkDocs starts, rather than its traceback after a whole build."""
    if not config_file.is_file():  # as build says it, not MkDocs' English usage error
        print(f"{config_file}: " + _("config file not found"), file=sys.stderr)
        return 1
    address = dev_addr or preview_address.configured(config_file)
    if address is not None:
        refused = preview_address.unavailable(address)
        if refused is not None:
            print(refused, file=sys.stderr)
            return 1
    config_file = config_file.resolve()
    command = [*build_child.MKDOCS, "serve", "--livereload", "-f", str(config_file)]
    if dev_addr is not None:
        command += ["-a", dev_addr]
    if open_browser:
        command.append("--open")
    try:
        return subprocess.call(command, env=build_child.build_env())
    except KeyboardInterrupt:
        return 0
