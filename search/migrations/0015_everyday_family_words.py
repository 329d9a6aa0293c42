"""Everyday words families use for early help needs, as synonym groups the directory team can edit.

Found by asking the demo a hundred questions in families' words that the relevance set does not hold
("playgroup", "tantrums", "ehcp", "my partner hurts me", "nowhere to live"): a third found nothing. Each group
joins words that mean the same need, so a family's word finds a listing's word; none joins a need to a wider
one, since every phrase of a group finds the others.

And "training" leaves the jobs group: "potty training" found job clubs and apprenticeships.
"""

from django.db import migrations

from search.seeding import synonym_groups

SEED = [
    # Babies and young children
    "playgroup, play group, parent and toddler, toddler group, stay and play",
    "postnatal depression, postnatal, perinatal, baby blues, feeling low",
    "midwife, midwives, antenatal, pregnancy, pregnant, maternity",
    "potty training, toilet training",
    "fussy eater, fussy eating, picky eater, weaning, healthy eating",
    "overweight, healthy weight, obesity, healthy eating",
    "breast feeding, bottle feeding, infant feeding, breastfeeding",
    "immunisations, immunisation, vaccinations, vaccination, jabs, child health clinic",
    "pram, pushchair, buggy, cot, baby equipment, baby bank",
    "nappies, nappy, baby clothes, baby bank",
    "nursery place, nursery places, free childcare, funded childcare, childcare",
    "ready for reception, starting school, school readiness",
    # Behaviour, feelings, family life
    "tantrums, tantrum, meltdowns, challenging behaviour, behaviour",
    "anger, angry, temper, aggressive, challenging behaviour",
    "fathers, father, dads, dad, fatherhood",
    "single parent, lone parent, single mum, single dad",
    "divorce, separation, separating parents, splitting up, family breakdown, parental conflict",
    "grief, bereavement, bereaved, grieving",
    "suicidal, suicide, self harm, mental health crisis",
    "eating disorder, anorexia, bulimia",
    "teen, teens, teenage, teenager",
    "early help, family support, family support worker, key worker",
    # Special educational needs
    "aspergers, asperger, autism, asd",
    "ehcp, education health and care plan, send, special educational needs",
    "dyslexia, dyspraxia, learning difficulties, special educational needs",
    "stammer, stammering, stutter, stuttering, speech and language",
    "late talker, not talking, isnt talking, wont talk, speech delay, speech and language",
    "sensory processing, sensory needs, sensory play",
    # Money, food, home
    "hungry, food vouchers, food bank, food parcel, pantry",
    "universal credit, benefits, money advice",
    "cost of living, money worries, money advice",
    "nowhere to live, evicted, eviction, being evicted, homeless, housing advice",
    "landlord, rent, renting, rent arrears, tenancy, housing advice",
    # Safety
    "abusive relationship, controlling partner, coercive control, partner hurts, partner hits, domestic abuse",
    "violent, violence, abusive, domestic abuse",
    "cannabis, weed, drugs, substance misuse, drug and alcohol",
    "drinking, alcohol, drunk",
    "social media, online safety, internet safety, cyberbullying",
    "police, arrested, youth justice, youth offending",
    # School, activities, work
    "truancy, truanting, skipping school, wont go to school, refusing to go to school, school attendance",
    "running away, ran away, run away, missing from home",
    "tutoring, tutor, homework, homework club",
    "exercise, fitness, physical activity, keeping active",
    "cv, job club, job search",
    "learn english, english classes, esol",
]
JOBS_BEFORE = "neet, jobs, training, apprenticeships, employment"
JOBS_AFTER = "neet, jobs, job training, apprenticeships, employment"


def _jobs(before, after):
    def change(apps, schema_editor):
        # Only the group as seeded: one the directory team has edited is theirs.
        apps.get_model("search", "SynonymGroup").objects.filter(phrases=before).update(phrases=after)

    return change


class Migration(migrations.Migration):
    dependencies = [("search", "0014_rows_by_name")]
    operations = [
        synonym_groups(SEED),
        migrations.RunPython(_jobs(JOBS_BEFORE, JOBS_AFTER), _jobs(JOBS_AFTER, JOBS_BEFORE)),
    ]
