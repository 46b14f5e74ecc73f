"""What each brief says: the template context of the full brief and of the NGO brief.

Both read a version's content (for a signed brief, what was approved), never the
operation as it is now, and name the receiving organisation that version names. What
each brief may show is the disclosure of each checklist record: the NGO brief is built
from an allow-list, the fields whose record says the NGO brief shows them
(NGO_PROFILE_FIELDS, NGO_WEEK_FIELD, NGO_CARE_ITEMS), and nothing else of the
assessment, so a field added to the checklist stays out of it until its record says a
partner needs it; `preparation` turns those fields into what the partner is to prepare.
The full brief shows everything but what no brief shows (informant_details), of which it
says only that an informant is known to the handler. Its first page is the decision:
the verdict, when and where, and every condition once, ranked (`ranked_conditions`).

`draft` marks the context of a draft preview: the same brief, for a version that may not
hold its approvals yet, never signed (services.documents).
"""

import datetime

from django.utils import formats
from django.utils.translation import gettext, gettext_lazy

from . import checklist, display, preparation, scoring

# The NGO brief: who to expect (the codename is its title), the week, and the care
# ready for them.
NGO_PROFILE_FIELDS = tuple(key for key in checklist.CURRENT.ngo_profile if key != "codename")
[NGO_WEEK_FIELD] = checklist.CURRENT.ngo_week  # planned_date: the week, never the day
NGO_CARE_ITEMS = checklist.CURRENT.ngo_items

# Who talks to whom, and who must not hear of it: the Communications heading.
COMMUNICATION_ITEMS = ("media_presence", "observers_excluded", "leak_risk", "leak_mitigations")
# Known to the handler, never to the briefing room.
INFORMANT = "informant_details"
# Shown on the first page (the decision) or under their own headings, not among the
# profile rows.
PROFILE_LEFT_OUT = ("receiving_organisation",)

# The first page ranks the conditions: what must hold whatever else (the gates, the
# approvers' own, an urgent go's own), then the majors, then the minors.
RANKS = ("gate", "approver", "urgent", "major", "minor")


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


def _iso_week(planned_date):
    day = datetime.date.fromisoformat(planned_date)
    year, week, weekday = day.isocalendar()
    return day, year, week, weekday


def planned_week(planned_date):
    """The ISO week of an ISO date, as the NGO brief shows it (never the day)."""
    if not planned_date:
        return gettext("Not set")
    day, year, week, weekday = _iso_week(planned_date)
    monday = day - datetime.timedelta(days=weekday - 1)
    # The last week of year 9999 ends past the calendar: it ends with it.
    sunday = min(monday, datetime.date.max - datetime.timedelta(days=6)) + datetime.timedelta(
        days=6
    )
    return gettext("Week %(week)d of %(year)d (%(monday)s to %(sunday)s)") % {
        "week": week,
        "year": year,
        "monday": formats.date_format(monday, "DATE_FORMAT"),
        "sunday": formats.date_format(sunday, "DATE_FORMAT"),
    }


def planned_day(planned_date):
    """The planned day with its weekday and ISO week, as the full brief shows it."""
    if not planned_date:
        return gettext("Not set")
    day, year, week, _weekday = _iso_week(planned_date)
    return gettext("%(weekday)s, %(day)s (week %(week)d of %(year)d)") % {
        "weekday": formats.date_format(day, "l"),
        "day": formats.date_format(day, "DATE_FORMAT"),
        "week": week,
        "year": year,
    }


def approvals_of(version):
    """The approvals of `version`, oldest first, as the briefs and the stamp name them.

    An approval stores the verdict's conditions followed by the approver's own; its
    `conditions` here are the approver's own only: the verdict's are listed once, as
    the verdict's.
    """
    of_verdict = set(version.verdict["conditions"])
    return [
        {
            "name": approval.approver.get_full_name() or approval.approver.get_username(),
            "role": approval.get_role_display(),
            "kind": approval.get_kind_display(),
            "time": approval.created_at,
            "rationale": approval.rationale,
            "conditions": [c for c in approval.conditions if c not in of_verdict],
        }
        for approval in version.approvals.select_related("approver").order_by("created_at", "pk")
    ]


def _same(text):
    return " ".join(text.split()).casefold()


def ranked_conditions(*, verdict, operation, approvals):
    """Every condition of `verdict` and of `approvals` once, most binding first (RANKS).

    A condition an approver wrote that the verdict already sets (the same words, as the
    approver read them) is listed once, as the approver's, naming who set it.
    """
    severities = scoring.condition_severities(verdict, operation)
    conditions = {}
    for condition in verdict["conditions"]:
        text = gettext(condition)
        # An urgent go's own conditions answer no finding: they bind as the gates do.
        entry = {"text": text, "rank": severities.get(condition, "urgent"), "by": []}
        conditions.setdefault(_same(text), entry)
        conditions.setdefault(_same(condition), entry)
    for approval in approvals:
        for condition in approval["conditions"]:
            entry = conditions.setdefault(
                _same(condition), {"text": condition, "rank": "approver", "by": []}
            )
            if RANKS.index(entry["rank"]) > RANKS.index("approver"):
                entry["rank"] = "approver"
            entry["by"].append(f"{approval['name']} ({approval['role']})")
    unique = list({id(entry): entry for entry in conditions.values()}.values())
    for entry in unique:
        entry["label"] = display.CONDITION_RANKS[entry["rank"]]
        entry["by"] = list(dict.fromkeys(entry["by"]))
    return sorted(unique, key=lambda entry: RANKS.index(entry["rank"]))


def _common(*, version, title, draft):
    return {
        "title": title,
        "codename": version.content["operation"]["codename"],
        "version_number": version.number,
        "content_hash": version.content_hash,
        "draft": draft,
    }


def _informant_known(answers):
    return checklist.is_answered(answers.get(INFORMANT)) or "informant" in (
        answers.get("evidence_sources") or []
    )


def _findings(verdict, operation, answers, conditions):
    """The findings by severity, the groups that have any: why the conditions are set,
    each naming the condition on page 1 that answers it. A finding whose message is its
    condition's very words (an item's advice) shows the answer it is about instead, so
    that no condition is printed twice."""
    condition_of = scoring.CONDITION_OF[verdict.get("scoring_version", "1")]
    numbers = {entry["text"]: number for number, entry in enumerate(conditions, 1)}
    groups = []
    for severity in ("gate", "major", "minor"):
        findings = []
        for finding in verdict["findings"]:
            if finding["severity"] != severity:
                continue
            condition = gettext(condition_of(finding, operation))
            message = gettext(finding["message"])
            if message == condition and finding["items"]:
                key = finding["items"][0]
                message = f"{display.question(key)} {_shown(key, answers.get(key))}"
            findings.append(
                {
                    "message": message,
                    "source": gettext(finding["source"]),
                    "condition": numbers.get(condition),
                }
            )
        if findings:
            groups.append(
                {"title": display.VERDICT_LABELS["severity"][severity], "findings": findings}
            )
    return groups


def full_context(*, version, approvals, organisation, draft=False):
    """Everything the task force approved but the informant: the decision on the first
    page, then the IIMARCH headings."""
    content = version.content
    profile = version.profile()
    codename = profile["codename"]
    verdict = version.verdict
    conditions = ranked_conditions(
        verdict=verdict, operation=content["operation"], approvals=approvals
    )
    # A go on which the approvers set conditions of their own goes ahead once they are met.
    meaning = (
        "conditional_go" if verdict["decision"] == "go" and conditions else verdict["decision"]
    )
    return {
        **_common(
            version=version,
            title=gettext("Full brief: %(codename)s") % {"codename": codename},
            draft=draft,
        ),
        "approvals": approvals,
        "approvals_given": len(approvals),
        "task_force": version.assessment.operation.task_force.name,
        "verdict": verdict,
        "meaning": display.BRIEF_MEANING[meaning],
        "planned": planned_day(profile.get("planned_date")),
        "expected": preparation.expected(profile),
        "conditions": conditions,
        "alternatives": [
            display.value_label("alternatives_considered", key) for key in verdict["alternatives"]
        ],
        "findings": _findings(verdict, content["operation"], content["answers"], conditions),
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


def ngo_context(*, version, approvals, organisation, draft=False):
    """The need-to-know brief: only the allow-listed keys of the version, as what the
    receiving organisation is to prepare."""
    profile = version.profile()
    answers = version.content["answers"]
    name = profile["receiving_organisation"]
    # Everything the NGO brief reads of the assessment: nothing else reaches `preparation`.
    allowed = {
        **{key: profile.get(key) for key in NGO_PROFILE_FIELDS},
        **{key: answers.get(key) for key in _asked(version, NGO_CARE_ITEMS)},
    }
    return {
        **_common(
            version=version,
            title=gettext("Brief for %(organisation)s: %(codename)s")
            % {"organisation": name, "codename": profile["codename"]},
            draft=draft,
        ),
        # Who approved and when; their rationales and conditions may name the site.
        "approvals": [
            {key: approval[key] for key in ("name", "role", "time")} for approval in approvals
        ],
        "week": planned_week(profile.get(NGO_WEEK_FIELD)),
        **preparation.preparation(allowed),
        "organisation": name,
        "contact_point": organisation.contact_point if organisation else "",
    }
