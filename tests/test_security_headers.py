"""Every page carries a strict Content-Security-Policy (nonces, no inline script or style)
and the other protective headers; production settings pass `check --deploy`
(test_settings.py)."""

import io

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import FileResponse, HttpResponse
from django.urls import reverse

from assessments.security.middleware import NoStoreMiddleware


def _policy(response):
    directives = {}
    for directive in response["Content-Security-Policy"].split(";"):
        name, *values = directive.split()
        directives[name] = values
    return directives


@pytest.mark.parametrize("signed_in", [False, True])
def test_every_page_has_a_strict_content_security_policy(client, planner, signed_in):
    if signed_in:
        client.force_login(planner)
    url = reverse("assessments:operation_list") if signed_in else reverse("login")
    response = client.get(url)
    assert response.status_code == 200
    policy = _policy(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    for directive in ("script-src", "style-src"):
        assert "'self'" in policy[directive]
        assert "'unsafe-inline'" not in policy[directive]
        assert "'unsafe-eval'" not in policy[directive]


def test_a_page_that_asks_for_a_nonce_gets_a_fresh_one_in_the_policy(rf, settings):
    from csp.middleware import CSPMiddleware
    from django.http import HttpResponse

    def page(request):
        return HttpResponse(f'<script nonce="{request.csp_nonce}" src="/x.js"></script>')

    middleware = CSPMiddleware(page)
    first, second = middleware(rf.get("/")), middleware(rf.get("/"))
    nonce = first.content.decode().split('"')[1]
    assert f"'nonce-{nonce}'" in _policy(first)["script-src"]
    assert first["Content-Security-Policy"] != second["Content-Security-Policy"]


def test_the_admin_is_under_the_same_policy(client, admin_user):
    client.force_login(admin_user)
    response = client.get(reverse("admin:assessments_taskforce_add"))
    assert response.status_code == 200
    assert _policy(response)["script-src"] == ["'self'"]
    html = response.content.decode()
    assert "<script>" not in html and 'style="' not in html


def test_pages_forbid_framing_sniffing_and_leaking_the_address(client):
    response = client.get(reverse("login"))
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_the_session_and_csrf_cookies_are_not_readable_by_scripts(client, planner):
    response = client.post(
        reverse("login"), {"username": "alice", "password": "correct horse battery staple"}
    )
    assert response.cookies["sessionid"]["httponly"]
    assert client.get(reverse("login")).cookies["csrftoken"]["httponly"]


def test_htmx_is_told_not_to_inject_its_style_element(client):
    html = client.get(reverse("login")).content.decode()
    assert '"includeIndicatorStyles": false' in html


def _answered(rf, path, user, response):
    request = rf.get(path)
    request.user = user
    return NoStoreMiddleware(lambda request: response)(request)


def test_a_download_is_not_cached_even_for_someone_signed_out(rf):
    download = FileResponse(io.BytesIO(b"%PDF"), as_attachment=True, filename="brief.pdf")
    response = _answered(rf, "/briefs/1/download/", AnonymousUser(), download)
    assert {"no-store", "private"} <= set(response["Cache-Control"].replace(" ", "").split(","))


def test_a_signed_in_page_loses_any_public_caching_it_asked_for(rf, planner):
    page = HttpResponse("target address")
    page["Cache-Control"] = "public, max-age=600"
    response = _answered(rf, "/operations/1/", planner, page)
    directives = set(response["Cache-Control"].replace(" ", "").split(","))
    assert {"no-store", "private", "max-age=0"} <= directives and "public" not in directives


def test_static_files_keep_their_caching(rf, planner):
    asset = HttpResponse("body {}")
    asset["Cache-Control"] = "max-age=315360000, public, immutable"
    response = _answered(rf, "/static/css/app.css", planner, asset)
    assert response["Cache-Control"] == "max-age=315360000, public, immutable"
