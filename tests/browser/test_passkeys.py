"""Passkeys in Chromium, with its virtual authenticator (the DevTools protocol's WebAuthn
domain, through Playwright's CDP session): a supervisor registers one, signs in with it
and approves with it; another user's passkey and an answer made for another origin are
refused; registration and removal are in the audit trail."""

import re

import pytest
from django.urls import reverse
from django_otp_webauthn.models import WebAuthnCredential
from playwright.sync_api import expect

from assessments.models import Approval, AuditEvent
from tests.browser.helpers import assert_accessible, sign_in
from tests.conftest import PASSWORD
from tests.two_factor import totp_token
from tests.workflow_builders import submitted_operation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
CODE = "Code from your authenticator app"
MANAGE = "/accounts/two-factor/"

# The page's own request options, answered by any passkey the authenticator holds (no
# allowCredentials): what a tampered browser could send. Returns the answer as JSON.
ANY_PASSKEY = """async () => {
  const options = JSON.parse(document.getElementById("passkey-request-options").textContent);
  const bytes = (t) => Uint8Array.from(atob(t.replace(/-/g, "+").replace(/_/g, "/")
    + "===".slice((t.length + 3) % 4)), (c) => c.charCodeAt(0)).buffer;
  const text = (b) => btoa(String.fromCharCode(...new Uint8Array(b)))
    .replace(/\\+/g, "-").replace(/\\//g, "_").replace(/=+$/, "");
  const credential = await navigator.credentials.get({publicKey: {
    challenge: bytes(options.challenge), rpId: options.rpId, allowCredentials: []}});
  const r = credential.response;
  return JSON.stringify({id: credential.id, rawId: text(credential.rawId), type: "public-key",
    clientExtensionResults: {}, response: {clientDataJSON: text(r.clientDataJSON),
    authenticatorData: text(r.authenticatorData), signature: text(r.signature),
    userHandle: r.userHandle ? text(r.userHandle) : undefined}});
}"""


@pytest.fixture(autouse=True)
def passkey_origin(settings, live_server):
    # The live server's origin (http://localhost:PORT): a secure context for WebAuthn.
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = [live_server.url]


def _authenticator(page):
    """A virtual platform authenticator that says yes at once, for this page."""
    session = page.context.new_cdp_session(page)
    session.send("WebAuthn.enable")
    session.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    return session


def _register(page, user, name):
    page.goto(MANAGE)
    form = page.locator("#passkey-add-form")
    form.get_by_label("Name of the passkey").fill(name)
    form.get_by_label("Your password").fill(PASSWORD)
    form.get_by_label(CODE).fill(totp_token(user))
    form.get_by_role("button", name="Add a passkey").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a passkey")
    page.get_by_role("button", name="Make the passkey").click()
    expect(page.locator("#passkey-list")).to_contain_text(name)


def _device_with_passkey(new_context, user, name):
    """A page on a device of its own (a virtual authenticator), `user` signed in there
    with a passkey `name` registered."""
    page = new_context().new_page()
    _authenticator(page)
    sign_in(page, user)
    _register(page, user, name)
    return page


def _sign_out(page):
    page.get_by_role("button", name=re.compile("sign out", re.IGNORECASE)).click()


def _sign_in_with_password_only(page, user):
    page.goto("/accounts/login/")
    page.get_by_label(re.compile("username", re.IGNORECASE)).fill(user.get_username())
    page.get_by_label(re.compile("password", re.IGNORECASE)).fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile("/accounts/verify/"))


def test_register_sign_in_and_approve_with_a_passkey_then_remove_it(
    new_context, task_force, planner, supervisor
):
    operation = submitted_operation(task_force, planner, codename="OSPREY")
    page = _device_with_passkey(new_context, supervisor, "work laptop")
    assert_accessible(page, "two-factor page with a passkey")
    passkey = WebAuthnCredential.objects.get(user=supervisor)
    assert passkey.name == "work laptop"
    assert AuditEvent.objects.filter(
        kind=AuditEvent.Kind.SECURITY, user=supervisor, summary="passkey 'work laptop' registered"
    ).exists()

    # Signing in: the password, then a touch instead of the code.
    _sign_out(page)
    _sign_in_with_password_only(page, supervisor)
    page.get_by_role("button", name="Use a passkey").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Operations")
    assert AuditEvent.objects.filter(summary="passkey 'work laptop' used").exists()

    # Approving: the password, and the passkey instead of a code.
    page.goto(reverse("assessments:assessment_decision", args=[operation.pk]))
    page.get_by_label("Rationale, comments or reason").fill("Smart plan; care is ready.")
    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_role("button", name="Confirm with a passkey instead of a code").click()
    expect(page.locator("[data-passkey-status]")).to_have_text(
        "Passkey confirmed: no code is needed now."
    )
    assert_accessible(page, "decision with a passkey")
    page.get_by_role("button", name="Approve").click()
    expect(page.locator(".workflow-status")).to_have_text("Approved")
    assert Approval.objects.get().approver == supervisor

    # Removing it, on record.
    page.goto(MANAGE)
    page.get_by_role("button", name="Remove “work laptop”").click()
    expect(page.get_by_text("Passkey removed.")).to_be_visible()
    assert not WebAuthnCredential.objects.exists()
    assert AuditEvent.objects.filter(summary="passkey 'work laptop' removed").exists()


def test_another_users_passkey_is_refused(new_context, supervisor, commander):
    # The commander's passkey and the supervisor's each on a device of their own...
    commander_page = _device_with_passkey(new_context, commander, "commander's phone")
    _device_with_passkey(new_context, supervisor, "supervisor's key")

    # ...and the supervisor, at the commander's device, answers with the commander's.
    _sign_out(commander_page)
    _sign_in_with_password_only(commander_page, supervisor)
    answer = commander_page.evaluate(ANY_PASSKEY)
    commander_page.evaluate(
        "answer => { document.querySelector('[name=passkey]').value = answer;"
        " document.querySelector('main form').submit(); }",
        answer,
    )
    expect(commander_page.locator("main")).to_contain_text("This code is not right")
    expect(commander_page).to_have_url(re.compile("/accounts/verify/"))
    assert AuditEvent.objects.filter(
        kind=AuditEvent.Kind.SECURITY, user=supervisor, outcome="failure"
    ).exists()


def test_a_passkey_answer_made_for_another_origin_is_refused(new_context, supervisor, settings):
    page = _device_with_passkey(new_context, supervisor, "work laptop")
    _sign_out(page)
    _sign_in_with_password_only(page, supervisor)
    # The server now expects another origin: what a phishing site relaying the ceremony
    # from its own address would send.
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = ["https://raidassess.example.org"]
    page.get_by_role("button", name="Use a passkey").click()
    expect(page.locator("main")).to_contain_text("This code is not right")
    page.get_by_label(CODE).fill(totp_token(supervisor))
    page.locator("main").get_by_role("button", name="Verify").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Operations")
