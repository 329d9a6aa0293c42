"""Key rotation: rewrite every encrypted column with the first key, so older keys can be removed."""

from django.db import transaction

from connect.fields import EncryptedTextField
from connect.models import ContactRequest


def encrypted_columns():
    return [field.name for field in ContactRequest._meta.get_fields() if isinstance(field, EncryptedTextField)]


def reencrypt_all():
    """Read each request (any key decrypts) and save its encrypted columns (the first key encrypts); returns rows."""
    columns = encrypted_columns()
    rows = 0
    with transaction.atomic():
        for contact_request in ContactRequest.objects.iterator(chunk_size=500):
            contact_request.save(update_fields=columns)
            rows += 1
    return rows
