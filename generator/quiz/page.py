"""Markdown/HTML of the self-assessment page, generated from the export dict.

PLACEHOLDER owned by the quiz work (issue 5): replaced by the real static form.
"""

from __future__ import annotations

from typing import Any


def render(data: dict[str, Any]) -> str:
    return "# Penilaian Mandiri\n\nHalaman penilaian mandiri sedang disiapkan.\n"
