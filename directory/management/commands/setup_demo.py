"""manage.py setup_demo: what `make run` needs: the area's vocabularies, the demo, and demo log-ins to print."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, transaction
from django.utils.text import slugify
from wagtail.models import Site

from directory.area_profiles import load_area
from directory.demo import accounts
from directory.demo.loader import load_demo
from directory.demo.providers import PROVIDERS
from directory.management.commands.load_demo import EXPLAINED, one_line
from directory.models import ServicePage
from directory.providers.access import organisations_for
from directory.vocabularies import CONTROLLED

DEMO_HOST, DEMO_PORT = "127.0.0.1", 8000  # where `make run` serves (the Makefile's runserver address)
SITE_URL = f"http://{DEMO_HOST}:{DEMO_PORT}"
# The provider login to show: the family hubs, which have services in every district.
SHOWN_PROVIDER = "hubs"


class Command(BaseCommand):
    help = "Load the area and the demo if the database has none, ensure a demo admin, and print the demo log-ins."

    def handle(self, *args, **options):
        try:
            with transaction.atomic():
                self.set_up(settings.EARLYHELP_AREA)
        except (*EXPLAINED, DatabaseError) as error:
            raise CommandError(f"Demo not set up, nothing was saved: {one_line(error)}") from error

    def set_up(self, area):
        accounts.check_demo_allowed()
        if not any(vocabulary.model.objects.exists() for vocabulary in CONTROLLED):
            load_area(area)
            self.stdout.write(f"Loaded the '{area}' area profile.")
        if not ServicePage.objects.exists():
            self.stdout.write(f"Loading the '{area}' demo (about half a minute)...")
            self.stdout.write(f"Demo: {load_demo(area)}")
        self.point_site_at_the_demo_address()
        admin, _ = accounts.ensure_admin()
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(self.login_line("Demo admin", admin, accounts.ADMIN_PASSWORD)))
        provider = self.shown_provider()
        if provider is None:
            self.stdout.write("No demo provider users: run manage.py load_demo to create them.")
            return
        organisation = organisations_for(provider).order_by("title").first()
        edits = f" (edits {organisation.title} only)" if organisation else ""
        self.stdout.write(
            self.style.SUCCESS(self.login_line("Demo provider", provider, accounts.PROVIDER_PASSWORD) + edits)
        )
        self.stdout.write("Every demo provider is provider-<organisation slug> with the same password.")

    def point_site_at_the_demo_address(self):
        """The sitemap, the pages' canonical links and structured data, and the feeds' URLs name the Site's
        address: the migration's placeholder (localhost, port 80) would send each of them nowhere. A Site
        someone has given its own address is left alone."""
        for site in Site.objects.filter(is_default_site=True, hostname="localhost", port=80):
            site.hostname, site.port = DEMO_HOST, DEMO_PORT
            site.save()  # not update(): saving clears Wagtail's cache of the sites' root URLs

    def shown_provider(self):
        users = get_user_model().objects.filter(username__startswith=accounts.PROVIDER_PREFIX)
        preferred = accounts.PROVIDER_PREFIX + slugify(PROVIDERS[SHOWN_PROVIDER].name)
        return users.filter(username=preferred).first() or users.order_by("username").first()

    def login_line(self, label, user, password):
        # Never print a password the account no longer has.
        shown = password if user.check_password(password) else "(password changed since set-up)"
        return f"{label}: {user.username} / {shown} at {SITE_URL}/admin/"
