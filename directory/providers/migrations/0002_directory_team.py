"""Create the Directory team group and its moderation workflow on the directory index."""

from django.db import migrations


def create_directory_team(apps, schema_editor):
    # The current models on purpose: the function is also run by the demo loader and tests,
    # and Wagtail's workflow models set their content types only through their own classes.
    from directory.providers.access import ensure_directory_team

    ensure_directory_team()


class Migration(migrations.Migration):
    dependencies = [
        ("providers", "0001_initial"),
        ("home", "0002_create_homepage"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(create_directory_team, migrations.RunPython.noop)]
