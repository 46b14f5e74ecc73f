"""The second step of sign-in: required for supervisors, commanders and admins before
anything else, the admin included; optional for planners; recovery codes work once."""

import pytest
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

from assessments import reauth
from assessments.models import AuditEvent, Membership
from assessments.services.two_factor import recovery_code_digest
from tests.conftest import PASSWORD
from tests.two_factor import enrol, totp_token

LOGIN = reverse("login")
VERIFY = reverse("two_factor_verify")
SETUP = reverse("two_factor_setup")
HOME = reverse("assessments:operation_list")


def _sign_in(client, user, next_url=""):
    data = {"username": user.get_username(), "password": PASSWORD}
    return client.post(f"{LOGIN}?next={next_url}" if next_url else LOGIN, data)


def _assert_sent_to(response, url):
    assert response.status_code == 302
    assert response.url.startswith(url)


@pytest.mark.parametrize("persona", ["supervisor", "commander", "admin_user"])
def test_it_asks_for_a_code_after_the_password_and_for_nothing_else(client, request, persona):
    user = request.getfixturevalue(persona)
    response = client.post(LOGIN, {"username": user.get_username(), "password": PASSWORD})
    response = client.get(response.url)
    _assert_sent_to(response, VERIFY)
    # Every page, the admin and the data, waits for the second step.
    for url in (HOME, reverse("admin:index"), reverse("assessments:operation_create")):
        _assert_sent_to(client.get(url), VERIFY)
    page = client.get(VERIFY)
    assert page.status_code == 200
    assert 'autocomplete="one-time-code"' in page.content.decode()


def test_a_right_code_lets_the_supervisor_in_with_a_new_session_key(client, supervisor):
    _sign_in(client, supervisor)
    key_after_password = client.session.session_key
    response = client.post(f"{VERIFY}?next={HOME}", {"token": totp_token(supervisor)})
    _assert_sent_to(response, HOME)
    assert client.get(HOME).status_code == 200
    assert client.session.session_key != key_after_password
    event = AuditEvent.objects.filter(kind=AuditEvent.Kind.SECURITY).get()
    assert (event.user, event.outcome) == (supervisor, "success")


def test_a_wrong_code_is_refused_and_recorded(client, supervisor):
    _sign_in(client, supervisor)
    response = client.post(VERIFY, {"token": "000000"})
    assert response.status_code == 200
    assert "This code is not right" in response.content.decode()
    _assert_sent_to(client.get(HOME), VERIFY)
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.SECURITY)
    assert event.outcome == "failure" and "000000" not in event.summary


def test_a_code_is_accepted_only_once(client, supervisor):
    token = totp_token(supervisor)
    _sign_in(client, supervisor)
    client.post(VERIFY, {"token": token})
    client.post(reverse("logout"))
    _sign_in(client, supervisor)
    response = client.post(VERIFY, {"token": token})
    assert "This code is not right" in response.content.decode()


def test_guessing_is_stopped_by_the_lockout_not_by_a_wait(client, supervisor, settings):
    # A wait after a wrong code refused the right code typed just after it; five wrong
    # codes lock the username instead (tests/test_lockout.py).
    assert settings.OTP_TOTP_THROTTLE_FACTOR == settings.OTP_STATIC_THROTTLE_FACTOR == 0


def test_a_recovery_code_works_once(client, supervisor):
    device = StaticDevice.objects.create(user=supervisor, name="recovery codes")
    StaticToken.objects.create(device=device, token=recovery_code_digest(device.pk, "abcd2345"))
    _sign_in(client, supervisor)
    _assert_sent_to(client.post(VERIFY, {"token": "ABCD 2345"}), HOME)
    assert not StaticToken.objects.exists()
    client.post(reverse("logout"))
    _sign_in(client, supervisor)
    assert "This code is not right" in client.post(VERIFY, {"token": "abcd2345"}).content.decode()


def test_a_supervisor_without_an_authenticator_must_set_one_up(
    client, django_user_model, task_force
):
    boss = django_user_model.objects.create_user("new-boss", password=PASSWORD)
    Membership.objects.create(user=boss, task_force=task_force, role="supervisor")
    _sign_in(client, boss)
    _assert_sent_to(client.get(HOME), SETUP)


def test_staff_without_an_authenticator_must_set_one_up(client, django_user_model):
    django_user_model.objects.create_user("helpdesk", password=PASSWORD, is_staff=True)
    client.post(LOGIN, {"username": "helpdesk", "password": PASSWORD})
    _assert_sent_to(client.get(reverse("admin:index")), SETUP)


def test_a_planner_without_an_authenticator_goes_straight_in(client, planner):
    _assert_sent_to(_sign_in(client, planner), HOME)
    assert client.get(HOME).status_code == 200


def test_a_planner_with_an_authenticator_must_use_it(client, planner):
    enrol(planner)
    _sign_in(client, planner)
    _assert_sent_to(client.get(HOME), VERIFY)


def test_the_admin_has_no_sign_in_page_of_its_own(client, admin_user):
    response = client.get(reverse("admin:login") + "?next=/admin/")
    _assert_sent_to(response, f"{LOGIN}?next=/admin/")
    response = client.post(reverse("admin:login"), {"username": "root", "password": PASSWORD})
    assert response.status_code == 302 and not client.session.get("_auth_user_id")
    client.force_login(admin_user, verified=False)
    _assert_sent_to(client.get(reverse("admin:index")), VERIFY)


def test_a_half_signed_in_user_cannot_enrol_a_new_authenticator(client, supervisor):
    client.force_login(supervisor, verified=False)
    response = client.get(SETUP)
    _assert_sent_to(response, VERIFY)


def test_htmx_requests_are_sent_to_the_second_step_as_a_page(client, supervisor):
    client.force_login(supervisor, verified=False)
    response = client.get(HOME, headers={"HX-Request": "true"})
    assert response.status_code == 204
    assert response["HX-Redirect"].startswith(VERIFY)


def test_reauthentication_needs_a_code_from_who_has_an_authenticator(rf, supervisor):
    from django.contrib.sessions.backends.db import SessionStore

    request = rf.post("/")
    request.user = supervisor
    request.session = SessionStore()
    assert not reauth.reauthentication_check(request=request, password=PASSWORD)
    assert not reauth.reauthentication_check(request=request, password="wrong", token="123")
    assert reauth.reauthentication_check(
        request=request, password=PASSWORD, token=totp_token(supervisor)
    )
