"""The engine's messages: English msgids, in the language the caller installs.

The engine runs in the browser (Pyodide) on the standard library alone, so it cannot import the
command's catalog (:mod:`generator.i18n`). The ``kompetensi`` command installs its translation
with :func:`use`; in the browser the bridge (:mod:`generator.browser.bridge`) installs the
Indonesian catalog the engine wheel ships, around every call.
Babel extracts the ``_()`` calls of the engine with the rest of ``generator/``.
"""

from __future__ import annotations

from collections.abc import Callable

_translate: Callable[[str], str] = str


def use(translate: Callable[[str], str]) -> Callable[[str], str]:
    """Translate the engine's messages with ``translate`` (a gettext-like function) from now on;
    returns the one used until now, for the caller to put back."""
    global _translate
    before, _translate = _translate, translate
    return before


def _(message: str) -> str:
    """``message`` (an English msgid) in the installed language."""
    return _translate(message)
