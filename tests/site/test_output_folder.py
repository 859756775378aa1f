"""The output folder of ``kompetensi build``: refused where a build would destroy work, ordinary
permissions on the published site, a swap with no moment without ``site/``, killed builds that
leave a complete site and no process, and a failing build that prints one line."""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from site_support import (
    FIXTURES,
    ROOT,
    Built,
    copy_of,
    leftovers,
    make_project,
    run_build,
    site_config,
)

from generator import site_folder
from generator.site_folder import MARKER

HINT = (
    "Saran: build mengganti seluruh isi folder keluaran; pilih folder baru atau kosong, "
    "misalnya site/ di samping mkdocs.yml"
)
KOMPETENSI = str(Path(sys.executable).parent / "kompetensi")  # cwd-independent, unlike -m
NOT_EMPTY_HINT = HINT + "; kosongkan sendiri folder itu hanya bila isinya memang boleh dihapus"


def tree(folder: Path) -> dict[str, object]:
    """Every entry under ``folder``: file bytes, symlink targets, folders (with their modes)."""
    entries: dict[str, object] = {}
    for path in sorted(folder.rglob("*")):
        key = path.relative_to(folder).as_posix()
        if path.is_symlink():
            entries[key] = ("link", os.readlink(path))
        elif path.is_dir():
            entries[key] = ("dir", path.stat().st_mode)
        else:
            entries[key] = (path.read_bytes(), path.stat().st_mode)
    return entries



@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A tiny project (never built: every refusal happens before MkDocs runs)."""
    folder = tmp_path / "project"
    make_project(folder, FIXTURES / "three")
    for name in ("generator", "tests"):
        (folder / name).mkdir()
        (folder / name / "keep.py").write_text("# source\n", encoding="utf-8")
    return folder


def _git_repo(folder: Path, *, linked: bool = False) -> Path:
    folder.mkdir()
    if linked:  # a linked work tree (git worktree add) has a .git file
        (folder / ".git").write_text("gitdir: /elsewhere/.git/worktrees/x\n", encoding="utf-8")
    else:
        (folder / ".git" / "objects").mkdir(parents=True)
    return folder


def _foreign(folder: Path, name: str = "catatan.txt") -> Path:
    folder.mkdir()
    (folder / name).write_text("pekerjaan orang lain\n", encoding="utf-8")
    return folder


# Each case: (id, makes the output folder from the project folder, the reason in the message).
REFUSED: list[tuple[str, Callable[[Path], Path], str]] = [
    ("standards", lambda p: p / "standards", "folder ini adalah folder sumber standards/"),
    ("content", lambda p: p / "content", "folder ini adalah folder sumber content/"),
    ("generator", lambda p: p / "generator", "folder ini adalah folder sumber generator/"),
    ("tests", lambda p: p / "tests", "folder ini adalah folder sumber tests/"),
    (
        "site_overrides-missing",
        lambda p: p / "site_overrides",
        "folder ini adalah folder sumber site_overrides/",
    ),
    (
        "inside-standards",
        lambda p: p / "standards" / "competencies",
        "folder ini berada di dalam folder sumber standards/",
    ),
    (
        "new-folder-inside-content",
        lambda p: p / "content" / "situs",
        "folder ini berada di dalam folder sumber content/",
    ),
    (
        "dot-dot-into-standards",
        lambda p: p / "content" / ".." / "standards",
        "folder ini adalah folder sumber standards/",
    ),
    ("project-root", lambda p: p, "folder ini adalah folder proyek"),
    ("project-root-with-dot", lambda p: p / "content" / "..", "folder ini adalah folder proyek"),
    ("parent-of-root", lambda p: p.parent, "folder ini memuat folder proyek {root}"),
    ("filesystem-root", lambda p: Path("/"), "folder ini memuat folder proyek {root}"),
    (
        "symlink-to-standards",
        lambda p: _link(p / "situs", p / "standards"),
        "folder ini adalah folder sumber standards/",
    ),
    (
        "symlink-to-project",
        lambda p: _link(p.parent / "pintasan", p),
        "folder ini adalah folder proyek",
    ),
    (
        "theme-custom-dir",
        lambda p: ROOT / "site_overrides",
        f"folder ini adalah folder sumber {ROOT}/site_overrides (theme.custom_dir di mkdocs.yml)",
    ),
    (
        "inside-the-theme-custom-dir",
        lambda p: ROOT / "site_overrides" / "situs",
        "folder ini berada di dalam folder sumber "
        f"{ROOT}/site_overrides (theme.custom_dir di mkdocs.yml)",
    ),
    (
        "git-work-tree-root",
        lambda p: _git_repo(p.parent / "repo"),
        "folder ini adalah akar sebuah work tree Git",
    ),
    (
        "linked-git-work-tree-root",
        lambda p: _git_repo(p.parent / "repo", linked=True),
        "folder ini adalah akar sebuah work tree Git",
    ),
    (
        "inside-dot-git",
        lambda p: _git_repo(p.parent / "repo") / ".git" / "situs",
        "folder ini berada di dalam folder .git",
    ),
    (
        "foreign-non-empty",
        lambda p: _foreign(p.parent / "dokumen"),
        "folder ini tidak kosong dan tidak dibuat oleh kompetensi build "
        f"(berkas penanda {MARKER} tidak ada)",
    ),
    (
        "foreign-with-only-a-hidden-file",
        lambda p: _foreign(p.parent / "dokumen", ".profile"),
        "folder ini tidak kosong dan tidak dibuat oleh kompetensi build "
        f"(berkas penanda {MARKER} tidak ada)",
    ),
    (
        "symlink-to-foreign-non-empty",
        lambda p: _link(p / "site", _foreign(p.parent / "dokumen")),
        "folder ini tidak kosong dan tidak dibuat oleh kompetensi build "
        f"(berkas penanda {MARKER} tidak ada)",
    ),
    (
        "foreign-with-a-symlinked-marker",
        lambda p: (
            _link(_foreign(p.parent / "dokumen") / MARKER, p / "standards/framework.yaml").parent
        ),
        "folder ini tidak kosong dan tidak dibuat oleh kompetensi build "
        f"(berkas penanda {MARKER} tidak ada)",
    ),
    (
        "a-regular-file",
        lambda p: _file(p.parent / "laporan.txt"),
        "ini bukan folder",
    ),
]


def _link(link: Path, target: Path) -> Path:
    link.symlink_to(target)
    return link


def _file(path: Path) -> Path:
    path.write_text("laporan\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(("make", "reason"), [c[1:] for c in REFUSED], ids=[c[0] for c in REFUSED])
def test_a_folder_whose_loss_destroys_work_is_refused_and_nothing_is_touched(
    project: Path, make: Callable[[Path], Path], reason: str
) -> None:
    site = make(project)
    before = tree(project.parent)
    overrides = tree(ROOT / "site_overrides")
    built = run_build(project / "mkdocs.yml", site)
    assert built.code == 1
    hint = NOT_EMPTY_HINT if "tidak kosong" in reason else HINT
    line = f"{site}: folder keluaran ditolak: {reason.format(root=project)}; tidak ada yang diubah"
    assert built.lines == [f"{line} {hint}"]
    assert tree(project.parent) == before
    assert tree(ROOT / "site_overrides") == overrides


@pytest.mark.parametrize(
    ("option", "value", "folder"),
    [
        ("docs_dir", "../halaman", "halaman"),
        ("docs_dir", "halaman", "project/halaman/bagian"),
        ("standards_dir", "data/standar", "project/data/standar"),
        ("standards_dir", "data/standar", "project/data"),
    ],
)
def test_configured_source_folders_are_refused_too(
    tmp_path: Path, option: str, value: str, folder: str
) -> None:
    config = site_config(**({"standards_dir": value} if option == "standards_dir" else {}))
    if option == "docs_dir":
        config["docs_dir"] = value
    make_project(tmp_path / "project", FIXTURES / "three", config=config)
    site = tmp_path / folder
    before = tree(tmp_path)
    built = run_build(tmp_path / "project/mkdocs.yml", site)
    assert built.code == 1
    configured = (tmp_path / "project" / value).resolve()
    relation = (
        "adalah" if site == configured else "memuat" if configured.is_relative_to(site) else None
    )
    relation = relation or "berada di dalam"
    assert built.lines == [
        f"{site}: folder keluaran ditolak: folder ini {relation} folder sumber {value} "
        f"({option} di mkdocs.yml); "
        f"tidak ada yang diubah {HINT}"
    ]
    assert tree(tmp_path) == before


def test_the_cli_refuses_each_source_folder_and_the_project_with_exit_1(project: Path) -> None:
    before = tree(project.parent)
    for name in ("standards", "content", "generator", "tests", "."):
        result = subprocess.run(
            [KOMPETENSI, "build", "-d", name],
            cwd=project, capture_output=True, text=True, check=False, timeout=60,
        )  # fmt: skip
        assert result.returncode == 1, result.stderr
        reason = "folder proyek" if name == "." else f"folder sumber {name}/"
        assert result.stderr.splitlines() == [
            f"{name}: folder keluaran ditolak: folder ini adalah {reason}; tidak ada yang "
            f"diubah {HINT}"
        ]
        assert result.stdout == ""
    assert tree(project.parent) == before


def test_new_empty_built_and_earlier_built_folders_are_accepted(project: Path) -> None:
    config = project / "mkdocs.yml"
    (project / "kosong").mkdir()
    built = project / "lama"
    built.mkdir()
    (built / MARKER).write_text("x", encoding="utf-8")
    (built / "index.html").write_text("x", encoding="utf-8")
    earlier = project / "sebelum-penanda"  # a site built before the marker existed
    earlier.mkdir()
    for name in ("csp.txt", "csp-hashes.conf", "index.html"):
        (earlier / name).write_text("x", encoding="utf-8")
    for folder in ("site", "kosong", "lama", "sebelum-penanda", "keluaran/baru"):
        assert site_folder.refusal(project / folder, config) is None, folder


# ---- Built sites: the marker, modes, the swap ----------------------------------------------



def test_a_built_site_carries_the_marker_and_ordinary_modes(tmp_path: Path) -> None:
    project = tmp_path / "project"
    config = make_project(project, FIXTURES / "three")
    previous = os.umask(0o022)
    try:
        built = run_build(config, project / "site")
    finally:
        os.umask(previous)
    assert built.code == 0, built.output
    site = project / "site"
    assert (site / MARKER).read_text(encoding="utf-8") == site_folder.MARKER_TEXT
    modes = {
        path.relative_to(site).as_posix(): path.stat().st_mode & 0o7777
        for path in [site, *site.rglob("*")]
    }
    assert modes["."] == 0o755
    assert {mode for name, mode in modes.items() if (site / name).is_dir()} == {0o755}
    assert {mode for name, mode in modes.items() if (site / name).is_file()} == {0o644}
    assert any(name.endswith(".br") for name in modes)  # precompressed siblings too


def test_the_output_folder_exists_at_every_instant_of_a_rebuild(
    tmp_path: Path, three_site: Built
) -> None:
    config = copy_of(three_site, tmp_path / "project")
    site = tmp_path / "project/site"
    missing = 0
    seen = 0
    done = threading.Event()

    def watch() -> None:
        nonlocal missing, seen
        while not done.is_set():
            seen += 1
            if not (site / "index.html").is_file():
                missing += 1

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        rebuilt = run_build(config, site)
    finally:
        done.set()
        watcher.join()
    assert rebuilt.code == 0, rebuilt.output
    assert seen > 100
    assert missing == 0
    assert leftovers(tmp_path / "project") == []


def test_exchange_swaps_two_folders_in_one_step(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    for folder in (first, second):
        folder.mkdir()
        (folder / "name").write_text(folder.name, encoding="utf-8")
    if not site_folder.exchange(first, second):
        assert not sys.platform.startswith("linux"), "renameat2 should exist on Linux"
        pytest.skip("no atomic exchange on this system: the documented fallback is used")
    assert (first / "name").read_text(encoding="utf-8") == "b"
    assert (second / "name").read_text(encoding="utf-8") == "a"


# ---- Killed and failing builds -------------------------------------------------------------


def _descendants(pid: int) -> list[int]:
    found: list[int] = []
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return found
    for child in map(int, children):
        found += [child, *_descendants(child)]
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


# A shell starts background jobs with SIGINT ignored, and an ignored signal stays ignored across
# exec: run under such a job (a CI script started with `&`), the build would never see the
# Ctrl-C this test sends. The launcher gives it SIGINT's default, as a terminal would.
SIGINT_DEFAULT = (
    "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); "
    "os.execv(sys.argv[1], sys.argv[1:])"
)


def _start_build(config: Path, site: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-c", SIGINT_DEFAULT, KOMPETENSI, "build", "-f", str(config),
         "-d", str(site)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip


def _wait_gone(pids: list[int]) -> list[int]:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(pid) for pid in pids):
        time.sleep(0.05)
    return [pid for pid in pids if _alive(pid)]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_build_killed_at_any_moment_leaves_the_site_whole_and_no_process(
    tmp_path: Path, three_site: Built
) -> None:
    config = copy_of(three_site, tmp_path / "project")
    site = tmp_path / "project/site"
    before = tree(site)
    started = time.monotonic()
    assert run_build(config, site).code == 0
    duration = time.monotonic() - started
    killed_with_children = 0
    for fraction in (0.05, 0.2, 0.35, 0.5, 0.65, 0.8, 0.9, 1.0, 1.1):
        process = _start_build(config, site)
        time.sleep(duration * fraction)
        children = _descendants(process.pid)
        killed_with_children += bool(children)
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert _wait_gone(children) == [], f"orphans after a kill at {fraction:.0%}"
        assert tree(site) == before, f"site/ changed by a kill at {fraction:.0%}"
    assert killed_with_children >= 3  # some kills did land while MkDocs ran
    again = run_build(config, site)
    assert again.code == 0, again.output
    assert leftovers(tmp_path / "project") == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_terminated_build_stops_its_child_and_removes_its_staging_folder(
    tmp_path: Path, three_site: Built
) -> None:
    config = copy_of(three_site, tmp_path / "project")
    site = tmp_path / "project/site"
    before = tree(site)
    for stop in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
        process = _start_build(config, site)
        deadline = time.monotonic() + 30
        while not (children := _descendants(process.pid)) and time.monotonic() < deadline:
            time.sleep(0.02)
        assert children, "MkDocs never started"
        process.send_signal(stop)
        assert process.wait(timeout=30) in (128 + stop, 130)
        assert _wait_gone(children) == []
        assert tree(site) == before
        assert leftovers(tmp_path / "project") == []


def test_stale_staging_folders_are_removed_and_a_running_build_s_are_kept(
    tmp_path: Path,
) -> None:
    site = tmp_path / "site"
    stale = [tmp_path / ".site-build-dead1", tmp_path / ".site-build-dead2"]
    for folder in stale:
        (folder / "assets").mkdir(parents=True)
        (folder / "assets" / "big.js").write_bytes(b"x" * 1000)
    other = tmp_path / ".other-build-keep"  # another output folder's staging
    other.mkdir()
    with site_folder.staging_folder(site) as running:
        removed = site_folder.remove_stale_staging(site)
        assert sorted(removed) == stale
        assert running.is_dir()
    assert not running.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [".other-build-keep"]


@pytest.mark.skipif(not hasattr(resource, "RLIMIT_FSIZE"), reason="needs RLIMIT_FSIZE")
@pytest.mark.parametrize("limit", [4_000, 40_000])
def test_a_failing_write_is_one_located_line_and_no_traceback(
    tmp_path: Path, three_site: Built, limit: int
) -> None:
    """A full disk, simulated with a file-size limit: every write past it fails with EFBIG
    (Python ignores SIGXFSZ), as a write on a full disk fails with ENOSPC."""
    config = copy_of(three_site, tmp_path / "project")
    site = tmp_path / "project/site"
    before = tree(site)

    limited = (
        "import resource, runpy, sys\n"
        f"resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))\n"
        "runpy.run_module('generator.cli', run_name='__main__', alter_sys=True)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", limited, "build", "-f", str(config), "-d", str(site)],
        capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert '  File "' not in result.stderr
    errors = [line for line in result.stderr.splitlines() if not line.startswith("INFO")]
    assert len(errors) == 1, errors
    where, _, message = errors[0].partition(": ")
    assert where == str(site) or where.startswith(f"{site}/"), where
    assert message == f"build gagal: berkas terlalu besar; {site} tidak diubah."
    assert tree(site) == before
    assert leftovers(tmp_path / "project") == []


SECOND_BUILD = (
    "import sys\n"
    "from pathlib import Path\n"
    "from generator import site_folder\n"
    "with site_folder.building(Path(sys.argv[1])):\n"
    "    pass\n"
)


def test_a_build_cleans_only_when_no_other_build_runs(tmp_path: Path) -> None:
    """A staging folder just made, not yet locked by its build, survives a build that starts at
    that moment: that build sees another one running and leaves the cleaning to a later one."""
    site = tmp_path / "site"
    fresh = tmp_path / ".site-build-baru"

    def second_build() -> None:
        subprocess.run(
            [sys.executable, "-c", SECOND_BUILD, str(site)], check=True, timeout=60,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )  # fmt: skip

    with site_folder.building(site):
        fresh.mkdir()
        second_build()
        assert fresh.is_dir()
    second_build()  # alone now: the folder is a dead build's
    assert not fresh.exists()
