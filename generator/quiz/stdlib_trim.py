"""Pyodide's ``python_stdlib.zip`` without the parts the quiz never imports.

The zip is the largest file of the quiz's first load that no server compresses (its entries are
deflated already): 2,486 KB of the 6,561 KB a gzip-only host (GitHub Pages, nginx without the
brotli module) sends. The browser runs four things on it: Pyodide's own start-up, micropip
(with its vendored packaging), the engine and the bridge. :data:`EXCLUDED` lists what none of
them imports, by group; :func:`trim` writes the zip again without those entries, every other
entry as it was (name, date, mode, content), deflated at level 9.

How the list was made (Pyodide 314.0.7, CPython 3.14.2): ``sys.modules`` after a boot, a
``micropip.install`` of the engine wheel and every bridge call, plus a grep of the imports of
micropip 0.11.1, packaging 26.1, ``pyodide``/``_pyodide`` and the engine, lazy imports in
functions included (for example ``traceback`` imports ``difflib`` for its suggestions, and
``warnings`` ``tracemalloc``: both stay). A group leaves only if nothing on those paths can
reach it; general-purpose modules that merely went unused (``argparse``, ``ctypes``,
``sqlite3``, ``statistics``...) stay. ``tests/e2e/test_quiz_pyodide_engine.py`` proves the
result in Chromium: the engine, the bridge, ``micropip.install`` of the wheel and their error
paths, on the trimmed zip.

Measured with ``bench/transfer.py`` (Pyodide 314.0.7, same machine, before and after): the zip
2,486 KB → 1,571 KB; the quiz's first load 6,561 KB → 5,629 KB gzip only (budget 6,144 KB; 17 KB
of the gain is the level-9 ``.gz`` of the runtime, :data:`generator.precompress.RUNTIME_GZIP_LEVEL`)
and 5,711 KB → 4,796 KB with brotli. Trimming costs ≈ 0.7 s of CPU (every kept entry is inflated
and deflated again), so the result is cached like a compressed sibling (:func:`trimmed`); level 9
instead of Pyodide's 6 saves ≈ 19 KB of it.

The runtime folder is served ``immutable`` under the Pyodide version: a browser that cached the
zip of an older build keeps it. Removing a group is therefore safe (the old zip is a superset);
putting one back is not, and needs a new runtime folder name (``layout.PYODIDE_DIR``).
"""

from __future__ import annotations

import hashlib
import io
import re
import sys
import zipfile

from generator import precompress

FILE_NAME = "python_stdlib.zip"
"""The runtime file this module rewrites (one of :data:`generator.quiz.runtime.RUNTIME_FILES`)."""

LEVEL = 9

EXCLUDED: dict[str, tuple[str, ...]] = {
    "development tools: debuggers, profilers, test runners, documentation, the REPL": (
        "_pyrepl",
        "bdb",
        "cProfile",
        "compileall",
        "doctest",
        "modulefinder",
        "pdb",
        "pickletools",
        "profile",
        "pstats",
        "pyclbr",
        "pydoc",
        "tabnanny",
        "timeit",
        "trace",
        "unittest",
        "zipapp",
    ),
    "servers, mail clients and mailboxes: a browser worker opens no sockets": (
        "ftplib",
        "http.server",
        "imaplib",
        "mailbox",
        "poplib",
        "smtplib",
        "socketserver",
        "wsgiref",
        "xmlrpc",
    ),
    "processes and sub-interpreters, which Pyodide cannot start": (
        "concurrent.interpreters",
        "multiprocessing",
    ),
    "XML document trees: nothing here parses XML (xml.sax and xml.parsers stay)": (
        "xml.dom",
        "xml.etree",
    ),
    "pure-Python fallbacks of modules Pyodide has in C (_datetime, _io)": (
        "_pydatetime",
        "_pyio",
    ),
    "demos and jokes": (
        "__hello__",
        "__phello__",
        "antigravity",
        "this",
    ),
    "audio files": ("wave",),
}
"""Module names (a package takes its submodules with it), by the reason they can go. What each
group takes out of Pyodide 314.0.7's zip: development tools 307 KB, servers and mail 124 KB,
processes 89 KB, XML trees 58 KB, fallbacks 45 KB, audio and demos 7 KB."""

LEGACY_CODE_PAGES = re.compile(
    r"encodings\.(cp(?!437$|932$|949$|950$)\d+|iso8859_(?!1$)\d+|mac_\w+|koi8_\w+"
    r"|kz1048|ptcp154|tis_620|hp_roman8|palmos)"
)
"""8-bit code pages (≈ 3-7 KB each, 274 KB in all). Every text the quiz reads or writes is
UTF-8; Python's start-up needs only ``utf_8``/``aliases``; ``zipfile`` decodes legacy member
names with ``cp437``, which stays, as do the Unicode codecs, ``latin_1``/``iso8859_1``,
``ascii``, ``idna`` and the CJK codecs (small stubs over C modules). A lookup of a removed code
page raises ``LookupError``, as for any unknown encoding."""


def module_name(entry: str) -> str:
    """The dotted module an archive entry belongs to: ``xml/dom/minidom.py`` →
    ``xml.dom.minidom``, ``email/__init__.py`` and ``email/`` → ``email``."""
    path = entry.rstrip("/")
    if path.endswith(".py"):
        path = path[: -len(".py")]
    parts = path.split("/")
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def excluded(entry: str) -> bool:
    """Whether an archive entry of the stock zip is left out of the trimmed one."""
    name = module_name(entry)
    if LEGACY_CODE_PAGES.fullmatch(name):
        return True
    return any(
        name == module or name.startswith(module + ".")
        for modules in EXCLUDED.values()
        for module in modules
    )


def trim(stock: bytes, level: int = LEVEL) -> bytes:
    """The stock zip without the :func:`excluded` entries; the same input gives the same
    bytes (entries keep their order, names, dates and modes)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(stock)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            if excluded(info.filename):
                continue
            copy = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            copy.external_attr = info.external_attr
            copy.create_system = info.create_system
            copy.compress_type = info.compress_type
            target.writestr(copy, source.read(info), compresslevel=level)
    return out.getvalue()


_FORMAT = 1
"""Bump when :func:`trim` writes other bytes for the same list (a cached zip must not outlive it)."""


def _version() -> str:
    # The cache key changes with the list, the rule, trim() itself, zipfile and zlib.
    rules = repr(
        (sorted(EXCLUDED.items()), LEGACY_CODE_PAGES.pattern, _FORMAT, sys.version_info[:2])
    )
    digest = hashlib.sha256(rules.encode("utf-8")).hexdigest()[:16]
    return f"{digest}-{precompress.GZIP.version}"


TRIM = precompress.transformation("stdlib-trim", _version(), trim)
"""The trim as a cached transformation: the compressed-sibling cache keys its entries by the
source's sha256, this name, the level and :func:`_version`, so a changed list never reads an
older entry."""


def trimmed(stock: bytes) -> bytes:
    """:func:`trim` of ``stock`` from the cache when possible (memory, then disk)."""
    return precompress.compressed(stock, TRIM, LEVEL)
