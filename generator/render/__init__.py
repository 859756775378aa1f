"""Pages of the reference site rendered from the export dict (Jinja2; imports no MkDocs)."""
