"""Name each stored version's receiving organisation, and withdraw the briefs that must
not stand.

Until now the receiving organisation lived on the operation alone. A version that an
approver approved shared its NGO brief with the organisation named then (the brief's
`shared_with`): that is the organisation it names. The latest version of an assessment
that nobody approved names the one the operation names now. Any other version names
none.

Briefs withdrawn here, their files deleted once the migration commits (the rows stay,
so that the verify page can still say what became of a copy someone holds):
- a brief of a version that holds no approval at all was signed for a plan nobody
  approved;
- a full brief of a version whose answers name an informant printed the informant's
  details: it is made again, for the same approved version, queued with a deadline
  already passed so that the sweep (or "Make the missing briefs") picks it up.
"""

from django.core.files.storage import default_storage
from django.db import migrations, transaction
from django.utils import timezone


def _delete_file_after_commit(name):
    if name:
        transaction.on_commit(lambda: default_storage.delete(name))


def _withdraw(brief, reason, now):
    brief.status, brief.withdrawal, brief.withdrawn_at, brief.deadline = (
        "withdrawn",
        reason,
        now,
        None,
    )
    brief.save(update_fields=["status", "withdrawal", "withdrawn_at", "deadline"])
    _delete_file_after_commit(brief.file.name if brief.file else "")


def name_receiving_organisations(apps, schema_editor):
    Assessment = apps.get_model("assessments", "Assessment")
    AssessmentVersion = apps.get_model("assessments", "AssessmentVersion")
    Approval = apps.get_model("assessments", "Approval")
    Brief = apps.get_model("assessments", "Brief")
    approved = set(Approval.objects.values_list("version_id", flat=True))
    shared = dict(Brief.objects.filter(variant="ngo").values_list("version_id", "shared_with_id"))
    latest = {
        (pk, number): organisation
        for pk, number, organisation in Assessment.objects.values_list(
            "pk", "version_number", "operation__receiving_organisation"
        )
    }
    for pk, assessment_id, number in AssessmentVersion.objects.values_list(
        "pk", "assessment_id", "number"
    ):
        if pk in approved:
            organisation = shared.get(pk)
        else:
            organisation = latest.get((assessment_id, number))
        if organisation is not None:
            AssessmentVersion.objects.filter(pk=pk).update(receiving_organisation=organisation)


def withdraw_briefs_that_must_not_stand(apps, schema_editor):
    Approval = apps.get_model("assessments", "Approval")
    Brief = apps.get_model("assessments", "Brief")
    approved = set(Approval.objects.values_list("version_id", flat=True))
    now = timezone.now()
    for brief in Brief.objects.exclude(status="withdrawn").select_related("version"):
        if brief.version_id not in approved:
            _withdraw(brief, "not_approved", now)
            continue
        informant = brief.version.content["answers"].get("informant_details")
        if brief.variant != "full" or not (isinstance(informant, str) and informant.strip()):
            continue
        if brief.status != "ready":
            continue  # not signed yet: it renders with today's template
        _withdraw(brief, "informant_printed", now)
        replacement = Brief.objects.create(
            version=brief.version,
            variant="full",
            status="queued",
            shared_with=brief.shared_with,
            requested_by=brief.requested_by,
            deadline=now,
        )
        Brief.objects.filter(pk=brief.pk).update(replaced_by=replacement)


class Migration(migrations.Migration):
    dependencies = [("assessments", "0005_approved_organisation_and_withdrawn_briefs")]

    operations = [
        migrations.RunPython(name_receiving_organisations, migrations.RunPython.noop),
        migrations.RunPython(withdraw_briefs_that_must_not_stand, migrations.RunPython.noop),
    ]
