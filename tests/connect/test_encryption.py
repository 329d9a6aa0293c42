"""Personal data at rest: a raw read of the table holds no name, phone, email or story; keys rotate."""

import io
import subprocess
import sys

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connection

from connect.fields import fernet
from connect.models import ContactRequest

pytestmark = pytest.mark.django_db

PERSONAL = {
    "name": "Jordan Example",
    "phone": "+447400123456",
    "email": "jordan@example.net",
    "best_times": "Weekday mornings",
    "help_wanted": "My son is seven and we argue every morning",
    "professional_name": "Sam Teacher",
    "referral_reason": "Mum asked for help with sleep",
    "consent_given_by": "Jordan Example, mother",
}


@pytest.fixture
def stored(service_a):
    contact_request, _ = ContactRequest.start(service=service_a, contact_method="email", **PERSONAL)
    return contact_request


def raw_row(pk):
    table = connection.ops.quote_name(ContactRequest._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table} WHERE id = %s", [pk])  # noqa: S608
        return [str(value) for value in cursor.fetchone()]


def test_a_raw_sql_read_sees_no_plaintext(stored):
    row = " ".join(raw_row(stored.pk))
    for value in PERSONAL.values():
        assert value not in row
    for fragment in ("Jordan", "7400123456", "example.net", "argue", "Sam"):
        assert fragment not in row


def test_the_model_reads_the_values_back(stored):
    fresh = ContactRequest.objects.get(pk=stored.pk)
    for field, value in PERSONAL.items():
        assert getattr(fresh, field) == value


def test_equal_values_encrypt_differently(service_a, stored):
    other, _ = ContactRequest.start(service=service_a, contact_method="email", **PERSONAL)
    assert raw_row(stored.pk)[-5:] != raw_row(other.pk)[-5:]


def test_a_new_first_key_still_reads_old_rows_and_rotation_rewrites_them(stored, settings):
    old_key = settings.CONNECT_ENCRYPTION_KEYS[0]
    new_key = Fernet.generate_key().decode()
    settings.CONNECT_ENCRYPTION_KEYS = [new_key, old_key]
    assert ContactRequest.objects.get(pk=stored.pk).name == "Jordan Example"
    out = io.StringIO()
    call_command("reencrypt_requests", stdout=out)
    assert out.getvalue().strip() == "1"
    settings.CONNECT_ENCRYPTION_KEYS = [new_key]
    assert ContactRequest.objects.get(pk=stored.pk).help_wanted == PERSONAL["help_wanted"]


def test_a_wrong_key_fails_loudly_rather_than_returning_nonsense(stored, settings):
    from cryptography.fernet import InvalidToken

    settings.CONNECT_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    with pytest.raises(InvalidToken):
        ContactRequest.objects.get(pk=stored.pk)


def test_a_malformed_key_is_a_configuration_error(settings):
    settings.CONNECT_ENCRYPTION_KEYS = ["not-a-key"]
    with pytest.raises(ImproperlyConfigured):
        fernet()


def test_production_refuses_to_start_without_encryption_keys():
    env = {
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "example.org",
        "DATABASE_URL": "sqlite:///tmp/none.sqlite3",
        "DJANGO_SETTINGS_MODULE": "earlyhelp.settings.production",
        "PATH": "/usr/bin:/bin",
    }
    code = "import django; django.setup()"
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False)  # noqa: S603
    assert result.returncode != 0
    assert "CONNECT_ENCRYPTION_KEYS must be set" in result.stderr
