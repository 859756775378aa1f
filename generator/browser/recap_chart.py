"""The ``/rekap/`` page's two SVG charts: levels per competency, and the gap per unit.

Levels: one row per competency, a bar split into the share of respondents at each estimated
level (0 to 5), darker for higher levels, each part labelled with its count when it has room,
and a legend. Gap per unit: one bar per unit shown (small units are hidden, as in the tables),
its length the unit's mean gap over the competencies with a target, the number at its end.
Numbers are written out, so nothing depends on telling shades apart; the tables hold them all.
Standard library only (shipped in the engine wheel).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from generator.browser.chart import FG, MUTED, _lines, _text, escape

WIDTH = 320
LEFT = 8
BAR = WIDTH - 2 * LEFT
ROW = 44
LINE = 16
SHADES = ("#f2f4f7", "#d0dcea", "#a9c0da", "#7097c2", "#3f6c9e", "#1d3f66")
"""Level 0 to 5, light to dark; text on the four lighter ones is dark, on the rest white."""


def _open(height: int, title: str, description: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" role="img" font-family="sans-serif" font-size="13">',
        f"<title>{escape(title)}</title>",
        f"<desc>{escape(description)}</desc>",
        f'<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>',
    ]


def levels_svg(summary: Mapping[str, Any], max_level: int = 5) -> str:
    """Stacked bars of ``level_counts`` for every competency."""
    items = summary["competencies"]
    names = [_lines(item["name"]) for item in items]
    top = 40
    height = top + sum(ROW + LINE * (len(lines) - 1) for lines in names) + 8
    description = "; ".join(
        f"{item['name']}: "
        + ", ".join(f"level {level} {count} orang" for level, count in item["level_counts"].items())
        for item in items
    )
    parts = _open(height, "Sebaran level perkiraan per kompetensi", description + ".")
    # The legend: one swatch per level.
    step = BAR / (max_level + 1)
    for level in range(max_level + 1):
        x = LEFT + level * step
        shade = SHADES[min(level, len(SHADES) - 1)]
        parts.append(
            f'<rect x="{x:g}" y="6" width="14" height="14" fill="{shade}" stroke="{MUTED}"/>'
        )
        parts.append(_text(x + 18, 18, f"L{level}", fill=FG, font_size="12"))
    y = top
    for item, lines in zip(items, names, strict=True):
        for number, line in enumerate(lines):
            parts.append(_text(LEFT, y + 12 + number * LINE, line, fill=FG, font_weight="bold"))
        bar_y = y + 18 + LINE * (len(lines) - 1)
        total = sum(item["level_counts"].values()) or 1
        x = float(LEFT)
        for level, count in ((int(k), v) for k, v in item["level_counts"].items()):
            if not count:
                continue
            width = BAR * count / total
            shade = SHADES[min(level, len(SHADES) - 1)]
            parts.append(
                f'<rect x="{x:.2f}" y="{bar_y}" width="{width:.2f}" height="18" fill="{shade}" '
                f'stroke="{MUTED}" stroke-width="0.5"/>'
            )
            if width >= 18:
                ink = FG if level < 4 else "#ffffff"
                parts.append(
                    _text(x + width / 2, bar_y + 13, str(count), fill=ink, font_size="11",
                          text_anchor="middle")
                )  # fmt: skip
            x += width
        y = bar_y + ROW - 18
    parts.append("</svg>")
    return "".join(parts)


def unit_gap(group: Mapping[str, Any]) -> float | None:
    """A unit's mean gap over its competencies that have a mean gap (None if none has)."""
    gaps = [c["mean_gap"] for c in group["competencies"] or [] if c["mean_gap"] is not None]
    return round(sum(gaps) / len(gaps), 2) if gaps else None


def unit_gaps_svg(summary: Mapping[str, Any]) -> str:
    """One bar per unit shown: its mean gap (the longest bar is the largest gap)."""
    rows = [
        (group["unit"], gap) for group in summary["units"] if (gap := unit_gap(group)) is not None
    ]
    names = [_lines(name) for name, _ in rows]
    height = 12 + sum(ROW + LINE * (len(lines) - 1) for lines in names) + 8
    description = "; ".join(f"{name}: {gap}" for name, gap in rows) or "tidak ada unit yang tampil"
    parts = _open(height, "Rata-rata kesenjangan per unit kerja", description + ".")
    longest = max((gap for _, gap in rows), default=0) or 1
    y = 12
    for (_, gap), lines in zip(rows, names, strict=True):
        for number, line in enumerate(lines):
            parts.append(_text(LEFT, y + 12 + number * LINE, line, fill=FG, font_weight="bold"))
        bar_y = y + 18 + LINE * (len(lines) - 1)
        width = (BAR - 48) * gap / longest
        parts.append(
            f'<rect x="{LEFT}" y="{bar_y}" width="{width:.2f}" height="16" fill="{SHADES[4]}"/>'
        )
        parts.append(_text(LEFT + width + 4, bar_y + 13, f"{gap:g}", fill=FG))
        y = bar_y + ROW - 18
    parts.append("</svg>")
    return "".join(parts)
