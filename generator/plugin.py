"""The MkDocs adapter: the only module of the project that imports MkDocs.

It loads ``standards/`` through the strict loader, adds every generated page in memory
(``File.generated``; nothing is written into ``content/``), fills the data markers of hand-written
pages, and after the build runs the one ordered post-build step (:mod:`generator.postbuild`: the
quiz runtime, the offline files, the Content-Security-Policy, the safety checks, the precompressed
siblings), so ``mkdocs build`` writes the same site as ``kompetensi build``. Everything it calls is
plain Python that the tests exercise without MkDocs.
"""

from __future__ import annotations

import logging
import os
import posixpath
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from generator import build_wording, preview_address
from generator.errors import DataErrors, Problem, count_problems
from generator.i18n import _, ngettext
from generator.quiz import form_pages
from generator.render import livereload, navigation, preview
from generator.render.markers import fill_markers
from generator.render.pages import GeneratedFile, insert_parts, render_site
from generator.standard import Standard, load_standard

if TYPE_CHECKING:
    # Only `mkdocs serve` loads the live-reload server; a build need not import it.
    from mkdocs.livereload import LiveReloadServer

log = logging.getLogger("mkdocs.plugins.kompetensi")
NOT_IN_NAV = InclusionLevel.NOT_IN_NAV


class KompetensiConfig(base.Config):  # type: ignore[no-untyped-call]  # MkDocs' hook is untyped
    enabled = c.Type(bool, default=True)
    """Generate the reference pages from the standards folder; ``false`` builds only the
    hand-written pages (links to generated pages then fail a strict build)."""

    standards_dir = c.Type(str, default="standards")
    """The standards folder, relative to ``mkdocs.yml``."""

    nav_section_size = c.Type(int, default=10)
    """Most entries in one navigation section. A larger competency group is split into
    consecutive sub-sections, nested as deep as needed. Material renders the active section's
    siblings into every page and, with ``navigation.indexes``, looks through every child of each
    of them: a page's navigation costs about the square of this size per level of nesting. At
    3,000 competencies, 10 costs about 230 child visits per page, 40 costs about 1,700."""

    transition_pages_max = c.Type(int, default=50)
    """Largest standard, in competencies, that gets a transition page per competency
    (``/kompetensi/<id>/transisi/``). They double the page count; above this size the
    competency pages alone show each level's indicators, and no page links to a transition."""

    quiz_assets = c.Type(bool, default=True)
    """Write the self-assessment's browser runtime (Pyodide, engine wheel) after the build.
    Small test sites that only check the reference pages turn it off."""

    offline = c.Type(bool, default=True)
    """Make the built site an installable web app that works offline: a service worker
    generated from the built files (``sw.js``), a web app manifest and its icons. Never in
    ``mkdocs serve``, whose ``sw.js`` retires a worker the browser may have from a built site."""


class KompetensiPlugin(BasePlugin[KompetensiConfig]):  # type: ignore[no-untyped-call]
    """Adds the competency, matrix, position, download and print pages to the site."""

    def __init__(self) -> None:
        self.serving = False
        self.standard: Standard | None = None
        self.generated: list[GeneratedFile] = []
        self.edit_uris: dict[str, str] = {}
        self.parts: dict[str, tuple[str, ...]] = {}
        self.standards_root = Path("standards")
        self.preview_problems: tuple[Problem, ...] = ()
        self.epoch_before: str | None = None  # SOURCE_DATE_EPOCH as it was before this build
        """The current data's problems while serving the last valid pages (the banner's)."""

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        # Defining on_startup keeps this instance across `mkdocs serve` rebuilds, which is what
        # lets a rebuild with broken data fall back to the last good standard.
        self.serving = command == "serve"
        build_wording.install()  # MkDocs' own progress lines in the language of ours

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        # Read by site_overrides/main.html: the manifest link and the worker's script.
        config.extra["kompetensi_offline"] = self.config.offline and not self.serving
        project = Path(config.config_file_path or ".").resolve().parent
        # Before MkDocs dates the pages: the sitemap's dates and its gzip header then follow
        # the last commit, not the day of the build, in `mkdocs build` as in `kompetensi build`.
        # Given back after the build: a process that builds another project next (the tests, a
        # project outside Git dated 0) must not inherit this project's date.
        self.epoch_before = os.environ.get("SOURCE_DATE_EPOCH")
        os.environ.setdefault("SOURCE_DATE_EPOCH", _source_date_epoch(project))
        if not self.config.enabled:
            return config
        if self.config.nav_section_size < 1:
            message = _("Config value '{option}': expected a positive integer, got {value}.")
            raise PluginError(
                message.format(
                    option="plugins.kompetensi.nav_section_size",
                    value=self.config.nav_section_size,
                )
            )
        self.standards_root = project / self.config.standards_dir
        try:
            standard = load_standard(self.standards_root)
        except DataErrors as exc:
            for problem in exc.problems:
                log.error(str(problem))
            count = count_problems(exc.problems)
            summary = ngettext(
                "{count} error in {folder}/", "{count} errors in {folder}/", count
            ).format(count=count, folder=self.config.standards_dir)
            if not self.serving:
                message = _("{summary}; the site was not built.").format(summary=summary)
                raise PluginError(message) from None
            # The preview keeps running and shows the problems on every page (the banner).
            self.preview_problems = tuple(exc.problems)
            if self.standard is not None:
                log.error(
                    _("{summary}; still serving the pages of the last valid data.").format(
                        summary=summary
                    )
                )
            else:
                log.error(
                    _("{summary}; serving the hand-written pages until the data is valid.").format(
                        summary=summary
                    )
                )
        else:
            self.preview_problems = ()
            for warning in standard.warnings:
                # A notice (a technical competency without its catalogue) names the gap
                # without failing the strict build.
                (log.info if warning in standard.notices else log.warning)(str(warning))
            self.standard = standard
            self.generated = self._render(standard, project, config)
        if config.nav is not None and self.standard is not None:
            config.nav = navigation.expand(
                config.nav, self.standard.model, self.config.nav_section_size
            )
        return config

    def _render(
        self, standard: Standard, project: Path, config: MkDocsConfig
    ) -> list[GeneratedFile]:
        shown = {key: _relative(path, project) for key, path in standard.sources.items()}
        transitions = len(standard.model.competencies) <= self.config.transition_pages_max
        directory_urls = config.use_directory_urls
        generated = render_site(
            standard.data,
            shown,
            transitions=transitions,
            directory_urls=directory_urls,
            model=standard.model,
        )
        # The whole export: the quiz asks each position's technical competencies (engine.scope).
        # The preview serves the engine wheel as source (quiz_assets.write, on_post_build).
        compiled = not self.serving
        for form_page in (form_pages.assessment, form_pages.recap):
            generated.append(
                form_page(standard.data, directory_urls, compiled=compiled, model=standard.model)
            )
        docs_dir = Path(config.docs_dir)
        self.edit_uris = {
            f.uri: _relative(project / f.source, docs_dir) for f in generated if f.source
        }
        self.parts = {f.uri: f.parts for f in generated if f.parts}
        return generated

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled or self.standard is None:
            return files
        by_source = {f.src_uri.casefold(): f for f in files}
        by_dest = {f.dest_uri.casefold(): f for f in files}
        collisions = 0
        for generated in self.generated:
            file = File.generated(
                config,
                generated.uri,
                content=generated.content,
                inclusion=InclusionLevel.UNDEFINED if generated.in_nav else NOT_IN_NAV,
            )
            clash = by_source.get(file.src_uri.casefold()) or by_dest.get(file.dest_uri.casefold())
            if clash is not None:
                collisions += 1
                log.error(
                    _(
                        "The generated page '{page}' collides with '{other}' (both would be "
                        "written to '{target}'). Rename or remove the hand-written page; "
                        "generated pages come from the standards folder."
                    ).format(page=generated.uri, other=_origin(clash, config), target=file.dest_uri)
                )
                continue
            file.edit_uri = self.edit_uris.get(generated.uri)
            files.append(file)
            by_source[file.src_uri.casefold()] = file
            by_dest[file.dest_uri.casefold()] = file
        if collisions:
            raise PluginError(
                ngettext(
                    "{count} generated page collides with another page.",
                    "{count} generated pages collide with other pages.",
                    collisions,
                ).format(count=collisions)
            )
        missing = sorted(
            f"{generated.uri} -> {target}"
            for generated in self.generated
            for target in generated.targets
            if files.get_file_from_path(target) is None
        )
        if missing:
            # The HTML parts of generated pages bypass MkDocs' link validation.
            message = _("Generated pages link to missing pages: {links}")
            raise PluginError(message.format(links="; ".join(missing)))
        return files

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if not self.config.enabled or self.standard is None or page.file.generated_by:
            return markdown
        from generator.glossary import replace_marker as replace_glossary_marker

        filled, problems = fill_markers(replace_glossary_marker(markdown), self.standard.model)
        if problems:
            where = _origin(page.file, config)
            for line, message in problems:
                log.error(f"{where}:{line}: {message}")
            count = len(problems)
            raise PluginError(
                ngettext(
                    "{count} data marker problem in {page}.",
                    "{count} data marker problems in {page}.",
                    count,
                ).format(count=count, page=where)
            )
        return filled

    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        parts = self.parts.get(page.file.src_uri) if page.file.generated_by else None
        if not parts:
            return html
        try:
            return insert_parts(html, parts)
        except ValueError as exc:
            raise PluginError(f"{page.file.src_uri}: {exc}.") from None

    def _previewed(self, html: str) -> str:
        # Only while serving: a build never has problems to show (invalid data fails it).
        if not (self.serving and self.preview_problems):
            return html
        return preview.with_banner(
            html, self.preview_problems, last_valid=self.standard is not None
        )

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        return self._previewed(output)

    def on_post_template(
        self, output_content: str, /, *, template_name: str, config: MkDocsConfig
    ) -> str | None:
        # The preview answers a page the broken data cannot generate with 404.html.
        return self._previewed(output_content) if template_name == "404.html" else output_content

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer | None:
        if self.config.enabled:
            server.watch(str(self.standards_root))
        # MkDocs binds after the first build: a refused address is one line, not a traceback.
        preview_address.guard_bind(server)
        # MkDocs' live reload is an inline script the pages' CSP blocks: serve it as a file.
        if hasattr(server, "_inject_js_into_html"):
            mount_path = server.mount_path

            def inject(content: bytes, epoch: int) -> bytes:
                return livereload.inject(content, mount_path, epoch)

            server._inject_js_into_html = inject  # type: ignore[method-assign]
        else:
            log.warning(_("MkDocs' live reload changed: the preview's pages may not reload."))
        return server

    def on_build_error(self, *, error: Exception) -> None:
        self._give_back_epoch()

    def on_shutdown(self) -> None:
        self._give_back_epoch()  # a caller that stops before the post-build step (bench/)

    def _give_back_epoch(self) -> None:
        if self.epoch_before is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = self.epoch_before

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        # Everything after MkDocs, here and nowhere else, so `mkdocs build`, `kompetensi build`
        # and the preview publish the same site (generator/postbuild.py has the order).
        self._give_back_epoch()  # the sitemap, the last thing MkDocs dates, is written
        from generator import postbuild  # not needed before this point

        site = Path(config.site_dir)
        quiz_files: list[str] = []
        if self.config.enabled and self.config.quiz_assets and self.standard is not None:
            from generator.quiz import assets as quiz_assets

            written = quiz_assets.write(site, self.standard.data, compiled=not self.serving)
            quiz_files = [path.relative_to(site).as_posix() for path in written]
        outcome = postbuild.finish(
            site,
            quiz_files=quiz_files,
            offline_files=self.config.offline,
            serving=self.serving,
            # `mkdocs serve` sets site_url to its own address: the canonical links name it.
            own_origin=(config.site_url or None) if self.serving else None,
        )
        for note in outcome.notes:
            log.info(note)
        for finding in outcome.findings:
            log.error(str(finding))
        if outcome.failure is None:
            return
        if not self.serving:
            raise PluginError(outcome.failure)
        # The preview keeps serving what was built, with the errors above in its log.
        log.error(outcome.failure)


def _source_date_epoch(project: Path) -> str:
    """The last commit's time; 0 outside a Git checkout."""
    try:
        result = subprocess.run(
            ["git", "log", "-1", "--format=%ct"],
            cwd=project, capture_output=True, text=True, check=False, timeout=10,
        )  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return "0"
    value = result.stdout.strip()
    return value if result.returncode == 0 and value.isdigit() else "0"


def _relative(path: Path, start: Path) -> str:
    """A POSIX path from ``start`` to ``path`` (``standards/competencies/integritas.yaml``)."""
    return posixpath.join(*Path(os.path.relpath(path.resolve(), start.resolve())).parts)


def _origin(file: File, config: MkDocsConfig) -> str:
    """Where a file comes from, as the maintainer would type it."""
    if file.generated_by:
        return f"{file.src_uri} (generated by {file.generated_by})"
    if file.abs_src_path:
        return os.path.relpath(file.abs_src_path)
    return posixpath.join(os.path.relpath(config.docs_dir), file.src_uri)
