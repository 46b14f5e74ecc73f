"""What each brief says: the template context of the full brief and of the NGO brief.

Both read the approved version's content (what was approved), never the operation as
it is now, and name the receiving organisation that version names. What each brief may
show is the disclosure of each checklist record: the NGO brief is built from an
allow-list, the fields whose record says the NGO brief shows them (NGO_PROFILE_FIELDS,
NGO_WEEK_FIELD, NGO_CARE_ITEMS), and nothing else of the assessment, so a field added to
the checklist stays out of it until its record says a partner needs it. The full brief
shows everything but what no brief shows (informant_details), of which it says only that
an informant is known to the handler.
"""

import datetime

from django.utils import formats
from django.utils.translation import gettext, gettext_lazy

from . import checklist, display, scoring

# The NGO brief: who to expect (the codename is its title), the week, and the care
# ready for them.
NGO_PROFILE_FIELDS = tuple(key for key in checklist.CURRENT.ngo_profile if key != "codename")
[NGO_WEEK_FIELD] = checklist.CURRENT.ngo_week  # planned_date: the week, never the day
NGO_CARE_ITEMS = checklist.CURRENT.ngo_items

# Who talks to whom, and who must not hear of it: the Communications heading.
COMMUNICATION_ITEMS = ("media_presence", "observers_excluded", "leak_risk", "leak_mitigations")
# Known to the handler, never to the briefing room.
INFORMANT = "informant_details"
# Shown under their own headings of the full brief, not among the profile rows.
PROFILE_LEFT_OUT = ("receiving_organisation",)


def _section_items(*section_keys, leave_out=()):
    return tuple(
        item.key
        for section in checklist.SECTIONS
        if section.key in section_keys
        for item in section.items
        if item.key not in leave_out
    )


# The full brief follows IIMARCH; each heading shows these checklist items.
IIMARCH = (
    ("information", gettext_lazy("Information"), _section_items("A", "B", leave_out=(INFORMANT,))),
    ("intent", gettext_lazy("Intent"), _section_items("C")),
    ("method", gettext_lazy("Method"), _section_items("D", "E", leave_out=COMMUNICATION_ITEMS)),
    ("administration", gettext_lazy("Administration"), _section_items("J")),
    ("risk", gettext_lazy("Risk assessment"), _section_items("T", "H")),
    ("communications", gettext_lazy("Communications"), COMMUNICATION_ITEMS),
    ("humanitarian", gettext_lazy("Humanitarian issues"), _section_items("F", "G", "I")),
)


def _shown(key, value):
    if checklist.field(key).restricted and checklist.is_answered(value):
        return gettext("Known to the handler only: never shown in a brief.")
    return display.answer(key, value)


def _rows(values, keys):
    return [{"label": display.question(key), "value": _shown(key, values.get(key))} for key in keys]


def _asked(version, keys):
    """`keys` but those added to the checklist after the one `version`'s verdict was
    scored on: a brief of a version 1 verdict reads as it did when it was signed."""
    asked_in = scoring.CHECKLIST_OF[version.scoring_version]
    return [key for key in keys if checklist.field(key).since <= asked_in]


def planned_week(planned_date):
    """The ISO week of an ISO date, as the NGO brief shows it (never the day)."""
    if not planned_date:
        return gettext("Not set")
    day = datetime.date.fromisoformat(planned_date)
    year, week, weekday = day.isocalendar()
    monday = day - datetime.timedelta(days=weekday - 1)
    sunday = monday + datetime.timedelta(days=6)
    return gettext("Week %(week)d of %(year)d (%(monday)s to %(sunday)s)") % {
        "week": week,
        "year": year,
        "monday": formats.date_format(monday, "DATE_FORMAT"),
        "sunday": formats.date_format(sunday, "DATE_FORMAT"),
    }


def approvals_of(version):
    """The approvals of `version`, oldest first, as the briefs and the stamp name them."""
    return [
        {
            "name": approval.approver.get_full_name() or approval.approver.get_username(),
            "role": approval.get_role_display(),
            "kind": approval.get_kind_display(),
            "time": approval.created_at,
            "rationale": approval.rationale,
            "conditions": approval.conditions,
        }
        for approval in version.approvals.select_related("approver").order_by("created_at", "pk")
    ]


def _common(*, version, title):
    return {
        "title": title,
        "codename": version.content["operation"]["codename"],
        "version_number": version.number,
        "content_hash": version.content_hash,
    }


def _informant_known(answers):
    return checklist.is_answered(answers.get(INFORMANT)) or "informant" in (
        answers.get("evidence_sources") or []
    )


def full_context(*, version, approvals, organisation):
    """Everything the task force approved, under the IIMARCH headings, but the informant."""
    content = version.content
    profile = version.profile()
    codename = profile["codename"]
    verdict = version.verdict
    return {
        **_common(
            version=version, title=gettext("Full brief: %(codename)s") % {"codename": codename}
        ),
        "approvals": approvals,
        "task_force": version.assessment.operation.task_force.name,
        "verdict": verdict,
        "alternatives": [
            display.value_label("alternatives_considered", key) for key in verdict["alternatives"]
        ],
        "findings": [
            {
                "title": display.VERDICT_LABELS["severity"][severity],
                "findings": [f for f in verdict["findings"] if f["severity"] == severity],
            }
            for severity in ("gate", "major", "minor")
        ],
        "profile": _rows(
            profile, [key for key in checklist.PROFILE_FIELDS if key not in PROFILE_LEFT_OUT]
        ),
        "headings": [
            {"key": key, "title": title, "rows": _rows(content["answers"], _asked(version, keys))}
            for key, title, keys in IIMARCH
        ],
        # The claim beside what the sources carry, when they carry less (version 2 on).
        "claimed_presence": content["answers"].get("victim_presence"),
        "scoring_version": version.scoring_version,
        "informant_known": _informant_known(content["answers"]),
        "organisation": organisation,
        "organisation_name": profile["receiving_organisation"],
    }


def ngo_context(*, version, approvals, organisation):
    """The need-to-know brief: only the allow-listed keys of the approved version."""
    profile = version.profile()
    answers = version.content["answers"]
    name = profile["receiving_organisation"]
    return {
        **_common(
            version=version,
            title=gettext("Brief for %(organisation)s: %(codename)s")
            % {"organisation": name, "codename": profile["codename"]},
        ),
        # Who approved and when; their rationales and conditions may name the site.
        "approvals": [
            {key: approval[key] for key in ("name", "role", "time")} for approval in approvals
        ],
        "week": planned_week(profile.get(NGO_WEEK_FIELD)),
        "persons": _rows(profile, NGO_PROFILE_FIELDS),
        "care": _rows(answers, _asked(version, NGO_CARE_ITEMS)),
        "organisation": name,
        "contact_point": organisation.contact_point,
    }
