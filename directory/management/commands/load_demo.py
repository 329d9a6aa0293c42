"""manage.py load_demo [--area slug]: create the fictional demo services, organisations and provider users."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from directory.area_profiles import UnknownArea, available_areas
from directory.demo.accounts import DemoNotAllowed
from directory.demo.loader import DemoDataError, load_demo
from directory.geo import GeocodingError, GeodataUnavailable

# Failures we can explain in a line; anything else is a bug and keeps its traceback.
EXPLAINED = (UnknownArea, DemoDataError, DemoNotAllowed, GeocodingError, GeodataUnavailable, ValidationError)


def one_line(error):
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return " ".join(str(error).split())


class Command(BaseCommand):
    help = "Load realistic but fictional demo services for an area. Running it twice creates nothing new."

    def add_arguments(self, parser):
        parser.add_argument("--area", help=f"one of: {', '.join(available_areas())} (default: settings.EARLYHELP_AREA)")

    def handle(self, *args, area=None, **options):
        area = area or settings.EARLYHELP_AREA
        try:
            report = load_demo(area)
        except (*EXPLAINED, DatabaseError) as error:
            raise CommandError(f"Demo not loaded, nothing was saved: {one_line(error)}") from error
        self.stdout.write(f"Demo for '{area}': {report}")
