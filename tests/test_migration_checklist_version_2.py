"""Migrations 0012 and 0013 on a database as main left it before checklist version 2:
version 1 plans in every state, some holding values version 2 refuses. Afterwards every
stored version reads under version 2 (the conversions on record, the content as saved
kept), every operation opens, drafts are scored again at their next save, nothing is
approved on version 1 rules, and the approved plan stays approved with its brief."""

import json
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.urls import reverse

from assessments import checklist, services
from assessments.models import (
    AssessmentVersion,
    AuditEvent,
    Brief,
    Operation,
    VersionConversion,
)
from tests.briefs_support import render_briefs
from tests.conftest import PASSWORD
from tests.migration_support import leaf, migrate
from tests.two_factor import enrol
from tests.workflow_builders import approve, edit, seen

BEFORE = [("assessments", "0011_review_notifications")]
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "scoring_v1"
PARTNER = "Harbour of Hope Foundation"
LANGUAGES = ["Khmer", "Khmer\x0b", *(f"Language {n}" for n in range(60))]


@pytest.fixture
def old_apps(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    yield migrate(BEFORE)
    migrate(leaf())


def _stored_version_1():
    """{codename: (content, verdict)} of the demo as version 1 stored and scored it."""
    with (
        open(FIXTURES / "assessments.jsonl", encoding="utf-8") as assessments,
        open(FIXTURES / "verdicts.jsonl", encoding="utf-8") as verdicts,
    ):
        cases = [
            (json.loads(case), json.loads(verdict))
            for case, verdict in zip(assessments, verdicts, strict=True)
        ]
    return {
        case["name"].split("-")[1]: (case["assessment"], verdict)
        for case, verdict in cases
        if case["name"] in ("demo-LOTUS-v3", "demo-SAMPAN-v1", "demo-DRAGONFLY-v1")
    }


class OldMain:
    """Rows written the way main wrote them before version 2 (historical models)."""

    def __init__(self, apps):
        self.model = apps.get_model
        users = self.model("auth", "User").objects
        self.task_force = self.model("assessments", "TaskForce").objects.create(name="Mekong")
        self.partner = self.model("assessments", "PartnerOrganisation").objects.create(name=PARTNER)
        self.users = {}
        for username, role in (("alice", "planner"), ("sita", "supervisor")):
            self.users[role] = users.create(username=username, password=make_password(PASSWORD))
            self.model("assessments", "Membership").objects.create(
                user=self.users[role], task_force=self.task_force, role=role
            )

    def plan(self, content, verdict, *, status, codename=None):
        profile = {**content["operation"], "receiving_organisation": PARTNER}
        if codename:
            profile["codename"] = codename
        content = {**content, "operation": profile}
        operation = self.model("assessments", "Operation").objects.create(
            task_force=self.task_force,
            codename=profile["codename"],
            target_name=profile["target_name"] or "",
            suspect_details=profile["suspect_details"] or "",
            expected_languages=profile["expected_languages"] or [],
            receiving_organisation=self.partner,
            created_by=self.users["planner"],
        )
        assessment = self.model("assessments", "Assessment").objects.create(
            operation=operation,
            status=status,
            version_number=1,
            decision=verdict["decision"],
            classification=verdict["classification"],
            score=verdict["score"],
            threat_tier=verdict["threat_tier"],
        )
        version = self.model("assessments", "AssessmentVersion").objects.create(
            assessment=assessment,
            number=1,
            content=content,
            verdict=verdict,
            content_hash=services.content_hash(content),
            receiving_organisation=self.partner,
            created_by=self.users["planner"],
        )
        return operation, version

    def approved(self, version, verdict):
        self.model("assessments", "Approval").objects.create(
            assessment=version.assessment,
            version=version,
            content_hash=version.content_hash,
            scoring_version="1",
            decision=verdict["decision"],
            approver=self.users["supervisor"],
            role="supervisor",
            rationale="Corroborated; care ready.",
        )
        for variant in ("full", "ngo"):
            shared_with = self.partner if variant == "ngo" else None
            self.model("assessments", "Brief").objects.create(
                version=version, variant=variant, status="queued", shared_with=shared_with
            )


@pytest.fixture
def migrated(old_apps):
    """The database after migrating: {codename: operation}, and the stored contents."""
    stored = _stored_version_1()
    main = OldMain(old_apps)
    lotus, verdict = stored["LOTUS"]
    main.plan(lotus, verdict, status="submitted")
    sampan, verdict = stored["SAMPAN"]
    week_date = {**sampan, "operation": {**sampan["operation"], "planned_date": "2026-W51-1"}}
    _operation, approved = main.plan(week_date, verdict, status="approved")
    main.approved(approved, verdict)
    dragonfly, verdict = stored["DRAGONFLY"]
    refused = {
        "checklist_version": "1",
        "operation": {
            **dragonfly["operation"],
            "target_name": "Lot 7\u202e (fictional)",
            "suspect_details": "Foreman\x07 and two drivers",
            "expected_languages": LANGUAGES,
        },
        "answers": {**dragonfly["answers"], "offence_basis": "Forced labour\u2066."},
    }
    main.plan(refused, verdict, status="draft")
    main.plan(dragonfly, verdict, status="draft", codename="HERON")
    # Once the characters go, it would be called what HERON is called.
    spoof = {**dragonfly, "operation": {**dragonfly["operation"], "codename": "HERON\u202d"}}
    main.plan(spoof, verdict, status="draft", codename="HERON\u202d")
    migrate(leaf())
    return {operation.codename: operation for operation in Operation.objects.all()}


def test_every_stored_version_reads_under_version_2_and_keeps_what_was_saved(migrated):
    for version in AssessmentVersion.objects.all():
        assert checklist.validate_assessment(version.content) == []
        # The content as saved is what the approvals and briefs are bound to.
        assert services.content_hash(version.content_as_saved()) == version.content_hash
    sampan = services.current_version(operation=migrated["SAMPAN"])
    assert sampan.content["operation"]["planned_date"] == "2026-12-14"
    assert sampan.content_as_saved()["operation"]["planned_date"] == "2026-W51-1"
    assert sampan.conversion.changes == [
        {
            "key": "operation.planned_date",
            "change": "date",
            "was": "2026-W51-1",
            "now": "2026-12-14",
        }
    ]
    assert sampan.verdict["scoring_version"] == "1"  # its verdict is what was approved

    dragonfly = services.current_version(operation=migrated["DRAGONFLY"])
    profile, answers = dragonfly.content["operation"], dragonfly.content["answers"]
    assert profile["target_name"] == "Lot 7 (fictional)"
    assert profile["suspect_details"] == "Foreman and two drivers"
    assert answers["offence_basis"] == "Forced labour."
    assert profile["expected_languages"] == ["Khmer", *(f"Language {n}" for n in range(49))]
    assert {change["key"] for change in dragonfly.conversion.changes} == {
        "operation.target_name",
        "operation.suspect_details",
        "operation.expected_languages",
        "answers.offence_basis",
    }
    # The operation's own columns follow its latest profile.
    assert migrated["DRAGONFLY"].suspect_details == "Foreman and two drivers"
    assert len(migrated["DRAGONFLY"].expected_languages) == 50

    spoof = next(op for codename, op in migrated.items() if codename.startswith("HERON-"))
    assert spoof.codename == f"HERON-{spoof.pk}"
    assert services.current_version(operation=spoof).content["operation"]["codename"] == (
        spoof.codename
    )
    assert VersionConversion.objects.count() == 3
    events = AuditEvent.objects.filter(kind=AuditEvent.Kind.CONVERSION)
    assert events.count() == 3
    assert "operation.planned_date converted for checklist version 2" in " ".join(
        event.summary for event in events
    )
    assert not any("Foreman" in event.summary for event in events)


def test_every_operation_opens_and_the_history_names_each_conversion(migrated, client):
    planner = get_user_model().objects.get(username="alice")
    supervisor = get_user_model().objects.get(username="sita")
    enrol(supervisor)
    client.force_login(planner)
    for operation in migrated.values():
        pages = [
            reverse("assessments:operation_detail", args=[operation.pk]),
            reverse("assessments:assessment_history", args=[operation.pk]),
            reverse("assessments:assessment_export", args=[operation.pk]),
            reverse("assessments:operation_briefs", args=[operation.pk]),
            reverse("assessments:verdict_panel", args=[operation.pk]),
            *(
                reverse("assessments:checklist_section", args=[operation.pk, section.key])
                for section in checklist.SECTIONS
            ),
        ]
        for page in pages:
            assert client.get(page).status_code == 200, page
        if operation.assessment.status == "draft":
            assert (
                client.get(reverse("assessments:operation_edit", args=[operation.pk])).status_code
                == 200
            )
    history = client.get(reverse("assessments:assessment_history", args=[migrated["SAMPAN"].pk]))
    html = history.content.decode()
    assert "Values checklist version 2 refuses, converted in place" in html
    assert "“2026-W51-1” is now written 2026-12-14, the same day." in html
    client.force_login(supervisor)
    decision = reverse("assessments:assessment_decision", args=[migrated["LOTUS"].pk])
    assert client.get(decision).status_code == 200


def test_drafts_are_scored_again_at_their_next_save(migrated):
    planner = get_user_model().objects.get(username="alice")
    saved = edit(migrated["DRAGONFLY"], planner, leak_risk="low")
    rescored = AssessmentVersion.objects.get(
        assessment__operation=migrated["DRAGONFLY"], number=saved.number - 1
    )
    assert rescored.kind == AssessmentVersion.Kind.RESCORED
    first = rescored.assessment.versions.get(number=1)
    # The same content, as converted: its hash is of what it holds, not of the content
    # as saved in version 1 before the conversion.
    assert rescored.content == first.content
    assert rescored.content_hash == services.content_hash(first.content) != first.content_hash
    assert saved.verdict["scoring_version"] == rescored.verdict["scoring_version"] == "2"


def test_no_version_1_verdict_is_approved(migrated):
    supervisor = get_user_model().objects.get(username="sita")
    lotus = migrated["LOTUS"]
    with pytest.raises(services.Refused, match="computed under the version 1 rules"):
        approve(lotus, supervisor)
    rescored = services.assessment_rescore(operation=lotus, user=supervisor)
    assert rescored.verdict["scoring_version"] == "2"
    assert rescored.verdict["decision"] == "no_go"  # the questions version 2 added
    services.assessment_return(
        operation=lotus, user=supervisor, comments="Answer the new questions.", **seen(lotus)
    )
    lotus.assessment.refresh_from_db()
    assert lotus.assessment.status == "returned"


def test_the_approved_plan_stays_approved_and_its_briefs_verify(migrated, client):
    sampan = migrated["SAMPAN"]
    approved = services.approved_version(operation=sampan)
    assert approved is not None and approved.verdict["decision"] == "go"
    briefs = render_briefs(sampan)
    assert {brief.status for brief in briefs.values()} == {Brief.Status.READY}
    for brief in briefs.values():
        verification = services.brief_verify(data=services.brief_pdf(brief))
        assert verification.signature.ok and verification.current
    client.force_login(get_user_model().objects.get(username="alice"))
    html = client.get(reverse("assessments:operation_detail", args=[sampan.pk])).content.decode()
    assert "The rules have changed since" in html
    assert "stays approved; its signed briefs stand on it" in html
