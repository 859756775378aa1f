"""The self-assessment page (/asesmen/) and the browser runtime shipped with the site.

Build time (CPython, may use Jinja2):

- :mod:`~generator.quiz.page` renders the static form (``asesmen.md``) from the export;
- :mod:`~generator.quiz.assets` writes Pyodide, micropip, the engine wheel and the data into
  the built site; :mod:`~generator.quiz.layout` says where, :mod:`~generator.quiz.runtime`
  pins the Pyodide files and vendored wheels, :mod:`~generator.quiz.wheel` builds the wheel.

In the browser: :mod:`generator.browser` (the bridges, labels, CSV and charts) runs on
:mod:`generator.engine` in a Web Worker; both are shipped whole in the engine wheel, standard
library only. The recap page (``/rekap/``, :mod:`~generator.quiz.recap_page`) uses the same
worker. The JavaScript in ``site_overrides/assets/quiz/`` only glues the page to the bridge.

The answers file (download, import, localStorage), JSON::

    {"format": "kompetensi-asn/jawaban", "format_version": 1, "standards_version": "2017.1",
     "position": "administrator" | null, "targets": {"integritas": 3 | null, ...},
     "total_jp": 20, "ratings": {"integritas.1.1": 4, ...}, "result": {...}}

``targets`` are the reader's own levels: used without a position, or for the competencies a
position leaves open (null), as a functional position does, whose levels are in the reader's
SKJ document. ``result`` (the engine's result for those answers) is informational: an import recomputes it
and warns when it differs. A share link carries the same answers in its fragment:
``#jawaban=1~<standards version>~<position or ->~<JP>~<a base-36 digit per indicator, 0 =
unanswered>~<a digit per competency target, 0 = none>``, in the page's order.
"""
