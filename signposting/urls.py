"""URLs of the signposting pages (under the optional language prefix)."""

from django.urls import path, re_path
from wagtail.views import serve as serve_page

from signposting import views

app_name = "signposting"

SHARE_IDS = r"(?P<ids>[0-9,]{1,400})"

urlpatterns = [
    path("shortlist/", views.shortlist_page, name="shortlist"),
    path("shortlist/add/", views.shortlist_add, name="shortlist_add"),
    path("shortlist/remove/", views.shortlist_remove, name="shortlist_remove"),
    path("shortlist/clear/", views.shortlist_clear, name="shortlist_clear"),
    path("shortlist/print/", views.shortlist_print, name="shortlist_print"),
    re_path(rf"^shortlist/s/{SHARE_IDS}/$", views.shortlist_shared, name="shortlist_shared"),
    re_path(rf"^shortlist/s/{SHARE_IDS}/print/$", views.shortlist_print, name="shortlist_shared_print"),
    re_path(rf"^shortlist/s/{SHARE_IDS}/keep/$", views.shortlist_keep, name="shortlist_keep"),
    re_path(rf"^shortlist/s/{SHARE_IDS}/calendar\.ics$", views.shortlist_calendar, name="shortlist_calendar"),
    path("calendar/service/<int:service_id>.ics", views.service_calendar, name="service_calendar"),
    path("poster/", views.topic_poster, name="topic_poster"),
    path("poster/service/<int:service_id>/", views.service_poster, name="service_poster"),
    path("report-a-problem/<int:service_id>/", views.report_problem, name="report_problem"),
    path("report-a-problem/<int:service_id>/thanks/", views.report_thanks, name="report_thanks"),
    path("suggest-a-service/", views.suggest_service, name="suggest_service"),
    path("suggest-a-service/thanks/", views.suggest_thanks, name="suggest_thanks"),
    # Information pages editors keep (home.InformationPage, created by home's migration 0004). Wagtail serves
    # them; the names let `{% url %}` link to them in the visitor's language.
    path("browsing-safely/", serve_page, {"path": "browsing-safely/"}, name="browsing_safely"),
    path("accessibility/", serve_page, {"path": "accessibility/"}, name="accessibility"),
]
