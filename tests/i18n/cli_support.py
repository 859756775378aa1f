"""Run the installed ``kompetensi`` command as a user would, in a chosen language."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

KOMPETENSI = Path(sys.executable).with_name("kompetensi")


def run(
    *args: str, lang: str | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """``kompetensi *args`` with ``KOMPETENSI_LANG`` set to ``lang`` (unset for ``None``) and an
    80-column terminal, since argparse wraps its help and usage lines to the terminal width."""
    env = {k: v for k, v in os.environ.items() if k != "KOMPETENSI_LANG"}
    env["COLUMNS"] = "80"
    if lang is not None:
        env["KOMPETENSI_LANG"] = lang
    return subprocess.run(
        [str(KOMPETENSI), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=cwd,
        timeout=120,
        check=False,
    )
