"""The "Commissioner" group, and the directory team, may see the insight pages (and reach the admin to do so)."""

from django.db import migrations

GROUPS = ("Commissioner", "Directory team")


def _permission(apps, app_label, model, codename, name):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )
    return permission


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    view_insight = _permission(
        apps, "insight", "quarterlysummarypage", "view_insight", "Can see the local offer insight pages"
    )
    access_admin = _permission(apps, "wagtailadmin", "admin", "access_admin", "Can access Wagtail admin")
    commissioner, _ = Group.objects.get_or_create(name="Commissioner")
    commissioner.permissions.add(view_insight, access_admin)
    team, _ = Group.objects.get_or_create(name="Directory team")
    team.permissions.add(view_insight)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(*group.permissions.filter(codename="view_insight"))


class Migration(migrations.Migration):
    dependencies = [
        ("insight", "0001_initial"),
        ("providers", "0002_directory_team"),
        ("wagtailadmin", "0006_formstate"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
