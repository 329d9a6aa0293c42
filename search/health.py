"""/healthz: which search backend answers now and how often the fallback has answered (JSON, no personal data)."""

from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from search.backends import get_search_backend
from search.backends.fallback import fallback_count


@never_cache
def healthz(request):
    backend = get_search_backend()
    answering = backend.answering() if hasattr(backend, "answering") else backend.name
    degraded = answering != backend.name
    return JsonResponse(
        {
            "status": "degraded" if degraded else "ok",
            "search": {"configured": backend.name, "answering": answering, "fallbacks": fallback_count()},
        }
    )
