"""Every time in the viewer's task-force time zone, named; dates no reader takes for
another day; a new operation planned for a day to come."""

import datetime

from django.urls import reverse
from django.utils import timezone, translation

from assessments.models import AssessmentVersion
from assessments.templatetags.time_tags import when, when_time, zone_label


def test_the_planner_sees_times_in_their_task_forces_zone(client, planner, task_force, operation):
    task_force.time_zone = "Asia/Bangkok"
    task_force.save()
    AssessmentVersion.objects.update(
        created_at=datetime.datetime(2026, 12, 2, 7, 5, tzinfo=datetime.UTC)
    )
    client.force_login(planner)
    html = client.get(reverse("assessments:operation_detail", args=[operation.pk])).content.decode()
    assert "2 Dec 2026, 14:05 UTC+7" in html  # 07:05 UTC is 14:05 in Bangkok
    assert "14 Dec 2026" in html  # the planned date, day first
    assert "12/14/2026" not in html and "Dec. 14, 2026" not in html


def test_someone_in_no_task_force_sees_the_deployments_zone(client, ngo_reviewer, settings):
    client.force_login(ngo_reviewer)
    assert client.get(reverse("assessments:shared_briefs")).status_code == 200
    assert timezone.get_current_timezone_name() == settings.TIME_ZONE


@translation.override("en")  # outside a request: in English, whatever ran before
def test_zones_are_named_by_letters_or_by_their_offset(settings):
    moment = datetime.datetime(2026, 12, 2, 7, 5, 9, tzinfo=datetime.UTC)
    for name, label, shown, time in [
        ("UTC", "UTC", "2 Dec 2026, 07:05 UTC", "07:05:09 UTC"),
        ("Asia/Jakarta", "WIB", "2 Dec 2026, 14:05 WIB", "14:05:09 WIB"),
        ("Asia/Phnom_Penh", "UTC+7", "2 Dec 2026, 14:05 UTC+7", "14:05:09 UTC+7"),
        ("Asia/Kathmandu", "UTC+5:45", "2 Dec 2026, 12:50 UTC+5:45", "12:50:09 UTC+5:45"),
    ]:
        with timezone.override(name):
            assert zone_label(moment) == label
            assert when(moment) == shown
            assert when(moment, "seconds") == shown.replace(":05 ", ":05:09 ").replace(
                ":50 ", ":50:09 "
            )
            assert when_time(moment) == time


def test_a_new_operation_is_planned_for_a_day_to_come(client, planner, task_force):
    client.force_login(planner)
    yesterday = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    response = client.post(
        reverse("assessments:operation_create"),
        {"codename": "LATE", "planned_date": yesterday, "target_name": "Kept as typed"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "This day has passed: plan the operation for a day to come." in html
    assert "Kept as typed" in html
