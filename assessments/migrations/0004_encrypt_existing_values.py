"""Encrypt the values that 0003 found stored in clear.

0003 turned the restricted operation fields and the assessment JSON into encrypted
columns; rows written before it still hold plain text. This reads the raw columns and
encrypts what is not yet a token, so it is safe to run again. There is no way back:
decrypting into clear text again is not something a migration should do quietly.
"""

from django.db import migrations

from assessments.fields import plaintext_encrypt

ENCRYPTED_COLUMNS = {
    "assessments_operation": ["target_name", "target_address", "suspect_roles", "suspect_details"],
    "assessments_assessmentversion": ["content"],
}


def encrypt_existing(apps, schema_editor):
    for table, columns in ENCRYPTED_COLUMNS.items():
        plaintext_encrypt(connection=schema_editor.connection, table=table, columns=columns)


class Migration(migrations.Migration):
    dependencies = [("assessments", "0003_workflow_briefs_encryption")]

    operations = [migrations.RunPython(encrypt_existing, migrations.RunPython.noop)]
