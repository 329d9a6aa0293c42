"""The directory team (commissioners) may read the search log report; nobody else but superusers."""

from django.db import migrations


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(app_label="search", model="searchlogentry")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename="view_searchlogentry", defaults={"name": "Can view search log entry"}
    )
    team, _ = Group.objects.get_or_create(name="Directory team")
    team.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    team = Group.objects.filter(name="Directory team").first()
    if team:
        team.permissions.remove(*team.permissions.filter(codename="view_searchlogentry"))


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0003_search_speed"),
        ("providers", "0002_directory_team"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
