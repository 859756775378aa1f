"""``kompetensi serve`` shows invalid data in the browser: a banner on every page, until fixed.

The browser test runs the real command on a small project (the real theme, overrides and data;
no Pyodide runtime), breaks a YAML file as a maintainer would, and reads the pages Chromium
gets: the banner names the file and the line; after the fix it is gone, and an open page reloads
itself under the site's CSP. A build never carries the banner (the plugin adds it only while
serving).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from project_support import kompetensi_serve
from site_support import ROOT, make_project

from generator.errors import Problem
from generator.plugin import KompetensiPlugin
from generator.render import preview

AXE = ROOT / "node_modules/axe-core/axe.min.js"
ARTICLE = '<article class="md-content__inner md-typeset">'
PROBLEM = Problem("standards/positions.yaml", 6, 40, "positions[0].name", "bad <b> & 'x'", "fix it")


def test_the_banner_lists_each_problem_escaped_inside_the_main_content() -> None:
    page = f"<html><body><main>{ARTICLE}<h1>Judul</h1></article></main></body></html>"
    shown = preview.with_banner(page, [PROBLEM, Problem("standards/a.yaml", 1, 1, "", "m")])
    assert shown.startswith(f'<html><body><main>{ARTICLE}<div class="admonition danger"')
    assert shown.endswith("</div><h1>Judul</h1></article></main></body></html>")
    assert "Data tidak valid: 2 galat" in shown
    assert (
        "<li><strong>standards/positions.yaml</strong>, baris 6, kolom 40 "
        "(<code>standards/positions.yaml:6:40</code>)<br><code>positions[0].name</code>: "
        "bad &lt;b&gt; &amp; &#x27;x&#x27;<br>Saran: fix it</li>"
    ) in shown
    assert preview.with_banner(page, []) == page
    # A page without the theme's article (none in this site today) gets it first in the body.
    assert preview.with_banner("<body class='x'><p>", [PROBLEM]).startswith(
        "<body class='x'><div class=\"admonition danger\""
    )


def test_a_build_never_gets_the_banner() -> None:
    plugin = KompetensiPlugin()
    plugin.preview_problems = (PROBLEM,)
    page = f"<body>{ARTICLE}</article></body>"
    plugin.on_startup(command="build", dirty=False)
    assert plugin.on_post_page(page, page=None, config=None) == page  # type: ignore[arg-type]
    plugin.on_startup(command="serve", dirty=False)
    assert preview.BANNER_ID in str(plugin.on_post_page(page, page=None, config=None))  # type: ignore[arg-type]


BROKEN = ("\norder: 1\n", "\norder: satu\n")  # in competencies/integritas.yaml, line 5


@pytest.fixture(params=["valid-at-start", "broken-at-start"])
def served(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """``kompetensi serve`` on a small project (its data valid or already broken when the
    preview starts); yields (origin, its standards folder)."""
    config = make_project(tmp_path / "project", ROOT / "standards")
    if request.param == "broken-at-start":
        source = config.parent / "standards" / "competencies" / "integritas.yaml"
        source.write_text(source.read_text("utf-8").replace(*BROKEN), "utf-8")
    with kompetensi_serve(config, tmp_path / "serve.log") as origin:
        yield origin, config.parent / "standards"


def _banner_text(page: Any, url: str, wanted: Callable[[str | None], bool]) -> str | None:
    """The banner's text once ``wanted`` (serve rebuilds a second or so after a save)."""
    deadline = time.monotonic() + 90
    while True:
        page.goto(url)
        banner = page.locator(f"#{preview.BANNER_ID}")
        text = banner.inner_text() if banner.count() else None
        if wanted(text) or time.monotonic() > deadline:
            return text
        time.sleep(0.5)


@pytest.mark.browser
def test_serve_shows_the_errors_of_broken_data_until_fixed(
    browser: Any, served: tuple[str, Path], tmp_path: Path
) -> None:
    origin, standards = served
    source = standards / "competencies" / "integritas.yaml"
    broken_at_start = BROKEN[1] in source.read_text(encoding="utf-8")
    valid = source.read_text(encoding="utf-8").replace(BROKEN[1], BROKEN[0])
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security" in m.text else 0)
    # axe-core is injected as an inline script, which the pages' own CSP meta tag blocks.
    axe_context = browser.new_context(viewport={"width": 360, "height": 740}, bypass_csp=True)
    try:
        if not broken_at_start:
            assert _banner_text(page, origin + "/kompetensi/integritas/", lambda t: True) is None
            assert valid.count(BROKEN[0]) == 1
            source.write_text(valid.replace(*BROKEN), encoding="utf-8")
        # Started on broken data there are no generated pages yet: the competency's address
        # answers with the 404 page, which carries the banner too.
        for path in ("/kompetensi/integritas/", "/", "/panduan/"):
            text = _banner_text(page, origin + path, lambda t: t is not None)
            assert text is not None, f"{path}: no banner while the data is invalid"
            assert "Data tidak valid: 1 galat" in text
            assert "standards/competencies/integritas.yaml, baris 5, kolom 8" in text, text
            assert "order: diharapkan bilangan bulat, tertulis 'satu'" in text
            if broken_at_start:
                assert "baru muncul setelah data valid" in text
            else:
                assert "masih menampilkan data valid terakhir" in text
        # The banner itself is accessible (role alert, the theme's admonition colours).
        checked = axe_context.new_page()
        checked.goto(origin + "/")
        checked.add_script_tag(content=AXE.read_text(encoding="utf-8"))
        found = checked.evaluate(
            "axe.run('#" + preview.BANNER_ID + "').then(r => r.violations.filter(v => "
            "['serious', 'critical'].includes(v.impact)).map(v => v.id))"
        )
        assert found == []

        # The preview is the published site: the same CSP meta tag, under which MkDocs' live
        # reload still runs (as a file): this page reloads itself when the data is fixed.
        watcher = context.new_page()
        console: list[str] = []
        watcher.on("console", lambda m: console.append(m.text))
        watcher.goto(origin + "/")
        assert watcher.locator('meta[http-equiv="Content-Security-Policy"]').count() == 1
        watcher.wait_for_load_state("load")
        assert "Enabled live reload" in console
        assert watcher.locator(f"#{preview.BANNER_ID}").count() == 1
        source.write_text(valid, encoding="utf-8")
        watcher.locator(f"#{preview.BANNER_ID}").wait_for(state="detached", timeout=90_000)
        for path in ("/kompetensi/integritas/", "/"):
            assert _banner_text(page, origin + path, lambda t: t is None) is None, path
        assert page.goto(origin + "/kompetensi/integritas/").status == 200
        assert violations == []
        # A quiet preview: the served pages' canonical links name the preview server itself
        # (MkDocs sets site_url to it), which the site check must not call another host.
        log = (tmp_path / "serve.log").read_text(encoding="utf-8", errors="replace")
        assert "another host" not in log and "host lain" not in log and "titik tidak aman" not in log, log[-2000:]
    finally:
        axe_context.close()
        context.close()
