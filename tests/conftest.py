"""Named personas and a ready operation, shared by every test that needs the database.

Personas: a planner, supervisor and commander of the Mekong task force; a planner of
another task force (Andaman); a reviewer of the partner NGO and one of another NGO; an
admin. Every persona's password is PASSWORD.
"""

import pytest

from assessments import services
from assessments.models import Membership, PartnerOrganisation, PartnerReviewer, TaskForce

PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """PBKDF2's deliberate slowness protects real passwords, not test personas."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


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
    return _member(django_user_model, "sita", task_force, Membership.Role.SUPERVISOR)


@pytest.fixture
def commander(django_user_model, task_force):
    return _member(django_user_model, "chan", task_force, Membership.Role.COMMANDER)


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
def admin_user(django_user_model):
    return django_user_model.objects.create_superuser("root", password=PASSWORD)


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
        task_force=other_task_force, user=other_planner, profile={"codename": "HERON"}
    )
