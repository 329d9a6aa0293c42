"""Public URLs of requests to be contacted, mounted at /connect/ under the language prefix."""

from django.urls import path

from connect import views

app_name = "connect"

urlpatterns = [
    path("service/<int:service_id>/ask/", views.ask, name="ask"),
    path("service/<int:service_id>/refer/", views.refer, name="refer"),
    path("sent/", views.spam_sent, name="spam_sent"),
    path("request/<str:reference>/<str:secret>/", views.status, name="status"),
    path("request/<str:reference>/<str:secret>/delete/", views.delete, name="delete"),
]
