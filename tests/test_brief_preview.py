"""The draft preview: the brief of the version being prepared, as it will read, marked
DRAFT on every page, never signed, never stored, no Brief row; the NGO preview reads the
allow-list like the NGO brief; every preview is in the audit trail."""

import pytest
from django.urls import reverse

from assessments import services, signing
from assessments.models import AuditEvent, Brief
from tests.briefs_support import poppler
from tests.builders import best_assessment

RESTRICTED = ("Golden Thread", "Riverside Road", "Mr K.")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def draft(operation, planner, partner):
    """KESTREL, a draft at version 2: the best plan, Safe Harbour named to receive."""
    services.assessment_save(
        operation=operation,
        user=planner,
        base_version=1,
        answers=best_assessment()["answers"],
        profile={"receiving_organisation": partner.name},
    )
    return operation


def _preview(client, operation, variant):
    return client.get(reverse("assessments:brief_preview", args=[operation.pk, variant]))


def _pages(pdf):
    return [page for page in poppler("pdftotext", pdf).split("\f") if page.strip()]


@pytest.mark.parametrize("variant", ["full", "ngo"])
def test_a_planner_previews_a_draft_unsigned_marked_draft_and_unstored(
    planner_client, draft, media, variant
):
    response = _preview(planner_client, draft, variant)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    assert "no-store" in response["Cache-Control"]
    pdf = response.content
    pages = _pages(pdf)
    assert pages and all("DRAFT" in page for page in pages)
    assert "Not approved" in pages[0]
    assert signing.pdf_validate(pdf).problem == "unsigned"
    assert "Signature is Valid" not in poppler("pdfsig", pdf)
    assert not Brief.objects.exists()
    assert not list(media.rglob("*"))  # nothing stored
    event = AuditEvent.objects.filter(kind=AuditEvent.Kind.OPERATION_VIEW).latest("pk")
    assert event.summary == f"draft preview of the {variant} brief"
    assert event.operation == draft and event.username == "alice"


def test_the_full_preview_reads_as_the_brief_will(planner_client, draft):
    pages = _pages(_preview(planner_client, draft, "full").content)
    assert "Go / no-go brief: KESTREL" in pages[0] and "1. Information" in pages[1]
    assert "Golden Thread Garments" in " ".join(pages)  # the full brief, for the task force


def test_the_ngo_preview_reads_the_allow_list_only(planner_client, draft):
    pdf = _preview(planner_client, draft, "ngo").content
    text = " ".join(_pages(pdf)) + poppler("pdfinfo", pdf, "-meta")
    assert "Preparation brief: KESTREL" in text and "Interpreters for Khmer and Lao." in text
    leaked = [secret for secret in RESTRICTED if secret in text or secret.encode() in pdf]
    assert leaked == []


def test_there_is_no_ngo_preview_without_a_receiving_organisation(planner_client, operation):
    response = _preview(planner_client, operation, "ngo")
    assert response.status_code == 302
    page = planner_client.get(response["Location"]).content.decode()
    assert "names no receiving organisation: there is no NGO brief to preview" in page
    assert not AuditEvent.objects.filter(summary__startswith="draft preview").exists()


def test_an_unknown_variant_is_not_found(planner_client, draft):
    assert _preview(planner_client, draft, "press").status_code == 404


def test_a_preview_of_an_approved_plan_signs_and_stores_nothing(
    client, supervisor, approved_operation
):
    briefs = set(Brief.objects.values_list("pk", "status", "file"))
    client.force_login(supervisor)
    pdf = _preview(client, approved_operation, "full").content
    assert signing.pdf_validate(pdf).problem == "unsigned"
    assert "sita, Supervisor" in _pages(pdf)[0]
    assert set(Brief.objects.values_list("pk", "status", "file")) == briefs


def test_the_submit_and_briefs_pages_link_to_the_previews(planner_client, draft):
    links = [reverse("assessments:brief_preview", args=[draft.pk, v]) for v in ("full", "ngo")]
    for name in ("assessment_submit", "operation_briefs"):
        html = planner_client.get(reverse(f"assessments:{name}", args=[draft.pk])).content.decode()
        assert all(link in html for link in links), name


def test_once_approved_the_briefs_page_offers_the_signed_briefs_not_previews(
    client, supervisor, approved_operation
):
    client.force_login(supervisor)
    html = client.get(
        reverse("assessments:operation_briefs", args=[approved_operation.pk])
    ).content.decode()
    assert reverse("assessments:brief_preview", args=[approved_operation.pk, "full"]) not in html
    assert "Draft previews" not in html
