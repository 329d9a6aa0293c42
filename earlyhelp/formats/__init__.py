"""Date formats where the site differs from Django's locale defaults (FORMAT_MODULE_PATH)."""
