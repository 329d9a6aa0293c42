"""A text field encrypted at rest with Fernet keys from the environment (first key encrypts, all decrypt).

Why a small field of our own and not a field library: Fernet (AES-128-CBC with an HMAC-SHA256, from
`cryptography`, maintained by the PyCA) does the cryptography; what is left is twenty lines of Django
glue that we can read in full. MultiFernet gives key rotation: put the new key first, run
`manage.py reencrypt_requests`, then drop the old key. Each value is encrypted with its own random IV,
so equal values look different in the database and the field cannot be searched or filtered on.
"""

import functools

from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models


@functools.cache
def _multifernet(keys):
    if not keys:
        raise ImproperlyConfigured("CONNECT_ENCRYPTION_KEYS must hold at least one Fernet key.")
    try:
        return MultiFernet([Fernet(key) for key in keys])
    except ValueError as error:
        raise ImproperlyConfigured("CONNECT_ENCRYPTION_KEYS holds a key that is not a Fernet key.") from error


def fernet():
    """The MultiFernet for the configured keys (cached per key list, so tests may override the setting)."""
    return _multifernet(tuple(settings.CONNECT_ENCRYPTION_KEYS))


def encrypt(text):
    return fernet().encrypt(text.encode("utf-8")).decode("ascii")


def decrypt(token):
    return fernet().decrypt(token.encode("ascii")).decode("utf-8")


class EncryptedTextField(models.TextField):
    """Stores Fernet tokens; reads give back the text. An empty value stays empty (nothing to hide)."""

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value in (None, ""):
            return value
        return encrypt(value)

    def from_db_value(self, value, expression, connection):
        if value in (None, ""):
            return value
        return decrypt(value)
