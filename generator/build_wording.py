"""MkDocs' own English lines (progress, a page it could not read, the end of a build) in the
language of our messages.

MkDocs has no catalog of its own: it logs finished English sentences. The plugin puts
:class:`TranslatedLog` on the handlers of MkDocs' logger, so `mkdocs build`, `mkdocs serve` and
`kompetensi build`/`serve` print these lines in Indonesian by default; `kompetensi build` also
passes the line MkDocs prints when it gives up (``Aborted with ...``, not a log record) through
:func:`translate`. A line not listed here is left as MkDocs wrote it. Imports no MkDocs.
"""

from __future__ import annotations

import logging
import re

from generator.i18n import N_, _, ngettext

# MkDocs' English lines, which are also the msgids: a ``{name}`` stands for any text. A longer
# line that a shorter one would also match comes first.
_MESSAGES = (
    N_("Cleaning site directory"),
    N_("Building documentation to directory: {folder}"),
    N_("Building documentation..."),
    N_("Documentation built in {seconds} seconds"),
    N_("The directory contains stale files. Use --clean to remove them."),
    N_("Serving on {url} and opening it in a browser"),
    N_("Serving on {url}"),
    N_("Watching paths for changes: {paths}"),
    N_("Detected file changes"),
    N_("Reloading browsers"),
    N_("Browser connected: {url}"),
    N_("Shutting down..."),
    N_("Error reading page '{page}':{rest}"),
    N_("Error building page '{page}':{rest}"),
    N_("Aborted with a BuildError!"),
    N_("Aborted with a configuration error!"),
    N_("Aborted with {counts} in strict mode!"),
)


def _pattern(msgid: str) -> re.Pattern[str]:
    parts = re.split(r"\{(\w+)\}", msgid)  # text, name, text, name, ..., text
    return re.compile(
        "".join(
            re.escape(part) if i % 2 == 0 else f"(?P<{part}>.*?)" for i, part in enumerate(parts)
        )
    )


_LINES = tuple((_pattern(msgid), msgid) for msgid in _MESSAGES)
_COUNT = re.compile(r"(?P<count>\d+) (?P<kind>error|warning)s")


def _counts(text: str) -> str:
    """``2 errors, 1 warnings`` (MkDocs' strict-mode tally) in the current language."""

    def one(match: re.Match[str]) -> str:
        count = int(match["count"])
        if match["kind"] == "error":
            return ngettext("{count} error", "{count} errors", count).format(count=count)
        return ngettext("{count} warning", "{count} warnings", count).format(count=count)

    return _COUNT.sub(one, text)


# The live-reload server stamps its lines with the time ("[22:13:10] Serving on ..."); the
# stamp is kept as it is and the rest translated.
_TIME_STAMP = re.compile(r"\[\d\d:\d\d:\d\d\] ")


def translate(line: str) -> str:
    """``line`` in the current language if it is one of MkDocs' lines listed here, else itself."""
    stamp = _TIME_STAMP.match(line)
    prefix = stamp.group() if stamp else ""
    text = line[len(prefix) :]
    for pattern, msgid in _LINES:
        match = pattern.fullmatch(text)
        if match:
            fields = match.groupdict()
            if "counts" in fields:
                fields["counts"] = _counts(fields["counts"])
            return prefix + _(msgid).format(**fields)
    return line


class TranslatedLog(logging.Filter):
    """Rewrites MkDocs' log records listed in :func:`translate` before a handler prints them."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name.startswith("mkdocs"):
            message = record.getMessage()
            translated = translate(message)
            if translated != message:
                record.msg, record.args = translated, ()
        return True


def install() -> None:
    """Put :class:`TranslatedLog` on the handlers of MkDocs' logger (once each)."""
    for handler in logging.getLogger("mkdocs").handlers:
        if not any(isinstance(f, TranslatedLog) for f in handler.filters):
            handler.addFilter(TranslatedLog())
