"""Writes the offline files into a built site: ``sw.js``, ``manifest.webmanifest``, the icons.

``sw.js`` is :data:`WORKER_SOURCE` with this build's precache manifest and name filled in; it
lives at the site root, so its scope is the whole site wherever the site is published (a domain's
root, a GitHub Pages project folder, an intranet folder). Every URL in the manifest and the
worker is relative to that root.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path

from generator.offline import icons, precache

HERE = Path(__file__).resolve().parent
WORKER_SOURCE = HERE / "service-worker.js"
RETIRE_SOURCE = HERE / "retire-worker.js"
MANIFEST_FILE = "manifest.webmanifest"
ICON_PATH = "assets/images/icon-{size}.png"
THEME_COLOR = "#4051b5"
NAME = "Kompetensi ASN"
DESCRIPTION = (
    "Kamus kompetensi ASN, target level jabatan, dan penilaian mandiri dengan rencana "
    "pengembangan 70:20:10; dapat dibuka tanpa jaringan setelah kunjungan pertama."
)


def web_manifest() -> dict[str, object]:
    """The web app manifest; URLs are relative to the manifest, at the site root."""
    icon_list: list[dict[str, str]] = []
    for size in icons.SIZES:
        src = ICON_PATH.format(size=size)
        icon_list.append({"src": src, "sizes": f"{size}x{size}", "type": "image/png"})
        icon_list.append(
            {"src": src, "sizes": f"{size}x{size}", "type": "image/png", "purpose": "maskable"}
        )
    return {
        "id": "./",
        "name": NAME,
        "short_name": "Kompetensi",
        "description": DESCRIPTION,
        "lang": "id",
        "dir": "ltr",
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": THEME_COLOR,
        "icons": icon_list,
    }


def worker_script(manifest: list[precache.Entry]) -> str:
    """``sw.js`` for this manifest."""
    rows = ",\n".join("  " + json.dumps(entry.as_row()) for entry in manifest)
    data = f'{{"build": "{precache.build_id(manifest)}", "files": [\n{rows}\n]}}'
    source = WORKER_SOURCE.read_text(encoding="utf-8")
    assert source.count("__MANIFEST__") == 1
    return source.replace("__MANIFEST__", data)


def write(
    site: Path,
    quiz_files: Iterable[str],
    page_salt: str = "",
    read: Callable[[Path], bytes] = Path.read_bytes,
) -> list[Path]:
    """Write the icons, the web app manifest and ``sw.js`` into ``site``; the paths written.
    The icons and the manifest come first, so the worker's precache lists them (each file read
    with ``read``)."""
    written = []
    for size in icons.SIZES:
        path = site / ICON_PATH.format(size=size)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(icons.png(size))
        written.append(path)
    manifest_path = site / MANIFEST_FILE
    manifest_path.write_text(
        json.dumps(web_manifest(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    written.append(manifest_path)
    worker = site / precache.WORKER
    worker.write_text(worker_script(precache.entries(site, quiz_files, page_salt, read)), "utf-8")
    written.append(worker)
    return written


def retire(site: Path) -> Path:
    """The preview's ``sw.js``: a worker that removes itself and this site's caches, so a browser
    that once installed the published site's worker on this origin sees the live preview."""
    worker = site / precache.WORKER
    worker.write_text(RETIRE_SOURCE.read_text(encoding="utf-8"), encoding="utf-8")
    return worker
