"""Public URLs of claiming a listing (under the language prefix, like the other public forms)."""

from django.urls import path

from directory.claims import views

app_name = "claims"
urlpatterns = [
    path("<int:service_id>/", views.claim, name="claim"),
    path("<int:service_id>/sent/<str:by>/", views.sent, name="sent"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
]
