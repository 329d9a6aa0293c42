"""WSGI entry point (gunicorn earlyhelp.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "earlyhelp.settings.production")

application = get_wsgi_application()

from directory.checks import require_geodata  # noqa: E402  (needs the apps loaded above)

require_geodata()
