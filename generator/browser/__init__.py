"""The Python that runs in the browser: the quiz's and the recap's door into the engine.

Shipped to Pyodide in the engine wheel (:mod:`generator.quiz.wheel`) together with
``generator/__init__.py`` and :mod:`generator.engine`, whole packages, so every module here
imports only the standard library, :mod:`generator.engine` and this package
(``tests/engine/test_shipped_stdlib_only.py`` checks it). This file stays import-free.

- :mod:`~generator.browser.bridge` is the Web Worker's JSON door into :mod:`generator.engine`;
  :mod:`~generator.browser.report` (with :mod:`~generator.browser.plan_choices`) and
  :mod:`~generator.browser.chart` make the labels, CSV and SVG chart the quiz page shows.
- The recap page (``/rekap/``) uses the same worker: :mod:`~generator.browser.recap_bridge` runs
  :mod:`generator.engine.recap`, :mod:`~generator.browser.recap_chart` draws its charts.

The JavaScript in ``site_overrides/assets/quiz/`` only glues the pages to these bridges; the
build-time side (page, assets, runtime, the wheel itself) is :mod:`generator.quiz`.
"""
