"""Precompressed ``.gz`` and ``.br`` siblings of a built site's text files, cached on disk.

Hosts that serve precompressed files (nginx ``gzip_static``/``brotli_static``, Caddy
``precompressed br gzip``, the rewrite rules of ``deploy/apache.htaccess``) send
``pyodide.asm.wasm.br`` as is to a browser that accepts brotli, ``.gz`` to one that accepts gzip,
and spend no CPU on it. Brotli at quality 11 makes the Pyodide runtime ≈ 20 % smaller than gzip
but costs ≈ 35 s of CPU for ``pyodide.asm.wasm`` alone, so:

- every compressed body is cached on disk under a key of the source's sha256, the method, the
  level and the compressor's version (:func:`cache_dir`); a fresh build of unchanged files reads
  the cache instead of compressing. Entries are written to a temporary file and renamed into
  place (concurrent builds never see half an entry), and each entry carries the sha256 of its
  body, checked before use: a corrupt or truncated entry is recompressed, never published (a
  checksum instead of decompressing and comparing, which cost 0.2 s per build: half the plugin's
  overhead over a static build);
- the pinned runtime, which never changes, gets :data:`RUNTIME_QUALITY` and
  :data:`RUNTIME_GZIP_LEVEL`; files that change with every edit of the data (HTML, search
  index, export) get :data:`BUILD_QUALITY`, about as fast as gzip and still smaller, and
  :data:`GZIP_LEVEL`.

Output is deterministic: gzip with no name and mtime 0, brotli with fixed parameters.

:func:`precompress_site` is the last step of the plugin's post-build work
(:mod:`generator.postbuild`): it covers the whole finished site, the quiz runtime included, after
the last step that changes a file (the CSP meta tags are inserted after MkDocs writes the HTML).
Pure Python: no MkDocs.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import tempfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import brotli

from generator.site_files import SiteFiles

SUFFIXES = (".html", ".css", ".js", ".mjs", ".json", ".wasm", ".svg", ".xml", ".txt", ".csv")
"""Types worth compressing; every one is in the ``gzip_types`` of ``deploy/nginx.conf`` and has
a type rule in ``deploy/apache.htaccess``. Images, fonts, zips and wheels are compressed already;
source maps are never fetched by a page."""

MIN_BYTES = 1024
"""Smaller files gain a few hundred bytes at most; the server's on-the-fly gzip covers them."""

GZIP_LEVEL = 6
RUNTIME_GZIP_LEVEL = 9
"""Gzip level for the pinned runtime, for hosts that serve ``.gz`` but not ``.br`` (GitHub
Pages, nginx without the brotli module). Measured on Pyodide 314.0.7: ``pyodide.asm.wasm``
3,463 KB at level 6, 3,446 KB at 9 (4 s of CPU, once), 3,466 KB at 9 with ``memLevel`` 9.
Zopfli (PyPI ``zopfli``, still plain gzip) would give 3,334 KB for 18 s at one iteration and
``pyodide.asm.mjs`` 238 KB instead of 253 KB: not worth a compiled dependency once the trimmed
standard library (:mod:`generator.quiz.stdlib_trim`) brought the gzip-only first load well under
its budget."""
RUNTIME_QUALITY = 11
"""Brotli quality for the pinned Pyodide runtime: paid once per machine thanks to the cache."""
BUILD_QUALITY = 5
"""Brotli quality for files that change between builds: quality 11 would add ≈ 9 s of CPU to a
build whose pages all changed, for ≈ 12 % fewer bytes."""

CACHE_ENV = "KOMPETENSI_CACHE_DIR"


@dataclass(frozen=True)
class Method:
    """One content coding: its sibling suffix, compressor and decompressor."""

    suffix: str
    name: str
    version: str
    compress: Callable[[bytes, int], bytes]
    decompress: Callable[[bytes], bytes]


def transformation(name: str, version: str, function: Callable[[bytes, int], bytes]) -> Method:
    """A whole-file rewrite cached like a compressed body (keyed by the source's sha256, this
    name, the level and ``version``); not a content coding: no sibling, nothing to decode."""
    return Method(suffix="", name=name, version=version, compress=function, decompress=bytes)


def _gzip(data: bytes, level: int) -> bytes:
    return gzip.compress(data, compresslevel=level, mtime=0)


def _brotli(data: bytes, quality: int) -> bytes:
    return bytes(brotli.compress(data, quality=quality))


def _unbrotli(data: bytes) -> bytes:
    return bytes(brotli.decompress(data))


GZIP = Method(".gz", "gzip", zlib.ZLIB_RUNTIME_VERSION, _gzip, gzip.decompress)
BROTLI = Method(".br", "brotli", str(getattr(brotli, "__version__", "unknown")), _brotli, _unbrotli)

_memory: dict[tuple[str, str, int], bytes] = {}
"""Bodies by (source sha256, method, level): spares ``mkdocs serve`` the disk on each rebuild."""


def cache_dir() -> Path | None:
    """Where compressed bodies are kept: ``$KOMPETENSI_CACHE_DIR`` (empty: no disk cache), else
    ``$XDG_CACHE_HOME/kompetensi-asn/precompressed`` (``~/.cache`` by default).

    Per user rather than per project: the test suite and the benchmarks build into temporary
    folders, and the entries are addressed by content, so sharing them is safe."""
    configured = os.environ.get(CACHE_ENV)
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "kompetensi-asn" / "precompressed"


def _entry(folder: Path, method: Method, level: int, digest: str) -> Path:
    return folder / f"{method.name}-{level}-{method.version}" / digest[:2] / digest


_ENTRY_MAGIC = b"kompetensi-asn precompressed 1\n"


def _read_entry(path: Path) -> bytes | None:
    """The cached body if the entry is whole (magic, sha256 of the body, body); else ``None``."""
    try:
        entry = path.read_bytes()
    except OSError:
        return None
    start = len(_ENTRY_MAGIC) + hashlib.sha256().digest_size
    body = entry[start:]
    if entry[: len(_ENTRY_MAGIC)] != _ENTRY_MAGIC or not body:
        return None
    return body if hashlib.sha256(body).digest() == entry[len(_ENTRY_MAGIC) : start] else None


def _store_entry(path: Path, body: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(_ENTRY_MAGIC + hashlib.sha256(body).digest() + body)
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
    except OSError:
        pass  # a read-only or full cache only costs time, never the build


def compressed(data: bytes, method: Method, level: int) -> bytes:
    """``data`` compressed with ``method`` at ``level``, from the caches when possible."""
    digest = hashlib.sha256(data).hexdigest()
    key = (digest, method.name, level)
    body = _memory.get(key)
    if body is not None:
        return body
    folder = cache_dir()
    entry = _entry(folder, method, level, digest) if folder is not None else None
    body = _read_entry(entry) if entry is not None else None
    if body is None:
        body = method.compress(data, level)
        if entry is not None:
            _store_entry(entry, body)
    _memory[key] = body
    return body


def eligible(path: Path, size: int) -> bool:
    """Whether a file of this name and size gets precompressed siblings."""
    return path.suffix.lower() in SUFFIXES and size >= MIN_BYTES


def _decodes_to(body: bytes, method: Method, data: bytes) -> bool:
    try:
        return method.decompress(body) == data
    except Exception:  # garbage or truncated: not a sibling of this file
        return False


def precompress_site(
    site: Path | SiteFiles,
    *,
    quality: int = BUILD_QUALITY,
    pinned: Callable[[str], bool] = lambda relative: False,
) -> list[Path]:
    """Give every eligible file of the site its ``.gz`` and ``.br`` siblings; returns the
    siblings written, in path order. ``pinned`` tells, from a file's POSIX path relative to the
    site root, whether it belongs to the pinned runtime (brotli at :data:`RUNTIME_QUALITY`, gzip
    at :data:`RUNTIME_GZIP_LEVEL`). The last post-build step: it reads each file through
    ``site`` (a :class:`SiteFiles` the earlier steps filled) and then lets it go.

    A sibling equal to the expected body, or one that decodes to its file, is kept: MkDocs' own
    ``sitemap.xml.gz`` stays. A sibling that does neither (left from an older build in the same
    folder) is replaced."""
    files = site if isinstance(site, SiteFiles) else SiteFiles(site)
    written: list[Path] = []
    for path in files.paths():
        if not eligible(path, files.size(path)):
            continue
        data = files.read(path)
        if pinned(files.relative(path)):
            levels = ((GZIP, RUNTIME_GZIP_LEVEL), (BROTLI, RUNTIME_QUALITY))
        else:
            levels = ((GZIP, GZIP_LEVEL), (BROTLI, quality))
        for method, level in levels:
            sibling = path.with_name(path.name + method.suffix)
            expected = compressed(data, method, level)
            if sibling.is_file():
                existing = sibling.read_bytes()
                if existing == expected or _decodes_to(existing, method, data):
                    continue
            sibling.write_bytes(expected)
            written.append(sibling)
        files.forget(path)
    return written
