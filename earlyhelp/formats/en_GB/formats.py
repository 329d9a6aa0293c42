"""British English: month names in full ("29 October 2026"); other languages keep Django's own (Polish genitive)."""

DATE_FORMAT = "j F Y"
