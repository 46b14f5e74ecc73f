"""The verify page: a valid brief and one that is not read differently at a glance, with
the variant and the file's name; each verification is in the audit trail, that of a
task force's own brief (a changed copy too) where its supervisors read it."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from assessments import services
from assessments.models import AuditEvent, Brief

VERIFY = reverse("assessments:brief_verify")


# Every test here stores brief files: in a folder of its own.
pytestmark = pytest.mark.usefixtures("media")


def _verify(client, data, name="brief.pdf"):
    upload = SimpleUploadedFile(name, data, content_type="application/pdf")
    return client.post(VERIFY, {"file": upload}).content.decode()


def _tampered(brief):
    """The signed file of `brief` with one byte of its signed content changed."""
    data = bytearray(services.brief_pdf(brief))
    position = data.index(b"/Title") + 1
    data[position] ^= 0x01
    return bytes(data)


def _result(html):
    return html.split('id="verification"')[1].split("</section>")[0]


def _last_verification():
    return AuditEvent.objects.filter(kind=AuditEvent.Kind.BRIEF_VERIFY).latest("pk")


def test_a_brief_in_force_reads_valid_with_its_variant_and_file_name(client, ngo_reviewer, ready):
    client.force_login(ngo_reviewer)
    result = _result(_verify(client, services.brief_pdf(ready["ngo"]), name="KESTREL-ngo.pdf"))
    assert "alert-success" in result and 'role="alert"' not in result
    assert "✔" in result and "Valid: this is the brief in force" in result
    assert "It is the brief of KESTREL, version 2, as this deployment signed and issued it" in (
        result
    )
    assert "NGO brief (need to know)" in result
    assert "KESTREL-ngo.pdf" in result
    assert "Issued by this deployment: KESTREL, version 2." in result
    assert "sita, Supervisor" in result
    # The certificate is named in the small print, by its holder's name, without jargon.
    assert "Common Name" not in result
    assert "RaidAssess development signing key" in result.split("verification-signer")[1]
    event = _last_verification()
    assert (event.outcome, event.operation, event.user) == (
        "success",
        ready["ngo"].version.assessment.operation,
        ngo_reviewer,
    )
    assert event.summary == "ngo brief of version 2: valid, in force"


def test_a_changed_copy_is_unmistakably_not_valid_and_tells_nothing_of_the_brief(
    client, other_planner, ready
):
    client.force_login(other_planner)
    result = _result(_verify(client, _tampered(ready["full"]), name="looks-fine.pdf"))
    assert "alert-danger" in result and 'role="alert"' in result
    assert "✖" in result and "NOT VALID: do not trust this file" in result
    assert "The file was changed after it was signed" in result
    assert "looks-fine.pdf" in result
    assert "This deployment has no record of this exact file." in result
    for detail in ("KESTREL", "Full brief", "sita", "alert-success"):
        assert detail not in result
    # Our signature still names the brief it was: the event is KESTREL's task force's.
    event = _last_verification()
    operation = ready["full"].version.assessment.operation
    assert (event.outcome, event.operation, event.task_force_id, event.user) == (
        "failure",
        operation,
        operation.task_force_id,
        other_planner,
    )
    assert event.summary == "full brief of version 2: not valid: changed after it was signed"


def test_a_brief_no_longer_in_force_is_a_warning(client, planner, ready):
    operation = ready["full"].version.assessment.operation
    services.assessment_revise(operation=operation, user=planner)
    client.force_login(planner)
    result = _result(_verify(client, services.brief_pdf(ready["full"])))
    assert "alert-warning" in result and 'role="alert"' in result
    assert "Genuine, but no longer in force: do not act on it" in result
    assert "verification-superseded" in result
    assert "Full brief (task force)" in result
    assert _last_verification().outcome == "failure"
    assert _last_verification().summary == "full brief of version 2: genuine, no longer in force"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x00\x01garbage", "This is not a PDF file."),
        (b"hello, I am text", "This is not a PDF file."),
        (b"%PDF-1.7\n garbage after the header", "cannot be read as a PDF"),
        (b"%PDF-1.7\n" + b"0" * (10 * 1024 * 1024), "larger than 10 MB"),
    ],
)
def test_verify_answers_bad_uploads_with_a_message(client, planner, data, message):
    client.force_login(planner)
    html = _verify(client, data)
    assert message in html


def test_a_file_that_is_no_pdf_of_ours_is_not_valid_and_of_no_task_force(client, planner, db):
    client.force_login(planner)
    result = _result(_verify(client, b"%PDF-1.7\n garbage after the header"))
    assert "NOT VALID" in result and 'role="alert"' in result
    event = _last_verification()
    assert (event.outcome, event.operation, event.task_force) == ("failure", None, None)
    assert event.summary == "not valid: not a readable PDF, not a brief issued here"


def test_verify_without_a_file_names_the_field(client, planner):
    client.force_login(planner)
    html = client.post(VERIFY, {}).content.decode()
    assert "Choose the PDF of a brief to verify." in html


def test_briefs_signed_before_get_their_digest_from_their_file(client, planner, ready):
    """Migration 0018 reads it from each stored file; one that cannot be read stays empty."""
    migration = importlib.import_module("assessments.migrations.0018_brief_signed_digest")
    expected = {brief.pk: brief.signed_digest for brief in ready.values()}
    assert all(expected.values())
    Brief.objects.update(signed_digest="")
    Brief.objects.filter(pk=ready["ngo"].pk).update(file="briefs/gone.pdf.enc")
    migration.record_signed_digests(django_apps, None)
    assert Brief.objects.get(pk=ready["full"].pk).signed_digest == expected[ready["full"].pk]
    assert Brief.objects.get(pk=ready["ngo"].pk).signed_digest == ""
    client.force_login(planner)
    _verify(client, _tampered(ready["full"]))
    assert _last_verification().operation == ready["full"].version.assessment.operation


def test_the_supervisor_reads_who_verified_their_brief_and_what_came_of_it(
    client, supervisor, other_planner, ready
):
    client.force_login(other_planner)
    _verify(client, _tampered(ready["full"]))
    client.force_login(supervisor)
    html = client.get(reverse("assessments:audit_list"), {"kind": "brief_verify"}).content
    html = html.decode()
    assert "oscar" in html
    assert "full brief of version 2: not valid: changed after it was signed" in html
