"""Bodies and uploads too large, and requests Django cannot read: a page that says so in
words (413 or 400), never a stack trace or a bare "Bad Request"."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse


def _assert_too_large_page(response):
    assert response.status_code == 413
    html = response.content.decode()
    assert "What you sent is too large" in html
    assert "Nothing was saved" in html
    assert "Traceback" not in html


@pytest.mark.parametrize("encoding", ["multipart", "urlencoded"])
def test_it_answers_a_body_too_large_with_a_readable_page(planner_client, settings, encoding):
    url = reverse("assessments:operation_create")
    codename = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    if encoding == "multipart":
        response = planner_client.post(url, {"codename": codename})
    else:
        response = planner_client.post(
            url, f"codename={codename}", content_type="application/x-www-form-urlencoded"
        )
    _assert_too_large_page(response)


def test_it_answers_other_bad_requests_with_a_readable_page(planner_client):
    too_many_fields = "&".join(f"f{number}=x" for number in range(1001))
    responses = [
        planner_client.post(
            reverse("assessments:operation_create"),
            too_many_fields,
            content_type="application/x-www-form-urlencoded",
        ),
        planner_client.get(reverse("login"), headers={"host": "attacker.example"}),
    ]
    for response in responses:
        assert response.status_code == 400
        html = response.content.decode()
        assert "This request could not be understood" in html
        assert "Traceback" not in html


@pytest.mark.parametrize("name", ["assessment_import", "brief_verify"])
def test_it_refuses_an_upload_too_large_before_reading_it(planner_client, settings, name):
    settings.MAX_UPLOAD_BYTES = 64 * 1024
    upload = SimpleUploadedFile("file.pdf", b"%PDF-" + b" " * (100 * 1024), "application/pdf")
    response = planner_client.post(reverse(f"assessments:{name}"), {"file": upload})
    _assert_too_large_page(response)
