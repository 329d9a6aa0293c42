"""More of how families ask, as synonym groups the directory team can edit (from the relevance set's misses)."""

from django.db import migrations

# Each is a phrasing families use that the demo's services word differently (tests/search/relevance).
SEED = [
    "anxious, anxiety, worry, worried, worries",
    "teenager, teenagers, teens, young people, youth",
    "gay, lesbian, lgbt, lgbtq, transgender, questioning",
    "ran away, run away, runaway, missing, return home",
    "not going to school, school refusal, school attendance, attendance",
    "parenting classes, parenting course, parenting programme",
    "family support worker, key worker, family worker",
    "counseling, counselling",
]


def seed(apps, schema_editor):
    SynonymGroup = apps.get_model("search", "SynonymGroup")
    SynonymGroup.objects.bulk_create(SynonymGroup(phrases=phrases) for phrases in SEED)


def unseed(apps, schema_editor):
    apps.get_model("search", "SynonymGroup").objects.filter(phrases__in=SEED).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0007_weighted_words_terms_corrections")]
    operations = [migrations.RunPython(seed, unseed)]
