"""Model fields that the database only ever sees encrypted.

Values are Fernet tokens (AES-128-CBC with an HMAC-SHA256, random IV) made with the first
key of settings.FIELD_ENCRYPTION_KEYS and read with whichever key fits, so keys can be
rotated (`manage.py rotate_encryption_key`). A token differs on every save, so these
fields cannot be filtered, searched or sorted on: every lookup except `isnull` is refused
rather than silently matching nothing. `encrypt_bytes` and `decrypt_bytes` do the same
for files that hold restricted data (the signed briefs).
"""

import json
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import FieldError, ImproperlyConfigured
from django.db import models


class UndecryptableValue(ImproperlyConfigured):
    """A stored value that none of the configured keys opens."""


@lru_cache(maxsize=4)
def _ciphers(keys):
    return MultiFernet([Fernet(key) for key in keys]), Fernet(keys[0])


def _cipher():
    # Keyed by the tuple of keys so that a test overriding the setting gets its own.
    return _ciphers(tuple(settings.FIELD_ENCRYPTION_KEYS))[0]


def encrypt(text):
    return encrypt_bytes(text.encode()).decode()


def decrypt(token):
    return decrypt_bytes(token.encode()).decode()


def encrypt_bytes(data):
    """`data` as a Fernet token (bytes): for files as well as field values."""
    return _cipher().encrypt(data)


def decrypt_bytes(token):
    try:
        return _cipher().decrypt(token)
    except InvalidToken:
        # Never the token or a key in the message: it lands in logs.
        raise UndecryptableValue(
            "An encrypted value cannot be decrypted with FIELD_ENCRYPTION_KEYS: the key that "
            "encrypted it is missing (keep the old key after the new one until "
            "`manage.py rotate_encryption_key` has run)."
        ) from None


def uses_newest_key(token):
    """Whether `token` (str or bytes) was made with the newest key."""
    newest = _ciphers(tuple(settings.FIELD_ENCRYPTION_KEYS))[1]
    try:
        newest.decrypt(token.encode() if isinstance(token, str) else token)
    except InvalidToken:
        return False
    return True


class _Opaque:
    """An encrypted field: refuses every lookup but `isnull`."""

    def get_lookup(self, lookup_name):
        if lookup_name != "isnull":
            raise FieldError(f"{self.name} is encrypted and cannot be queried by {lookup_name}.")
        return super().get_lookup(lookup_name)

    def get_transform(self, lookup_name):
        raise FieldError(f"{self.name} is encrypted and cannot be queried by {lookup_name}.")


class EncryptedTextField(_Opaque, models.TextField):
    def get_db_prep_value(self, value, connection, prepared=False):
        value = super().get_db_prep_value(value, connection, prepared)
        return None if value is None else encrypt(value)

    def from_db_value(self, value, expression, connection):
        return None if value is None else decrypt(value)


class EncryptedJSONField(_Opaque, models.JSONField):
    """A JSON value (forms, validation and defaults as JSONField) in an encrypted text column."""

    def get_internal_type(self):
        return "TextField"

    def get_db_prep_value(self, value, connection, prepared=False):
        if value is None:
            return None
        return encrypt(json.dumps(value, cls=self.encoder))

    def from_db_value(self, value, expression, connection):
        if value is None:
            return None
        return json.loads(decrypt(value), cls=self.decoder)


class _EncryptedStored(_Opaque):
    """Mixed into a field of another app's model (`encrypt_at_rest`)."""

    def get_db_prep_value(self, value, connection, prepared=False):
        value = super().get_db_prep_value(value, connection, prepared)
        return None if value is None else encrypt(value)

    def from_db_value(self, value, expression, connection):
        return None if value is None else decrypt(value)

    def deconstruct(self):
        # As the other app's migrations know it: no migration of theirs to make.
        name, _path, args, kwargs = super().deconstruct()
        plain = self._plain_class
        module = plain.__module__
        if module.startswith("django.db.models.fields"):
            module = "django.db.models"  # as Field.deconstruct shortens it
        return name, f"{module}.{plain.__qualname__}", args, kwargs


def encrypt_at_rest(model, name):
    """Make `model`'s field `name`, of an app we do not own (django-otp's TOTP key),
    encrypted in the database like ours, once at start-up (AppConfig.ready).

    The field keeps its validation and default; only what the database sees changes. Its
    column must hold a Fernet token (a migration of ours widens it) and holds none in
    clear once that migration has encrypted the existing values.
    """
    field = model._meta.get_field(name)
    if isinstance(field, _EncryptedStored):
        return field
    plain = type(field)
    field.__class__ = type(
        f"Encrypted{plain.__name__}", (_EncryptedStored, plain), {"_plain_class": plain}
    )
    return field


def is_encrypted(field):
    return isinstance(field, _Opaque)


def plaintext_encrypt(*, connection, table, columns, batch_size=500):
    """Encrypt the values of `columns` still stored in clear in `table`; returns how many.

    For the migration that turns plain fields into encrypted ones (run it right after the
    AlterField operations, from RunPython with `schema_editor.connection`). Values that
    are already tokens are left alone, so it can run again. Reads the raw columns: the
    fields themselves would try to decrypt them.
    """
    quote = connection.ops.quote_name
    selected = ", ".join(quote(column) for column in columns)
    encrypted = 0
    last_pk = None
    with connection.cursor() as cursor:
        while True:
            after = "" if last_pk is None else f"WHERE {quote('id')} > %s"
            cursor.execute(
                f"SELECT {quote('id')}, {selected} FROM {quote(table)} {after} "
                f"ORDER BY {quote('id')} LIMIT {int(batch_size)}",
                [] if last_pk is None else [last_pk],
            )
            rows = cursor.fetchall()
            for pk, *values in rows:
                changes = {}
                for column, value in zip(columns, values, strict=True):
                    if value is None:
                        continue
                    if not isinstance(value, str):  # jsonb, before the column became text
                        value = json.dumps(value)
                    if not _is_token(value):
                        changes[column] = encrypt(value)
                if changes:
                    assignments = ", ".join(f"{quote(column)} = %s" for column in changes)
                    cursor.execute(
                        f"UPDATE {quote(table)} SET {assignments} WHERE {quote('id')} = %s",
                        [*changes.values(), pk],
                    )
                    encrypted += len(changes)
            if len(rows) < batch_size:
                return encrypted
            last_pk = rows[-1][0]


def _is_token(value):
    try:
        _cipher().decrypt(value.encode())
    except InvalidToken:
        return False
    return True
