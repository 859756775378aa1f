"""Everything a build does after MkDocs has written the site, in one ordered step.

The plugin (:mod:`generator.plugin`) calls :func:`finish` from ``on_post_build``, so
``mkdocs build``, ``kompetensi build`` (which adds only the atomic swap) and the preview all get
the same site. The order matters:

0. the search index's padding (:func:`generator.search_check.pad`), before the offline manifest
   records the index's revision;
1. the offline files (``sw.js`` with its precache manifest, the web app manifest, the icons);
   the preview gets the worker that retires itself instead, and its live-reload script
   (:mod:`generator.render.livereload`);
2. the Content-Security-Policy (:mod:`generator.csp`): the hashes of the final inline scripts, a
   meta tag in every page, ``csp.txt`` and ``csp-hashes.conf``;
3. the safety checks (:mod:`generator.site_check`) on the bytes as published, then the check
   that the theme's search (lunr) survives the site's terms (:mod:`generator.search_check`);
4. the ``.gz``/``.br`` siblings (:mod:`generator.precompress`) of those exact bytes, once, for
   the whole site, the quiz runtime included; not in the preview, whose server never sends them;
5. the marker (:data:`generator.site_folder.MARKER`) that lets the next build replace the folder.

The steps share one :class:`~generator.site_files.SiteFiles`: each page is read once.
Pure Python: no MkDocs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from generator import csp, offline, precompress, search_check, site_folder
from generator.i18n import _, ngettext
from generator.quiz import assets as quiz_assets
from generator.render import livereload
from generator.site_check import Finding, check_site
from generator.site_files import SiteFiles


@dataclass
class Outcome:
    """What :func:`finish` did: progress lines, the unsafe spots, and why it failed (if it did)."""

    notes: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    failure: str | None = None


def _failed(outcome: Outcome, findings: list[Finding], failure: Callable[[int], str]) -> bool:
    """Record a check's findings; when there are any, the build fails with ``failure(count)``."""
    outcome.findings = findings
    if findings:
        outcome.failure = failure(len(findings)).format(count=len(findings))
    return bool(findings)


def finish(
    site: Path,
    *,
    quiz_files: Iterable[str],
    offline_files: bool,
    serving: bool,
    own_origin: str | None = None,
) -> Outcome:
    """Run the post-build steps on ``site``. A failed step ends the work (``failure`` says
    why; ``findings`` lists every unsafe spot); the caller fails the build. ``own_origin``:
    the preview server's address, which the pages it serves may name."""
    outcome = Outcome()
    files = SiteFiles(site)
    # Before the offline manifest, which records the index's revision.
    padded_terms = search_check.pad(files)
    if serving:
        livereload.write(site)
    if offline_files:
        if serving:
            offline.retire(site)
        else:
            # The CSP comes next: the policy's directives enter each page's revision (the
            # inline scripts it hashes are in the page's bytes already).
            offline.write(site, quiz_files, page_salt=repr(csp.DIRECTIVES), read=files.read)
    try:
        published = csp.publish(files)
    except csp.CspError as exc:
        outcome.failure = f"Content-Security-Policy: {exc}"  # a developer's mistake, in English
        return outcome
    outcome.notes.append(
        _(
            "Content-Security-Policy: {hashes} inline script hashes in {policy}, {nginx} and "
            "{pages} pages"
        ).format(
            hashes=len(published.hashes),
            policy=csp.POLICY_FILE,
            nginx=csp.NGINX_FILE,
            pages=published.pages,
        )
    )
    unsafe = check_site(files, own_origin)
    if _failed(outcome, unsafe, lambda n: ngettext(
        "{count} unsafe spot in the built site.", "{count} unsafe spots in the built site.", n
    )):  # fmt: skip
        return outcome
    breaks, skipped = search_check.check(files, padded_terms)
    if skipped:
        outcome.notes.append(skipped)
    if _failed(outcome, breaks, lambda n: ngettext(
        "{count} term in the site's text breaks the site's search.",
        "{count} terms in the site's text break the site's search.",
        n,
    )):  # fmt: skip
        return outcome
    if not serving:
        siblings = precompress.precompress_site(files, pinned=quiz_assets.pinned)
        outcome.notes.append(
            _("Precompressed: {count} .gz/.br siblings written").format(count=len(siblings))
        )
        site_folder.write_marker(site)
    return outcome
