"""The static quiz form: the contract integrators rely on, escaping, and a clean raw block."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from quiz_html import Node, parse

from generator import engine, i18n
from generator.engine import answers_document, plan_document, recap_files, recap_roster
from generator.engine.model import StandardModel, read_standard
from generator.quiz import form_pages, layout, page, recap_page
from generator.render import links


@pytest.fixture
def tree(export: dict[str, Any]) -> Node:
    root, errors = parse(page.render_html(export))
    assert errors == []
    return root


def _indicators(export: dict[str, Any]) -> list[str]:
    return [
        indicator["id"]
        for competency in export["competencies"]
        for level in competency["levels"]
        for indicator in level["indicators"]
    ]


@pytest.mark.parametrize("build", [form_pages.assessment, form_pages.recap])
def test_the_form_pages_have_front_matter_a_title_and_one_raw_block(
    export: dict[str, Any], build: Any
) -> None:
    generated = build(export, True)
    title = {links.ASSESSMENT: page.PAGE_TITLE, links.RECAP: recap_page.PAGE_TITLE}[generated.uri]
    assert generated.content.startswith(f"---\ntitle: {title}\n")
    assert "search:\n  exclude: true\n" in generated.content
    _front, body = generated.assembled().split("\n---\n", 1)
    heading, block = body.strip().split("\n\n", 1)
    assert heading == f"# {title}"
    assert len(generated.parts) == 1  # Python-Markdown parses only the title
    # Python-Markdown keeps a raw HTML block intact only without blank or indented lines.
    assert "\n\n" not in block
    assert not re.search(r"^[ \t]", block, flags=re.MULTILINE)
    assert block.startswith(('<div class="kq" id="kq" data-kq-root', "<div class="))
    assert block.rstrip().endswith("</div>")
    # The page sits one folder down: its links start from ../ (./ without directory URLs).
    assert 'href="../' in block or 'src="../' in block
    assert 'href="../' not in build(export, False).parts[0]


@pytest.mark.parametrize("build", [form_pages.assessment, form_pages.recap])
def test_a_form_page_from_the_model_given_is_the_page_read_from_the_export(
    export: dict[str, Any], build: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    read = read_standard(export)
    expected = build(export, True)

    def no_second_read(*_args: Any) -> StandardModel:
        raise AssertionError("the export was read again")

    for module in ("generator.quiz.page", "generator.quiz.recap_page"):
        monkeypatch.setattr(f"{module}.read_standard", no_second_read)
    given = build(export, True, model=read)
    assert (given.content, given.parts) == (expected.content, expected.parts)


def test_position_select_lists_every_position_id(tree: Node, export: dict[str, Any]) -> None:
    selects = [node for node in tree.iter("select") if node.attrs.get("name") == "position"]
    assert len(selects) == 1
    values = [option.attrs["value"] for option in selects[0].iter("option")]
    assert values == ["", *[position["id"] for position in export["positions"]]]


def test_every_indicator_is_a_radio_group_in_a_fieldset_with_legend(
    tree: Node, export: dict[str, Any]
) -> None:
    scale = [str(item["value"]) for item in export["assessment"]["scale"]["labels"]]
    radios: dict[str, list[Node]] = {}
    for node in tree.iter("input"):
        if node.attrs.get("type") == "radio":
            radios.setdefault(str(node.attrs["name"]), []).append(node)
    assert list(radios) == _indicators(export)
    texts = {
        indicator["id"]: indicator["text"]
        for competency in export["competencies"]
        for level in competency["levels"]
        for indicator in level["indicators"]
    }
    for name, inputs in radios.items():
        assert [node.attrs["value"] for node in inputs] == scale
        fieldsets = {id(a) for node in inputs for a in node.ancestors() if a.tag == "fieldset"}
        assert len(fieldsets) == 1
        fieldset = next(a for a in inputs[0].ancestors() if a.tag == "fieldset")
        legends = [child for child in fieldset.children if isinstance(child, Node)]
        assert legends[0].tag == "legend"
        assert texts[name] in legends[0].text()
        # Each option is a label wrapping its input, so the whole label is the click target.
        assert all(node.parent is not None and node.parent.tag == "label" for node in inputs)


def test_each_competency_badge_knows_its_number_of_indicators(
    tree: Node, export: dict[str, Any]
) -> None:
    """early.js counts answers before the controller is bound, from these attributes."""
    badges = {
        node.attrs["data-kq-count"]: (node.attrs["data-kq-total"], node.text())
        for node in tree.iter("span")
        if "data-kq-count" in node.attrs
    }
    expected = {}
    for competency in export["competencies"]:
        count = sum(len(level["indicators"]) for level in competency["levels"])
        expected[competency["id"]] = (str(count), f"0/{count}")
    assert badges == expected


def test_one_submit_button_and_results_placeholders(tree: Node) -> None:
    submits = [node for node in tree.iter("button") if node.attrs.get("type") == "submit"]
    assert len(submits) == 1
    assert len([node for node in tree.iter("form")]) == 1
    ids = {node.attrs.get("id") for node in tree.iter()}
    for required in ("kq-status", "kq-hasil", "kq-result-list", "kq-plan", "kq-errors"):
        assert required in ids
    status = next(node for node in tree.iter() if node.attrs.get("id") == "kq-status")
    assert status.attrs["role"] == "status"
    assert status.attrs["aria-live"] == "polite"
    assert any(node.tag == "noscript" for node in tree.iter())


def test_the_engine_limits_are_page_data_read_by_no_script_twice(tree: Node) -> None:
    """The JP and focus limits reach the browser as data attributes, from the engine's constants;
    the scripts check against those, never against their own copy."""
    root = next(node for node in tree.iter() if "data-kq-root" in node.attrs)
    limits = {
        name: root.attrs[f"data-{name}"] for name in ("min-jp", "max-jp", "min-focus", "max-focus")
    }
    assert limits == {
        "min-jp": str(engine.MIN_JP),
        "max-jp": str(engine.MAX_JP),
        "min-focus": str(engine.MIN_FOCUS),
        "max-focus": str(engine.MAX_FOCUS),
    }
    for name in layout.static_files():
        if name.endswith(".js"):
            text = (layout.STATIC_SOURCE / name).read_text(encoding="utf-8")
            assert not re.search(r"sampai (1000|9)\b|MAX_JP|MAX_FOCUS", text), name


def test_the_answer_keys_and_identity_fields_are_page_data_written_once(tree: Node) -> None:
    """The answers document's keys reach answers.js as page data, from the one Python list
    the CLI checks with too; the identity fields of the form (keys and labels, read by the
    scripts) are the document's identity keys; no script spells either list."""
    root = next(node for node in tree.iter() if "data-kq-root" in node.attrs)
    assert root.attrs["data-answer-keys"].split(" ") == list(answers_document.DOCUMENT_KEYS)
    assert root.attrs["data-answer-format"] == answers_document.FORMAT
    assert root.attrs["data-max-file-bytes"] == str(recap_files.MAX_RESULT_BYTES)
    assert root.attrs["data-answer-format-version"] == str(answers_document.FORMAT_VERSION)
    fields = [
        node.attrs["data-kq-identity"] for node in tree.iter() if "data-kq-identity" in node.attrs
    ]
    assert sorted(fields) == sorted(answers_document.IDENTITY_KEYS)
    assert [key for key, _label in plan_document.IDENTITY_LABELS] == fields
    lengths = {node.attrs["maxlength"] for node in tree.iter() if "data-kq-identity" in node.attrs}
    assert lengths == {str(answers_document.MAX_IDENTITY_CHARS)}
    for name in layout.static_files():
        if name.endswith(".js"):
            text = (layout.STATIC_SOURCE / name).read_text(encoding="utf-8")
            assert not re.search(
                r'"format",\s*"format_version"|"name",\s*"nip"|"Periode rencana"|= 120;|kompetensi-asn/jawaban',
                text,
            ), name


def test_the_recap_pages_file_limits_are_the_engines(export: dict[str, Any]) -> None:
    """rekap.js checks a chosen file's size against page data from the engine's constants."""
    tree, errors = parse(recap_page.render_html(export))
    assert errors == []
    root = next(node for node in tree.iter() if "data-kr-root" in node.attrs)
    assert root.attrs["data-max-file-bytes"] == str(recap_files.MAX_RESULT_BYTES)
    assert root.attrs["data-max-roster-bytes"] == str(recap_roster.MAX_ROSTER_BYTES)
    source = (layout.STATIC_SOURCE / "rekap.js").read_text(encoding="utf-8")
    assert not re.search(r"= (\d+ \* )?1024 \* 1024;|\b20 MB", source)


def test_targets_are_not_shown_while_answering(tree: Node) -> None:
    """A position's target levels appear only with the results, never in the form."""
    form = next(tree.iter("form"))
    assert not [node for node in form.iter() if "data-target" in node.attrs]
    position = next(node for node in form.iter("select") if node.attrs.get("name") == "position")
    for option in position.iter("option"):
        assert not re.search(r"\blevel\b|\d", option.text().lower())


def test_no_style_or_event_handler_and_only_the_known_inline_script(tree: Node) -> None:
    inline = []
    for node in tree.iter():
        assert "style" not in node.attrs
        assert not [name for name in node.attrs if name.startswith("on")]
        if node.tag == "script" and not node.attrs.get("src"):
            inline.append(node.text())
        assert node.tag != "style"
    # Each is the file's own text (csp.py hashes the published copy), not anything else: early.js
    # keeps answers, start-engine.js starts the worker before quiz.js runs. They read URLs from
    # the page instead of carrying them, so their text and hash are the same in every build.
    assert inline == [
        str(page.inline_script("early.js")),
        str(page.inline_script("start-engine.js")),
    ]
    assert not [source for source in inline if "assets/" in source]


def test_inlined_scripts_keep_their_code_and_drop_their_comments() -> None:
    source = str(page.inline_script("early.js"))
    assert not [
        line for line in source.splitlines() if line.startswith("//") or line != line.strip()
    ]
    assert '"kompetensi-asn:jawaban-awal:"' in source
    assert "root.dataset.kqAnswerable = " in source


def test_a_script_that_would_end_its_element_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "bad.js").write_text('const end = "</script>";\n', encoding="utf-8")
    monkeypatch.setattr(layout, "STATIC_SOURCE", tmp_path)
    with pytest.raises(page.InlineScriptError) as caught:
        page.inline_script("bad.js")
    assert str(caught.value) == (
        "site_overrides/assets/quiz/bad.js: memuat '</'. Saran: skrip yang disisipkan ke halaman "
        "tidak boleh memuatnya; susun teks itu dari dua bagian."
    )
    with i18n.speaking("en"), pytest.raises(page.InlineScriptError) as caught:
        page.inline_script("bad.js")
    assert str(caught.value) == (
        "site_overrides/assets/quiz/bad.js: contains '</'. Hint: an inlined script cannot "
        "hold it; build the string from two parts."
    )


def test_asset_urls_are_versioned_and_relative(tree: Node, export: dict[str, Any]) -> None:
    paths = layout.layout(export)
    assert paths.static_path == f"assets/quiz/{layout.static_version()}"
    scripts = [
        (node.attrs.get("src"), node.attrs.get("type"), "async" in node.attrs)
        for node in tree.iter("script")
    ]
    # early.js, inline, is the quiz root's first child: it keeps answers from then on. quiz.js
    # loads at once, in parallel with the form; right after it, start-engine.js (inline) starts
    # the engine's worker; bind.js, a classic script after the form, lets quiz.js bind the form
    # as soon as the parser has read it (see quiz.js).
    assert scripts == [
        (None, None, False),
        (f"../{paths.static_path}/quiz.js", "module", True),
        (None, None, False),
        (f"../{paths.static_path}/bind.js", None, False),
    ]
    starter = list(tree.iter("script"))[2]
    assert starter.text() == str(page.inline_script("start-engine.js"))
    assert starter.attrs["data-kq-worker"] == f"../{paths.static_path}/worker.mjs"
    assert starter.attrs["data-kq-site"] == "../"
    root = next(node for node in tree.iter() if "data-kq-root" in node.attrs)
    children = [node for node in root.children if isinstance(node, Node)]
    assert (children[0].tag, children[0].text()) == ("script", str(page.inline_script("early.js")))
    assert (children[-1].tag, children[-1].attrs.get("id")) == ("script", "kq-bind")
    links = [(node.attrs["rel"], node.attrs["href"]) for node in tree.iter("link")]
    assert links[0] == ("stylesheet", f"../{paths.static_path}/quiz.css")
    # bind.js is preloaded as the parser reaches the quiz: the page's CSP <meta> stops Chromium's
    # preload scanner, and the parser would otherwise request it only after the whole form.
    assert links[1] == ("preload", f"../{paths.static_path}/bind.js")
    assert [n.attrs["as"] for n in tree.iter("link") if n.attrs["rel"] == "preload"] == ["script"]
    # Every module of the quiz is preloaded, so the graph is fetched at once, not level by level.
    # (early.js and start-engine.js, inline, and bind.js are classic scripts, not modules;
    # rekap.js is the /rekap/ page's entry point.)
    modules = sorted(
        path.relative_to(layout.STATIC_SOURCE).as_posix()
        for path in layout.STATIC_SOURCE.rglob("*.js")
        if path.name not in ("early.js", "start-engine.js", "bind.js", "rekap.js")
    )
    assert sorted(href for rel, href in links[2:] if rel == "modulepreload") == [
        f"../{paths.static_path}/{name}" for name in modules
    ]
    assert [rel for rel, _ in links[2:]] == ["modulepreload"] * len(modules)
    root = next(node for node in tree.iter() if "data-kq-root" in node.attrs)
    assert root.attrs["data-kq-export"] == paths.export_path
    assert root.attrs["data-kq-wheel"] == paths.wheel_path
    assert root.attrs["data-kq-pyodide"] == "assets/pyodide/314.0.7/"
    assert root.attrs["data-standards-version"] == export["framework"]["version"]


def test_hostile_text_is_escaped(export: dict[str, Any]) -> None:
    payload = "<script>alert(1)</script><img src=x onerror=alert(2)>\"'{ onclick=x }"
    competency = export["competencies"][0]
    competency["name"] = payload
    competency["definition"] = payload
    indicator = competency["levels"][0]["indicators"][0]
    indicator["text"] = payload
    indicator["example"] = payload
    export["positions"][0]["name"] = payload
    export["assessment"]["scale"]["labels"][0]["label"] = payload
    html = page.render_html(export)
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    tree, errors = parse(html)
    assert errors == []
    scripts = list(tree.iter("script"))
    assert [node.attrs.get("src") for node in scripts] == [
        None,
        f"../assets/quiz/{layout.static_version()}/quiz.js",
        None,
        f"../assets/quiz/{layout.static_version()}/bind.js",
    ]
    # The inline scripts (early.js, start-engine.js) are the files' own text, untouched by data.
    for inline in (node for node in scripts if not node.attrs.get("src")):
        assert "alert" not in inline.text()
    assert not [node for node in tree.iter("img")]


def test_root_can_point_elsewhere(export: dict[str, Any]) -> None:
    html = page.render_html(export, root="../../")
    assert f'src="../../assets/quiz/{layout.static_version()}/quiz.js"' in html


def test_the_example_label_only_with_an_example(export: dict[str, Any]) -> None:
    # An indicator without an example shows no empty "Contoh:" and describes itself by nothing.
    first = export["competencies"][0]["levels"][0]["indicators"][0]
    first["example"] = ""
    html = page.render_html(export)
    with_examples = sum(
        1
        for competency in export["competencies"]
        for level in competency["levels"]
        for indicator in level["indicators"]
        if indicator["example"]
    )
    assert html.count("Contoh:") == with_examples
    assert f'id="kq-x-{first["id"]}"' not in html
    assert f'aria-describedby="kq-x-{first["id"]}"' not in html
    second = export["competencies"][0]["levels"][0]["indicators"][1]
    assert f'aria-describedby="kq-x-{second["id"]}"' in html
