"""The "Partner professionals" group: its members may refer families to services that accept requests."""

from django.db import migrations

PARTNER_PROFESSIONALS = "Partner professionals"  # a copy: migrations must not import app code that may change


def create_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.get_or_create(name=PARTNER_PROFESSIONALS)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=PARTNER_PROFESSIONALS).delete()


class Migration(migrations.Migration):
    dependencies = [("connect", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(create_group, remove_group)]
