"""The output folder of a build: where one may be written, and how it replaces the old one.

A build deletes whatever the output folder held before, so :func:`refusal` turns down, before
anything is touched, every folder whose loss would destroy work: the project itself (or a folder
holding it), a source folder (or a folder inside or around one), a Git work tree, and any
non-empty folder that an earlier build did not write. A built site carries :data:`MARKER` (the
plugin's post-build step writes it, in ``mkdocs build`` too) so the next build recognises it; sites built before the marker existed are recognised by the two
policy files every build has written (:data:`EARLIER_BUILD_FILES`).

:func:`replace` puts a finished build in place in one step: on Linux, ``renameat2`` with
``RENAME_EXCHANGE`` swaps the two folders atomically, so the output folder exists at every
instant, old or new, even if the build is killed. Elsewhere (or on a file system that does not
support the exchange) it falls back to two renames, with a moment without the folder.

Staging folders (``.<name>-build-*`` next to the output) are locked with ``flock`` while their
build runs, and every build holds a shared lock on the output folder's parent
(:func:`building`); a build that runs alone deletes the staging folders of dead builds
(:func:`remove_stale_staging`), so a killed build leaves nothing that the next one does not
clean, and two builds at once never delete each other's.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from generator.errors import with_hint
from generator.i18n import N_, _
from generator.output_file import current_umask

MARKER = ".kompetensi-site"
MARKER_TEXT = (
    "Folder ini dibangun oleh Kompetensi ASN (`kompetensi build` atau `mkdocs build`); build "
    "berikutnya menggantinya seluruhnya.\n"
)
EARLIER_BUILD_FILES = ("csp.txt", "csp-hashes.conf")
SOURCE_FOLDERS = ("standards", "content", "generator", "site_overrides", "tests")
HINT = N_(
    "a build replaces everything in the output folder; choose a new or empty folder, such as "
    "site/ next to mkdocs.yml"
)
NOT_EMPTY_HINT = N_("empty that folder yourself only if its content may really be deleted")

try:
    import fcntl
except ImportError:  # pragma: no cover - not on Windows: stale staging folders are kept
    fcntl = None  # type: ignore[assignment]


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without MkDocs: tags such as ``!ENV`` become null instead of failing."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def read_config(config_file: Path) -> dict[str, Any]:
    """mkdocs.yml's settings as written, without MkDocs; empty when it cannot be read (the
    build then reports it)."""
    try:
        config: Any = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_ConfigLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    return config if isinstance(config, dict) else {}


def _configured(config_file: Path) -> list[tuple[str, Path]]:
    """The folders mkdocs.yml names as sources: docs_dir, the theme's custom_dir, the
    kompetensi plugin's standards_dir (a config that cannot be read names none)."""
    config = read_config(config_file)
    named = [("docs_dir", config.get("docs_dir", "docs"))]
    theme = config.get("theme")
    if isinstance(theme, dict):
        named.append(("theme.custom_dir", theme.get("custom_dir")))
    plugins = config.get("plugins")
    for plugin in plugins if isinstance(plugins, list) else []:
        if isinstance(plugin, dict) and isinstance(plugin.get("kompetensi"), dict):
            named.append(("standards_dir", plugin["kompetensi"].get("standards_dir", "standards")))
    root = config_file.parent
    return [
        (
            _("{folder} ({key} in mkdocs.yml)").format(folder=value, key=name),
            (root / value).resolve(),
        )
        for name, value in named
        if isinstance(value, str)
    ]


def source_folders(config_file: Path) -> list[tuple[str, Path]]:
    """Every folder a build reads, as ``(name, resolved path)``."""
    root = config_file.resolve().parent
    folders = [(f"{name}/", (root / name).resolve()) for name in SOURCE_FOLDERS]
    folders += _configured(config_file.resolve())
    return folders


def is_built_site(folder: Path) -> bool:
    """True when ``folder`` was written by ``kompetensi build`` (the marker, or an earlier
    build's policy files)."""
    marker = folder / MARKER
    if marker.is_file() and not marker.is_symlink():
        return True
    return all((folder / name).is_file() for name in EARLIER_BUILD_FILES)


def refusal(site_dir: Path, config_file: Path) -> str | None:
    """Why a build must not write ``site_dir`` (one line, located, with a hint), or ``None``."""
    target = site_dir.resolve()
    root = config_file.resolve().parent
    found = _reason(target, root, source_folders(config_file))
    if found is None:
        return None
    reason, not_empty = found
    hint = _(HINT) + ("; " + _(NOT_EMPTY_HINT) if not_empty else "")
    message = _("output folder refused: {reason}; nothing was changed").format(reason=reason)
    return f"{site_dir}: {with_hint(message, hint)}"


def _reason(target: Path, root: Path, sources: list[tuple[str, Path]]) -> tuple[str, bool] | None:
    """Why ``target`` is refused, and whether the reason is that it holds other files."""
    reason = _place_reason(target, root, sources)
    if reason is not None:
        return reason, False
    if target.exists() or target.is_symlink():
        if not target.is_dir():
            return _("this is not a folder"), False
        if any(target.iterdir()) and not is_built_site(target):
            return _(
                "this folder is not empty and was not made by kompetensi build (the marker "
                "file {marker} is missing)"
            ).format(marker=MARKER), True
    return None


def _place_reason(target: Path, root: Path, sources: list[tuple[str, Path]]) -> str | None:
    if target == root:
        return _("this folder is the project folder")
    if target in root.parents:
        return _("this folder holds the project folder {folder}").format(folder=root)
    for name, folder in sources:
        if target == folder:
            return _("this folder is the source folder {name}").format(name=name)
        if folder in target.parents:
            return _("this folder is inside the source folder {name}").format(name=name)
        if target in folder.parents:
            return _("this folder holds the source folder {name}").format(name=name)
    if ".git" in target.parts:
        return _("this folder is inside the .git folder")
    if (target / ".git").exists():
        return _("this folder is the root of a Git work tree")
    return None


# ---- Permissions ---------------------------------------------------------------------------


def publish_modes(folder: Path) -> None:
    """Ordinary modes for a published tree: folders 0777 and files 0666, less the umask (0755
    and 0644 under the usual 022). Staging folders are made 0700 and temporary files 0600; a
    web server running as another user could then read nothing."""
    mask = current_umask()
    folder_mode, file_mode = 0o777 & ~mask, 0o666 & ~mask
    os.chmod(folder, folder_mode)
    for parent, folders, files in os.walk(folder):
        for name in folders:
            path = os.path.join(parent, name)
            if not os.path.islink(path):
                os.chmod(path, folder_mode)
        for name in files:
            path = os.path.join(parent, name)
            if not os.path.islink(path):
                os.chmod(path, file_mode)


# ---- Staging folders -----------------------------------------------------------------------


def staging_prefix(site_dir: Path) -> str:
    return f".{site_dir.name}-build-"


@contextlib.contextmanager
def staging_folder(site_dir: Path) -> Iterator[Path]:
    """A fresh staging folder next to ``site_dir``, locked while the build runs and removed
    afterwards (after a swap it holds the previous site)."""
    path = Path(tempfile.mkdtemp(prefix=staging_prefix(site_dir), dir=site_dir.parent))
    descriptor = os.open(path, os.O_RDONLY)
    try:
        if fcntl is not None:
            fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)
        os.close(descriptor)


@contextlib.contextmanager
def building(site_dir: Path) -> Iterator[None]:
    """Held for a whole build, on the output folder's parent: shared by builds that run at the
    same time, exclusive only while a build that runs alone deletes the staging folders of dead
    builds. A staging folder is created after its build holds the shared lock, so no build can
    delete another's before that one has locked it (the lock is released with the process)."""
    if fcntl is None:  # pragma: no cover - not on Windows
        yield
        return
    descriptor = os.open(site_dir.parent, os.O_RDONLY)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            pass  # another build runs: leave the cleaning to a later build
        else:
            remove_stale_staging(site_dir)
        fcntl.flock(descriptor, fcntl.LOCK_SH)
        yield
    finally:
        os.close(descriptor)


def remove_stale_staging(site_dir: Path) -> list[Path]:
    """Delete the staging folders of builds that died (no lock held); returns them.

    A build killed between the two renames of the fallback left the previous site in an
    ``-old-`` folder and no output folder: that one is put back, not deleted."""
    removed: list[Path] = []
    if fcntl is None or not site_dir.parent.is_dir():
        return removed
    prefix = staging_prefix(site_dir)
    for path in sorted(site_dir.parent.glob(prefix + "*")):
        if path.is_symlink() or not path.is_dir():
            continue
        if path.name.startswith(prefix + "old-") and not site_dir.exists():
            path.rename(site_dir)
            continue
        try:
            descriptor = os.open(path, os.O_RDONLY)
        except OSError:
            continue
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            continue  # a build is running there
        finally:
            os.close(descriptor)
        shutil.rmtree(path, ignore_errors=True)
        removed.append(path)
    return removed


# ---- The swap ------------------------------------------------------------------------------

AT_FDCWD = -100
RENAME_EXCHANGE = 2


def _renameat2() -> Any | None:
    """glibc's ``renameat2`` (2.28+), or ``None`` where there is none."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        function = libc.renameat2
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p]
    function.argtypes += [ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


def exchange(first: Path, second: Path) -> bool:
    """Swap two existing paths in one atomic step; ``False`` when the system cannot (not Linux,
    an old C library, or a file system without the exchange), so the caller falls back."""
    function = _renameat2()
    if function is None:
        return False
    result = function(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(second))


def replace(new: Path, target: Path) -> None:
    """Put the folder ``new`` at ``target``; afterwards ``new`` holds the previous site (or is
    gone when there was none), for the caller to delete."""
    if not target.exists() and not target.is_symlink():
        new.rename(target)
        return
    if exchange(new, target):
        return
    # Fallback: two renames, so ``target`` is missing between them (and if the process dies
    # there, the previous site waits in the ``-old-`` folder).
    old = Path(tempfile.mkdtemp(prefix=staging_prefix(target) + "old-", dir=target.parent))
    old.rmdir()
    target.rename(old)
    try:
        new.rename(target)
    except OSError:
        old.rename(target)
        raise
    old.rename(new)


def write_marker(folder: Path) -> None:
    (folder / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
