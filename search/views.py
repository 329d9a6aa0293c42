"""Public search views (placeholder until the search pages land)."""

from django.http import HttpResponse


def search_page(request):
    return HttpResponse("Search is coming.")
