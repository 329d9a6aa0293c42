"""Saving a batch of new pages from a feed (services, organisations) in a few queries each, as Wagtail would.

Wagtail saves a new page about six times on its way in (add_child, save_revision, publish), each save
committing every child relation and re-indexing: about 190 queries a service, a few services a second.
Here the same rows are written once per batch: the page rows with their tree paths, the inline rows and
tags, one revision, the "created" and "published" history entries, the reference index, Wagtail's search
index and ours. Everything is validated first (the model's own full_clean), so a record that would be
refused never reaches the inserts; the caller runs this inside one transaction and, should an insert fail
anyway, rolls the batch back and saves its services one by one the usual way.

`page_published` is not sent (that would re-index each page alone). What its receivers do for an import
is done here in bulk; tests/exchange/test_bulk_import.py lists them, so a new receiver fails a test until
this module learns about it.
"""

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Case, CharField, F, Max, OuterRef, Subquery, Value, When
from django.db.models.functions import Cast, Substr
from django.dispatch import Signal
from django.utils import timezone
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import get_all_child_relations
from modelsearch.index import get_search_backends_with_name
from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision

from directory.models import Location, ServicePage

# Sent once per batch for the new services it published, instead of page_published for each: the search index
# and the duplicates report listen (directory knows nothing of search). pages: the ServicePages, as saved, their
# inline rows and tags still in memory (reading them back would cost a dozen queries a service).
services_published = Signal()
# Inline rows other inline rows point at are inserted first (a schedule names its site).
FIRST_CHILD_MODELS = (Location,)
# Page fields copied onto the base row; the rest of a page type's are its own table's.
PAGE_FIELDS = [field for field in Page._meta.concrete_fields if not field.primary_key]
# Foreign keys place() sets from rows already in hand (the content type, the parent's locale) or leaves empty.
SET_FROM_KNOWN_ROWS = ["content_type", "locale", "owner", "locked_by", "latest_revision", "live_revision", "alias_of"]


def last_child_paths(organisations) -> dict[str, str | None]:
    """The path of each organisation's last child (None: it has none), in one query."""
    by_path = {organisation.path: None for organisation in organisations}
    if not by_path:
        return by_path
    depth = next(iter(organisations)).depth
    steplen = Page.steplen
    rows = (
        Page.objects.filter(depth=depth + 1)
        .annotate(parent_path=Substr("path", 1, depth * steplen))
        .filter(parent_path__in=list(by_path))
        .values("parent_path")
        .annotate(last=Max("path"))
        .values_list("parent_path", "last")
    )
    by_path.update(dict(rows))
    return by_path


def taken_slugs(organisations, slugs) -> dict[str, set[str]]:
    """Of these slugs, those already used under each organisation (by its path)."""
    taken = defaultdict(set)
    if not organisations or not slugs:
        return taken
    depth = next(iter(organisations)).depth
    rows = (
        Page.objects.filter(depth=depth + 1, slug__in=list(slugs))
        .annotate(parent_path=Substr("path", 1, depth * Page.steplen))
        .filter(parent_path__in=[organisation.path for organisation in organisations])
        .values_list("parent_path", "slug")
    )
    for parent_path, slug in rows:
        taken[parent_path].add(slug)
    return taken


def next_path(parent: Page, last: str | None) -> str:
    """The path after `last` under `parent` (treebeard's own arithmetic, as add_child does)."""
    if last is None:
        return Page._get_path(parent.path, parent.depth + 1, 1)
    return Page(path=last)._inc_path()


def place(page: Page, parent: Page, path: str):
    """The tree and core fields add_child would give the page under `parent`."""
    page.path, page.depth, page.numchild = path, parent.depth + 1, 0
    page.url_path = f"{parent.url_path}{page.slug}/"
    page.locale_id = parent.locale_id
    page.draft_title = page.title
    page.content_type = ContentType.objects.get_for_model(type(page))
    # Tree lookups (get_parent, the slug check in full_clean) read the parent we already hold.
    page._cached_parent_obj = parent


def create(pages: list[Page], publish: list[bool]):
    """Insert these validated, placed pages and everything that hangs on them (publishing those `publish` says),
    then tell the search index and the duplicates report. Run inside a transaction."""
    now = timezone.now()
    model = type(pages[0])
    for page in pages:
        # As drafted, before publishing: what save_revision stores in the revision.
        page.live, page.has_unpublished_changes = False, True
        page.latest_revision_created_at = now
    _hold_in_memory(pages)
    rows = []
    for page, published in zip(pages, publish, strict=True):
        row = Page(**{field.attname: getattr(page, field.attname) for field in PAGE_FIELDS})
        if published:  # the row as publishing leaves it; the revision (below) keeps the page as drafted
            row.live, row.has_unpublished_changes = True, False
            row.first_published_at = row.last_published_at = now
        rows.append(row)
    Page.objects.bulk_create(rows)
    for page, row in zip(pages, rows, strict=True):
        page.id = page.page_ptr_id = row.id
        page._state.adding = False
    # ServicePage inherits from Page (a second table), which bulk_create refuses; the child table's rows are
    # inserted the way Model.save_base inserts one, for the whole batch at once.
    model._base_manager._insert(pages, fields=model._meta.local_concrete_fields, using=connection.alias)
    counts = _counts(pages)
    Page.objects.filter(pk__in=counts).update(
        numchild=F("numchild") + Case(*(When(pk=pk, then=Value(count)) for pk, count in counts.items()))
    )
    _children(pages)

    revisions = _revisions(pages, now)
    for page, revision, published in zip(pages, revisions, publish, strict=True):
        page.latest_revision = revision
        if published:
            page.live, page.has_unpublished_changes = True, False
            page.live_revision = revision
            page.first_published_at = page.last_published_at = now
    # Each page's revision, found by a subquery: one statement, where bulk_update would build a CASE per field.
    revision = Subquery(
        Revision.objects.filter(
            base_content_type=ContentType.objects.get_for_model(Page),
            object_id=Cast(OuterRef("pk"), output_field=CharField()),
        )
        .order_by("-pk")
        .values("pk")[:1]
    )
    Page.objects.filter(pk__in=[page.pk for page in pages]).update(latest_revision=revision)
    Page.objects.filter(pk__in=[page.pk for page in pages if page.live]).update(live_revision=revision)
    _history(pages, revisions, now, publish)
    _references(pages)
    # Wagtail's own search index (the admin's page search), as its post_save handler would, in one call.
    for _name, backend in get_search_backends_with_name(with_auto_update=True):
        backend.add_bulk(model, pages)
    published = [page for page in pages if page.live]
    if published and model is ServicePage:
        services_published.send(sender=ServicePage, pages=published)


def _hold_in_memory(pages):
    """Pin every inline relation and many-to-many of the unsaved pages (and of their inline rows) to what is in
    memory: once a page has an id, modelcluster would otherwise ask the database for each relation never set
    (a dozen queries a page while serialising the revision and the references)."""
    relations = [relation.get_accessor_name() for relation in get_all_child_relations(type(pages[0]))]
    for page in pages:
        _pin(page, relations)
        for name in relations:
            for child in getattr(page, name).all():
                _pin(child, [])


def _pin(obj, relations):
    # An unsaved object's relations never set are empty (modelcluster keeps the set ones in
    # _cluster_related_objects); setting them empty says so without building a queryset for each.
    held = getattr(obj, "_cluster_related_objects", {})
    names = relations + [field.name for field in obj._meta.get_fields() if isinstance(field, ParentalManyToManyField)]
    for name in names:
        if name not in held:
            setattr(obj, name, [])


def _counts(pages) -> dict[int, int]:
    counts = defaultdict(int)
    for page in pages:
        counts[page._cached_parent_obj.pk] += 1
    return counts


def _children(pages):
    """The inline rows (sites, schedules, tag links) and many-to-many links of the pages, model by model."""
    by_model = defaultdict(list)
    relations = get_all_child_relations(type(pages[0]))
    for page in pages:
        for relation in relations:
            for child in getattr(page, relation.get_accessor_name()).all():
                setattr(child, relation.field.name, page)
                by_model[relation.related_model].append(child)
    order = sorted(by_model, key=lambda model: model not in FIRST_CHILD_MODELS)
    for model in order:
        model.objects.bulk_create(by_model[model])
        _many_to_many(model, by_model[model])
    _many_to_many(type(pages[0]), pages)


def _many_to_many(model, objects):
    for field in model._meta.get_fields():
        if not isinstance(field, ParentalManyToManyField):
            continue
        through = field.remote_field.through
        source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        links = [through(**{source: obj, target: other}) for obj in objects for other in getattr(obj, field.name).all()]
        through.objects.bulk_create(links)


def _object_types(pages):
    """The content type and base content type Wagtail stores beside a page in its generic tables."""
    return {
        "content_type": ContentType.objects.get_for_model(type(pages[0])),
        "base_content_type": ContentType.objects.get_for_model(Page),
    }


def _references(pages):
    """The reference index rows create_or_update_for_object would add for new pages (which have none yet to
    compare with or delete), for the whole batch in one insert."""
    types = _object_types(pages)
    rows = [
        ReferenceIndex(
            **types,
            object_id=page.pk,
            to_content_type_id=to_content_type_id,
            to_object_id=to_object_id,
            model_path=model_path,
            content_path=content_path,
            content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
        )
        for page in pages
        for to_content_type_id, to_object_id, model_path, content_path in set(
            ReferenceIndex._extract_references_from_object(page)
        )
    ]
    ReferenceIndex.objects.bulk_create(rows, ignore_conflicts=connection.features.supports_ignore_conflicts)


def _revisions(pages, now) -> list[Revision]:
    """One revision each, with the content save_revision would store (the page as drafted, children and all)."""
    types = _object_types(pages)
    revisions = [
        Revision(
            **types,
            object_id=str(page.pk),
            object_str=str(page),
            content=page.serializable_data(),
            created_at=now,
        )
        for page in pages
    ]
    return Revision.objects.bulk_create(revisions)


def _history(pages, revisions, now, publish):
    """The entries the admin's history shows for a page made and published by an import (no user)."""
    page_type = ContentType.objects.get_for_model(type(pages[0]))
    entries = []
    for page, revision, published in zip(pages, revisions, publish, strict=True):
        common = {"page_id": page.pk, "content_type": page_type, "label": page.get_admin_display_title()}
        entries.append(PageLogEntry(action="wagtail.create", timestamp=now, content_changed=True, **common))
        if published:
            entries.append(
                PageLogEntry(action="wagtail.publish", timestamp=now, revision=revision, content_changed=True, **common)
            )
    PageLogEntry.objects.bulk_create(entries)
