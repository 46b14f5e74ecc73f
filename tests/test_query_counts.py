"""The operations list and the checklist page make as many queries with 10,000 operations
(and an assessment with 50 versions and many findings) as with 10."""

import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments import checklist, scoring, services
from assessments.models import Assessment, AssessmentVersion, Operation, TaskForce
from tests.builders import assessment_with, best_assessment

MANY = 10_000
FEW = 10
VERSIONS = 50
BATCH = 2_000

# Plans of each kind, so that every filter of the list has rows to show.
PLANS = [
    {},
    {"victim_presence": "assumed", "segregation_plan": False},
    {"victim_presence": "none", "segregation_plan": False, "interpreters_for_all_languages": False},
    {"risk_to_life": "credible_imminent"},
]


def _verdicts():
    return [scoring.score_assessment(assessment_with(**answers)) for answers in PLANS]


def _add_operations(count, *, task_forces, user, start):
    """`count` operations, each with its assessment at version 1, written in bulk.

    The versions hold a small content: the list never reads them, and only the operation
    under test is opened. Their verdicts vary so that every filter finds something.
    """
    verdicts = _verdicts()
    content = checklist.parse_assessment(
        {
            "checklist_version": checklist.CHECKLIST_VERSION,
            "operation": {"codename": "X"},
            "answers": {},
        }
    )
    digest = services.content_hash(content)
    cycle = itertools.cycle(task_forces)
    operations = Operation.objects.bulk_create(
        (
            Operation(
                task_force=next(cycle),
                codename=f"OP-{number:05d}",
                site_type="factory",
                exploitation_type="labour",
                created_by=user,
            )
            for number in range(start, start + count)
        ),
        batch_size=BATCH,
    )
    assessments = Assessment.objects.bulk_create(
        (
            Assessment(
                operation=operation,
                version_number=1,
                classification=verdicts[index % len(verdicts)]["classification"],
                decision=verdicts[index % len(verdicts)]["decision"],
                score=verdicts[index % len(verdicts)]["score"],
                threat_tier=verdicts[index % len(verdicts)]["threat_tier"],
            )
            for index, operation in enumerate(operations)
        ),
        batch_size=BATCH,
    )
    AssessmentVersion.objects.bulk_create(
        (
            AssessmentVersion(
                assessment=assessment,
                number=1,
                content=content,
                verdict=verdicts[index % len(verdicts)],
                content_hash=digest,
                created_by=user,
            )
            for index, assessment in enumerate(assessments)
        ),
        batch_size=BATCH,
    )


def _query_count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def _counts(client, urls):
    client.get(urls[0])  # warm up: first-request work is no part of the comparison
    return {url: _query_count(client, url) for url in urls}


@pytest.fixture
def task_forces(task_force, other_task_force):
    """The planner's task force, which holds most operations, and a few others."""
    others = TaskForce.objects.bulk_create(
        TaskForce(name=f"Task force {number}") for number in range(3)
    )
    return [task_force, task_force, task_force, other_task_force, *others]


def _list_urls(verdicts):
    home = reverse("assessments:operation_list")
    return [
        home,
        f"{home}?status=draft",
        f"{home}?decision={verdicts[1]['decision']}",
        f"{home}?classification={verdicts[2]['classification']}",
        f"{home}?q=OP-0",
        f"{home}?sort=codename",
        f"{home}?sort=-score",
        f"{home}?sort=decision&classification={verdicts[0]['classification']}",
        f"{home}?sort=-classification&q=OP",
    ]


def test_the_operations_list_makes_as_many_queries_with_10000_operations(
    client, planner, task_forces
):
    client.force_login(planner)
    urls = _list_urls(_verdicts())
    _add_operations(FEW, task_forces=task_forces, user=planner, start=0)
    few = _counts(client, urls)

    _add_operations(MANY - FEW, task_forces=task_forces, user=planner, start=FEW)
    assert Operation.objects.count() == MANY
    many = _counts(client, urls)
    assert many == few

    # A later page, and one further on with a filter, cost the same as the first.
    home = reverse("assessments:operation_list")
    later = _counts(client, [f"{home}?page=2", f"{home}?page=100&sort=codename"])
    assert set(later.values()) == {few[home]}


def test_the_checklist_page_makes_as_many_queries_with_many_operations_and_versions(
    client, planner, task_force, task_forces
):
    client.force_login(planner)
    plan = best_assessment()
    operation = services.operation_create(
        task_force=task_force, user=planner, profile=plan["operation"], answers=plan["answers"]
    )
    assert services.current_version(operation=operation).verdict["findings"] == []
    urls = [
        reverse("assessments:checklist_section", args=[operation.pk, section])
        for section in ("A", "D", "J", "T")
    ]
    urls.append(reverse("assessments:verdict_panel", args=[operation.pk]))
    _add_operations(FEW - 1, task_forces=task_forces, user=planner, start=0)
    few = _counts(client, urls)

    _add_operations(MANY - FEW, task_forces=task_forces, user=planner, start=FEW)
    # 49 more versions, each a different plan, the last one with every answer blank: a
    # finding for each missing item.
    plans = itertools.cycle(PLANS)
    for number in range(2, VERSIONS):
        services.assessment_save(
            operation=operation,
            user=planner,
            base_version=number - 1,
            answers={**next(plans), "intelligence_age_days": number},
        )
    services.assessment_save(
        operation=operation,
        user=planner,
        base_version=VERSIONS - 1,
        answers=dict.fromkeys(checklist.ITEMS),
    )
    operation.assessment.refresh_from_db()
    current = services.current_version(operation=operation)
    assert current.number == VERSIONS
    assert len(current.verdict["findings"]) >= 40
    assert Operation.objects.count() == MANY

    many = _counts(client, urls)
    assert many == few


def _saves(operation, users, count, key):
    """`count` saves of `key`, by each of `users` in turn, each on the latest version."""
    for number, user in zip(range(count), itertools.cycle(users), strict=False):
        services.assessment_save(
            operation=operation,
            user=user,
            base_version=services.current_version(operation=operation).number,
            answers={key: number + 20},
        )


def _autosave(client, operation, *, base_version, key, value):
    """(queries, page) of an autosave of `key` sent from a page of `base_version`."""
    url = reverse("assessments:checklist_section", args=[operation.pk, checklist.SECTION_OF[key]])
    with CaptureQueriesContext(connection) as queries:
        response = client.post(
            url,
            {"base_version": base_version, "changed": key, key: value},
            HTTP_HX_REQUEST="true",
        )
    assert response.status_code == 200
    return len(queries), response.content.decode()


def _plan(task_force, planner, codename):
    plan = best_assessment()
    return services.operation_create(
        task_force=task_force,
        user=planner,
        profile={**plan["operation"], "codename": codename, "planned_date": "2099-01-01"},
        answers=plan["answers"],
    )


@pytest.mark.parametrize(
    "colleague_key", ["service_provider_access_hours", "intelligence_age_days"]
)
def test_an_autosave_from_an_old_page_makes_as_many_queries_with_2_or_20_versions_since(
    planner_client, planner, second_planner, task_force, colleague_key
):
    """A page left open while a colleague saved 2 or 20 times: the save reads the same
    rows whether it merges (the colleague answered other questions) or meets a conflict
    (the same one)."""
    counts, pages = [], []
    for since in (2, 20):
        operation = _plan(task_force, planner, f"KESTREL{since}")
        _saves(operation, [second_planner, planner], since, colleague_key)
        queries, page = _autosave(
            planner_client, operation, base_version=1, key="intelligence_age_days", value=9
        )
        counts.append(queries)
        pages.append(page)
    assert counts[0] == counts[1]
    conflict = colleague_key == "intelligence_age_days"
    assert all(("bruno" in page) == conflict for page in pages)
    assert all(('id="base-version"' in page) != conflict for page in pages)


def test_an_autosave_of_ones_own_earlier_saves_reads_no_version_between(
    planner_client, planner, task_force
):
    """The page is behind only the planner's own saves (a reply lost on a slow line): no
    conflict, and the versions in between are not read, however many there are."""
    counts = []
    for since in (2, 20):
        operation = _plan(task_force, planner, f"KESTREL{since}")
        _saves(operation, [planner], since, "intelligence_age_days")
        queries, page = _autosave(
            planner_client, operation, base_version=1, key="intelligence_age_days", value=9
        )
        assert f'value="{since + 2}"' in page
        counts.append(queries)
    assert counts[0] == counts[1]


def test_the_navigation_makes_as_many_queries_with_2_or_20_operations_waiting(
    client, task_force, planner, supervisor
):
    """The waiting badge, the links and the second step cost the same however much
    waits, for the planner (no second factor: the step is read with the navigation)
    and for the supervisor."""
    urls = [reverse("assessments:operation_list"), reverse("assessments:waiting")]
    counts = {}
    created = 0
    for waiting in (2, 20):
        for number in range(created, waiting):
            operation = _plan(task_force, planner, f"WAIT{number:02d}")
            services.assessment_submit(operation=operation, user=planner)
        created = waiting
        for user in (planner, supervisor):
            client.force_login(user)
            counts[waiting, user.username] = _counts(client, urls)
    assert counts[2, "alice"] == counts[20, "alice"]
    assert counts[2, "sita"] == counts[20, "sita"]
