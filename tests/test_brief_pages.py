"""The briefs pages: status and request, downloads and who may make them, and the NGO's
list (the verify page: test_brief_verify.py)."""

import pytest
from django.urls import reverse

from assessments import services, signing
from assessments.models import AuditEvent, Brief
from tests.briefs_support import render_briefs

# Every test here stores brief files: in a folder of its own.
pytestmark = pytest.mark.usefixtures("media")


def _download(brief):
    return reverse("assessments:brief_download", args=[brief.pk])


def test_the_status_element_polls_until_the_briefs_are_ready(client, planner, approved_operation):
    client.force_login(planner)
    url = reverse("assessments:brief_status", args=[approved_operation.pk])
    html = client.get(url).content.decode()
    assert 'hx-trigger="every 400ms"' in html and "Queued" in html
    render_briefs(approved_operation)
    html = client.get(url).content.decode()
    assert "hx-trigger" not in html
    for brief in Brief.objects.all():
        assert _download(brief) in html


def test_a_member_requests_the_missing_briefs(client, supervisor, approved_operation):
    Brief.objects.filter(variant="ngo").delete()
    client.force_login(supervisor)
    response = client.post(reverse("assessments:brief_request", args=[approved_operation.pk]))
    assert response.status_code == 302
    assert Brief.objects.filter(variant="ngo").exists()


def test_requesting_briefs_of_a_draft_says_why_not(client, planner, operation):
    client.force_login(planner)
    response = client.post(reverse("assessments:brief_request", args=[operation.pk]), follow=True)
    html = response.content.decode()
    assert "You cannot request briefs: the assessment is “Draft”." in html
    assert "Submit it for approval" in html
    assert not Brief.objects.exists()


def test_a_download_is_the_signed_pdf_and_is_audited(client, commander, ready):
    client.force_login(commander)
    response = client.get(_download(ready["full"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pdf = b"".join(response.streaming_content)
    assert pdf == services.brief_pdf(ready["full"])
    assert signing.pdf_validate(pdf).ok
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.BRIEF_DOWNLOAD)
    assert event.username == "chan" and "full" in event.summary


def test_the_ngo_reviewer_downloads_the_ngo_brief_and_only_that(client, ngo_reviewer, ready):
    client.force_login(ngo_reviewer)
    assert client.get(_download(ready["ngo"])).status_code == 200
    assert client.get(_download(ready["full"])).status_code == 404
    operation = ready["full"].version.assessment.operation
    for name in ("operation_briefs", "brief_status", "operation_detail"):
        assert client.get(reverse(f"assessments:{name}", args=[operation.pk])).status_code == 404
    html = client.get(reverse("assessments:shared_briefs")).content.decode()
    detail = reverse("assessments:brief_detail", args=[ready["ngo"].pk])
    assert detail in html and "Week 51 of 2026" in html
    assert reverse("assessments:brief_detail", args=[ready["full"].pk]) not in html
    page = client.get(detail).content.decode()
    assert _download(ready["ngo"]) in page and "Acknowledge receipt" in page
    assert (
        client.get(reverse("assessments:brief_detail", args=[ready["full"].pk])).status_code == 404
    )


def test_the_ngo_brief_is_not_shared_before_it_is_signed(client, ngo_reviewer, approved_operation):
    brief = Brief.objects.get(variant="ngo")
    client.force_login(ngo_reviewer)
    assert client.get(_download(brief)).status_code == 404
    listed = client.get(reverse("assessments:shared_briefs")).content.decode()
    assert reverse("assessments:brief_detail", args=[brief.pk]) not in listed


def test_another_ngo_and_another_task_force_get_404(
    client, other_ngo_reviewer, other_planner, ready
):
    operation = ready["full"].version.assessment.operation
    for user in (other_ngo_reviewer, other_planner):
        client.force_login(user)
        for brief in ready.values():
            assert client.get(_download(brief)).status_code == 404
        assert (
            client.get(reverse("assessments:brief_status", args=[operation.pk])).status_code == 404
        )
    client.force_login(other_planner)
    assert client.get(reverse("assessments:shared_briefs")).status_code == 404


def test_signed_out_visitors_are_sent_to_sign_in(client, ready):
    response = client.get(_download(ready["ngo"]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_receiving_organisation_is_named_on_the_profile_form(
    client, planner, operation, partner
):
    client.force_login(planner)
    url = reverse("assessments:operation_edit", args=[operation.pk])
    form = client.get(url).content.decode()
    assert "Receiving organisation" in form
    current = services.current_version(operation=operation)
    data = {**{k: v for k, v in current.content["operation"].items() if v is not None}}
    data.update(receiving_organisation=partner.pk, base_version=current.number)
    data["expected_languages"] = ", ".join(data["expected_languages"])
    response = client.post(url, data)
    assert response.status_code == 302
    operation.refresh_from_db()
    assert operation.receiving_organisation == partner
    # Approved content like any answer: a new version, named in the exported JSON.
    version, exported = services.assessment_export(operation=operation)
    assert version.number == current.number + 1
    assert version.receiving_organisation == partner
    assert exported["operation"]["receiving_organisation"] == "Safe Harbour"
