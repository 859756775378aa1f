"""Kompetensi ASN: turns the ASN competency standard from YAML into a static reference site.

Kept import-free on purpose: the assessment engine (``generator.engine``) is shipped to the
browser as a wheel together with this file, where PyYAML and MkDocs do not exist.
"""

__version__ = "0.1.0"
