"""The checklist section form: contract values in and out, and what counts as changed."""

import pytest

from assessments import checklist
from assessments.forms.checklist import ChecklistSectionForm, to_initial

SECTIONS = {section.key: section for section in checklist.SECTIONS}


def _form(section_key, data, **kwargs):
    form = ChecklistSectionForm(SECTIONS[section_key], {"base_version": "3", **data}, **kwargs)
    form.is_valid()
    return form


def test_it_has_a_field_per_item_named_by_its_key_and_labelled_by_its_question():
    form = ChecklistSectionForm(SECTIONS["A"])
    item_keys = [item.key for item in SECTIONS["A"].items]
    assert [key for key in form.fields if key in checklist.ITEMS] == item_keys
    assert form.fields["victim_presence"].label == checklist.ITEMS["victim_presence"].question


@pytest.mark.parametrize(("posted", "value"), [("true", True), ("false", False), ("", None)])
def test_it_cleans_bool_radios_to_contract_values(posted, value):
    form = _form("A", {"broker_links_investigated": posted})
    assert form.answer("broker_links_investigated") is value


@pytest.mark.parametrize(("value", "shown"), [(True, "true"), (False, "false"), (None, "")])
def test_it_shows_bool_contract_values_as_radios(value, shown):
    assert to_initial(checklist.ITEMS["broker_links_investigated"], value) == shown


def test_it_maps_multi_lists_both_ways():
    form = _form("A", {"evidence_sources": ["informant", "surveillance"]})
    assert form.answer("evidence_sources") == ["informant", "surveillance"]
    assert _form("A", {}).answer("evidence_sources") is None
    item = checklist.ITEMS["evidence_sources"]
    assert to_initial(item, None) == []
    assert to_initial(item, ["informant"]) == ["informant"]


def test_it_cleans_blank_text_and_unanswered_choices_numbers_and_lists_to_none():
    form = _form(
        "A", {"offence_basis": "   ", "victim_presence": "", "independent_corroborations": ""}
    )
    assert form.answer("offence_basis") is None
    assert form.answer("victim_presence") is None
    assert form.answer("independent_corroborations") is None


def test_it_cleans_numbers_and_choices():
    form = _form("A", {"independent_corroborations": "2", "victim_presence": "confirmed"})
    assert form.answer("independent_corroborations") == 2
    assert form.answer("victim_presence") == "confirmed"


def test_it_shows_saved_answers_as_initial_values():
    form = ChecklistSectionForm(
        SECTIONS["A"], answers={"victim_presence": "reported", "independent_corroborations": 0}
    )
    assert form["victim_presence"].value() == "reported"
    assert form["independent_corroborations"].value() == 0


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"independent_corroborations": "-1"}, "independent_corroborations"),
        ({"independent_corroborations": str(checklist.MAX_INT + 1)}, "independent_corroborations"),
        ({"victim_presence": "certain"}, "victim_presence"),
        ({"evidence_sources": ["rumour"]}, "evidence_sources"),
        ({"broker_links_investigated": "maybe"}, "broker_links_investigated"),
        ({"offence_basis": "x" * (checklist.MAX_TEXT_LENGTH + 1)}, "offence_basis"),
    ],
)
def test_it_names_the_field_of_a_bad_value(data, field):
    form = _form("A", data)
    assert list(form.errors) == [field]
    assert [bound.name for bound, _ in form.item_errors()] == [field]


def test_it_sends_only_the_valid_changed_keys():
    form = _form(
        "A",
        {
            "changed": "victim_presence, independent_corroborations",
            "victim_presence": "confirmed",
            "independent_corroborations": "-1",
            "offence_basis": "typed but not changed",
        },
    )
    assert form.changed_answers() == {"victim_presence": "confirmed"}


def test_it_treats_every_key_as_changed_without_javascript():
    form = _form("C", {"objective_arrest": "true"})
    assert form.changed_answers() == {
        "objective_arrest": True,
        "objective_seize": None,
        "objective_rescue": None,
        "immigration_enforcement_objective": None,
        "payment_to_exploiters": None,
    }


def test_it_sends_nothing_when_changed_is_empty():
    assert _form("C", {"changed": "", "objective_arrest": "true"}).changed_answers() == {}


def test_it_refuses_changed_keys_of_another_section():
    form = _form("C", {"changed": "objective_arrest,victim_presence"})
    assert "changed" in form.control_errors()


def test_it_takes_the_version_of_keep_mine_as_base():
    assert _form("C", {"keep_mine": "7"}).cleaned_data["base_version"] == 7
    assert _form("C", {}).cleaned_data["base_version"] == 3


def test_it_disables_every_field_when_read_only():
    form = ChecklistSectionForm(SECTIONS["T"], readonly=True)
    assert all(form.fields[item.key].disabled for item in SECTIONS["T"].items)
