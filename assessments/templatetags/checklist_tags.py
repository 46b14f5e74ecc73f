"""Template filters that turn contract keys into the words a planner reads.

The verdict and the answers store keys ("conditional_go", "victim_presence"); the
templates show them through these filters, which read assessments/display.py, the one
place where each label lives, translated on display.
"""

from django import template

from assessments import checklist, display

register = template.Library()


@register.filter
def verdict_label(value, kind):
    """`{{ verdict.decision|verdict_label:"decision" }}`; an unknown key shows as is."""
    return display.verdict_label(kind, value)


@register.filter
def value_label(value, key):
    """`{{ alternative|value_label:"alternatives_considered" }}`: the value's label."""
    return display.value_label(key, value)


@register.filter
def item_question(key):
    """The translated question of a checklist item key."""
    return display.question(key) if key in checklist.ITEMS else key


@register.filter
def item_section(key):
    """The key of the section that asks `key` (for links to it)."""
    return checklist.SECTION_OF.get(key, "")


@register.filter
def answer_display(value, key):
    """A contract answer as a planner reads it (Yes, Not answered, labels of a list)."""
    return display.answer(key, value)
