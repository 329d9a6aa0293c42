"""Start-up checks of the Elasticsearch settings: a clear error naming the setting, never a 500 at the first search."""

from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks

from search.backends.base import SearchUnavailable


def _error(message, hint, n):
    return checks.Error(message, hint=hint, id=f"search.E{n:03}")


@checks.register()
def elasticsearch_settings(app_configs=None, **kwargs):
    """The URL (or Cloud ID), the CA file and the credentials make sense together."""
    url, cloud_id = settings.ELASTICSEARCH_URL, settings.ELASTICSEARCH_CLOUD_ID
    if not url and not cloud_id:
        return []
    errors = []
    if url and cloud_id:
        errors.append(_error("Set ELASTICSEARCH_URL or ELASTICSEARCH_CLOUD_ID, not both.", "Keep one.", 1))
    if url:
        parts = urlsplit(url)
        try:
            port_ok = parts.port is None or parts.port > 0
        except ValueError:
            port_ok = False
        if parts.scheme not in ("http", "https") or not parts.hostname or not port_ok:
            errors.append(
                _error(
                    f"ELASTICSEARCH_URL {url!r} is not an http(s) URL with a host.",
                    "e.g. https://127.0.0.1:9200 (a URL without a port uses 80 or 443).",
                    2,
                )
            )
        elif parts.scheme == "http" and (settings.ELASTICSEARCH_API_KEY or settings.ELASTICSEARCH_PASSWORD):
            errors.append(
                checks.Warning(
                    "ELASTICSEARCH_URL is plain http but credentials are set: they would cross the network in clear.",
                    hint="Use https:// with ELASTICSEARCH_CA_CERTS.",
                    id="search.W001",
                )
            )
    ca_certs = settings.ELASTICSEARCH_CA_CERTS
    if ca_certs and not Path(ca_certs).is_file():
        errors.append(
            _error(
                f"ELASTICSEARCH_CA_CERTS {ca_certs!r} is not a readable file.",
                "Copy the cluster's http_ca.crt there (site/DEPLOY.md).",
                3,
            )
        )
    if settings.ELASTICSEARCH_API_KEY and settings.ELASTICSEARCH_USER:
        errors.append(
            _error("Set ELASTICSEARCH_API_KEY or ELASTICSEARCH_USER, not both.", "An API key is preferred.", 4)
        )
    if bool(settings.ELASTICSEARCH_USER) != bool(settings.ELASTICSEARCH_PASSWORD):
        errors.append(
            _error(
                "ELASTICSEARCH_USER and ELASTICSEARCH_PASSWORD go together: one is set without the other.",
                "Set both, or use ELASTICSEARCH_API_KEY.",
                5,
            )
        )
    for name in ("ELASTICSEARCH_SHARDS", "ELASTICSEARCH_REPLICAS"):
        if getattr(settings, name) < (1 if name.endswith("SHARDS") else 0):
            errors.append(_error(f"{name} is out of range.", "Shards from 1, replicas from 0.", 6))
    return errors


@checks.register()
def elasticsearch_analysis_is_current(app_configs=None, **kwargs):
    """The live index was made with today's analysis: if not, rebuild_search_index must run.

    Asks the cluster (one request, within ELASTICSEARCH_TIMEOUT) at every start when one is configured.
    """
    if not settings.ELASTICSEARCH_URL and not settings.ELASTICSEARCH_CLOUD_ID:
        return []
    if elasticsearch_settings():
        return []
    from search.backends import get_search_backend

    backend = get_search_backend("elasticsearch")
    try:
        stored = backend.stored_analysis_hash()
    except SearchUnavailable as error:
        return [
            checks.Warning(
                f"Elasticsearch did not answer ({error}); searches will answer from the database.",
                hint="Check ELASTICSEARCH_URL, the credentials and ELASTICSEARCH_CA_CERTS.",
                id="search.W002",
            )
        ]
    wanted = backend.index_body()["mappings"]["_meta"]["analysis_hash"]
    if stored != wanted:
        return [
            checks.Warning(
                "The Elasticsearch index was made with another analysis configuration "
                f"({stored or 'none recorded'}, now {wanted}).",
                hint="Run `manage.py rebuild_search_index`: searches keep working meanwhile.",
                id="search.W003",
            )
        ]
    return []
