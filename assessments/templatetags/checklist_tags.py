"""Template filters that turn contract keys into the words a planner reads.

The verdict and the answers store keys ("conditional_go", "victim_presence"); the
templates show them through these filters so that each label lives in one place and is
translated on display.
"""

from django import template
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from assessments import checklist

register = template.Library()

# Keys of the verdict that checklist.VALUE_LABELS does not cover.
VERDICT_LABELS = {
    "classification": {
        "smart": _("Smart"),
        "deficient": _("Deficient"),
        "blind": _("Blind"),
    },
    "decision": {
        "go": _("Go"),
        "conditional_go": _("Conditional go"),
        "no_go": _("No go"),
        "urgent_go": _("Urgent go"),
    },
    "decision_meaning": {
        "go": _("The plan is smart: the operation may go ahead once it is approved."),
        "conditional_go": _(
            "The operation may go ahead only once every condition listed below is met."
        ),
        "no_go": _(
            "Do not go ahead: as planned, this would be a blind or harmful raid. Resolve the "
            "gates below or choose an alternative."
        ),
        "urgent_go": _(
            "Act now: there is an immediate danger. Take the minimum safeguards listed below along."
        ),
    },
    "threat_tier": {
        "lower": _("Lower"),
        "moderate": _("Moderate"),
        "high": _("High"),
        "highest": _("Highest"),
    },
    "severity": {
        "gate": _("Gates: each decides the verdict on its own"),
        "major": _("Major findings"),
        "minor": _("Minor findings"),
    },
}


@register.filter
def verdict_label(value, kind):
    """`{{ verdict.decision|verdict_label:"decision" }}`; an unknown key shows as is."""
    return VERDICT_LABELS.get(kind, {}).get(value, value)


@register.filter
def value_label(value):
    """The translated label of a choice value (`labour_inspection` -> Labour inspection)."""
    label = checklist.VALUE_LABELS.get(value)
    return gettext(label) if label else value


@register.filter
def item_question(key):
    """The translated question of a checklist item key."""
    item = checklist.ITEMS.get(key)
    return gettext(item.question) if item else key


@register.filter
def item_section(key):
    """The key of the section that asks `key` (for links to it)."""
    return checklist.SECTION_OF.get(key, "")


@register.filter
def answer_display(value, key):
    """A contract answer as a planner reads it (Yes, Not answered, labels of a list)."""
    if not checklist.is_answered(value):
        return gettext("Not answered")
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if isinstance(value, list):
        return ", ".join(value_label(entry) for entry in value)
    item = checklist.ITEMS.get(key)
    if item and item.type == checklist.CHOICE:
        return value_label(value)
    return str(value)
