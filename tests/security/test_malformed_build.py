"""Promise 1, the part ``tests/standard`` does not cover: malformed data given to
``kompetensi build`` leaves the published site byte-identical.

``tests/standard`` runs all malformed cases through ``kompetensi validate`` (located one-line
errors, exit 1, no traceback, time and memory bounds). Here a representative case of each
family (encoding, control characters, alias bomb, tags, nesting, size, duplicate keys, Norway
booleans, path traversal, a file-name collision, a missing file) goes through the full build of
a site that was published before: the build exits 1 with the case's located lines in MkDocs'
log format, no traceback, and the old site is untouched to the byte, with no staging folder
left behind.
"""

from __future__ import annotations

import shutil
from concurrent.futures import ThreadPoolExecutor

import pytest
from malformed_cases import ALL_CASES, Case
from security_support import Built, make_project, project_config, run_build, snapshot
from standard_support import STD
from standard_support import build as copy_base

from generator import i18n

pytestmark = pytest.mark.slow

CASE_IDS = [
    "latin1-byte-located-by-line-and-column",
    "control-characters-nul-and-escape",
    "billion-laughs",
    "python-object-apply-tag",
    "nested-1000-flow",
    "oversized-file",
    "duplicate-key-in-indicator",
    "boolean-yes",
    "path-traversal-in-position-id",
    "file-name-case-collision",
    "missing-framework",
]
CASES = {case.id: case for case in ALL_CASES if case.id in CASE_IDS}


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """A small project on the base standards, built once: the site every case must not touch."""
    folder = tmp_path_factory.mktemp("published")
    copy_base(folder)
    config = project_config(STD, quiz_assets=False)
    built = run_build(make_project(folder, {"index.md": "# Beranda\n"}, config), folder / "site")
    assert built.code == 0, built.output
    return built


@pytest.fixture(scope="module")
def rebuilds(
    published: Built, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, tuple[Built, dict[str, bytes]]]:
    """Each case applied to a copy of the published project and built again (two at a time:
    each build is mostly MkDocs starting up)."""
    project = published.config.parent

    def run(case: Case) -> tuple[str, tuple[Built, dict[str, bytes]]]:
        copy = tmp_path_factory.mktemp(case.id) / "project"
        shutil.copytree(project, copy)
        for edit in case.edits:
            edit(copy / STD)
        built = run_build(copy / published.config.name, copy / "site")
        return case.id, (built, snapshot(copy / "site"))

    assert len(CASES) == len(CASE_IDS), sorted(set(CASE_IDS) - set(CASES))
    assert all(case.expected for case in CASES.values())
    # In English: the cases' lines are the msgids (tests/standard pins them the same way).
    with (
        pytest.MonkeyPatch.context() as patch,
        i18n.speaking("en"),
        ThreadPoolExecutor(max_workers=2) as pool,
    ):
        patch.setenv("KOMPETENSI_LANG", "en")  # MkDocs' child process
        return dict(pool.map(run, CASES.values()))


@pytest.mark.parametrize("case_id", CASE_IDS)
def test_malformed_data_leaves_the_published_site_byte_identical(
    case_id: str,
    published: Built,
    rebuilds: dict[str, tuple[Built, dict[str, bytes]]],
) -> None:
    case = CASES[case_id]
    built, after = rebuilds[case_id]
    assert built.code == 1
    assert "Traceback" not in built.output
    lines = built.output.splitlines()
    assert [line for line in case.expected if f"ERROR   -  {line}" not in lines] == []
    assert lines[-1] == f"Build failed; {built.site} was left unchanged."
    assert after == snapshot(published.site)
    leftovers = [p.name for p in built.site.parent.iterdir() if p.name.startswith(".site-")]
    assert leftovers == []
