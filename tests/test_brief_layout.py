"""What the briefs say where, read as poppler reads them: page 1 of the full brief is the
decision, with every condition once and ranked; the NGO brief tells the organisation what
to prepare; both are tagged PDFs with every font embedded, the stamp's too."""

import re
import zoneinfo

import pytest

from assessments import brief_content, checklist, display, services
from tests.briefs_support import approve, poppler
from tests.workflow_builders import approve as approve_again

# A conditional go that needs two approvals: two majors (the warrant, the providers'
# access), a minor (staff of the same gender).
CONDITIONAL_GO = {
    "warrant_status": "pending",
    "service_provider_access_hours": 12,
    "same_gender_staff": False,
    "weapons_expected": "confirmed_firearms",
}
SUPERVISORS = ["Burmese interpreter named by 16 Dec."]
COMMANDERS = [
    "Warrant obtained before boarding.",
    "Obtain the warrant, or record why none is required.",
]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _text(pdf):
    """The PDF's pages as pdftotext reads them, each with its lines joined."""
    pages = poppler("pdftotext", pdf, "-layout").split("\f")
    return [" ".join(page.split()) for page in pages if page.strip()]


@pytest.fixture
def conditional(operation, planner, supervisor, commander, partner):
    """KESTREL as a conditional go approved by sita and chan, each with conditions of
    their own (chan's second is the verdict's own, in its words): the version."""
    from tests.builders import best_assessment

    version = approve(
        operation,
        planner=planner,
        supervisor=supervisor,
        answers={**best_assessment()["answers"], **CONDITIONAL_GO},
        profile={"receiving_organisation": partner.name, "planned_date": "2026-12-16"},
        conditions=SUPERVISORS,
    )
    approve_again(operation, commander, conditions=COMMANDERS)
    version.refresh_from_db()
    assert version.verdict["decision"] == "conditional_go"
    return version


def test_page_1_of_the_full_brief_is_the_whole_decision(conditional):
    pages = _text(services.brief_document(version=conditional, variant="full"))
    first = pages[0]
    for expected in (
        "Conditional go",
        "The operation goes ahead only once every condition below is met.",
        "Classification Smart · score 96 of 100",
        "Threat tier Highest",
        "Wednesday, 16 Dec 2026 (week 51 of 2026)",
        "Factory · Labour exploitation",
        "25 potential victims, among about 40 people on site",
        "Languages: Khmer and Lao",
        "Safe Harbour · +66 2 000 0000",
        "Approved by 2 of 2 approvals required",
        "sita, Supervisor",
        "chan, Commander",
    ):
        assert expected in first, expected
    assert "once it is approved" not in " ".join(pages)
    # The IIMARCH sections follow the decision, from page 2.
    assert "1. Information" not in first and pages[1].startswith(
        "RESTRICTED KESTREL · version 2 1. Information"
    )


def test_page_1_ranks_every_condition_once_the_approvers_first(conditional):
    """Each approval stores the verdict's conditions too, and chan repeated one of them:
    still, each condition is printed once, on page 1, the approvers' own first."""
    pages = _text(services.brief_document(version=conditional, variant="full"))
    whole = " ".join(pages)
    ranked = [
        "APPROVER Burmese interpreter named by 16 Dec. Set by sita (Supervisor).",
        "APPROVER Warrant obtained before boarding. Set by chan (Commander).",
        "MAJOR Obtain the warrant, or record why none is required.",
        "MAJOR Let service providers meet the persons within two hours.",
        "MINOR Have staff of the same gender for interviews.",
    ]
    positions = [pages[0].find(condition) for condition in ranked]
    assert -1 not in positions, pages[0]
    assert positions == sorted(positions)
    for condition in [*SUPERVISORS, *COMMANDERS, *conditional.verdict["conditions"]]:
        assert whole.count(condition) == 1, condition


def test_the_gates_and_an_urgent_gos_own_conditions_come_before_the_majors():
    verdict = {
        "scoring_version": "2",
        "decision": "urgent_go",
        "findings": [
            {"rule": "blind-no-identification", "severity": "gate"},
            {"rule": "child-specialist-missing", "severity": "major"},
        ],
        "conditions": [
            "Screen everyone found off-site, with trauma-informed interviewers.",
            "The approver writes down why the operation cannot wait.",
        ],
    }
    from assessments.scoring import CURRENT_SCORER

    child = CURRENT_SCORER.condition_of(verdict["findings"][1], {})
    verdict["conditions"].insert(1, child)
    ranked = brief_content.ranked_conditions(
        verdict=verdict,
        operation={"expected_languages": []},
        approvals=[{"name": "sita", "role": "Supervisor", "conditions": ["Two medics."]}],
    )
    assert [(entry["rank"], entry["text"]) for entry in ranked] == [
        ("gate", verdict["conditions"][0]),
        ("approver", "Two medics."),
        ("urgent", "The approver writes down why the operation cannot wait."),
        ("major", child),
    ]


def test_the_ngo_brief_says_what_to_prepare_and_asks_nothing(approved_operation):
    version = services.approved_version(operation=approved_operation)
    pages = _text(services.brief_document(version=version, variant="ngo"))
    text = " ".join(pages)
    assert len(pages) == 1  # as few pages as the content needs
    for instruction in (
        "Be ready in Week 51 of 2026",
        "Contact point +66 2 000 0000",
        "Interpreters for Khmer and Lao.",
        "A child specialist: minors may be among them.",
        "Shelter for 25 people.",
        "Be ready to meet them as soon as the operation ends.",
        "Each person decides which services to accept.",
    ):
        assert instruction in text, instruction
    # No question and answer: none of the checklist's questions, nothing "Not answered".
    assert "?" not in text and "Not answered" not in text
    for key in (*brief_content.NGO_PROFILE_FIELDS, *brief_content.NGO_CARE_ITEMS):
        assert display.question(key) not in text


def test_the_ngo_brief_asks_the_organisation_for_what_the_plan_lacks(
    operation, planner, supervisor, partner
):
    from tests.builders import best_assessment

    answers = {
        **best_assessment()["answers"],
        "shelter_capacity_confirmed": None,
        "child_specialist": False,
        "service_provider_access_hours": 12,
    }
    version = approve(
        operation,
        planner=planner,
        supervisor=supervisor,
        answers=answers,
        profile={"receiving_organisation": partner.name, "minors_suspected": "yes"},
    )
    text = " ".join(_text(services.brief_document(version=version, variant="ngo")))
    assert (
        "A child specialist: minors are suspected among them. Not in the plan yet: tell the "
        "task force whether you can provide one." in text
    )
    assert "The places are not confirmed yet: tell the task force how many you can offer." in text
    assert "Be ready to meet them within 12 hours of the operation." in text
    assert "?" not in text


def test_the_ngo_brief_reads_nothing_but_the_allow_list(monkeypatch, approved_operation):
    """`preparation` is handed the allow-listed fields, and only those."""
    seen_keys = []
    original = brief_content.preparation.preparation

    def spy(allowed):
        seen_keys.extend(allowed)
        return original(allowed)

    monkeypatch.setattr(brief_content.preparation, "preparation", spy)
    version = services.approved_version(operation=approved_operation)
    brief_content.ngo_context(version=version, approvals=[], organisation=None)
    assert set(seen_keys) <= {*brief_content.NGO_PROFILE_FIELDS, *brief_content.NGO_CARE_ITEMS}
    assert not set(seen_keys) & checklist.RESTRICTED_FIELDS


@pytest.mark.parametrize("variant", ["full", "ngo"])
def test_both_briefs_are_tagged_with_every_font_embedded_the_stamps_too(
    approved_operation, supervisor, variant
):
    # A name in Thai and Khmer, which a Latin-1 stamp font would print as "?".
    supervisor.first_name, supervisor.last_name = "สมชาย", "សុខា"
    supervisor.save()
    version = services.approved_version(operation=approved_operation)
    pdf = services.brief_document(version=version, variant=variant)
    info = poppler("pdfinfo", pdf)
    assert re.search(r"^Tagged:\s+yes$", info, re.MULTILINE)
    fonts = poppler("pdffonts", pdf).splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts  # emb
    # The stamp (the signature field's appearance) names the approver in their script.
    assert "Approved by สมชาย សុខា (Supervisor)" in poppler("pdftotext", pdf)
    assert "Signature is Valid." in poppler("pdfsig", pdf)
    assert "PDF/UA" in poppler("pdfinfo", pdf, "-meta")


def test_a_brief_names_the_time_zone_of_every_time(conditional):
    first = _text(services.brief_document(version=conditional, variant="full"))[0]
    assert len(re.findall(r" · Approval · [^·]+? UTC", first)) == 2


def test_the_last_week_of_the_calendar_has_an_end():
    """Red team: a plan for 9999-12-31 broke its NGO brief for good (OverflowError)."""
    from assessments.brief_content import planned_week

    assert planned_week("9999-12-31") == "Week 52 of 9999 (27 Dec 9999 to 31 Dec 9999)"


def test_a_brief_gives_its_times_in_the_task_forces_zone_named(conditional):
    # Rendered by a worker with no viewer, it reads in the task force's zone all the same.
    task_force = conditional.assessment.operation.task_force
    task_force.time_zone = "Asia/Bangkok"
    task_force.save()
    approval = conditional.approvals.earliest("created_at")
    local = approval.created_at.astimezone(zoneinfo.ZoneInfo("Asia/Bangkok"))
    for variant in ("full", "ngo"):
        text = " ".join(_text(services.brief_document(version=conditional, variant=variant)))
        assert f"{local:%H:%M} UTC+7" in text, variant
        # The stamp too: the moment of signing, to the second, in the same zone.
        assert re.search(r"\d{1,2} \w{3} \d{4}, \d\d:\d\d:\d\d UTC\+7", text), variant
