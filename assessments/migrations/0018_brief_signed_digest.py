"""What each brief's signature covers (its message digest), for the verify page to know
a changed copy of a brief for what it was: its SHA-256 is another, its signature's
digest is not. Briefs signed before are read once, from their stored file; a file that
cannot be read leaves the digest empty (the brief is then known by its SHA-256 alone,
as before)."""

from django.core.files.storage import default_storage
from django.db import migrations, models

from assessments.fields import decrypt_bytes
from assessments.signing import signed_digest


def _digest_of(name):
    try:
        with default_storage.open(name, "rb") as stored:
            return signed_digest(decrypt_bytes(stored.read()))
    except Exception:  # a file gone, a key rotated away, a damaged PDF: leave it empty
        return ""


def record_signed_digests(apps, schema_editor):
    Brief = apps.get_model("assessments", "Brief")
    for brief in Brief.objects.exclude(file="").exclude(sha256="").only("pk", "file").iterator():
        digest = _digest_of(brief.file.name)
        if digest:
            Brief.objects.filter(pk=brief.pk).update(signed_digest=digest)


class Migration(migrations.Migration):
    dependencies = [("assessments", "0017_codename_unique_ignoring_case")]

    operations = [
        migrations.AddField(
            model_name="brief",
            name="signed_digest",
            field=models.CharField(
                blank=True, db_index=True, max_length=64, verbose_name="digest the signature covers"
            ),
        ),
        migrations.RunPython(record_signed_digests, migrations.RunPython.noop),
    ]
