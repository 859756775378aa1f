"""Kompetensi ASN: turns the ASN competency standard from YAML into a static reference site.

Kept import-free on purpose: the assessment engine (``generator.engine``) and the code that runs
it in the browser (``generator.browser``) are shipped to Pyodide as a wheel together with this
file, where PyYAML and MkDocs do not exist (``generator.quiz.wheel``).
"""

__version__ = "0.1.0"
