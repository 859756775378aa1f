"""An SVG chart of estimated level against target, readable without colour.

Every competency gets its own row: the name on a line of its own, a bar whose length is the
estimated level on a 0–5 track with a tick per level (numbered above the first row and below the
last), the target drawn as a dashed line with a labelled marker, and the numbers written out in
words at the end of the row. Nothing depends on telling colours apart. Standard library only
(it runs in the browser, inside the engine wheel).

The shapes of all rows of one kind share a single ``<path>`` (tracks and ticks, bars, target
lines): the browser builds the chart as a document of its own in the task that shows a result,
and its cost grows with the number of elements (158 when every row had its own, 47 now).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

WIDTH = 480
LEFT = 8
TRACK = 300
ROW = 46
TOP = 48
FG = "#1f2328"
MUTED = "#59636e"
BAR = "#2f5d8a"


# xml.sax.saxutils has these two, but importing it pulls in urllib.request, http.client and the
# email package, which Pyodide compiles from source on first import: about a second of the
# engine's start-up in the browser. Same output as saxutils (tests/quiz/test_quiz_report.py).
def escape(text: str) -> str:
    """``text`` for XML character data: ``&``, ``<`` and ``>`` escaped."""
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def quoteattr(text: str) -> str:
    """``text`` as a quoted XML attribute value, line breaks and tabs kept as references."""
    text = escape(text).replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    if '"' not in text:
        return f'"{text}"'
    if "'" not in text:
        return f"'{text}'"
    return '"' + text.replace('"', "&quot;") + '"'


def _text(x: float, y: float, content: str, **attrs: str) -> str:
    extra = "".join(f" {key.replace('_', '-')}={quoteattr(value)}" for key, value in attrs.items())
    return f'<text x="{x:g}" y="{y:g}"{extra}>{escape(content)}</text>'


def svg(report: Mapping[str, Any], max_level: int = 5) -> str:
    """The chart for a :func:`generator.quiz.report.view`, as a standalone SVG document."""
    items = report["competencies"]
    bottom = TOP + ROW * len(items)
    height = bottom + 20
    step = TRACK / max_level
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" role="img" font-family="sans-serif" font-size="13">',
        "<title>Level perkiraan dan target per kompetensi</title>",
        f"<desc>{escape(_description(items))}</desc>",
        f'<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>',
        _text(LEFT, 18, "Batang: level perkiraan. Garis putus-putus bertanda T: target.", fill=FG),
    ]
    # The level numbers, above the first track and below the last one.
    for level in range(max_level + 1):
        x = LEFT + level * step
        for y in (TOP - 6, bottom + 8):
            parts.append(_text(x, y, str(level), fill=MUTED, font_size="10", text_anchor="middle"))
    tracks, bars, targets = [], [], []
    for index, item in enumerate(items):
        y = TOP + index * ROW
        bar_y = y + 20
        parts.append(_text(LEFT, y + 12, item["name"], fill=FG, font_weight="bold"))
        # The track, with a tick per level below it, so the bar's length can be read off.
        tracks.append(f"M{LEFT} {bar_y}h{TRACK}v16h{-TRACK}z")
        tracks.extend(f"M{LEFT + level * step:g} {bar_y + 16}v4" for level in range(max_level + 1))
        if item["estimated"]:
            bars.append(
                f"M{LEFT} {bar_y + 3}h{item['estimated'] * step:g}v10h{-item['estimated'] * step:g}z"
            )
        if item["target"] is not None:
            x = LEFT + item["target"] * step
            targets.append(f"M{x:g} {bar_y - 4}v24")
            parts.append(_text(x + 3, bar_y - 1, "T", fill=FG, font_size="10", font_weight="bold"))
        target = "tanpa target" if item["target"] is None else f"target {item['target']}"
        parts.append(
            _text(LEFT + TRACK + 12, bar_y + 12, f"{item['estimated']} / {target}", fill=FG)
        )
    parts.append(f'<path d="{"".join(tracks)}" fill="none" stroke="{MUTED}" stroke-width="1"/>')
    if bars:
        parts.append(f'<path d="{"".join(bars)}" fill="{BAR}"/>')
    if targets:
        parts.append(
            f'<path d="{"".join(targets)}" fill="none" stroke="{FG}" stroke-width="2" '
            'stroke-dasharray="3 2"/>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _description(items: list[Mapping[str, Any]]) -> str:
    phrases = []
    for item in items:
        target = "tanpa target" if item["target"] is None else f"target {item['target']}"
        phrases.append(f"{item['name']}: level {item['estimated']}, {target}")
    return "; ".join(phrases) + "."
