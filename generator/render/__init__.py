"""Pages of the reference site rendered from the typed model of the standard (Jinja2; imports
no MkDocs)."""
