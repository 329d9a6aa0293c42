"""The common topics named in Polish, Arabic, Urdu and Romanian, so a service page in those languages does not list
its topics in English. The directory team keeps the list (Vocabularies > Topic names) and adds its own topics.

The names are in the JSON file beside this migration: English topic (as services are tagged) -> a name per language.
"""

import json
from pathlib import Path

from django.db import migrations

SEED = json.loads(Path(__file__).with_suffix(".json").read_text(encoding="utf-8"))


def key(name):
    # directory.topics.topic_key as it is today: a migration keeps its own copy.
    return " ".join(name.split()).casefold()


def add_names(apps, schema_editor):
    TopicName = apps.get_model("directory", "TopicName")
    for topic, names in SEED["names"].items():
        for language, name in zip(SEED["languages"], names, strict=True):
            TopicName.objects.get_or_create(
                topic_key=key(topic), language=language, defaults={"topic": topic, "name": name}
            )


def remove_names(apps, schema_editor):
    TopicName = apps.get_model("directory", "TopicName")
    keys = [key(topic) for topic in SEED["names"]]
    TopicName.objects.filter(topic_key__in=keys, language__in=SEED["languages"]).delete()


class Migration(migrations.Migration):
    dependencies = [("directory", "0012_topic_names")]
    operations = [migrations.RunPython(add_names, remove_names)]
