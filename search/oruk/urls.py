"""URLs of the Open Referral UK API under /api/oruk/; a trailing slash is optional."""

from django.urls import path, re_path

from search.oruk import views

app_name = "oruk"

urlpatterns = [
    path("", views.RootView.as_view(), name="root"),
    re_path(r"^openapi\.json$", views.OpenApiView.as_view(), name="openapi"),
    re_path(r"^services/?$", views.ServiceListView.as_view(), name="services"),
    re_path(r"^services/(?P<id>[^/]+)/?$", views.ServiceDetailView.as_view(), name="service"),
    re_path(r"^service_at_locations/?$", views.ServiceAtLocationListView.as_view(), name="service_at_locations"),
    re_path(
        r"^service_at_locations/(?P<id>[^/]+)/?$",
        views.ServiceAtLocationDetailView.as_view(),
        name="service_at_location",
    ),
    re_path(r"^taxonomies/?$", views.TaxonomyListView.as_view(), name="taxonomies"),
    re_path(r"^taxonomies/(?P<id>[^/]+)/?$", views.TaxonomyDetailView.as_view(), name="taxonomy"),
    re_path(r"^taxonomy_terms/?$", views.TaxonomyTermListView.as_view(), name="taxonomy_terms"),
    re_path(r"^taxonomy_terms/(?P<id>[^/]+)/?$", views.TaxonomyTermDetailView.as_view(), name="taxonomy_term"),
    # Anything else under /api/oruk/ is a JSON 404, not the site's HTML one.
    re_path(r"^(?P<path>.*)$", views.NotFoundView.as_view(), name="not_found"),
]
