"""The checklist is a set of readable records: a new item is its record and its scoring row."""

import dataclasses

from assessments import checklist
from assessments.checklist import BOOL, SIREN, Checklist, Item, gettext_noop
from assessments.checklist.records import FULL_BRIEF_ONLY
from assessments.forms.checklist import ChecklistSectionForm
from assessments.scoring import CURRENT_SCORER, ROWS, RULES, Scorer
from assessments.scoring.rows import Row, when_true

from .builders import best_assessment

NEW = Item(
    "drone_overflight_planned",
    BOOL,
    question=gettext_noop("Is an overflight planned to count the people on site?"),
    help=gettext_noop("A count from the air tells the care team how many to expect."),
    source=SIREN,
    disclosure=FULL_BRIEF_ONLY,
)


def _with_new_item():
    """The current checklist and scorer with NEW added to section D: nothing else edited."""
    sections = tuple(
        dataclasses.replace(section, items=(*section.items, NEW)) if section.key == "D" else section
        for section in checklist.SECTIONS
    )
    extended = Checklist(
        version=checklist.CHECKLIST_VERSION, profile=checklist.PROFILE, sections=sections
    )
    # The weights still sum to 100: the new row's point comes from evidence_sources.
    rows = {
        **ROWS,
        "evidence_sources": dataclasses.replace(
            ROWS["evidence_sources"], weight=ROWS["evidence_sources"].weight - 1
        ),
        NEW.key: Row(weight=1, earns=when_true, advice=gettext_noop("Plan the overflight.")),
    }
    scorer = Scorer(version=CURRENT_SCORER.version, checklist=extended, rows=rows, rules=RULES)
    return extended, scorer


def _assessment(extended, value):
    data = best_assessment()
    data["answers"][NEW.key] = value
    return extended.parse(data)


def test_a_new_item_needs_only_its_record_and_its_scoring_row():
    extended, scorer = _with_new_item()
    assert extended.section_of[NEW.key] == "D"
    assert NEW.key not in extended.restricted and NEW.key not in extended.ngo_items

    problems = extended.validate({**best_assessment(), "answers": {NEW.key: "maybe"}})
    assert [str(p) for p in problems] == [f"answers.{NEW.key}: must be true, false or null."]

    best = scorer.score(_assessment(extended, True))
    assert (best["classification"], best["decision"], best["score"]) == ("smart", "go", 100)
    weak = scorer.score(_assessment(extended, False))
    finding = {f["rule"]: f for f in weak["findings"]}[f"item-{NEW.key}"]
    assert (finding["severity"], finding["message"], finding["source"]) == (
        "minor",
        "Plan the overflight.",
        SIREN,
    )
    assert weak["section_scores"]["D"] == best["section_scores"]["D"] - 1
    assert NEW.key in scorer.score(_assessment(extended, None))["missing"]

    [section] = [section for section in extended.sections if section.key == "D"]
    form = ChecklistSectionForm(section, answers={NEW.key: True})
    assert form.fields[NEW.key].label == NEW.question
    assert form.fields[NEW.key].initial == "true"


def test_each_record_is_readable_on_its_own():
    for key, item in {**checklist.PROFILE_FIELDS, **checklist.ITEMS}.items():
        assert item.key == key and item.question, key
        assert item.disclosure.ngo_brief in ("yes", "week", "no"), key
        assert item.disclosure.full_brief in ("yes", "no"), key
        assert list(item.labels) == list(item.values), key
