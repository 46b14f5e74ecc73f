"""An assessment's history: who changed what, and any two versions side by side.

The history lists entries (`services.history`): a person's consecutive saves read as
one, expandable to each of its versions. Two kinds of entry are not a person's edit, and
read as such: a version RaidAssess made when the rules changed (the same answers scored
again), and a stored version whose values a new checklist refused, converted in place
(what changed, and from what). The two versions to compare are chosen on any page: the
page buttons submit the choice with them, so that it stays made on every page.
"""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.timezone import localdate
from django.utils.translation import gettext
from django.views.decorators.http import require_safe

from assessments import access, checklist, display, services
from assessments.models import VersionConversion

PAGE_SIZE = 50
PROFILE = "operation"
# What the version before version 1 held: nothing, so that version 1 gave every answer.
NOTHING = {PROFILE: {}, "answers": {}}
MAX_VERSION_NUMBER = 2**31 - 1  # the largest the column holds


def describe_changes(changes):
    """The changes of a services.Conflict, labelled for the page."""
    return [
        {
            "label": display.question(change["key"]),
            "theirs": display.answer(change["key"], change["theirs"]),
            "mine": display.answer(change["key"], change["mine"]),
            "by": ", ".join(change["by"]),
        }
        for change in changes
    ]


def _blocks():
    """(block, key) pairs in page order: the profile, then the sections' items."""
    yield from ((PROFILE, key) for key in checklist.PROFILE_FIELDS)
    for section in checklist.SECTIONS:
        yield from (("answers", item.key) for item in section.items)


def _differing(before, after):
    return [
        (block, key) for block, key in _blocks() if before[block].get(key) != after[block].get(key)
    ]


def _conversion_change(change):
    """One change a conversion made, in words: the item, and what was done to it."""
    key = change["key"].split(".", 1)[1]
    params = {
        "item": display.question(key),
        "was": change.get("was"),
        "now": change.get("now"),
        "characters": ", ".join(change.get("characters", ())),
    }
    kind = change["change"]
    if kind == "codename":
        return gettext(
            "%(item)s: “%(was)s” is now “%(now)s”: operation “%(taken)s” of the task force "
            "had the same codename but for upper and lower case, and codenames now differ in more."
        ) % {**params, "taken": change["taken"]}
    if kind == "date":
        text = gettext("%(item)s: “%(was)s” is now written %(now)s, the same day.")
    elif kind == "date_cleared":
        text = gettext("%(item)s: “%(was)s” is no day the checklist can read; cleared.")
    elif kind == "list":
        text = gettext("%(item)s: %(was)s entries, %(now)s kept.")
    else:
        text = gettext("%(item)s: %(characters)s removed (control or text-direction characters).")
    text = text % params
    if kind == "list" and params["characters"]:
        text += " " + gettext("Characters removed from its entries: %(characters)s.") % params
    if change.get("suffix"):
        text += " " + gettext(
            "“%(suffix)s” added: without the characters it named another operation."
        ) % {"suffix": change["suffix"]}
    return text


def _conversion(version):
    """What a conversion for a later checklist changed in `version`, or None."""
    try:
        conversion = version.conversion
    except VersionConversion.DoesNotExist:
        return None
    return {
        "checklist_version": conversion.checklist_version,
        "when": conversion.created_at,
        "changes": [_conversion_change(change) for change in conversion.changes],
        # Renamed (migration 0016), not converted for a checklist.
        "renamed_only": all(change["change"] == "codename" for change in conversion.changes),
    }


def _chosen(request, name, default=None):
    """The version chosen to compare as `name` (a or b), as the page buttons carry it."""
    try:
        number = int(request.GET[name])
    except (KeyError, ValueError):
        return default
    # A version number is a positive integer column: anything else names no version.
    return number if 1 <= number <= MAX_VERSION_NUMBER else default


def _version_number(request, name):
    number = _chosen(request, name)
    if number is None:
        raise Http404
    return number


def _changed(before, after):
    return [display.question(key) for _block, key in _differing(before, after)]


def _entry_row(entry, versions, chosen):
    """What the page shows of one entry: its versions newest first, each with what it
    changed, and what the entry changed as a whole (from the version before it)."""
    shown = []
    for number in reversed(entry.numbers):
        version = versions[number]
        previous = versions.get(number - 1)
        version.changed = _changed(previous.content, version.content) if previous else None
        version.scored_before = previous.scoring_version if previous else None
        version.converted = _conversion(version)
        shown.append(version)
    before = versions.get(entry.first - 1)
    inside = {number for number in chosen.values() if number in entry.numbers}
    return {
        "entry": entry,
        "last": shown[0],
        "versions": shown,
        "created": entry.first == 1,
        "changed": _changed(before.content if before else NOTHING, shown[0].content),
        "before": before.number if before else None,
        # An entry within one day reads "2 Dec 2026, 09:10 UTC+7 to 09:25".
        "same_day": localdate(entry.started_at) == localdate(entry.ended_at),
        # Open on a version inside the entry chosen to compare, so that it shows as chosen.
        "open": bool(inside - {entry.last}),
    }


def _page_of(entries, number):
    """The page of the history that lists version `number`, or None if there is none."""
    for index, entry in enumerate(entries):
        if number in entry.numbers:
            return index // PAGE_SIZE + 1
    return None


@login_required
@require_safe
def assessment_history(request, pk):
    operation = access.operation_for(request.user, pk)
    services.audit_operation_view(request=request, operation=operation, page="version history")
    entries = services.history_entries(assessment=operation.assessment)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    shown = list(page)
    # The page's entries are consecutive versions; the one before the oldest tells what
    # that entry changed.
    oldest, newest = shown[-1].first, shown[0].last
    versions = {
        version.number: version
        for version in operation.assessment.versions.filter(
            number__gte=oldest - 1, number__lte=newest
        ).select_related("created_by", "conversion")
    }
    # By default the latest entry beside the version before it: what was done last.
    latest = entries[0]
    chosen = {
        "a": _chosen(request, "a", max(latest.first - 1, 1)),
        "b": _chosen(request, "b", latest.last),
    }
    elsewhere = [
        {"name": name, "number": number, "page": _page_of(entries, number)}
        for name, number in chosen.items()
        if not oldest <= number <= newest and _page_of(entries, number)
    ]
    context = {
        "operation": operation,
        "page": page,
        "rows": [_entry_row(entry, versions, chosen) for entry in shown],
        "chosen": chosen,
        "elsewhere": elsewhere,
        "version_count": latest.last,
    }
    return render(request, "assessments/history.html", context)


@login_required
@require_safe
def assessment_diff(request, pk):
    operation = access.operation_for(request.user, pk)
    numbers = (_version_number(request, "a"), _version_number(request, "b"))
    versions = {
        version.number: version
        for version in operation.assessment.versions.filter(number__in=numbers).select_related(
            "created_by"
        )
    }
    if set(numbers) - set(versions):
        raise Http404
    a, b = (versions[number] for number in numbers)
    services.audit_operation_view(
        request=request, operation=operation, page=f"versions {a.number} and {b.number} compared"
    )
    sections = {PROFILE: gettext("Operation profile")} | {
        section.key: gettext(section.title) for section in checklist.SECTIONS
    }
    groups = {}
    for block, key in _differing(a.content, b.content):
        group = PROFILE if block == PROFILE else checklist.SECTION_OF[key]
        groups.setdefault(group, []).append(
            {
                "key": key,
                "label": display.question(key),
                "a": display.answer(key, a.content[block].get(key)),
                "b": display.answer(key, b.content[block].get(key)),
            }
        )
    context = {
        "operation": operation,
        "a": a,
        "b": b,
        "diff_versions": (a, b),
        "groups": [
            {"key": group, "title": title, "rows": groups[group]}
            for group, title in sections.items()
            if group in groups
        ],
    }
    return render(request, "assessments/diff.html", context)
