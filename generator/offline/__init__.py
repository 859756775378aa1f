"""The site as an installable web app that works offline: service worker, manifest, icons.

Called by the site plugin after every build (:func:`write`), never by ``mkdocs serve``, which
writes :func:`retire_worker` instead so that a preview on an origin where the published site was
once opened is not served from that site's cache. Plain Python: no MkDocs.
"""

from __future__ import annotations

from generator.offline.site import retire, write

__all__ = ["retire", "write"]
