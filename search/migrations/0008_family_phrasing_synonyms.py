"""More of how families ask, as synonym groups the directory team can edit (from the relevance set's misses)."""

from django.db import migrations

from search.seeding import synonym_groups

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



class Migration(migrations.Migration):
    dependencies = [("search", "0007_weighted_words_terms_corrections")]
    operations = [synonym_groups(SEED)]
