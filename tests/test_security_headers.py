"""Every page carries a strict Content-Security-Policy (nonces, no inline script or style)
and the other protective headers; production settings pass `check --deploy`
(test_settings.py)."""

import pytest
from django.urls import reverse


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
