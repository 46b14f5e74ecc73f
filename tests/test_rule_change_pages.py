"""What people see of version 2 and of the rule change: the new items in their sections,
the supported presence beside the claim, the rule change in the history, a decision
page that scores an old verdict again first, and an approved version 1 plan shown with
what version 2 says beside its verdict."""

import json
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from assessments import checklist, services, signing
from assessments.models import Approval, AssessmentVersion, Operation
from tests.briefs_support import poppler, render_briefs
from tests.test_workflow_decision_view import _post
from tests.version_1 import VERSION_2_ITEMS, as_version_1
from tests.workflow_builders import PAST, approve, edit, planned_operation, submitted_operation

# The stamp's moment of signing, in the task force's zone: "2 Dec 2026, 14:05:09 UTC+7".
SIGNING_TIME = re.compile(r"\d{1,2} \w{3} \d{4}, \d\d:\d\d:\d\d UTC[+-]?[\d:]*")
OVERSTATED = {"evidence_sources": ["surveillance"], "independent_corroborations": 1}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _page(client, name, operation, *args):
    response = client.get(reverse(f"assessments:{name}", args=[operation.pk, *args]))
    assert response.status_code == 200
    return response.content.decode()


def test_every_version_2_item_appears_in_its_section(planner_client, operation):
    for section in checklist.SECTIONS:
        html = _page(planner_client, "checklist_section", operation, section.key)
        for item in section.items:
            if item.since == "2":
                assert f'id="item-{item.key}"' in html
                assert item.question.replace("'", "&#x27;") in html
                assert "New in checklist version 2" not in html  # written on version 2


def test_a_plan_written_on_version_1_marks_the_questions_added_since(
    planner_client, task_force, planner
):
    operation = planned_operation(task_force, planner)
    as_version_1(operation)
    html = _page(planner_client, "checklist_section", operation, "D")
    marked = html.count("New in checklist version 2: not asked when this plan was written")
    assert marked == sum(checklist.SECTION_OF[key] == "D" for key in VERSION_2_ITEMS) > 0
    assert "scored again under the current rules at the next save" in html


def test_the_verdict_panel_shows_the_supported_presence_beside_an_overstated_claim(
    planner_client, operation, planner
):
    edit(operation, planner, victim_presence="confirmed", **OVERSTATED)
    html = _page(planner_client, "verdict_panel", operation)
    assert "Victim presence claimed" in html
    claimed, supported = html.split("verdict-claimed-presence")[1].split(
        "verdict-supported-presence"
    )
    assert "Confirmed" in claimed and "Reported by one source" in supported
    edit(operation, planner, victim_presence="reported")
    assert "Victim presence claimed" not in _page(planner_client, "verdict_panel", operation)


def test_the_history_shows_the_rule_change_as_an_entry_of_its_own(
    planner_client, task_force, planner
):
    operation = planned_operation(task_force, planner)
    as_version_1(operation)
    edit(operation, planner, leak_mitigations="Late briefing.")
    response = planner_client.get(reverse("assessments:assessment_history", args=[operation.pk]))
    kinds = [(row["entry"].kind, row["entry"].first) for row in response.context["rows"]]
    # The planner's saves on either side of it are two entries: a rule change parts them.
    assert kinds == [("edits", 3), ("rule_change", 2), ("edits", 1)]
    html = response.content.decode()
    row = html.split('class="history-entry history-rule-change table-info"')[1].split("</tr>")[0]
    assert "Rule change" in row and "RaidAssess (rule change)" in row
    assert "scored again under the version 2 rules (they were scored under version 1)" in row
    assert "No answer changed." in row


def test_the_decision_page_scores_an_old_verdict_again_before_anyone_decides(
    client, task_force, planner, supervisor
):
    operation = submitted_operation(task_force, planner)
    old = as_version_1(operation)
    client.force_login(supervisor)
    html = _page(client, "assessment_decision", operation)
    rescored = services.current_version(operation=operation)
    assert rescored.kind == AssessmentVersion.Kind.RESCORED
    assert "The rules changed: scored again before your decision" in html
    assert f"Version {old.number} was scored under the version 1 rules (Go)" in html
    assert f"You decide on version {rescored.number}, saved by RaidAssess (rule change)" in html
    assert "No go" in html and rescored.content_hash in html
    # Opening it again scores nothing again.
    _page(client, "assessment_decision", operation)
    assert services.current_version(operation=operation) == rescored


def test_an_approver_opening_a_draft_of_old_rules_rescores_nothing(
    client, task_force, planner, supervisor
):
    operation = planned_operation(task_force, planner)
    old = as_version_1(operation)
    client.force_login(supervisor)
    _page(client, "assessment_decision", operation)
    _page(client, "operation_detail", operation)
    assert services.current_version(operation=operation) == old


def test_a_decision_posted_from_a_page_of_old_rules_is_not_taken(
    client, task_force, planner, supervisor
):
    operation = submitted_operation(task_force, planner)
    as_version_1(operation, keep_answers=True)
    client.force_login(supervisor)
    response = _post(client, operation, "approve")  # the version the old page showed
    assert response.status_code == 200
    assert "Nothing was decided." in response.content.decode()
    assert not Approval.objects.exists()
    assert services.current_version(operation=operation).kind == AssessmentVersion.Kind.RESCORED
    assert _post(client, operation, "approve").status_code == 302
    assert Approval.objects.get().scoring_version == "2"


@pytest.fixture
def approved_on_version_1(task_force, planner, supervisor, partner):
    """SAMPAN, approved under the version 1 rules, with both briefs signed then."""
    operation = submitted_operation(
        task_force, planner, codename="SAMPAN", receiving_organisation=partner.name
    )
    approve(operation, supervisor)
    as_version_1(operation)
    render_briefs(operation)
    return operation


def test_an_approved_version_1_plan_shows_what_version_2_says_beside_its_verdict(
    client, planner, supervisor, approved_on_version_1
):
    for user in (planner, supervisor):
        client.force_login(user)
        for name, args in (("operation_detail", ()), ("checklist_section", ("A",))):
            html = _page(client, name, approved_on_version_1, *args)
            verdict = html.split('id="verdict"')[1]
            approved, current = verdict.split("The rules have changed since")
            assert "Go" in approved and "Smart" in approved
            assert "computed under the version 1 rules; the current rules are version 2" in current
            assert "stays approved; its signed briefs stand on it" in current
            assert "What the version 2 rules say: No go (Deficient, 74 of 100)" in current
            assert 'id="plan-banner"' in html
    assert services.approved_version(operation=approved_on_version_1).verdict["decision"] == "go"


def test_its_signed_briefs_still_verify_and_reproduce_under_version_1(
    approved_on_version_1, tmp_path
):
    version = services.approved_version(operation=approved_on_version_1)
    briefs = render_briefs(approved_on_version_1)
    for brief in briefs.values():
        signed = services.brief_pdf(brief)
        verification = services.brief_verify(data=signed)
        assert verification.signature.ok and verification.current
        assert signing.pdf_validate(signed).ok
    full = poppler("pdftotext", services.brief_pdf(briefs["full"]))
    assert "Scored under the version 1 rules." in " ".join(full.split())
    for key in VERSION_2_ITEMS:  # the brief lists what version 1 asked, as it was signed
        assert checklist.ITEMS[key].question not in full
    # Rendered again, it says the same, but for the time in the signature's stamp.
    again = poppler("pdftotext", services.brief_document(version=version, variant="full"))
    assert SIGNING_TIME.sub("", again) == SIGNING_TIME.sub("", full)
    # The verdict it states is what `score_assessment --scoring-version 1` gives.
    path = tmp_path / "approved.json"
    path.write_text(json.dumps(version.content_as_saved()))
    out = tmp_path / "verdict.json"
    with open(out, "w") as stdout:
        call_command("score_assessment", str(path), "--scoring-version", "1", stdout=stdout)
    assert json.loads(out.read_text()) == version.verdict


def test_the_full_brief_shows_the_supported_presence_beside_an_overstated_claim(
    task_force, planner, supervisor
):
    operation = submitted_operation(
        task_force, planner, victim_presence="corroborated", **OVERSTATED
    )
    approve(operation, supervisor, conditions=["Corroborate the presence."])
    full = " ".join(
        poppler("pdftotext", services.brief_pdf(render_briefs(operation)["full"])).split()
    )
    assert "Victim presence claimed: Corroborated" in full
    assert "What the evidence sources support: Reported by one source" in full


def test_a_version_1_plan_exports_in_checklist_version_2_and_imports_again(
    planner_client, task_force, planner, partner
):
    operation = planned_operation(task_force, planner, receiving_organisation=partner.name)
    as_version_1(operation)
    response = planner_client.post(reverse("assessments:assessment_export", args=[operation.pk]))
    exported = json.loads(response.content)
    assert exported["checklist_version"] == "2"
    assert exported["operation"]["receiving_organisation"] == partner.name
    assert all(exported["answers"][key] is None for key in VERSION_2_ITEMS)
    exported["operation"]["codename"] = "COPY"
    copy = services.assessment_import(task_force=task_force, user=planner, data=exported)
    assert copy.receiving_organisation == partner


def test_a_version_1_file_as_the_app_exported_it_imports_with_its_organisation(
    task_force, planner, partner
):
    data = {
        "checklist_version": "1",
        "operation": {"codename": "OLDFILE", "receiving_organisation": partner.name},
        "answers": {"victim_presence": "reported"},
    }
    operation = services.assessment_import(task_force=task_force, user=planner, data=data)
    version = services.current_version(operation=operation)
    assert Operation.objects.get(codename="OLDFILE").receiving_organisation == partner
    assert version.receiving_organisation == partner
    assert all(version.content["answers"][key] is None for key in VERSION_2_ITEMS)


def test_the_after_action_review_of_a_version_1_plan_says_the_rules_changed(
    planner_client, task_force, planner, supervisor
):
    operation = submitted_operation(task_force, planner, planned_date=PAST)
    approve(operation, supervisor)
    as_version_1(operation)
    html = _page(planner_client, "after_action_review", operation)
    assert "The rules have changed since" in html
    assert "What the version 2 rules say: No go" in html
