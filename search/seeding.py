"""Synonym groups seeded by migrations: one loader, so each seed migration holds only its words."""

from django.db import migrations


def synonym_groups(seed):
    """A migration operation adding the groups in `seed` (and taking exactly those away when reversed)."""

    def add(apps, schema_editor):
        SynonymGroup = apps.get_model("search", "SynonymGroup")
        SynonymGroup.objects.bulk_create(SynonymGroup(phrases=phrases) for phrases in seed)

    def remove(apps, schema_editor):
        apps.get_model("search", "SynonymGroup").objects.filter(phrases__in=seed).delete()

    return migrations.RunPython(add, remove)
