"""The one Jinja2 environment that renders generated pages."""

from __future__ import annotations

import functools

from jinja2 import Environment, PackageLoader, StrictUndefined

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
    )


def render(template: str, **context: object) -> str:
    """Render ``generator/templates/<template>`` with ``context``."""
    return environment().get_template(template).render(**context)
