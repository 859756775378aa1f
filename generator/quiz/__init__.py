"""The self-assessment page (/asesmen/) and the browser runtime shipped with the site."""
