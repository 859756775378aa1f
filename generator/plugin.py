"""The MkDocs adapter: the only module of the project that imports MkDocs.

It loads ``standards/`` through the strict loader, adds every generated page in memory
(``File.generated``; nothing is written into ``content/``), fills the data markers of hand-written
pages, and hands the built site to the self-assessment's asset writer. Everything it calls is plain
Python that the tests exercise without MkDocs.
"""

from __future__ import annotations

import logging
import os
import posixpath
from pathlib import Path
from typing import Any, Literal

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from generator.errors import DataErrors
from generator.glossary import replace_marker as replace_glossary_marker
from generator.quiz import assets as quiz_assets
from generator.quiz import page as quiz_page
from generator.render import links, navigation
from generator.render.markers import fill_markers
from generator.render.pages import GeneratedFile, render_site
from generator.standard import Standard, load_standard

log = logging.getLogger("mkdocs.plugins.kompetensi")
NOT_IN_NAV = InclusionLevel.NOT_IN_NAV


class KompetensiConfig(base.Config):  # type: ignore[no-untyped-call]  # MkDocs' hook is untyped
    enabled = c.Type(bool, default=True)
    """Generate the reference pages from the standards folder; ``false`` builds only the
    hand-written pages (links to generated pages then fail a strict build)."""

    standards_dir = c.Type(str, default="standards")
    """The standards folder, relative to ``mkdocs.yml``."""

    nav_section_size = c.Type(int, default=40)
    """Most pages listed in one navigation section. A larger competency group is split into
    consecutive sub-sections, which keeps the navigation Material renders into every page small."""

    quiz_assets = c.Type(bool, default=True)
    """Write the self-assessment's browser runtime (Pyodide, engine wheel) after the build.
    Small test sites that only check the reference pages turn it off."""


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'s' if count != 1 else ''}"


class KompetensiPlugin(BasePlugin[KompetensiConfig]):  # type: ignore[no-untyped-call]
    """Adds the competency, matrix, position, download and print pages to the site."""

    def __init__(self) -> None:
        self.serving = False
        self.standard: Standard | None = None
        self.generated: list[GeneratedFile] = []
        self.edit_uris: dict[str, str] = {}
        self.standards_root = Path("standards")

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        # Defining on_startup keeps this instance across `mkdocs serve` rebuilds, which is what
        # lets a rebuild with broken data fall back to the last good standard.
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return config
        if self.config.nav_section_size < 1:
            raise PluginError(
                "Config value 'plugins.kompetensi.nav_section_size': expected a positive "
                f"integer, got {self.config.nav_section_size}."
            )
        project = Path(config.config_file_path or ".").resolve().parent
        self.standards_root = project / self.config.standards_dir
        try:
            standard = load_standard(self.standards_root)
        except DataErrors as exc:
            for problem in exc.problems:
                log.error(str(problem))
            summary = f"{_plural(len(exc.problems), 'error')} in {self.config.standards_dir}/"
            if self.serving and self.standard is not None:
                log.error(f"{summary}; still serving the pages of the last valid data.")
            else:
                raise PluginError(f"{summary}; the site was not built.") from None
        else:
            for warning in standard.warnings:
                log.warning(str(warning))
            self.standard = standard
            self.generated = self._render(standard, project, Path(config.docs_dir))
        if config.nav is not None and self.standard is not None:
            config.nav = navigation.expand(
                config.nav, self.standard.data, self.config.nav_section_size
            )
        return config

    def _render(self, standard: Standard, project: Path, docs_dir: Path) -> list[GeneratedFile]:
        shown = {key: _relative(path, project) for key, path in standard.sources.items()}
        generated = render_site(standard.data, shown)
        generated.append(GeneratedFile(links.ASSESSMENT, quiz_page.render(standard.data)))
        self.edit_uris = {
            f.uri: _relative(project / f.source, docs_dir) for f in generated if f.source
        }
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
                    f"The generated page '{generated.uri}' collides with '{_origin(clash, config)}'"
                    f" (both would be written to '{file.dest_uri}'). Rename or remove the "
                    "hand-written page; generated pages come from the standards folder."
                )
                continue
            file.edit_uri = self.edit_uris.get(generated.uri)
            files.append(file)
            by_source[file.src_uri.casefold()] = file
            by_dest[file.dest_uri.casefold()] = file
        if collisions:
            raise PluginError(
                "1 generated page collides with another page."
                if collisions == 1
                else f"{collisions} generated pages collide with other pages."
            )
        return files

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if not self.config.enabled or self.standard is None or page.file.generated_by:
            return markdown
        filled, problems = fill_markers(replace_glossary_marker(markdown), self.standard.data)
        if problems:
            where = _origin(page.file, config)
            for line, message in problems:
                log.error(f"{where}:{line}: {message}")
            raise PluginError(f"{_plural(len(problems), 'data marker problem')} in {where}.")
        return filled

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer | None:
        if self.config.enabled:
            server.watch(str(self.standards_root))
        return server

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.config.enabled and self.config.quiz_assets and self.standard is not None:
            quiz_assets.write(Path(config.site_dir), self.standard.data)


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
