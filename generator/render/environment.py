"""The one Jinja2 environment that renders generated pages."""

from __future__ import annotations

import functools

from jinja2 import (
    BytecodeCache,
    Environment,
    FileSystemBytecodeCache,
    PackageLoader,
    StrictUndefined,
)

from generator.render.safe import inert


@functools.cache
def environment() -> Environment:
    """Autoescape on, undefined names fail, and every printed value goes through :func:`inert`.

    ``finalize`` runs before autoescaping: data text comes out as numeric character references
    for all ASCII punctuation (inert in HTML *and* Markdown), while ``Markup`` built by our own
    code (slugs, link targets) passes through untouched.
    """
    return Environment(
        loader=PackageLoader("generator", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        finalize=inert,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=_bytecode_cache(),
    )


def _bytecode_cache() -> BytecodeCache | None:
    # Compiling the templates took 45 ms of every build of the real site (a sixth of the
    # generator's own time). Jinja keeps the bytecode in a private per-user temporary folder,
    # keyed by each template's source checksum, and replaces files atomically.
    try:
        return FileSystemBytecodeCache()
    except RuntimeError:  # no safe temporary folder: compile every time
        return None


def render(template: str, **context: object) -> str:
    """Render ``generator/templates/<template>`` with ``context``."""
    return environment().get_template(template).render(**context)
