"""Files the self-assessment needs in the built site (Pyodide runtime, wheels, engine).

PLACEHOLDER owned by the quiz work (issue 5): ``write`` copies the runtime after a build.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


def write(site_dir: Path, data: dict[str, Any]) -> list[Path]:
    """Write the runtime files under ``site_dir``; returns the paths written."""
    return []
