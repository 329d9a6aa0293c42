"""Public search pages and the JSON search API."""

urlpatterns = []
