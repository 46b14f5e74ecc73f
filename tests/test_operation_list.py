import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments import services
from assessments.models import Assessment, Membership

from .builders import best_assessment

URL = reverse("assessments:operation_list")


def _create(task_force, user, codename, answers=None, **profile):
    return services.operation_create(
        task_force=task_force,
        user=user,
        profile={"codename": codename, **profile},
        answers=answers,
    )


def _codenames(html):
    return re.findall(r'<th scope="row"><a href="/operations/\d+/">([^<]+)</a>', html)


@pytest.fixture
def smart(planner, task_force):
    return _create(task_force, planner, "SMART-ONE", answers=best_assessment()["answers"])


def test_it_asks_visitors_to_sign_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_it_lists_only_the_operations_of_my_task_forces(
    client, planner, operation, other_operation
):
    client.force_login(planner)
    html = client.get(URL).content.decode()
    assert _codenames(html) == ["KESTREL"]
    assert "HERON" not in html
    assert "Mekong task force" in html
    assert "Factory" in html  # the site type's label, not its key


def test_it_shows_planners_the_buttons_to_start(client, planner, task_force):
    client.force_login(planner)
    html = client.get(URL).content.decode()
    assert "No operations yet" in html
    assert reverse("assessments:operation_create") in html
    assert reverse("assessments:assessment_import") in html


@pytest.mark.parametrize("persona", ["supervisor", "commander", "ngo_reviewer", "admin_user"])
def test_it_shows_no_create_or_import_button_to_others(client, request, operation, persona):
    client.force_login(request.getfixturevalue(persona))
    html = client.get(URL).content.decode()
    assert reverse("assessments:operation_create") not in html
    assert reverse("assessments:assessment_import") not in html


@pytest.mark.parametrize("persona", ["ngo_reviewer", "admin_user"])
def test_it_shows_an_empty_list_to_people_in_no_task_force(client, request, operation, persona):
    client.force_login(request.getfixturevalue(persona))
    html = client.get(URL).content.decode()
    assert _codenames(html) == []
    assert "KESTREL" not in html


def test_it_shows_supervisors_the_operations_of_their_task_force(client, supervisor, operation):
    client.force_login(supervisor)
    assert _codenames(client.get(URL).content.decode()) == ["KESTREL"]


def test_it_filters_by_decision_and_classification(client, planner, operation, smart):
    client.force_login(planner)
    assert _codenames(client.get(URL, {"decision": "go"}).content.decode()) == ["SMART-ONE"]
    assert _codenames(client.get(URL, {"decision": "no_go"}).content.decode()) == ["KESTREL"]
    html = client.get(URL, {"classification": "smart", "decision": "no_go"}).content.decode()
    assert _codenames(html) == []
    assert "No operation matches these filters" in html


def test_it_filters_by_status(client, planner, operation, smart):
    Assessment.objects.filter(operation=smart).update(status="submitted")
    client.force_login(planner)
    assert _codenames(client.get(URL, {"status": "draft"}).content.decode()) == ["KESTREL"]


def test_it_ignores_filter_values_it_does_not_know(client, planner, operation):
    client.force_login(planner)
    response = client.get(URL, {"decision": "maybe", "sort": "target_address"})
    assert response.status_code == 200
    assert _codenames(response.content.decode()) == ["KESTREL"]


def test_it_searches_the_codename_only(client, planner, operation, smart):
    client.force_login(planner)
    assert _codenames(client.get(URL, {"q": "kest"}).content.decode()) == ["KESTREL"]
    # The target name is "Golden Thread Garments": restricted fields are never searched.
    assert _codenames(client.get(URL, {"q": "Golden"}).content.decode()) == []


def test_it_sorts_by_whitelisted_columns(client, planner, task_force):
    for codename in ("BRAVO", "ALPHA", "CHARLIE"):
        _create(task_force, planner, codename)
    client.force_login(planner)
    html = client.get(URL, {"sort": "codename"}).content.decode()
    assert _codenames(html) == ["ALPHA", "BRAVO", "CHARLIE"]
    assert 'aria-sort="ascending"' in html
    html = client.get(URL, {"sort": "-codename"}).content.decode()
    assert _codenames(html) == ["CHARLIE", "BRAVO", "ALPHA"]
    assert 'aria-sort="descending"' in html
    # Newest change first by default.
    assert _codenames(client.get(URL).content.decode()) == ["CHARLIE", "ALPHA", "BRAVO"]


def test_it_sorts_by_decision_worst_first_and_by_score(client, planner, operation, smart):
    client.force_login(planner)
    assert _codenames(client.get(URL, {"sort": "decision"}).content.decode()) == [
        "KESTREL",
        "SMART-ONE",
    ]
    assert _codenames(client.get(URL, {"sort": "-score"}).content.decode()) == [
        "SMART-ONE",
        "KESTREL",
    ]
    assert _codenames(client.get(URL, {"sort": "classification"}).content.decode()) == [
        "KESTREL",
        "SMART-ONE",
    ]


def test_it_paginates_and_keeps_the_filters_in_page_links(client, planner, task_force):
    for number in range(30):
        _create(task_force, planner, f"OP-{number:02}")
    client.force_login(planner)
    html = client.get(URL, {"q": "OP-", "sort": "codename"}).content.decode()
    assert len(_codenames(html)) == 25
    assert "Page 1 of 2" in html
    assert "?q=OP-&amp;sort=codename&amp;page=2" in html
    html = client.get(URL, {"q": "OP-", "sort": "codename", "page": 2}).content.decode()
    assert _codenames(html) == [f"OP-{number}" for number in range(25, 30)]
    assert client.get(URL, {"page": "999"}).status_code == 200


def _queries(client):
    with CaptureQueriesContext(connection) as context:
        assert client.get(URL, {"sort": "decision"}).status_code == 200
    return len(context.captured_queries)


def test_its_number_of_queries_does_not_grow_with_the_operations(
    client, planner, task_force, django_capture_on_commit_callbacks
):
    client.force_login(planner)
    # Committed, as a page would: the badge's count is made again after each (`waiting`).
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(3):
            _create(task_force, planner, f"FEW-{number}")
    few = _queries(client)
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(27):
            _create(task_force, planner, f"MANY-{number}")
    assert _queries(client) == few
    # Session, user, the navigation facts, the count, the page, the badge's count.
    assert few <= 6


def test_it_escapes_what_planners_type(client, planner, task_force):
    _create(task_force, planner, "<script>alert(1)</script>")
    client.force_login(planner)
    html = client.get(URL).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_it_lists_operations_of_every_task_force_i_belong_to(
    client, planner, operation, other_task_force, other_operation
):
    Membership.objects.create(user=planner, task_force=other_task_force, role="supervisor")
    client.force_login(planner)
    assert sorted(_codenames(client.get(URL).content.decode())) == ["HERON", "KESTREL"]


def test_each_row_links_to_its_own_operation(client, planner, task_force):
    made = {codename: _create(task_force, planner, codename) for codename in ("KITE", "LARK")}
    client.force_login(planner)
    html = client.get(URL).content.decode()
    for codename, operation in made.items():
        link = reverse("assessments:operation_detail", args=[operation.pk])
        assert f'<a href="{link}">{codename}</a>' in html
