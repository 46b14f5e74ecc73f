"""Migrations 0005 and 0006 on data made before them: every version names the receiving
organisation it shared with, and the briefs that must not stand are withdrawn."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("assessments", "0004_encrypt_existing_values")]
AFTER = [("assessments", "0006_brief_only_for_approved_versions")]
INFORMANT = "Informant NIGHTJAR, handled by Sgt Dara"


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def old_apps(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    yield _migrate(BEFORE)
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def _version(apps, assessment, number, user, informant=""):
    return apps.get_model("assessments", "AssessmentVersion").objects.create(
        assessment=assessment,
        number=number,
        content={
            "checklist_version": "1",
            "operation": {"codename": assessment.operation.codename},
            "answers": {"informant_details": informant or None},
        },
        verdict={"decision": "go", "approvals_required": 1},
        content_hash=f"{assessment.pk}-{number}",
        created_by=user,
    )


def _brief(apps, version, variant, *, shared_with=None, name):
    path = default_storage.save(f"briefs/{name}.pdf.enc", ContentFile(b"token"))
    return apps.get_model("assessments", "Brief").objects.create(
        version=version,
        variant=variant,
        status="ready",
        shared_with=shared_with,
        file=path,
        sha256=name.ljust(64, "0"),
    )


def test_versions_name_their_organisation_and_forged_or_leaking_briefs_are_withdrawn(old_apps):
    model = old_apps.get_model
    user = model("auth", "User").objects.create(username="alice")
    approver = model("auth", "User").objects.create(username="sita")
    task_force = model("assessments", "TaskForce").objects.create(name="Mekong")
    approved_partner = model("assessments", "PartnerOrganisation").objects.create(name="Safe")
    later_partner = model("assessments", "PartnerOrganisation").objects.create(name="Later")

    def operation(codename, organisation):
        created = model("assessments", "Operation").objects.create(
            task_force=task_force,
            codename=codename,
            created_by=user,
            receiving_organisation=organisation,
        )
        return model("assessments", "Assessment").objects.create(
            operation=created, status="after_action_review", version_number=2
        )

    # Approved at version 1 with Safe; the attacker then saved version 2, named Later and
    # had both briefs of version 2 signed.
    forged = operation("FORGED", later_partner)
    approved_v1 = _version(old_apps, forged, 1, user, informant=INFORMANT)
    forged_v2 = _version(old_apps, forged, 2, user)
    model("assessments", "Approval").objects.create(
        assessment=forged,
        version=approved_v1,
        content_hash=approved_v1.content_hash,
        scoring_version="1",
        decision="go",
        approver=approver,
        role="supervisor",
        rationale="ok",
    )
    leaking = _brief(old_apps, approved_v1, "full", name="leaking")
    genuine_ngo = _brief(old_apps, approved_v1, "ngo", shared_with=approved_partner, name="ngo1")
    forged_full = _brief(old_apps, forged_v2, "full", name="forged")
    # A draft naming Later.
    draft = operation("DRAFT", later_partner)
    draft.status = "draft"
    draft.version_number = 1
    draft.save()
    draft_v1 = _version(old_apps, draft, 1, user)

    new_apps = _migrate(AFTER)
    Version = new_apps.get_model("assessments", "AssessmentVersion")
    Brief = new_apps.get_model("assessments", "Brief")
    assert Version.objects.get(pk=approved_v1.pk).receiving_organisation_id == approved_partner.pk
    assert Version.objects.get(pk=forged_v2.pk).receiving_organisation_id == later_partner.pk
    assert Version.objects.get(pk=draft_v1.pk).receiving_organisation_id == later_partner.pk

    forged_full = Brief.objects.get(pk=forged_full.pk)
    assert (forged_full.status, forged_full.withdrawal) == ("withdrawn", "not_approved")
    leaking = Brief.objects.get(pk=leaking.pk)
    assert (leaking.status, leaking.withdrawal) == ("withdrawn", "informant_printed")
    replacement = Brief.objects.get(pk=leaking.replaced_by_id)
    assert (replacement.version_id, replacement.variant, replacement.status) == (
        approved_v1.pk,
        "full",
        "queued",
    )
    assert replacement.deadline <= timezone.now()  # the sweep takes it at once
    assert Brief.objects.get(pk=genuine_ngo.pk).status == "ready"
    # The files of withdrawn briefs are gone; the genuine one stays.
    assert not default_storage.exists(leaking.file.name)
    assert not default_storage.exists(forged_full.file.name)
    assert default_storage.exists(genuine_ngo.file.name)
