"""The brief workflow: request, render (claimed once), sweep, and what the NGO brief
may say."""

import hashlib

import pytest
from cryptography.fernet import Fernet
from django.utils import timezone

from assessments import checklist, pdf, services, signing
from assessments.models import AuditEvent, Brief
from tests.briefs_support import approve, poppler, render_briefs


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_approval_queues_a_full_and_an_ngo_brief_after_commit(
    operation, planner, supervisor, partner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        version = approve(
            operation,
            planner=planner,
            supervisor=supervisor,
            profile={"receiving_organisation": partner.name},
        )
    briefs = Brief.objects.filter(version=version)
    assert {brief.variant for brief in briefs} == {"full", "ngo"}
    assert {brief.status for brief in briefs} == {Brief.Status.QUEUED}
    assert briefs.get(variant="ngo").shared_with == partner
    # Nothing is queued before the approval commits: one task per brief after it (the
    # other callbacks make the task force's waiting stamps anew).
    queued = [callback for callback in callbacks if "queue_after_commit" in callback.__qualname__]
    assert len(queued) == 2


def test_brief_request_is_idempotent(approved_operation):
    first = services.brief_request(operation=approved_operation)
    second = services.brief_request(operation=approved_operation)
    assert [brief.pk for brief in first] == [brief.pk for brief in second]
    assert Brief.objects.count() == 2


def test_brief_request_refuses_an_assessment_not_approved(operation):
    with pytest.raises(services.Refused, match="“Draft”"):
        services.brief_request(operation=operation)
    assert not Brief.objects.exists()


def test_brief_request_makes_no_ngo_brief_without_a_receiving_organisation(
    operation, planner, supervisor
):
    approve(operation, planner=planner, supervisor=supervisor)
    briefs = services.brief_request(operation=operation)
    assert [brief.variant for brief in briefs] == ["full"]


def test_render_stores_a_signed_file_whose_hash_is_recorded(approved_operation):
    briefs = render_briefs(approved_operation)
    for brief in briefs.values():
        assert brief.status == Brief.Status.READY
        assert brief.attempts == 1
        data = services.brief_pdf(brief)
        assert hashlib.sha256(data).hexdigest() == brief.sha256
        assert signing.pdf_validate(data).ok


def test_a_duplicate_task_message_renders_once(approved_operation, media):
    brief = Brief.objects.get(variant="full")
    assert services.brief_render(brief_id=brief.pk) is True
    assert services.brief_render(brief_id=brief.pk) is False
    brief.refresh_from_db()
    assert brief.attempts == 1
    assert len(list((media / "briefs").iterdir())) == 1


def test_a_brief_claimed_by_a_live_worker_is_not_taken(approved_operation):
    brief = Brief.objects.get(variant="full")
    Brief.objects.filter(pk=brief.pk).update(
        status=Brief.Status.RENDERING,
        attempts=1,
        deadline=timezone.now() + timezone.timedelta(minutes=1),
    )
    assert services.brief_render(brief_id=brief.pk) is False
    assert services.brief_sweep() == 0


def test_the_sweep_queues_again_a_brief_whose_worker_died(
    approved_operation, django_capture_on_commit_callbacks
):
    brief = Brief.objects.get(variant="full")
    Brief.objects.filter(pk=brief.pk).update(
        status=Brief.Status.RENDERING,
        attempts=1,
        deadline=timezone.now() - timezone.timedelta(seconds=1),
    )
    with django_capture_on_commit_callbacks() as callbacks:
        assert services.brief_sweep() == 1
    # Queued again, with a new deadline, and its task sent once the sweep commits...
    assert len(callbacks) == 1
    brief.refresh_from_db()
    assert brief.status == Brief.Status.QUEUED
    assert brief.deadline > timezone.now()
    # ...which the next worker renders (tests/test_brief_worker.py does it with a real one).
    assert services.brief_render(brief_id=brief.pk)
    brief.refresh_from_db()
    assert brief.status == Brief.Status.READY
    assert brief.attempts == 2


def test_the_sweep_gives_up_after_the_last_attempt(approved_operation):
    brief = Brief.objects.get(variant="full")
    Brief.objects.filter(pk=brief.pk).update(
        status=Brief.Status.RENDERING,
        attempts=services.briefs.MAX_ATTEMPTS,
        deadline=timezone.now() - timezone.timedelta(seconds=1),
    )
    assert services.brief_sweep() == 0
    brief.refresh_from_db()
    assert brief.status == Brief.Status.FAILED


def test_a_failed_render_is_queued_for_a_retry_then_fails(approved_operation, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(pdf, "pdf_render", broken)
    brief = Brief.objects.get(variant="full")
    for _attempt in range(services.briefs.MAX_ATTEMPTS - 1):
        with pytest.raises(services.BriefRenderFailed):
            services.brief_render(brief_id=brief.pk)
        brief.refresh_from_db()
        assert brief.status == Brief.Status.QUEUED
    assert services.brief_render(brief_id=brief.pk) is False
    brief.refresh_from_db()
    assert brief.status == Brief.Status.FAILED
    assert brief.error == "OSError"
    # Asking again queues it again.
    services.brief_request(operation=approved_operation)
    brief.refresh_from_db()
    assert (brief.status, brief.attempts) == (Brief.Status.QUEUED, 0)


def test_brief_request_is_audited(approved_operation):
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.BRIEF_REQUEST).count() == 1


def _distinctive(key):
    return f"ZQX{key.upper().replace('_', '')}LEAK"


def test_the_ngo_brief_carries_no_restricted_or_free_text(operation, planner, supervisor, partner):
    """Every restricted field and every free-text answer holds distinctive text; none
    of it is in the NGO brief's text or metadata."""
    from tests.builders import best_assessment

    answers = best_assessment()["answers"]
    text_items = [key for key, item in checklist.ITEMS.items() if item.type == checklist.TEXT]
    for key in text_items:
        answers[key] = _distinctive(key)
    profile = {
        "target_name": _distinctive("target_name"),
        "target_address": _distinctive("target_address"),
        "suspect_details": _distinctive("suspect_details"),
        "suspect_roles": ["pimp", "recruiter"],
        "planned_date": "2026-12-16",
        "receiving_organisation": partner.name,
    }
    approve(
        operation,
        planner=planner,
        supervisor=supervisor,
        answers=answers,
        profile=profile,
        rationale=_distinctive("rationale"),
        conditions=[_distinctive("condition")],
    )
    briefs = render_briefs(operation)
    ngo = services.brief_pdf(briefs["ngo"])
    visible = poppler("pdftotext", ngo) + poppler("pdfinfo", ngo) + poppler("pdfinfo", ngo, "-meta")
    secrets = [
        *(_distinctive(key) for key in (*text_items, "target_name", "target_address")),
        _distinctive("suspect_details"),
        _distinctive("rationale"),
        _distinctive("condition"),
        "Pimp",
        "Recruiter",
        "16, 2026",  # the day: the NGO brief says the week
    ]
    assert set(checklist.RESTRICTED_FIELDS) <= {
        *text_items,
        "target_name",
        "target_address",
        "suspect_details",
        "suspect_roles",
    }
    leaked = [secret for secret in secrets if secret in visible or secret.encode() in ngo]
    assert leaked == []
    assert "Week 51 of 2026" in visible
    assert "Khmer" in visible and "+66 2 000 0000" in visible
    # The full brief, for the task force, carries the site (the test would notice if the
    # distinctive text never reached a PDF at all), but not the informant: no brief does.
    full_pdf = services.brief_pdf(briefs["full"])
    full = poppler("pdftotext", full_pdf) + poppler("pdfinfo", full_pdf, "-meta")
    assert _distinctive("target_address") in full and _distinctive("offence_basis") in full
    assert _distinctive("informant_details") not in full
    assert _distinctive("informant_details").encode() not in full_pdf
    assert "An informant is known to the handler" in full


def test_the_ngo_context_reads_only_the_allow_list():
    from assessments import brief_content

    allowed = {
        *brief_content.NGO_PROFILE_FIELDS,
        brief_content.NGO_WEEK_FIELD,
        *brief_content.NGO_CARE_ITEMS,
    }
    assert not allowed & checklist.RESTRICTED_FIELDS
    # Free text may name anyone: none of it, but for the partner's own name.
    assert all(
        checklist.field(key).type != checklist.TEXT or key == "receiving_organisation"
        for key in allowed
    )
    # The allow-list is what the records disclose, and nothing else.
    assert allowed == {
        key
        for key, item in {**checklist.PROFILE_FIELDS, **checklist.ITEMS}.items()
        if item.disclosure.ngo_brief != "no" and key != "codename"
    }


def test_every_page_says_restricted_and_page_x_of_y(approved_operation):
    briefs = render_briefs(approved_operation)
    for brief in briefs.values():
        pages = [
            page for page in poppler("pdftotext", services.brief_pdf(brief)).split("\f") if page
        ]
        # The full brief's decision has a page of its own; the NGO brief needs one.
        assert len(pages) >= 2 if brief.variant == "full" else len(pages) == 1
        for number, page in enumerate(pages, 1):
            assert "RESTRICTED" in page
            assert f"Page {number} of {len(pages)}" in page


def test_the_full_brief_is_laid_out_like_iimarch(approved_operation):
    text = poppler("pdftotext", services.brief_pdf(render_briefs(approved_operation)["full"]))
    headings = [
        "Information",
        "Intent",
        "Method",
        "Administration",
        "Risk assessment",
        "Communications",
        "Humanitarian issues",
    ]
    positions = [text.index(f"{number}. {heading}") for number, heading in enumerate(headings, 1)]
    assert positions == sorted(positions)
    first_page = text.split("\f")[0]
    for expected in ("Go", "Classification", "Smart", "Threat tier", "sita (Supervisor)"):
        assert expected in first_page
    content_hash = approved_operation.assessment.versions.latest("number").content_hash
    assert content_hash in text.replace("\n", "")  # wrapped over two lines
    assert "Victims' presence corroborated twice" in text  # the approval's rationale


def test_the_stored_file_is_encrypted_and_rotates_with_the_keys(
    approved_operation, media, settings
):
    briefs = render_briefs(approved_operation)
    stored = {path: path.read_bytes() for path in (media / "briefs").iterdir()}
    assert len(stored) == 2
    for data in stored.values():
        assert data.startswith(b"gAAAA")  # a Fernet token, not a PDF
        assert b"%PDF" not in data
    full = services.brief_pdf(briefs["full"])
    assert "Golden Thread Garments" in poppler("pdftotext", full)
    assert hashlib.sha256(full).hexdigest() == briefs["full"].sha256

    old_key = settings.FIELD_ENCRYPTION_KEYS[0]
    settings.FIELD_ENCRYPTION_KEYS = [Fernet.generate_key().decode(), old_key]
    assert services.brief_files_rotate() == (2, 0)
    assert services.brief_files_rotate() == (0, 2)
    assert not set(media.joinpath("briefs").iterdir()) & set(stored)  # old files deleted
    settings.FIELD_ENCRYPTION_KEYS = settings.FIELD_ENCRYPTION_KEYS[:1]
    briefs["full"].refresh_from_db()
    assert services.brief_pdf(briefs["full"]) == full
