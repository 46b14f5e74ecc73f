import datetime
import io

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command
from django.test import RequestFactory

from assessments import demo_data, scoring, services, waiting
from assessments.models import (
    Approval,
    AssessmentVersion,
    Membership,
    Operation,
    PartnerOrganisation,
    PartnerReviewer,
    TaskForce,
)

# django-axes counts sign-in attempts per request, so authenticate() needs one.
SIGN_IN = RequestFactory().post("/accounts/login/")


@pytest.fixture
def debug(settings):
    settings.DEBUG = True


def _counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            TaskForce,
            PartnerOrganisation,
            PartnerReviewer,
            Membership,
            Operation,
            AssessmentVersion,
            get_user_model(),
        )
    }


def test_it_loads_task_forces_people_and_operations(db, debug, capsys):
    call_command("demo")
    assert set(TaskForce.objects.values_list("name", flat=True)) == set(demo_data.TASK_FORCES)
    assert PartnerReviewer.objects.get().organisation.contact_point
    roles = set(Membership.objects.values_list("user__username", "role", "task_force__name"))
    assert roles == {
        ("planner", "planner", demo_data.MEKONG),
        ("supervisor", "supervisor", demo_data.MEKONG),
        ("commander", "commander", demo_data.MEKONG),
        ("andaman", "planner", demo_data.ANDAMAN),
    }
    assert get_user_model().objects.get(username="admin").is_superuser
    assert not Membership.objects.filter(user__username__in=["admin", "reviewer"]).exists()
    assert Operation.objects.count() == len(demo_data.OPERATIONS) == 10
    # Encrypted at rest, so counted in Python rather than by the database.
    assert sum(1 for operation in Operation.objects.all() if operation.target_address) >= 9
    out = capsys.readouterr().out
    assert "FOR LOCAL USE ONLY" in out
    for username, _role, _task_force, password in demo_data.USERS:
        assert f"{username} " in out and password in out
        assert authenticate(SIGN_IN, username=username, password=password) is not None


def test_its_verdicts_span_the_four_decisions(db, debug):
    call_command("demo", stdout=io.StringIO())
    verdicts = set()
    for planned in demo_data.OPERATIONS:
        operation = Operation.objects.get(codename=planned["profile"]["codename"])
        version = services.current_version(operation=operation)
        verdict = scoring.score_assessment(version.content)
        assert (verdict["classification"], verdict["decision"]) == planned["expect"]
        assert operation.assessment.decision == verdict["decision"]
        verdicts.add((verdict["classification"], verdict["decision"]))
    decisions = {decision for _classification, decision in verdicts}
    assert decisions == {"go", "conditional_go", "no_go", "urgent_go"}
    assert ("smart", "go") in verdicts and ("blind", "no_go") in verdicts


def test_it_gives_some_operations_a_history(db, debug):
    call_command("demo", stdout=io.StringIO())
    assert Operation.objects.get(codename="LOTUS").assessment.version_number == 3


def test_running_it_twice_changes_nothing(db, debug):
    call_command("demo", stdout=io.StringIO())
    before = _counts()
    planner = get_user_model().objects.get(username="planner")
    planner.set_password("changed-by-the-user-1")
    planner.save()
    call_command("demo", stdout=io.StringIO())
    assert _counts() == before
    # A password someone changed is left alone.
    assert authenticate(SIGN_IN, username="planner", password="changed-by-the-user-1") is not None


def test_it_refuses_to_run_without_debug(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("demo")
    assert not Operation.objects.exists()


def test_it_leaves_work_waiting_in_every_state_of_the_workflow(db, debug):
    call_command("demo", stdout=io.StringIO())
    status = {
        operation.codename: operation.assessment.status
        for operation in Operation.objects.select_related("assessment")
    }
    assert status["LOTUS"] == "submitted"
    assert status["BAMBOO"] == "returned"
    assert status["SAMPAN"] == "approved"
    assert status["RICEFIELD"] == "after_action_review"
    supervisor = get_user_model().objects.get(username="supervisor")
    assert "LOTUS" in waiting.operations_to_approve(supervisor).values_list("codename", flat=True)
    assert Approval.objects.filter(assessment__operation__codename="RICEFIELD").count() == 2


def _verdict(codename):
    return services.current_version(operation=Operation.objects.get(codename=codename)).verdict


def test_it_spans_the_rules_of_version_2(db, debug):
    call_command("demo", stdout=io.StringIO())
    # One claims more victim presence than its sources carry.
    overstated = _verdict("BAMBOO")
    assert "presence-overstated" in {finding["rule"] for finding in overstated["findings"]}
    assert overstated["supported_presence"] == "reported"
    # One is led by a private group, which the app stops.
    private = _verdict("TIDEWATER")
    assert private["decision"] == "no_go"
    assert "nogo-lead-agency" in {finding["rule"] for finding in private["findings"]}
    # One is urgent because of abuse going on now, and nothing else.
    urgent = Operation.objects.get(codename="MANGROVE")
    answers = services.current_version(operation=urgent).content["answers"]
    assert answers["ongoing_serious_abuse"] is True
    assert (answers["risk_to_life"], answers["minors_in_commercial_sex"]) == ("none_known", "no")
    assert _verdict("MANGROVE")["decision"] == "urgent_go"


def test_its_planned_dates_are_set_from_the_day_it_is_loaded(db, debug):
    call_command("demo", stdout=io.StringIO())
    today = datetime.date.today()
    planned = dict(Operation.objects.values_list("codename", "planned_date"))
    for operation in demo_data.OPERATIONS:
        days = operation["planned_in_days"]
        expected = None if days is None else today + datetime.timedelta(days=days)
        assert planned[operation["profile"]["codename"]] == expected
    # Approved for next week; the other's date has passed and its review is due.
    next_week = (today + datetime.timedelta(weeks=1)).isocalendar()[:2]
    assert planned["SAMPAN"].isocalendar()[:2] == next_week
    assert Operation.objects.get(codename="SAMPAN").assessment.status == "approved"
    assert planned["RICEFIELD"] < today
    assert planned["LOTUS"] > today
