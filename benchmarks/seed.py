"""The bench's data: 10,000 operations with their versions, the people who use them, and
the few operations the rows work on.

Written in bulk (as a migration of real data would be): six task forces, the bench
planner's holding a quarter of the operations; every operation with its restricted
fields filled (encrypted, as in use), two versions each, and a state spread over the
workflow so that the waiting list and the filters find something. Then, through the
services as a planner would: the checklist operation with 50 versions, the autosave
operation, and the submitted plans the brief rows approve.
"""

import datetime
import itertools
import os
import random
import time

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from assessments import checklist, scoring, services
from assessments.models import (
    Assessment,
    AssessmentVersion,
    Membership,
    Operation,
    PartnerOrganisation,
    TaskForce,
)
from assessments.security.middleware import SIGNED_IN_AT
from tests.builders import assessment_with, best_assessment

OPERATIONS = int(os.environ.get("BENCH_OPERATIONS", "10000"))
TASK_FORCES = 6
BATCH = 1_000
HISTORY_VERSIONS = 50
BRIEF_OPERATIONS = 50  # 100 briefs: a full and an NGO brief each
APPROVAL_ROUNDS = 3
PASSWORD = "bench-password-not-secret"
Status = Assessment.Status
# The workflow states, about as a year of a task force's work leaves them.
STATES = [Status.DRAFT] * 10 + [
    Status.SUBMITTED,
    Status.SUBMITTED,
    Status.APPROVED,
    Status.APPROVED,
    Status.RETURNED,
    Status.CLOSED,
    Status.CLOSED,
    Status.CLOSED,
    Status.REJECTED,
    Status.CANCELLED,
]
PLANS = [
    {},
    {"victim_presence": "assumed", "segregation_plan": False},
    {"service_provider_access_hours": 12},
    {"risk_to_life": "credible_imminent"},
    {"weapons_expected": "confirmed_firearms"},
]


def _profile(rng, number):
    return {
        "codename": f"OP-{number:05d}",
        "site_type": rng.choice(["factory", "farm", "fishing_vessel", "brothel"]),
        "exploitation_type": rng.choice(["sex", "labour", "both"]),
        "target_name": f"Golden Thread Garments No. {number}",
        "target_address": f"{number} Riverside Road, Sample District, Sample Province",
        "planned_date": datetime.date(2026, 1, 1) + datetime.timedelta(days=rng.randint(0, 700)),
        "estimated_persons_on_site": rng.randint(5, 80),
        "estimated_potential_victims": rng.randint(1, 40),
        "minors_suspected": rng.choice(["yes", "no", "unknown"]),
        "expected_languages": rng.sample(["Khmer", "Lao", "Burmese", "Thai"], 2),
        "suspect_roles": ["employer", "guard", "recruiter"][: rng.randint(1, 3)],
        "suspect_details": "Owner known as Mr K., drives a grey pick-up; two guards at the "
        "gate from 18:00; a recruiter who comes on Mondays. " * 2,
    }


def _people():
    users = get_user_model().objects
    task_forces = [
        TaskForce.objects.create(name=f"Bench task force {number}", time_zone="Asia/Bangkok")
        for number in range(TASK_FORCES)
    ]
    planners = []
    for number, task_force in enumerate(task_forces):
        planner = users.create_user(f"bench-planner-{number}", password=PASSWORD)
        Membership.objects.create(user=planner, task_force=task_force, role="planner")
        planners.append(planner)
    supervisor = users.create_user("bench-supervisor", password=PASSWORD)
    Membership.objects.create(user=supervisor, task_force=task_forces[0], role="supervisor")
    # One code per approval round: the bench computes them ahead (tests/two_factor.py).
    TOTPDevice.objects.create(
        user=supervisor, name="authenticator", confirmed=True, tolerance=APPROVAL_ROUNDS + 2
    )
    partner = PartnerOrganisation.objects.create(name="Bench NGO", contact_point="+66 2 000 0000")
    return task_forces, planners, supervisor, partner


def _bulk_operations(task_forces, planners):
    """OPERATIONS operations, a quarter in the bench planner's task force, each with a
    half-answered version 1 and a full version 2."""
    rng = random.Random(2026)
    verdicts = [scoring.score_assessment(assessment_with(**answers)) for answers in PLANS]
    full = [assessment_with(**answers) for answers in PLANS]
    half = checklist.parse_assessment(
        {
            **best_assessment(),
            "answers": dict(itertools.islice(best_assessment()["answers"].items(), 30)),
        }
    )
    half_verdict = scoring.score_assessment(half)
    owners = [0] * 3 + list(range(1, TASK_FORCES)) * 2  # 3 in 13 are the bench planner's
    for start in range(0, OPERATIONS, BATCH):
        numbers = range(start, min(start + BATCH, OPERATIONS))
        owner = [owners[number % len(owners)] for number in numbers]
        operations = Operation.objects.bulk_create(
            Operation(task_force=task_forces[o], created_by=planners[o], **_profile(rng, n))
            for n, o in zip(numbers, owner, strict=True)
        )
        plan = [number % len(PLANS) for number in numbers]
        assessments = Assessment.objects.bulk_create(
            Assessment(
                operation=operation,
                status=STATES[rng.randrange(len(STATES))],
                version_number=2,
                classification=verdicts[p]["classification"],
                decision=verdicts[p]["decision"],
                score=verdicts[p]["score"],
                threat_tier=verdicts[p]["threat_tier"],
            )
            for operation, p in zip(operations, plan, strict=True)
        )
        versions = []
        for assessment, o, p in zip(assessments, owner, plan, strict=True):
            for number, content, verdict in ((1, half, half_verdict), (2, full[p], verdicts[p])):
                versions.append(
                    AssessmentVersion(
                        assessment=assessment,
                        number=number,
                        content=content,
                        verdict=verdict,
                        content_hash=services.content_hash(content),
                        created_by=planners[o],
                    )
                )
        AssessmentVersion.objects.bulk_create(versions)


def _planned(task_force, planner, codename, **profile):
    plan = best_assessment()
    return services.operation_create(
        task_force=task_force,
        user=planner,
        profile={
            **plan["operation"],
            "codename": codename,
            "planned_date": "2099-01-01",
            **profile,
        },
        answers=plan["answers"],
    )


def _with_history(operation, planner):
    """HISTORY_VERSIONS versions, each changing a few answers, as a sitting leaves them."""
    answers = itertools.cycle(
        [
            {"intelligence_age_days": 3},
            {"service_provider_access_hours": 12},
            {"intelligence_age_days": 7, "warrant_status": "pending"},
            {"service_provider_access_hours": 0},
        ]
    )
    for number in range(1, HISTORY_VERSIONS):
        services.assessment_save(
            operation=operation, user=planner, base_version=number, answers=next(answers)
        )


def session_for(user, device=None):
    """A signed-in session of `user` (second step passed with `device`): its key."""
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session[SIGNED_IN_AT] = time.time()
    if device is not None:
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.create()
    return session.session_key


def seed():
    """Write the bench's data; what the rows need to know of it."""
    task_forces, planners, supervisor, partner = _people()
    _bulk_operations(task_forces, planners)
    planner, home = planners[0], task_forces[0]
    history = _planned(home, planner, "BENCH-HISTORY")
    _with_history(history, planner)
    autosave = _planned(home, planner, "BENCH-AUTOSAVE")
    briefs = []
    for number in range(BRIEF_OPERATIONS + APPROVAL_ROUNDS):
        operation = _planned(
            home, planner, f"BENCH-BRIEF-{number:02d}", receiving_organisation=partner.name
        )
        services.assessment_submit(operation=operation, user=planner)
        briefs.append(operation.pk)
    # The statistics and visibility map a database in use has (autovacuum keeps them):
    # the planner's choices, and its index-only scans, depend on them.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return {
        "task_force": home.pk,
        "planner": planner,
        "supervisor": supervisor,
        "history": history.pk,
        "autosave": autosave.pk,
        "briefs": briefs[:BRIEF_OPERATIONS],
        "approvals": briefs[BRIEF_OPERATIONS:],
        "planner_session": session_for(planner),
        "supervisor_session": session_for(supervisor, TOTPDevice.objects.get(user=supervisor)),
        "visible": Operation.objects.filter(task_force=home).count(),
    }
