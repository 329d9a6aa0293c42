"""Opening times now live in schedules (0005 moved them)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("directory", "0005_opening_times_to_schedules")]

    operations = [migrations.DeleteModel(name="OpeningTime")]
