"""Sites and schedules saved without a sort_order (by imports and scripts) are numbered in the order they were
saved in, so that every database shows a service's sites in the same order."""

from django.db import migrations
from django.db.models import F


def number_unordered(apps, schema_editor):
    for model_name in ("Location", "Schedule"):
        model = apps.get_model("directory", model_name)
        services = model.objects.filter(sort_order__isnull=True).values_list("service_id", flat=True).distinct()
        for service_id in services.iterator():
            children = model.objects.filter(service_id=service_id).order_by(F("sort_order").asc(nulls_last=True), "pk")
            for position, child in enumerate(children):
                if child.sort_order != position:
                    child.sort_order = position
                    child.save(update_fields=["sort_order"])


class Migration(migrations.Migration):
    dependencies = [("directory", "0007_merge_20261206_0939")]

    operations = [migrations.RunPython(number_unordered, migrations.RunPython.noop)]
