"""axe-core as the tests run it: the rules Lighthouse runs, plus WCAG 2.1 and 2.2 AA.

Lighthouse 12's accessibility category is axe-core run on the whole document with the tags
``wcag2a`` and ``wcag2aa`` and a list of rules switched on or off by name
(``lighthouse/core/gather/gatherers/accessibility.js``), at its mobile size. :data:`RULES` is
that list; :data:`TAGS` adds the WCAG 2.1 and 2.2 rules, so every rule Lighthouse runs
(``target-size`` included) runs here too. :data:`PHONE` is Lighthouse's mobile emulation: the
project's axe tests at desktop size and on the quiz's root alone missed a contrast and a target
size failure that Lighthouse found on the phone-sized page.

axe-core is the npm package (``node_modules/axe-core``), injected as an inline script: contexts
that run it bypass the site's CSP (the policy itself is tested in ``tests/security``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# Lighthouse 12's switches; rules it disables stay on here when a tag above selects them.
RULES = {
    name: {"enabled": True}
    for name in (
        "accesskeys", "aria-allowed-role", "aria-conditional-attr", "aria-deprecated-role",
        "aria-dialog-name", "aria-prohibited-attr", "aria-treeitem-name", "aria-text",
        "empty-heading", "heading-order", "html-xml-lang-mismatch",
        "identical-links-same-purpose", "image-redundant-alt", "input-button-name",
        "label-content-name-mismatch", "landmark-one-main", "link-in-text-block",
        "meta-viewport", "select-name", "skip-link", "tabindex", "table-duplicate-name",
        "table-fake-caption", "target-size", "td-has-header",
    )
}  # fmt: skip
# Lighthouse's mobile preset: a 412 x 823 CSS pixel screen at 1.75 device pixels per pixel.
PHONE: dict[str, Any] = {
    "viewport": {"width": 412, "height": 823},
    "device_scale_factor": 1.75,
    "is_mobile": True,
    "has_touch": True,
}


def violations(page: Any, include: str | None = None) -> list[str]:
    """axe-core's violations on the page (or under the ``include`` selector): rule, impact and
    the first few elements with axe's summary of what is wrong."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    found: list[dict[str, Any]] = page.evaluate(
        """([tags, rules, include]) => axe.run(include ? {include: [[include]]} : document,
                 {runOnly: {type: 'tag', values: tags}, rules, resultTypes: ['violations']})
               .then(r => r.violations.map(v => ({id: v.id, impact: v.impact,
                   nodes: v.nodes.slice(0, 3).map(n =>
                       n.target.join(' ') + ': ' + (n.failureSummary || '').slice(0, 160))})))""",
        [TAGS, RULES, include],
    )
    return [f"{v['id']} ({v['impact']}): {v['nodes']}" for v in found]
