"""An assessment's versions: who changed what, and two versions side by side.

Two kinds of entry are not a person's edit, and read as such: a version RaidAssess made
when the rules changed (the same answers scored again), and a stored version whose
values a new checklist refused, converted in place (what changed, and from what).
"""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext
from django.views.decorators.http import require_safe

from assessments import access, checklist, display, services
from assessments.models import AssessmentVersion, VersionConversion

PAGE_SIZE = 50
PROFILE = "operation"


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
    }


def _version_number(request, name):
    try:
        return int(request.GET[name])
    except (KeyError, ValueError):
        raise Http404 from None


@login_required
@require_safe
def assessment_history(request, pk):
    operation = access.operation_for(request.user, pk)
    services.audit_operation_view(request=request, operation=operation, page="version history")
    versions = operation.assessment.versions.select_related("created_by", "conversion").order_by(
        "-number"
    )
    page = Paginator(versions, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = list(page)
    # The version before the oldest on this page, to tell what that one changed.
    oldest = rows[-1].number if rows else 1
    earlier = operation.assessment.versions.filter(number=oldest - 1).first()
    previous_of = [*rows[1:], earlier]
    for version, previous in zip(rows, previous_of, strict=True):
        version.changed = (
            [display.question(key) for _block, key in _differing(previous.content, version.content)]
            if previous
            else None
        )
        version.rule_change = version.kind == AssessmentVersion.Kind.RESCORED
        version.scored_before = previous.scoring_version if previous else None
        version.converted = _conversion(version)
    context = {
        "operation": operation,
        "page": page,
        "versions": rows,
        "latest": operation.assessment.version_number,
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
