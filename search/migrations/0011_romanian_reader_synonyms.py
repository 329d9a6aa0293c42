"""Romanian families' own words for the commonest needs, as synonym groups the directory team can edit.

Migration 0009 seeds one Romanian word or two per need; these are how Romanian readers name what the pages offer
them (the home page's topics and the search hint say "sprijin pentru părinți", "tineri îngrijitori"), which found
nothing before (tests/search/relevance/queries-other-languages.txt).
"""

from django.db import migrations

from search.seeding import synonym_groups

# One English phrase the listings use, then the Romanian ways of asking for it (diacritics fold, so "parinti" matches).
SEED = [
    "parenting, sprijin pentru părinți, sprijin parental, educația părinților, educație parentală, părinți",
    "parenting course, curs pentru părinți, cursuri pentru părinți, curs de parenting",
    "young carers, tineri îngrijitori, tânăr îngrijitor, copil îngrijitor, copii care îngrijesc",
    "baby bank, haine pentru bebeluși, haine de bebeluș, lucruri pentru bebeluși, cărucior, pătuț",
    "holiday club, activități în vacanță, activități de vacanță, club de vacanță, tabără de vară",
    "emotional wellbeing, bunăstare emoțională, sănătate emoțională, stare de bine",
    "teenager, adolescent, adolescentă, adolescenți, adolescente",
    "domestic abuse, violență în familie, violența în familie, abuz domestic",
    "food bank, alimente gratuite, pachet cu alimente, pachete cu alimente",
]


class Migration(migrations.Migration):
    dependencies = [("search", "0010_merge_20261206_0939")]
    operations = [synonym_groups(SEED)]
