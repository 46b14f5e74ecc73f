"""A supervisor approves in the browser; a real Celery worker renders the briefs while
the status element polls for them; the supervisor downloads the signed full brief, and
the NGO reviewer downloads the NGO brief and finds no address or suspect in it."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from assessments import services, signing
from assessments.models import AuditEvent, Brief
from tests.briefs_support import poppler
from tests.browser.helpers import assert_accessible, sign_in
from tests.builders import best_assessment
from tests.conftest import PASSWORD
from tests.two_factor import totp_token

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
# Rendering and signing take about half a second; a worker starting up, a few more.
BRIEF_READY_MS = 60_000


def _valid(pdf):
    """pyHanko validates with asyncio.run, which Playwright's loop in this thread forbids."""
    with ThreadPoolExecutor(1) as thread:
        return thread.submit(signing.pdf_validate, pdf).result().ok


def _download(page, link):
    with page.expect_download() as download:
        link.click()
    return open(download.value.path(), "rb").read()  # noqa: SIM115 (Playwright's temp file)


def test_approve_then_the_briefs_appear_signed_and_the_ngo_gets_only_its_own(
    new_context, broker, start_worker, operation, planner, supervisor, partner, ngo_reviewer
):
    services.assessment_save(
        operation=operation,
        user=planner,
        base_version=1,
        answers=best_assessment()["answers"],
        profile={"receiving_organisation": partner.name},
    )
    services.assessment_submit(operation=operation, user=planner)
    worker = start_worker()

    # The supervisor approves, entering the password and a code again.
    page = sign_in(new_context(accept_downloads=True).new_page(), supervisor)
    page.goto(reverse("assessments:assessment_decision", args=[operation.pk]))
    page.get_by_label("Rationale, comments or reason").fill("Corroborated; shelter ready.")
    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_label("Code from your authenticator app").fill(totp_token(supervisor))
    page.get_by_role("button", name="Approve").click()
    expect(page.locator(".workflow-status")).to_have_text("Approved")

    # The briefs page is opened while the worker renders; it updates itself, no reload.
    page.get_by_role("link", name="Briefs").click()
    status = page.locator("#brief-status")
    expect(status.locator(".badge")).to_have_count(2)
    downloads = status.get_by_role("link", name="Download the signed PDF")
    try:
        expect(downloads).to_have_count(2, timeout=BRIEF_READY_MS)
    except AssertionError:
        pytest.fail(f"The briefs did not appear. Worker log:\n{worker.log()}")
    expect(status).not_to_have_attribute("hx-trigger", "every 400ms")
    assert_accessible(page, "briefs")

    full = _download(
        page,
        status.locator("li", has_text="Full brief").get_by_role(
            "link", name="Download the signed PDF"
        ),
    )
    assert _valid(full)
    assert "Signature is Valid" in poppler("pdfsig", full)
    assert "Golden Thread Garments" in poppler("pdftotext", full)

    # The NGO reviewer finds the NGO brief among the briefs shared with the organisation.
    ngo_page = sign_in(new_context(accept_downloads=True).new_page(), ngo_reviewer)
    shared = ngo_page.locator("#shared-briefs").get_by_role("link", name="KESTREL")
    expect(shared).to_have_count(1)
    assert_accessible(ngo_page, "shared briefs")
    shared.click()
    ngo = _download(ngo_page, ngo_page.get_by_role("link", name="Download the signed PDF"))
    assert _valid(ngo)
    text = poppler("pdftotext", ngo) + poppler("pdfinfo", ngo)
    assert "KESTREL" in text
    for restricted in ("Golden Thread", "Riverside Road", "Mr K.", "guards at the gate"):
        assert restricted not in text

    downloaded = AuditEvent.objects.filter(kind=AuditEvent.Kind.BRIEF_DOWNLOAD)
    assert sorted(downloaded.values_list("username", flat=True)) == [
        ngo_reviewer.username,
        supervisor.username,
    ]
    assert set(Brief.objects.values_list("status", flat=True)) == {Brief.Status.READY}
