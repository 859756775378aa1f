"""An SVG chart of estimated level against target, readable without colour.

Every competency gets its own row: the name (over two lines if long), a bar whose length is the
estimated level on a 0–5 track with a tick per level (numbered above the first row and below the
last), the target drawn as a dashed line with a labelled marker, and the two numbers written at
the end of the row ("2 / 3": estimated / target, "–" for no target; the page's caption says so).
Nothing depends on telling colours apart. Standard library only (it runs in the browser, inside
the engine wheel).

The chart is drawn for a phone's width: on a 320 px screen it is shown at 0.9 of its size, and
the page shows it no wider than 400 px, so its text is about as large as the page's (a 480-wide
layout put 8 px text on a phone). The shapes of all rows of one kind share a single ``<path>``
(tracks and ticks, bars, target lines): the browser builds the chart as a document of its own in
the task that shows a result, and its cost grows with the number of elements.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

WIDTH = 320
LEFT = 8
TRACK = 240
ROW = 52
TRACK_TOP = 26  # from a row's top to its track: room for the name and, under it, the T marker
LINE = 16  # a second line of a long name
NAME_CHARS = 36  # what fits on one line in bold 13 px sans-serif, with room to spare
TOP = 22
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
    """The chart for a :func:`generator.browser.report.view`, as a standalone SVG document."""
    items = report["competencies"]
    names = [_lines(item["name"]) for item in items]
    bottom = TOP + sum(ROW + LINE * (len(lines) - 1) for lines in names)
    height = bottom + 20
    step = TRACK / max_level
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" role="img" font-family="sans-serif" font-size="13">',
        "<title>Level perkiraan dan target per kompetensi</title>",
        f"<desc>{escape(_description(items))}</desc>",
        f'<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>',
    ]
    # The level numbers, above the first track and below the last one.
    for level in range(max_level + 1):
        x = LEFT + level * step
        for y in (TOP - 6, bottom + 9):
            parts.append(_text(x, y, str(level), fill=MUTED, font_size="11", text_anchor="middle"))
    tracks, bars, targets = [], [], []
    y = TOP
    for item, lines in zip(items, names, strict=True):
        for number, line in enumerate(lines):
            parts.append(_text(LEFT, y + 12 + number * LINE, line, fill=FG, font_weight="bold"))
        bar_y = y + TRACK_TOP + LINE * (len(lines) - 1)
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
        target = "–" if item["target"] is None else str(item["target"])
        parts.append(
            _text(
                WIDTH - LEFT,
                bar_y + 12,
                f"{item['estimated']} / {target}",
                fill=FG,
                text_anchor="end",
            )
        )
        y = bar_y + ROW - TRACK_TOP
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


def _lines(name: str) -> list[str]:
    """``name`` on one line, or on two split at a space when it is long (a word longer than a
    line stays whole: the chart's width is the limit, and the list below holds the name)."""
    if len(name) <= NAME_CHARS:
        return [name]
    cut = name.rfind(" ", 0, NAME_CHARS + 1)
    if cut <= 0:
        return [name]
    return [name[:cut], name[cut + 1 :]]


def _description(items: list[Mapping[str, Any]]) -> str:
    phrases = []
    for item in items:
        target = "tanpa target" if item["target"] is None else f"target {item['target']}"
        phrases.append(f"{item['name']}: level {item['estimated']}, {target}")
    return "; ".join(phrases) + "."
