"""Public URLs of provider onboarding (the admin views are registered through wagtail_hooks)."""

from django.urls import path

from directory.providers import views

app_name = "providers"
urlpatterns = [
    path("invite/<str:token>/", views.accept, name="accept_invite"),
    path("invite/<str:token>/new-link/", views.request_new_link, name="request_new_link"),
]
