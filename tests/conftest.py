"""Named personas and a ready operation, shared by every test that needs the database.

Personas: a planner, supervisor and commander of the Mekong task force; a planner of
another task force (Andaman); a reviewer of the partner NGO and one of another NGO; an
admin. Every persona's password is PASSWORD.

Two-factor sign-in: supervisor, commander and admin_user come with an authenticator
(`tests.two_factor.enrol`), as their roles require; `client.force_login(user)` passes the
second step for them too (`client.force_login(user, verified=False)` does not), and
`tests.two_factor.totp_token(user)` is the code to type where a page asks for one.
"""

import pytest

from assessments import services
from assessments.models import Membership, PartnerOrganisation, PartnerReviewer, TaskForce
from tests.briefs_support import render_briefs
from tests.celery_worker import broker, start_worker  # noqa: F401 (fixtures)
from tests.two_factor import VerifyingClient, enrol

PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """PBKDF2's deliberate slowness protects real passwords, not test personas."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def client():
    """pytest-django's client, whose force_login also passes the second sign-in step."""
    return VerifyingClient()


@pytest.fixture
def task_force(db):
    return TaskForce.objects.create(name="Mekong task force")


@pytest.fixture
def other_task_force(db):
    return TaskForce.objects.create(name="Andaman task force")


@pytest.fixture
def partner(db):
    return PartnerOrganisation.objects.create(name="Safe Harbour", contact_point="+66 2 000 0000")


@pytest.fixture
def other_partner(db):
    return PartnerOrganisation.objects.create(name="Another NGO")


def _user(django_user_model, username, **extra):
    return django_user_model.objects.create_user(username, password=PASSWORD, **extra)


def _member(django_user_model, username, task_force, role):
    user = _user(django_user_model, username)
    Membership.objects.create(user=user, task_force=task_force, role=role)
    return user


@pytest.fixture
def planner(django_user_model, task_force):
    return _member(django_user_model, "alice", task_force, Membership.Role.PLANNER)


@pytest.fixture
def second_planner(django_user_model, task_force):
    return _member(django_user_model, "bruno", task_force, Membership.Role.PLANNER)


@pytest.fixture
def supervisor(django_user_model, task_force):
    user = _member(django_user_model, "sita", task_force, Membership.Role.SUPERVISOR)
    enrol(user)
    return user


@pytest.fixture
def commander(django_user_model, task_force):
    user = _member(django_user_model, "chan", task_force, Membership.Role.COMMANDER)
    enrol(user)
    return user


@pytest.fixture
def other_planner(django_user_model, other_task_force):
    return _member(django_user_model, "oscar", other_task_force, Membership.Role.PLANNER)


@pytest.fixture
def ngo_reviewer(django_user_model, partner):
    user = _user(django_user_model, "nadia")
    PartnerReviewer.objects.create(user=user, organisation=partner)
    return user


@pytest.fixture
def other_ngo_reviewer(django_user_model, other_partner):
    user = _user(django_user_model, "otto")
    PartnerReviewer.objects.create(user=user, organisation=other_partner)
    return user


@pytest.fixture
def planner_client(client, planner):
    """The `client`, signed in as alice."""
    client.force_login(planner)
    return client


@pytest.fixture
def supervisor_client(client, supervisor):
    """The `client`, signed in as sita (second step passed)."""
    client.force_login(supervisor)
    return client


@pytest.fixture
def admin_user(django_user_model):
    user = django_user_model.objects.create_superuser("root", password=PASSWORD)
    enrol(user)
    return user


@pytest.fixture
def operation(planner, task_force):
    """KESTREL, at version 1, with restricted profile fields filled in."""
    return services.operation_create(
        task_force=task_force,
        user=planner,
        profile={
            "codename": "KESTREL",
            "site_type": "factory",
            "exploitation_type": "labour",
            "target_name": "Golden Thread Garments",
            "target_address": "14 Riverside Road, Sample District",
            "planned_date": "2026-12-14",
            "estimated_persons_on_site": 40,
            "estimated_potential_victims": 25,
            "minors_suspected": "unknown",
            "expected_languages": ["Khmer", "Lao"],
            "suspect_roles": ["employer", "guard"],
            "suspect_details": "Owner known as Mr K.; two guards at the gate.",
        },
    )


@pytest.fixture
def other_operation(other_planner, other_task_force):
    return services.operation_create(
        task_force=other_task_force,
        user=other_planner,
        profile={
            "codename": "HERON",
            "site_type": "entertainment_venue",
            "exploitation_type": "sex",
            "planned_date": "2099-02-01",
        },
    )


@pytest.fixture
def approved_operation(operation, planner, supervisor, partner):
    """KESTREL with the best plan, Safe Harbour as receiving organisation, approved by sita.

    The approval queues the briefs; they stay queued, as the test's transaction never
    commits: tests render them with tests.briefs_support.render_briefs.
    """
    from tests.briefs_support import approve

    approve(
        operation,
        planner=planner,
        supervisor=supervisor,
        profile={"receiving_organisation": partner.name},
        rationale="Victims' presence corroborated twice; care and shelter confirmed.",
    )
    operation.refresh_from_db()
    return operation


@pytest.fixture
def signed_plan(task_force, planner, supervisor, partner, settings, tmp_path):
    """OSPREY, the best plan, shared with Safe Harbour, approved by sita, its two briefs
    rendered and signed (in a media directory of the test's own)."""
    from tests.briefs_support import render_briefs
    from tests.workflow_builders import approve, submitted_operation

    settings.MEDIA_ROOT = tmp_path / "media"
    operation = submitted_operation(task_force, planner, receiving_organisation=partner.name)
    approve(operation, supervisor)
    render_briefs(operation)
    return operation


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """With SQLite the test database is a file, not memory, so that a Celery worker that
    a test starts in another process (tests/test_brief_worker.py) sees the same data."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        test_settings = database.setdefault("TEST", {})
        test_settings["NAME"] = str(tmp_path_factory.mktemp("database") / "test.sqlite3")


@pytest.fixture
def media(settings, tmp_path):
    """Brief files stored in a folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def ready(approved_operation, media):
    """The approved operation's briefs, rendered and signed: {variant: Brief}."""
    return render_briefs(approved_operation)
