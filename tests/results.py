"""Reading a search results page the way a test needs to: the services' names on their cards, in order."""

import re

# A card's heading: the link to the service, its name isolated in a <bdi> marked with the language it is in.
CARD_NAME = re.compile(
    r'<h3 class="govuk-heading-m[^"]*">\s*<a class="govuk-link" href="[^"]+"><bdi lang="[^"]+">([^<]+)</bdi></a>'
)


def result_names(html):
    return CARD_NAME.findall(html)
