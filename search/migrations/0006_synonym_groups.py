"""Synonym groups become a snippet the directory team keeps, seeded with the groups that were in code."""

from django.db import migrations, models

from search.seeding import synonym_groups

# search/synonyms.py as it was, then the phrasings families use that it lacked.
SEED = [
    "autism, autistic, asd, asc",
    "send, sen, special educational needs, disability, disabilities",
    "mental health, camhs, emotional wellbeing, wellbeing",
    "food bank, food parcel, foodbank",
    "adhd, attention deficit",
    "domestic abuse, domestic violence",
    "neet, jobs, training, apprenticeships, employment",
    "haf, holiday activities, holiday club",
    "debt, money advice, benefits",
    "housing, homelessness, homeless",
    "speech and language, salt, speech therapy",
    "young carers, young carer",
    "stop smoking, quit smoking, smoking cessation",
    "eal, english as an additional language, esol",
    "childcare, nursery, childminder",
    "toddler group, stay and play, baby group, mother and toddler",
    "money worries, debt, benefits, money advice",
    "can't pay bills, debt, fuel poverty",
    "no food, food bank, food parcel, pantry",
    "look after my mum, young carers",
    "grandparents raising, kinship care",
]



class Migration(migrations.Migration):
    dependencies = [
        ("search", "0005_service_openings_and_topics"),
    ]

    operations = [
        migrations.CreateModel(
            name="SynonymGroup",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "phrases",
                    models.TextField(
                        help_text='Separated by commas, e.g. "food bank, food parcel, pantry".',
                        verbose_name="words and phrases",
                    ),
                ),
            ],
            options={
                "verbose_name": "synonym group",
                "verbose_name_plural": "synonym groups",
                "ordering": ["pk"],
            },
        ),
        synonym_groups(SEED),
    ]
