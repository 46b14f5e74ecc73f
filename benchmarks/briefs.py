"""A brief rendered and signed in this process, warm, beside WeasyPrint alone on the same
HTML and stylesheet: the code a worker runs for a brief (`brief_content` ->
`pdf.pdf_render` -> `signing.pdf_sign`) on an assessment with several findings and some
long answers. The database is left out (unsaved model instances), so the numbers are
those of rendering and signing. The first brief warms up (fonts, templates, signer).
"""

import time

from django.template.loader import render_to_string
from weasyprint import CSS, HTML

from assessments import brief_content, checklist, scoring, signing
from assessments.models import (
    Assessment,
    AssessmentVersion,
    Operation,
    PartnerOrganisation,
    TaskForce,
)
from assessments.pdf import ORIGIN, PDF_VARIANT, StaticFilesOnly, font_config, pdf_render
from assessments.services import content_hash
from tests.builders import best_assessment

from .report import interleaved

ROUNDS = 7
APPROVALS = [
    {
        "name": name,
        "role": role,
        "kind": "Approval",
        "time": None,
        "rationale": "Presence corroborated; care and shelter confirmed.",
        "conditions": ["Interpreters for Lao on site."],
    }
    for name, role in (("sita", "Supervisor"), ("chan", "Commander"))
]
ORGANISATION = PartnerOrganisation(name="Safe Harbour", contact_point="+66 2 000 0000")


def _version():
    # A plan as approved plans are: the best answers but for a few gaps, so a
    # conditional go with some findings, and a few long free-text answers.
    content = best_assessment()
    content["answers"].update(
        victim_presence="reported",
        warrant_status="pending",
        service_provider_access_hours=6,
        offence_basis="Forced labour and debt bondage (sections 6 and 9). " * 3,
        leak_mitigations="Vetted team, need-to-know briefing at 05:00 on the day. " * 2,
    )
    content["operation"].update(
        target_name="Golden Thread Garments",
        target_address="14 Riverside Road, Sample District",
        planned_date="2026-12-14",
        expected_languages=["Khmer", "Lao"],
        suspect_details="Owner known as Mr K.; two guards at the gate.",
        receiving_organisation=ORGANISATION.name,
    )
    content = checklist.parse_assessment(content)
    operation = Operation(codename="KESTREL", task_force=TaskForce(name="Mekong task force"))
    assessment = Assessment(operation=operation, version_number=3)
    return AssessmentVersion(
        assessment=assessment,
        number=3,
        content=content,
        verdict=scoring.score_assessment(content),
        content_hash=content_hash(content),
        receiving_organisation=ORGANISATION,
    )


def _context(version, variant):
    make = brief_content.full_context if variant == "full" else brief_content.ngo_context
    return make(version=version, approvals=APPROVALS, organisation=ORGANISATION)


def brief(version, variant="full"):
    """Render and sign one brief, as a worker does."""
    pdf = pdf_render(f"briefs/{variant}.html", _context(version, variant))
    return signing.pdf_sign(
        pdf, title="KESTREL v3: brief", approvers="Approved by sita, chan", reason="bench"
    )


def weasyprint_alone(html, css):
    """The same HTML and stylesheet through WeasyPrint, and nothing else."""
    # The same fetcher as the app's: the stylesheet's fonts are among the static files.
    fetcher = StaticFilesOnly()
    stylesheet = CSS(
        string=css, base_url=f"{ORIGIN}/", url_fetcher=fetcher, font_config=font_config()
    )
    return HTML(string=html, base_url=f"{ORIGIN}/", url_fetcher=fetcher).write_pdf(
        stylesheets=[stylesheet], font_config=font_config(), pdf_variant=PDF_VARIANT
    )


def _timed(function, *args):
    started = time.perf_counter()
    function(*args)
    return time.perf_counter() - started


def measure():
    """{"cold": s, "full": [s], "weasyprint": [s], "ngo": [s]}."""
    version = _version()
    cold = _timed(brief, version)
    context = _context(version, "full")
    html = render_to_string("briefs/full.html", context)
    css = render_to_string("briefs/brief.css", context)
    weasyprint_alone(html, css)
    full, alone = interleaved(
        "full brief render + sign vs WeasyPrint alone",
        lambda: _timed(brief, version),
        lambda: _timed(weasyprint_alone, html, css),
        rounds=ROUNDS,
    )
    ngo = [_timed(brief, version, "ngo") for _ in range(ROUNDS)]
    return {"cold": cold, "full": full, "weasyprint": alone, "ngo": ngo}
