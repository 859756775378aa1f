"""The web app's icons, drawn as PNG by the build: a white check mark on the site's indigo.

Drawn here rather than committed so the sizes and the colour follow the code, and small enough
in pure Python (a scanline fill of two polygons, no imaging library). The check sits inside the
central 80 % circle, so one image serves as a ``maskable`` icon too (a phone's launcher may cut
it to a circle or a squircle).
"""

from __future__ import annotations

import struct
import zlib

SIZES = (192, 512)
BACKGROUND = (0x40, 0x51, 0xB5)  # Material's indigo (--md-primary-fg-color), the site's header
FOREGROUND = (0xFF, 0xFF, 0xFF)
# The check mark as one polygon on a 0..1 square: a short stroke down, a long stroke up.
CHECK = [
    (0.27, 0.52), (0.35, 0.44), (0.44, 0.53), (0.66, 0.31), (0.74, 0.39), (0.44, 0.69),
]  # fmt: skip


def _spans(polygon: list[tuple[float, float]], y: float) -> list[tuple[float, float]]:
    """The x intervals of the scanline ``y`` inside ``polygon`` (even-odd rule)."""
    crossings = []
    for (x1, y1), (x2, y2) in zip(polygon, polygon[1:] + polygon[:1], strict=True):
        if (y1 <= y < y2) or (y2 <= y < y1):
            crossings.append(x1 + (y - y1) * (x2 - x1) / (y2 - y1))
    crossings.sort()
    return list(zip(crossings[::2], crossings[1::2], strict=False))


def _coverage(size: int, samples: int = 4) -> list[list[float]]:
    """For each pixel, the share of its area inside the check mark: ``samples`` scanlines per
    pixel row, each span's partial end pixels weighted by the part they cover (smooth edges)."""
    shape = [(x * size, y * size) for x, y in CHECK]
    rows = []
    weight = 1 / samples
    for row in range(size):
        shares = [0.0] * size
        for sub in range(samples):
            for start, end in _spans(shape, row + (sub + 0.5) * weight):
                start, end = max(0.0, start), min(float(size), end)
                first, last = int(start), int(end)
                if first == last:
                    shares[first] += (end - start) * weight
                    continue
                shares[first] += (first + 1 - start) * weight
                for column in range(first + 1, last):
                    shares[column] += weight
                if last < size:
                    shares[last] += (end - last) * weight
        rows.append(shares)
    return rows


def png(size: int) -> bytes:
    """A ``size`` x ``size`` RGB PNG of the icon."""
    palette = [
        bytes(round(b + (f - b) * level / 255) for b, f in zip(BACKGROUND, FOREGROUND, strict=True))
        for level in range(256)
    ]
    raw = bytearray()
    for row in _coverage(size):
        raw.append(0)  # filter: none
        raw.extend(b"".join(palette[round(min(share, 1.0) * 255)] for share in row))
    return _png_bytes(size, size, bytes(raw))


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _png_bytes(width: int, height: int, raw: bytes) -> bytes:
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(raw, 9))
        + _chunk(b"IEND", b"")
    )
