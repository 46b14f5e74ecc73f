"""How a key or a value of the contract reads for people: the one place for it.

Pages (through templatetags/checklist_tags.py), briefs, the history and the forms all
read their words here. The words themselves are the checklist records' (questions,
and each value's label beside it), marked with gettext_noop and translated here, on
display; the verdict's own keys (decision, classification ...) are labelled below.
"""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import checklist

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


# What the decision means, as a brief says it: a signed brief is of an approved plan, so
# it does not speak of approval to come ("decision_meaning" above, on the pages, does).
BRIEF_MEANING = {
    "go": _("The operation goes ahead as planned."),
    "conditional_go": _("The operation goes ahead only once every condition below is met."),
    "no_go": _("The operation does not go ahead: as planned, it would be a blind or harmful raid."),
    "urgent_go": _("Act now: there is an immediate danger. Take every safeguard below along."),
}

# How binding each condition of a brief is, in the order the brief ranks them.
CONDITION_RANKS = {
    "gate": _("Gate"),
    "approver": _("Approver"),
    "urgent": _("Urgent go"),
    "major": _("Major"),
    "minor": _("Minor"),
}


def verdict_label(kind, value):
    """The label of a verdict's `value` of `kind` (decision, classification ...); an
    unknown key as it is."""
    return VERDICT_LABELS.get(kind, {}).get(value, value)


def question(key):
    """The translated question (or profile field name) of a contract key."""
    return gettext(checklist.field(key).question)


def value_label(key, value):
    """The translated label of one value of `key`; a free value (a language) as it is."""
    label = checklist.field(key).labels.get(value)
    return gettext(label) if label else value


def choices(key, translate=gettext):
    """(value, label) pairs of `key`, translated by `translate` (gettext_lazy at import)."""
    return [(value, translate(label)) for value, label in checklist.choices_for(key)]


def listing(values):
    """Values as a sentence lists them: "Khmer, Lao and Vietnamese"."""
    values = [str(value) for value in values]
    if len(values) < 2:
        return "".join(values)
    return gettext("%(values)s and %(last)s") % {
        "values": ", ".join(values[:-1]),
        "last": values[-1],
    }


def answer(key, value):
    """A contract answer or profile value as people read it (Yes, Not answered, labels)."""
    item = checklist.field(key)
    if not checklist.is_answered(value):
        return gettext("Not answered")
    if item.type == checklist.BOOL:
        return gettext("Yes") if value else gettext("No")
    if item.type == checklist.CHOICE:
        return value_label(key, value)
    if item.type == checklist.MULTI:
        return ", ".join(value_label(key, entry) for entry in value)
    return str(value)


# The parts of an assessment JSON outside any one question, as problems name them.
PARTS = {
    "": _("The file"),
    "checklist_version": _("Checklist version"),
    "operation": _("Operation profile"),
    "answers": _("Answers"),
}


def problem_place(key):
    """Where a problem of an assessment JSON lies, as people read it: the section and the
    question ("Section A, “How many independent sources …?”"), the profile's field, or
    the part of the file. `key` is the problem's path (`answers.victim_presence`), or a
    key alone where the JSON gave it twice."""
    block, _dot, name = key.partition(".") if "." in key else ("", "", key)
    if block in ("", "answers") and name in checklist.ITEMS:
        return gettext("Section %(section)s, “%(question)s”") % {
            "section": checklist.SECTION_OF[name],
            "question": question(name),
        }
    if block in ("", "operation") and name in checklist.PROFILE_FIELDS:
        return gettext("Operation profile, “%(question)s”") % {"question": question(name)}
    return str(PARTS.get(block or name, PARTS[""]))


def problem_message(problem):
    """What is wrong, in words: a value outside the list names each allowed value with
    its label, as the page shows it, beside the value the file must hold."""
    name = problem.key.partition(".")[2]
    if problem.message == checklist.NOT_ONE_OF and checklist.field_or_none(name):
        labels = checklist.field(name).labels
        allowed = ", ".join(f"{gettext(label)} ({value})" for value, label in labels.items())
        return gettext("%(value)s is not one of its answers: %(allowed)s.") % {
            "value": dict(problem.params)["value"],
            "allowed": allowed,
        }
    return problem.render(gettext)


def problems(invalid):
    """Each problem of a checklist.InvalidAssessment for a page: where, what, the path."""
    return [
        {
            "place": problem_place(problem.key),
            "message": problem_message(problem),
            "key": problem.key,
        }
        for problem in invalid.problems
    ]
