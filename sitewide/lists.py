"""Lists in running text, joined as the reader's language writes them."""

from django.utils.translation import pgettext


def joined(items):
    """ "Monday, Wednesday"; Arabic and Urdu put their own comma between the items ("الاثنين، الأربعاء")."""
    return pgettext("between the items of a list", ", ").join(str(item) for item in items)
