"""The fictional provider organisations that run the demo services."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Provider:
    key: str
    name: str
    summary: str
    trusted: bool = False
    # A local provider has one organisation per district, named from LOCAL_NAMES.
    per_district: bool = False


# "(demo)" in every organisation name: it is on every result card, so no one mistakes these for real services.
PROVIDERS = {
    provider.key: provider
    for provider in [
        Provider(
            "hubs",
            "Sunflower Family Hubs (demo)",
            "Family hubs offering play, parenting and early years support in every district.",
            trusted=True,
        ),
        Provider(
            "health",
            "Meadowbank Community Health (demo)",
            "Health visitors, school nurses and midwifery support for families from pregnancy onwards.",
            trusted=True,
        ),
        Provider(
            "youth",
            "Brightpath Youth Service (demo)",
            "Youth clubs, detached youth work and groups run by qualified youth workers.",
        ),
        Provider(
            "money",
            "Harbour Money and Housing Advice (demo)",
            "Free, confidential advice on debt, benefits, energy bills and housing.",
        ),
        Provider(
            "food",
            "Open Door Food Network (demo)",
            "A network of food banks run by volunteers from local churches and community groups.",
        ),
        Provider(
            "minds",
            "Calm Minds Counselling (demo)",
            "Counselling and emotional wellbeing support for children, young people and families.",
        ),
        Provider(
            "safehaven",
            "Safe Haven Domestic Abuse Service (demo)",
            "Support for adults and children affected by domestic abuse: helpline, outreach and recovery groups.",
            trusted=True,
        ),
        Provider(
            "send",
            "Spectrum SEND Family Network (demo)",
            "Information, advice and peer support for families of children with special educational needs.",
        ),
        Provider(
            "speech",
            "Chatterbox Speech and Language (demo)",
            "Speech and language support for babies, toddlers and pre-school children.",
        ),
        Provider(
            "carers",
            "Carers Together Young Carers Project (demo)",
            "Clubs, breaks and one-to-one support for children who look after someone at home.",
        ),
        Provider(
            "careers",
            "Next Steps Careers and Training (demo)",
            "Help into work, training and apprenticeships for young people and parents.",
        ),
        Provider(
            "childcare",
            "Little Explorers Childcare (demo)",
            "Day nurseries taking babies and pre-school children, including funded places.",
        ),
        Provider(
            "holidays",
            "Summer Sunshine Holiday Clubs (demo)",
            "Holiday activities with a healthy lunch in the school summer holidays.",
        ),
        Provider(
            "online",
            "Click Safe Online Safety Project (demo)",
            "Keeping children safe online and when they go missing from home.",
        ),
        Provider(
            "leaving",
            "Stepping Stones Leaving Care Service (demo)",
            "Personal advisers and drop-ins for young people leaving care.",
            trusted=True,
        ),
        Provider(
            "choices",
            "Clear Choices Young People's Service (demo)",
            "Confidential drug and alcohol support for young people up to 24.",
        ),
        Provider(
            "languages",
            "Welcome Languages Family Learning (demo)",
            "English classes, homework clubs and interpreters for families new to the country.",
        ),
        Provider(
            "attendance",
            "Back on Track Attendance and Inclusion (demo)",
            "Help for children who are missing school or at risk of exclusion.",
        ),
        Provider(
            "youngparents",
            "Young Parents Together (demo)",
            "Groups and one-to-one support for parents aged 24 and under.",
        ),
        Provider(
            "volunteers",
            "Helping Hands Volunteer Centre (demo)",
            "Volunteering opportunities for young people who want to give something back.",
        ),
        Provider(
            "voice",
            "Speak Up Youth Voice (demo)",
            "Youth forums where young people shape the services they use.",
        ),
        Provider(
            "intensive",
            "Together Families Support (demo)",
            "Key workers who help families with several needs at once, with a lead professional.",
            trusted=True,
        ),
        Provider(
            "specialist",
            "Riverside Children's Emotional Health Service (demo)",
            "Specialist mental health assessment and treatment for children and young people.",
            trusted=True,
        ),
        Provider(
            "justice",
            "Fresh Start Youth Justice Team (demo)",
            "Work with young people in trouble with the law, and with their families.",
            trusted=True,
        ),
        Provider(
            "sport",
            "Active Families Sports Trust (demo)",
            "Low-cost sport, swimming and healthy lifestyle programmes for the whole family.",
        ),
        Provider(
            "kinship",
            "Kinship and Foster Carers Circle (demo)",
            "Advice and friendship for grandparents, relatives and foster carers raising children.",
        ),
        Provider(
            "community",
            "{name} (demo)",
            "A neighbourhood charity in {district} running groups, a larder and a baby bank.",
            per_district=True,
        ),
    ]
}

# One invented name per district, in the area's district order.
LOCAL_NAMES = [
    "Kingfisher Community Trust",
    "Oak Tree Neighbourhood Project",
    "Lighthouse Family Network",
    "Willow Lane Community Association",
    "Bluebell Family Centre",
    "Harbour Lights Community Trust",
    "Skylark Community Partnership",
    "Riverbend Family Project",
    "Foxglove Neighbourhood Trust",
    "Heron Community Hub",
    "Cobblestone Community Project",
    "Larkspur Family Trust",
]
