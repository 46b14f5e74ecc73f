"""Re-encrypt every encrypted field, and every brief file, with the newest key of
FIELD_ENCRYPTION_KEYS.

Rotating a key: put the new key first in FIELD_ENCRYPTION_KEYS, keeping the old one after
it, restart, run this command, then remove the old key. Safe to run again (values already
under the newest key are left alone) and to interrupt (each batch is its own transaction).
"""

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, models, transaction
from django.db.models.functions import Cast

from assessments import services
from assessments.fields import is_encrypted, uses_newest_key


def encrypted_fields():
    """(model, [fields]) for every model with encrypted fields, django-otp's TOTP keys
    among them."""
    for model in apps.get_models():
        fields = [field for field in model._meta.concrete_fields if is_encrypted(field)]
        if fields:
            yield model, fields


class Command(BaseCommand):
    help = (
        "Re-encrypt every encrypted field and brief file with the newest key of "
        "FIELD_ENCRYPTION_KEYS."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch-size", type=int, default=500, help="Rows per transaction (default 500)."
        )

    def handle(self, *args, batch_size, **options):
        if batch_size < 1:
            raise CommandError("--batch-size must be 1 or more.")
        for model, fields in encrypted_fields():
            rotated, current = self._rotate(model, fields, batch_size)
            self.stdout.write(
                f"{model._meta.label}: {rotated} value(s) re-encrypted, "
                f"{current} already under the newest key."
            )
        rotated, current = services.brief_files_rotate()
        self.stdout.write(
            f"Brief files: {rotated} re-encrypted, {current} already under the newest key."
        )

    def _rotate(self, model, fields, batch_size):
        # Cast to plain text: the stored token, not the value the field would decrypt.
        tokens = {f"token_{field.name}": Cast(field.name, models.TextField()) for field in fields}
        rotated = current = 0
        last_pk = None
        while True:
            with transaction.atomic():
                rows = model._base_manager.order_by("pk").annotate(**tokens)
                if last_pk is not None:
                    rows = rows.filter(pk__gt=last_pk)
                rows = list(rows.select_for_update().values_list("pk", *tokens)[:batch_size])
                for pk, *stored in rows:
                    changes = {}
                    for field, token in zip(fields, stored, strict=True):
                        if token is None or uses_newest_key(token):
                            current += token is not None
                            continue
                        changes[field.name] = field.from_db_value(token, None, connection)
                    if changes:
                        # update() encrypts again, with the newest key, and skips save().
                        model._base_manager.filter(pk=pk).update(**changes)
                        rotated += len(changes)
            if len(rows) < batch_size:
                return rotated, current
            last_pk = rows[-1][0]
