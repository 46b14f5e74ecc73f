"""Markup typed into any free-text field comes back as text: escaped in every page that
shows it, printed as typed in the signed briefs, a plain string in the JSON export.
"""

import json

import pytest
from django.urls import reverse
from django.utils.html import escape

from assessments import checklist, services
from assessments.models import Brief

from .briefs_support import poppler, render_briefs
from .builders import best_assessment
from .hostile import ATTRIBUTE, RAW_MARKUP, SCRIPT
from .two_factor import VerifyingClient
from .workflow_builders import approve

FREE_TEXT_PROFILE = ("target_name", "target_address", "suspect_details")
FREE_TEXT_ITEMS = [key for key, item in checklist.ITEMS.items() if item.type == checklist.TEXT]


@pytest.fixture
def hostile_operation(planner, task_force):
    """An operation whose every free-text field holds markup, at version 2."""
    operation = services.operation_create(
        task_force=task_force, user=planner, profile={"codename": "PLAIN"}
    )
    services.assessment_save(
        operation=operation,
        user=planner,
        base_version=1,
        profile={
            "codename": SCRIPT,
            "expected_languages": [ATTRIBUTE],
            **dict.fromkeys(FREE_TEXT_PROFILE, f"{SCRIPT} {ATTRIBUTE}"),
        },
        answers=dict.fromkeys(FREE_TEXT_ITEMS, f"{SCRIPT} {ATTRIBUTE}"),
    )
    return operation


def _pages(operation):
    on = {"pk": operation.pk}
    yield reverse("assessments:operation_list")
    yield reverse("assessments:operation_list") + "?q=" + SCRIPT
    for name in ("operation_detail", "operation_edit", "assessment_history", "verdict_panel"):
        yield reverse(f"assessments:{name}", kwargs=on)
    yield reverse("assessments:assessment_diff", kwargs=on) + "?a=1&b=2"
    for section in checklist.SECTIONS:
        yield reverse("assessments:checklist_section", kwargs={**on, "section": section.key})


def test_it_escapes_markup_on_every_page_that_shows_it(planner_client, hostile_operation):
    shown = set()
    for url in _pages(hostile_operation):
        html = planner_client.get(url).content.decode()
        for raw in RAW_MARKUP:
            assert raw not in html, url
        shown |= {text for text in (escape(SCRIPT), escape(ATTRIBUTE)) if text in html}
    assert shown == {escape(SCRIPT), escape(ATTRIBUTE)}


@pytest.fixture
def hostile_briefs(planner, supervisor, partner, task_force):
    """An approved operation with markup in its free text, its two briefs signed."""
    answers = {**best_assessment()["answers"], **dict.fromkeys(FREE_TEXT_ITEMS, SCRIPT)}
    operation = services.operation_create(
        task_force=task_force,
        user=planner,
        profile={
            "codename": f"X{SCRIPT}",
            "target_name": ATTRIBUTE,
            "receiving_organisation": partner.name,
            "site_type": "factory",
            "exploitation_type": "labour",
            "planned_date": "2099-01-01",
        },
        answers=answers,
    )
    services.assessment_submit(operation=operation, user=planner)
    approve(operation, supervisor, rationale=SCRIPT)
    return render_briefs(operation)


def test_it_prints_markup_in_briefs_as_the_text_typed(hostile_briefs):
    full = poppler("pdftotext", services.brief_pdf(hostile_briefs[Brief.Variant.FULL]))
    ngo = poppler("pdftotext", services.brief_pdf(hostile_briefs[Brief.Variant.NGO]))
    # Shown, as typed: neither run as markup (it would vanish) nor escaped twice.
    assert SCRIPT in full
    assert ATTRIBUTE in full
    assert f"X{SCRIPT}" in ngo
    for text in (full, ngo):
        assert "&lt;" not in text
        assert "&quot;" not in text


def test_it_escapes_markup_on_the_workflow_brief_and_audit_pages(
    supervisor_client, hostile_briefs, ngo_reviewer
):
    operation = hostile_briefs[Brief.Variant.FULL].version.assessment.operation
    pages = [
        reverse(f"assessments:{name}", args=[operation.pk])
        for name in (
            "operation_detail",
            "assessment_decision",
            "after_action_review",
            "operation_briefs",
            "brief_status",
        )
    ]
    pages += [reverse(f"assessments:{name}") for name in ("waiting", "audit_list")]
    pages.append(reverse("assessments:audit_list") + "?operation=" + SCRIPT)
    for url in pages:
        html = supervisor_client.get(url).content.decode()
        for raw in RAW_MARKUP:
            assert raw not in html, url
    assert escape(SCRIPT) in supervisor_client.get(pages[0]).content.decode()
    nadia = VerifyingClient()
    nadia.force_login(ngo_reviewer)
    html = nadia.get(reverse("assessments:shared_briefs")).content.decode()
    assert escape(f"X{SCRIPT}") in html
    assert "<script>alert(1)" not in html


def test_it_exports_markup_as_json_strings(planner_client, hostile_operation):
    response = planner_client.post(
        reverse("assessments:assessment_export", args=[hostile_operation.pk])
    )
    content = json.loads(response.content)
    assert content["operation"]["codename"] == SCRIPT
    assert content["answers"]["offence_basis"] == f"{SCRIPT} {ATTRIBUTE}"
    assert response["Content-Type"].startswith("application/json")
