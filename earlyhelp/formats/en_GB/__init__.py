"""British English formats for the site."""
