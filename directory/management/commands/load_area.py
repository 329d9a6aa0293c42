"""manage.py load_area <slug>: load an area's districts, outcomes, need levels and age bands."""

from django.core.management.base import BaseCommand, CommandError

from directory.area_profiles import UnknownArea, available_areas, load_area


class Command(BaseCommand):
    help = "Load an area profile (districts, outcomes, need levels, age bands). Running it twice changes nothing."

    def add_arguments(self, parser):
        parser.add_argument("area", help=f"one of: {', '.join(available_areas())}")

    def handle(self, *args, area, **options):
        try:
            changed = load_area(area)
        except UnknownArea as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Loaded area '{area}': {changed} terms created or changed.")
