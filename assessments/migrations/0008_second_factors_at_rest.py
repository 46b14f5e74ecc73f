"""Second factors that a database dump does not give away.

django-otp keeps the TOTP secret in clear and the recovery codes as typed. From here on
the secret is encrypted with the field keys (assessments.fields.encrypt_at_rest, set up
at start-up) and a recovery code is stored as its keyed digest
(services.two_factor.recovery_code_digest). This widens the key column to hold a Fernet
token (PostgreSQL; SQLite does not enforce lengths), encrypts the secrets still in clear
and replaces each stored code by its digest: the same codes and authenticators keep
working, nobody enrols again. Safe to run again for the secrets (tokens are left alone);
there is no way back, as for 0004.
"""

from django.db import migrations

from assessments.fields import plaintext_encrypt
from assessments.services.two_factor import recovery_code_digest

PLAIN_CODE_LENGTH = 8  # django-otp's random_token(): 5 bytes in base32


def widen_key_column(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute('ALTER TABLE "otp_totp_totpdevice" ALTER COLUMN "key" TYPE text')


def protect_existing(apps, schema_editor):
    connection = schema_editor.connection
    plaintext_encrypt(connection=connection, table="otp_totp_totpdevice", columns=["key"])
    with connection.cursor() as cursor:
        cursor.execute('SELECT "id", "device_id", "token" FROM "otp_static_statictoken"')
        for pk, device_id, token in cursor.fetchall():
            # A digest is 16 hex characters: what is shorter was stored as typed.
            if len(token) <= PLAIN_CODE_LENGTH:
                cursor.execute(
                    'UPDATE "otp_static_statictoken" SET "token" = %s WHERE "id" = %s',
                    [recovery_code_digest(device_id, token), pk],
                )


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0007_revisions_cancellation_and_receipts"),
        ("otp_totp", "0003_add_timestamps"),
        ("otp_static", "0003_add_timestamps"),
    ]

    operations = [
        migrations.RunPython(widen_key_column, migrations.RunPython.noop),
        migrations.RunPython(protect_existing, migrations.RunPython.noop),
    ]
