"""Sign-in, failed sign-in and sign-out are in the audit trail, with the address; a
password never is."""

from django.test import Client
from django.urls import reverse

from assessments.models import AuditEvent
from assessments.services.audit import client_address

from .audit_support import events_of, only_event_of
from .conftest import PASSWORD

Kind = AuditEvent.Kind
WRONG_PASSWORD = "not the password at all"


def _sign_in(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_it_records_a_sign_in_with_the_address(planner):
    response = _sign_in(Client(REMOTE_ADDR="192.0.2.7"), "alice", PASSWORD)
    assert response.status_code == 302
    event = only_event_of(Kind.SIGN_IN)
    assert (event.user, event.username, event.outcome) == (planner, "alice", "success")
    assert event.address == "192.0.2.7"


def test_it_records_a_failed_sign_in_with_the_name_tried_and_no_password(planner):
    response = _sign_in(Client(REMOTE_ADDR="198.51.100.9"), "alice", WRONG_PASSWORD)
    assert response.status_code == 200
    assert not events_of(Kind.SIGN_IN)
    event = only_event_of(Kind.SIGN_IN_FAILED)
    assert (event.user, event.username, event.outcome) == (None, "alice", "failure")
    assert event.address == "198.51.100.9"
    for row in AuditEvent.objects.values():
        assert WRONG_PASSWORD not in str(row)
        assert PASSWORD not in str(row)


def test_it_records_a_failed_sign_in_for_a_name_that_does_not_exist(db):
    _sign_in(Client(), "mallory", WRONG_PASSWORD)
    assert only_event_of(Kind.SIGN_IN_FAILED).username == "mallory"


def test_it_records_a_sign_out(planner):
    client = Client(REMOTE_ADDR="203.0.113.5")
    _sign_in(client, "alice", PASSWORD)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    event = only_event_of(Kind.SIGN_OUT)
    assert (event.user, event.address) == (planner, "203.0.113.5")


def test_it_records_no_sign_out_for_someone_who_was_not_signed_in(db):
    Client().post(reverse("logout"))
    assert not events_of(Kind.SIGN_OUT)


def test_behind_a_trusted_proxy_the_address_is_the_one_the_proxy_appended(rf, settings):
    request = rf.get("/", HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.5", REMOTE_ADDR="172.17.0.1")
    assert client_address(request) == "172.17.0.1"  # not trusted: the proxy's own
    settings.TRUST_X_FORWARDED_FOR = True
    # The first entry is the client's to forge; the last is what the proxy saw.
    assert client_address(request) == "203.0.113.5"
    assert client_address(rf.get("/", REMOTE_ADDR="172.17.0.1")) == "172.17.0.1"
