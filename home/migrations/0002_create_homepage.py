"""Replace Wagtail's welcome page with our HomePage and a Services index, and point the default site at it."""

from django.db import migrations


def create_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("home.HomePage")
    DirectoryIndexPage = apps.get_model("directory.DirectoryIndexPage")
    Locale = apps.get_model("wagtailcore.Locale")

    Page.objects.filter(depth=2, slug="home").delete()
    locale = Locale.objects.first() or Locale.objects.create(language_code="en-gb")
    home_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="home")
    index_type, _ = ContentType.objects.get_or_create(model="directoryindexpage", app_label="directory")
    home = HomePage.objects.create(
        title="Find family support",
        draft_title="Find family support",
        slug="home",
        content_type=home_type,
        path="00010001",
        depth=2,
        numchild=1,
        url_path="/home/",
        locale=locale,
    )
    DirectoryIndexPage.objects.create(
        title="Services",
        draft_title="Services",
        slug="services",
        content_type=index_type,
        path="000100010001",
        depth=3,
        numchild=0,
        url_path="/home/services/",
        locale=locale,
        introduction="Every organisation in the directory and the services it runs.",
    )
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", root_page=home, is_default_site=True, site_name="Early help directory")


def remove_homepage(apps, schema_editor):
    apps.get_model("home.HomePage").objects.filter(slug="home", depth=2).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("directory", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]
    operations = [migrations.RunPython(create_homepage, remove_homepage)]
