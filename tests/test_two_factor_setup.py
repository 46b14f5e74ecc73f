"""Enrolling an authenticator (QR code as inline SVG, secret for typing), recovery codes
shown once and replaceable, and switching it off: only with re-authentication, and only
for those whose role does not require it."""

import re
from base64 import b32decode, b32encode

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from assessments.models import AuditEvent, Membership
from assessments.services.two_factor import recovery_code_digest
from tests.conftest import PASSWORD
from tests.two_factor import enrol, totp_token

SETUP = reverse("two_factor_setup")
CODES = reverse("recovery_codes_create")
DISABLE = reverse("two_factor_disable")
HOME = reverse("assessments:operation_list")


@pytest.fixture
def new_supervisor(django_user_model, task_force):
    user = django_user_model.objects.create_user("new-boss", password=PASSWORD)
    Membership.objects.create(user=user, task_force=task_force, role="supervisor")
    return user


def _secret(html):
    return re.search(r'<code class="fs-5" id="totp-secret">([A-Z2-7 ]+)</code>', html)[1]


def _code_for(secret):
    return f"{totp(b32decode(secret.replace(' ', ''))):06d}"


def _codes(html):
    block = re.search(r'<ul [^>]*id="recovery-codes">(.*?)</ul>', html, re.S)[1]
    return re.findall(r"<li>([a-z2-7]+)</li>", block)


def test_it_shows_a_qr_code_and_the_secret_without_inline_style(client, new_supervisor):
    client.force_login(new_supervisor, verified=False)
    response = client.get(SETUP)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<svg width="' in html and 'class="qr-code"' in html
    assert "style=" not in html
    secret = _secret(html)
    # Reloading shows the same secret: what was scanned stays valid.
    assert _secret(client.get(SETUP).content.decode()) == secret
    assert not TOTPDevice.objects.get(user=new_supervisor).confirmed


def test_a_right_first_code_enrols_and_shows_ten_recovery_codes(client, new_supervisor):
    client.force_login(new_supervisor, verified=False)
    secret = _secret(client.get(SETUP).content.decode())
    response = client.post(SETUP, {"token": _code_for(secret), "next": HOME})
    assert response.status_code == 200
    codes = _codes(response.content.decode())
    assert len(codes) == 10 and len(set(codes)) == 10
    assert TOTPDevice.objects.get(user=new_supervisor).confirmed
    assert client.get(HOME).status_code == 200  # the session counts as verified
    assert AuditEvent.objects.filter(
        kind=AuditEvent.Kind.SECURITY, summary="two-factor sign-in enabled"
    ).exists()
    # Shown once: the page to manage it lists no code.
    html = client.get(SETUP).content.decode()
    assert "10 unused recovery codes" in html and codes[0] not in html


def test_a_wrong_first_code_enrols_nothing(client, new_supervisor):
    client.force_login(new_supervisor, verified=False)
    client.get(SETUP)
    response = client.post(SETUP, {"token": "123456"})
    assert "This code is not right" in response.content.decode()
    assert not TOTPDevice.objects.filter(confirmed=True).exists()
    response = client.post(SETUP, {"token": ""})
    assert "This field is required." in response.content.decode()


def _stored():
    return set(StaticToken.objects.values_list("token", flat=True))


def _digests(codes):
    device = StaticDevice.objects.get()
    return {recovery_code_digest(device.pk, code) for code in codes}


def test_recovery_codes_are_stored_as_digests_only(client, supervisor):
    client.force_login(supervisor)
    codes = _codes(client.post(CODES, _reauth("codes", supervisor)).content.decode())
    assert not _stored() & set(codes)
    assert _stored() == _digests(codes)


def _reauth(prefix, user, **override):
    return {f"{prefix}-password": PASSWORD, f"{prefix}-token": totp_token(user), **override}


def test_new_recovery_codes_need_reauthentication_and_replace_the_old(client, supervisor):
    client.force_login(supervisor)
    first = _codes(client.post(CODES, _reauth("codes", supervisor)).content.decode())
    assert len(first) == 10
    refused = client.post(CODES, _reauth("codes", supervisor, **{"codes-password": "wrong"}))
    assert "Your password or code is not right" in refused.content.decode()
    assert _stored() == _digests(first)
    second = _codes(client.post(CODES, _reauth("codes", supervisor)).content.decode())
    assert not set(first) & set(second)
    assert _stored() == _digests(second)


def test_a_planner_may_switch_it_off_after_reauthentication(client, planner):
    enrol(planner)
    client.force_login(planner)
    refused = client.post(DISABLE, _reauth("disable", planner, **{"disable-token": "000000"}))
    assert "Your password or code is not right" in refused.content.decode()
    assert TOTPDevice.objects.filter(user=planner).exists()
    response = client.post(DISABLE, _reauth("disable", planner))
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=planner).exists()
    assert client.get(HOME).status_code == 200


@pytest.mark.parametrize("persona", ["supervisor", "commander", "admin_user"])
def test_who_needs_it_cannot_switch_it_off(client, request, persona):
    user = request.getfixturevalue(persona)
    client.force_login(user)
    assert "Turn off" not in client.get(SETUP).content.decode()
    client.post(DISABLE, _reauth("disable", user))
    assert TOTPDevice.objects.filter(user=user).exists()


def test_the_admin_may_delete_an_authenticator_but_not_read_its_secret(
    client, admin_user, supervisor
):
    device = TOTPDevice.objects.get(user=supervisor)
    client.force_login(admin_user)
    html = client.get(
        reverse("admin:otp_totp_totpdevice_change", args=[device.pk])
    ).content.decode()
    assert device.key not in html and b32encode(device.bin_key).decode() not in html
    client.post(reverse("admin:otp_totp_totpdevice_delete", args=[device.pk]), {"post": "yes"})
    assert not TOTPDevice.objects.filter(user=supervisor).exists()


def test_turning_it_on_by_choice_asks_for_the_password(client, planner):
    """Red team: a session left open let anyone enrol an authenticator of their own and
    lock the planner out."""
    client.force_login(planner)
    html = client.get(SETUP).content.decode()
    secret = _secret(html)
    refused = client.post(SETUP, {"password": "not mine", "token": _code_for(secret)})
    assert "Your password is not right." in refused.content.decode()
    assert not TOTPDevice.objects.filter(user=planner, confirmed=True).exists()
    response = client.post(SETUP, {"password": PASSWORD, "token": _code_for(secret)})
    assert response.status_code == 200 and 'id="recovery-codes"' in response.content.decode()
    assert TOTPDevice.objects.filter(user=planner, confirmed=True).exists()


def test_a_required_first_enrolment_asks_for_no_password_again(client, new_supervisor):
    client.force_login(new_supervisor, verified=False)
    assert 'name="password"' not in client.get(SETUP).content.decode()
