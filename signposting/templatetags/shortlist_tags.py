"""Template tags for the shortlist buttons: is this service in the visitor's shortlist, and how many are."""

from django import template

from signposting import shortlist

register = template.Library()


@register.simple_tag(takes_context=True)
def in_shortlist(context, service_id):
    request = context.get("request")
    return bool(request) and shortlist.contains(request, service_id)


@register.simple_tag(takes_context=True)
def shortlist_count(context):
    request = context.get("request")
    return len(shortlist.service_ids(request)) if request else 0
