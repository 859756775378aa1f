"""The files of a built site, each read from disk at most once by the post-build steps.

The steps after MkDocs (the offline manifest, the Content-Security-Policy, the safety checks,
the precompressed siblings) all look at the same files: they share one :class:`SiteFiles`, which
keeps what it has read and what a step wrote, so a large site's pages are read once.
Pure Python: no MkDocs.
"""

from __future__ import annotations

from pathlib import Path


class SiteFiles:
    """The files under ``root``, read lazily and kept; writes go to disk and to the cache."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._data: dict[Path, bytes] = {}

    def paths(self) -> list[Path]:
        """Every file under the root now, in a stable order."""
        return sorted(path for path in self.root.rglob("*") if path.is_file())

    def relative(self, path: Path) -> str:
        """``path`` as a POSIX path from the site root (``kompetensi/index.html``)."""
        return path.relative_to(self.root).as_posix()

    def size(self, path: Path) -> int:
        data = self._data.get(path)
        return len(data) if data is not None else path.stat().st_size

    def read(self, path: Path) -> bytes:
        data = self._data.get(path)
        if data is None:
            data = self._data[path] = path.read_bytes()
        return data

    def text(self, path: Path) -> str:
        """The file as UTF-8 text, exactly as stored (no newline translation)."""
        return self.read(path).decode("utf-8")

    def write(self, path: Path, data: bytes) -> None:
        path.write_bytes(data)
        self._data[path] = data

    def forget(self, path: Path) -> None:
        """Drop a file no later step reads (the siblings are the last step)."""
        self._data.pop(path, None)
