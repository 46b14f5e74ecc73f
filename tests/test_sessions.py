"""Sessions: a new key at sign-in, 30 idle minutes, 12 hours at most, and none left for a
user who is disabled or whose password changes."""

import time

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from assessments.security.middleware import ACTIVE_AT, SIGNED_IN_AT
from tests.conftest import PASSWORD

LOGIN = reverse("login")
HOME = reverse("assessments:operation_list")


def _signed_in(user):
    client = Client()
    response = client.post(LOGIN, {"username": user.get_username(), "password": PASSWORD})
    assert response.status_code == 302
    return client


def _sessions_of(user):
    return [
        session
        for session in Session.objects.all()
        if session.get_decoded().get("_auth_user_id") == str(user.pk)
    ]


def _edit_session(client, **values):
    session = client.session
    session.update(values)
    session.save()


def test_signing_in_gives_the_session_a_new_key(client, planner):
    _edit_session(client, language="en")
    before = client.session.session_key
    client.post(LOGIN, {"username": "alice", "password": PASSWORD})
    assert client.session.session_key != before
    assert not Session.objects.filter(session_key=before).exists()


def test_a_session_expires_after_30_idle_minutes(settings, planner):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    client = _signed_in(planner)
    (session,) = _sessions_of(planner)
    remaining = (session.expire_date - timezone.now()).total_seconds()
    assert 29 * 60 < remaining <= 30 * 60
    Session.objects.update(expire_date=timezone.now() - timezone.timedelta(seconds=1))
    response = client.get(HOME)
    assert response.status_code == 302 and response.url.startswith(LOGIN)


def test_using_the_session_pushes_its_idle_expiry_on(planner):
    client = _signed_in(planner)
    Session.objects.update(expire_date=timezone.now() + timezone.timedelta(minutes=5))
    _edit_session(client, **{ACTIVE_AT: time.time() - 61})
    assert client.get(HOME).status_code == 200
    (session,) = _sessions_of(planner)
    assert (session.expire_date - timezone.now()).total_seconds() > 29 * 60


def test_a_session_ends_12_hours_after_sign_in_however_active(settings, planner):
    assert settings.SESSION_ABSOLUTE_AGE == 12 * 60 * 60
    client = _signed_in(planner)
    _edit_session(client, **{SIGNED_IN_AT: time.time() - 11.9 * 3600})
    assert client.get(HOME).status_code == 200
    _edit_session(client, **{SIGNED_IN_AT: time.time() - 12 * 3600 - 1})
    response = client.get(HOME)
    assert response.status_code == 302 and response.url.startswith(LOGIN)
    assert not _sessions_of(planner)
    assert "Your session has ended" in client.get(response.url).content.decode()


@pytest.mark.parametrize("change", ["disable", "password", "delete"])
def test_every_session_of_a_changed_user_ends(planner, second_planner, change):
    first, second = _signed_in(planner), _signed_in(planner)
    bystander = _signed_in(second_planner)
    assert len(_sessions_of(planner)) == 2
    if change == "disable":
        planner.is_active = False
        planner.save()
    elif change == "password":
        planner.set_password("a brand new passphrase")
        planner.save()
    else:
        planner.delete()
    assert not _sessions_of(planner)  # deleted, not merely refused
    for client in (first, second):
        response = client.get(HOME)
        assert response.status_code == 302 and response.url.startswith(LOGIN)
    assert bystander.get(HOME).status_code == 200


def test_other_changes_leave_sessions_alone(planner):
    client = _signed_in(planner)
    planner.first_name = "Alice"
    planner.save()
    assert client.get(HOME).status_code == 200
