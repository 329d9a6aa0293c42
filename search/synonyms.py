"""Words families type that mean the same thing; used by every backend."""

# Each group is equivalent: searching one finds the others (Solr synonym format for Elasticsearch).
SYNONYM_GROUPS = [
    ("autism", "autistic", "asd", "asc"),
    ("send", "sen", "special educational needs", "disability", "disabilities"),
    ("mental health", "camhs", "emotional wellbeing", "wellbeing"),
    ("food bank", "food parcel", "foodbank"),
    ("adhd", "attention deficit"),
    ("domestic abuse", "domestic violence"),
    ("neet", "jobs", "training", "apprenticeships", "employment"),
    ("haf", "holiday activities", "holiday club"),
    ("debt", "money advice", "benefits"),
    ("housing", "homelessness", "homeless"),
    ("speech and language", "salt", "speech therapy"),
    ("young carers", "young carer"),
    ("stop smoking", "quit smoking", "smoking cessation"),
    ("eal", "english as an additional language", "esol"),
    ("childcare", "nursery", "childminder"),
]


def elasticsearch_synonyms():
    return [", ".join(group) for group in SYNONYM_GROUPS]


def expand(text):
    """The alternatives for a typed text: each group whose phrase appears adds its other phrases."""
    lowered = f" {' '.join(text.lower().split())} "
    extra = []
    for group in SYNONYM_GROUPS:
        if any(f" {phrase} " in lowered for phrase in group):
            extra.extend(phrase for phrase in group if f" {phrase} " not in lowered)
    return extra
