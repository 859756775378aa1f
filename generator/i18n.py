"""The language of every message the ``kompetensi`` command and the validator print.

Code writes messages in English, as gettext msgids: ``_("unknown key '{key}'").format(key=k)``
(named placeholders, so a translation may reorder them). Indonesian, the default, comes from the
catalog ``generator/locale/id/LC_MESSAGES/kompetensi.mo`` read by the standard library's
:mod:`gettext`; English is the msgids themselves. ``--lang en`` or ``KOMPETENSI_LANG=en``
switches to English.

Translate when the message is made, never at import time: a module-level constant is marked with
:func:`N_` and passed through :func:`_` where it is used, or ``--lang`` would come too late.
Babel (a development tool, see ``tests/i18n/message_catalog.py``) extracts ``_``, ``N_`` and ``ngettext``
calls and compiles the catalog; the runtime needs nothing beyond the standard library.
"""

from __future__ import annotations

import argparse
import gettext
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

DOMAIN = "kompetensi"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "id"
ENVIRONMENT_VARIABLE = "KOMPETENSI_LANG"

_catalogs: dict[str, gettext.NullTranslations] = {}
_active: gettext.NullTranslations | None = None
_active_language = ""


class UnknownLanguage(ValueError):
    """A language other than those in :data:`LANGUAGES`."""


def _catalog(language: str) -> gettext.NullTranslations:
    if language not in LANGUAGES:
        raise UnknownLanguage(language)
    if language not in _catalogs:
        # English is the msgids; a missing Indonesian catalog is a broken install, never a
        # silent fall back to English (fallback=False raises).
        _catalogs[language] = (
            gettext.NullTranslations()
            if language == "en"
            else gettext.translation(DOMAIN, LOCALE_DIR, languages=[language])
        )
    return _catalogs[language]


def language_from_environment() -> str:
    """``KOMPETENSI_LANG`` if set and not empty, else :data:`DEFAULT_LANGUAGE`.

    Raises :class:`UnknownLanguage` for a value that is not a language of :data:`LANGUAGES`.
    """
    value = os.environ.get(ENVIRONMENT_VARIABLE, "").strip().lower()
    if value and value not in LANGUAGES:
        raise UnknownLanguage(value)
    return value or DEFAULT_LANGUAGE


def use(language: str) -> None:
    """Speak ``language`` from now on (in this process)."""
    global _active, _active_language
    _active = _catalog(language)
    _active_language = language


def current() -> str:
    """The language messages are in now."""
    _translations()
    return _active_language


@contextmanager
def speaking(language: str) -> Iterator[None]:
    """Speak ``language`` inside the block, then go back to the language before it."""
    before = current()
    use(language)
    try:
        yield
    finally:
        use(before)


def _translations() -> gettext.NullTranslations:
    if _active is None:
        try:
            use(language_from_environment())
        except UnknownLanguage:
            # The command reports a wrong KOMPETENSI_LANG; a library caller still gets messages.
            use(DEFAULT_LANGUAGE)
    assert _active is not None
    return _active


def _(message: str) -> str:
    """``message`` (an English msgid) in the current language."""
    return _translations().gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of ``singular``/``plural`` for ``count`` in the current language."""
    return _translations().ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Mark ``message`` for the catalog without translating it yet (module-level constants)."""
    return message


# The operating system's reasons a file or socket operation fails, as the C library words them in
# English (``os.strerror``): msgids, so a reason reads in the current language like our own
# messages. The last ones are why the preview cannot listen on its address (preview_address).
OS_REASONS = frozenset(
    {
        N_("No such file or directory"),
        N_("Permission denied"),
        N_("Operation not permitted"),
        N_("Is a directory"),
        N_("Not a directory"),
        N_("File exists"),
        N_("Directory not empty"),
        N_("No space left on device"),
        N_("Disk quota exceeded"),
        N_("Read-only file system"),
        N_("File name too long"),
        N_("Too many levels of symbolic links"),
        N_("Input/output error"),
        N_("Device or resource busy"),
        N_("Text file busy"),
        N_("File too large"),
        N_("Too many open files"),
        N_("Invalid cross-device link"),
        N_("No such device or address"),
        N_("Address already in use"),
        N_("Cannot assign requested address"),
        N_("Address family not supported by protocol"),
    }
)


def os_reason(error: OSError | str) -> str:
    """Why a file or socket operation failed (``error.strerror``, or that text itself), in the
    current language when it is one of :data:`OS_REASONS`, else as the system worded it."""
    text = error if isinstance(error, str) else (error.strerror or str(error))
    return _(text) if text in OS_REASONS else text


@contextmanager
def argparse_speaking() -> Iterator[None]:
    """argparse's own texts ("usage:", "error:", "invalid choice") in the current language.

    argparse looks its texts up through the module-level ``_``/``ngettext`` it imported from
    :mod:`gettext` (the process-wide domain, chosen by the locale). The command points them at
    our catalog, which holds argparse's msgids too, for as long as it runs, then puts them back.
    """
    module = vars(argparse)
    saved = module["_"], module["ngettext"]
    module["_"], module["ngettext"] = _, ngettext
    try:
        yield
    finally:
        module["_"], module["ngettext"] = saved
