"""What every public template needs: the site's name, the demo banner and the loaded area's name."""

from django.conf import settings


def site_chrome(request):
    return {
        "DEMO_MODE": settings.DEMO_MODE,
        "AREA_LABEL": settings.AREA_LABELS.get(settings.EARLYHELP_AREA, ""),
        "SITE_NAME": settings.WAGTAIL_SITE_NAME,
    }
