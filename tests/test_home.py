import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
STYLE_ELEMENT = re.compile(r"<style\b", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"\sstyle\s*=", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
REMOTE_RESOURCE = re.compile(r"(?:src|href|action)\s*=\s*[\"']?(?:https?:)?//", re.IGNORECASE)
STATIC_REFERENCE = re.compile(r"(?:src|href)=\"/static/([^\"]+)\"")


def assert_csp_friendly(html):
    # A Content-Security-Policy without 'unsafe-inline' will forbid all of these, and the
    # app must load nothing from another origin.
    assert not INLINE_SCRIPT.search(html), INLINE_SCRIPT.search(html)
    assert not STYLE_ELEMENT.search(html)
    assert not STYLE_ATTRIBUTE.search(html), STYLE_ATTRIBUTE.search(html)
    assert not EVENT_HANDLER.search(html), EVENT_HANDLER.search(html)
    assert not REMOTE_RESOURCE.search(html), REMOTE_RESOURCE.search(html)


@pytest.mark.django_db
def test_it_sends_visitors_who_are_not_signed_in_to_sign_in(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next=/"


@pytest.mark.django_db
def test_it_shows_the_operations_list_at_the_root(client, django_user_model):
    user = django_user_model.objects.create_user("planner", password="a-long-password-1")
    client.force_login(user)
    response = client.get("/")
    assert response.status_code == 200
    assert response.resolver_match.view_name == "assessments:operation_list"
    html = response.content.decode()
    assert "RaidAssess" in html
    assert_csp_friendly(html)


@pytest.mark.django_db
def test_it_lands_on_the_operations_list_after_signing_in(client, django_user_model):
    django_user_model.objects.create_user("planner", password="a-long-password-1")
    response = client.post(
        reverse("login"), {"username": "planner", "password": "a-long-password-1"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("assessments:operation_list")


@pytest.mark.django_db
def test_it_shows_the_login_page(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "RaidAssess" in html
    assert 'name="username"' in html and 'name="password"' in html
    assert_csp_friendly(html)


@pytest.mark.django_db
def test_it_signs_out_only_by_post(client, django_user_model):
    user = django_user_model.objects.create_user("planner", password="a-long-password-1")
    client.force_login(user)
    html = client.get(reverse("assessments:operation_list")).content.decode()
    assert "planner" in html
    assert f'action="{reverse("logout")}" method="post"' in html
    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("login")


@pytest.mark.django_db
def test_it_serves_every_static_file_the_pages_reference(client):
    html = client.get(reverse("login")).content.decode()
    references = STATIC_REFERENCE.findall(html)
    assert "vendor/bootstrap/bootstrap.min.css" in references
    assert "vendor/htmx/htmx.min.js" in references
    for reference in references:
        assert finders.find(reference), reference


@pytest.mark.django_db
def test_it_sends_the_csrf_token_with_htmx_requests(client):
    html = client.get(reverse("login")).content.decode()
    assert re.search(r"<body hx-headers='\{\"X-CSRFToken\": \"[A-Za-z0-9]+\"\}'>", html)


@pytest.mark.django_db
def test_it_answers_the_health_check(client):
    response = client.get(reverse("assessments:healthz"))
    assert response.status_code == 200
    assert response.content == b"ok"
    assert response["Content-Type"].startswith("text/plain")


@pytest.mark.parametrize(
    "template", sorted(TEMPLATES_DIR.rglob("*.html")), ids=lambda path: path.name
)
def test_templates_have_no_inline_code_or_remote_resources(template):
    assert_csp_friendly(template.read_text())


@pytest.mark.django_db
def test_it_switches_the_language(client):
    response = client.post(reverse("set_language"), {"language": "th", "next": "/"})
    assert response.status_code == 302
    html = client.get(reverse("login")).content.decode()
    assert '<html lang="th">' in html
    assert '<option value="th" lang="th" selected>' in html
