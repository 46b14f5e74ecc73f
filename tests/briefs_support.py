"""Helpers of the brief tests: render the queued briefs, read a PDF as poppler does."""

import subprocess
import tempfile

from assessments import services
from assessments.models import Brief
from tests.builders import best_assessment


def approve(operation, *, planner, supervisor, answers=None, profile=None, **decision):
    """Save `answers` (default: the best plan) and `profile`, submit, approve by
    `supervisor` (`decision`: rationale, conditions). Returns the approved version."""
    version = services.assessment_save(
        operation=operation,
        user=planner,
        base_version=1,
        answers=answers or best_assessment()["answers"],
        profile=profile,
    )
    services.assessment_submit(operation=operation, user=planner)
    services.assessment_approve(
        operation=operation,
        user=supervisor,
        version=version.number,
        content_hash=version.content_hash,
        **{"rationale": "Corroborated; care ready.", **decision},
    )
    return version


def render_briefs(operation):
    """Render the briefs queued for `operation` in this process; {variant: Brief} of
    those in force."""
    briefs = Brief.objects.filter(version__assessment__operation=operation).exclude(
        status=Brief.Status.WITHDRAWN
    )
    for brief in briefs:
        services.brief_render(brief_id=brief.pk)
    return {brief.variant: brief for brief in briefs.all()}


def poppler(command, data, *arguments):
    """The output of a poppler tool (pdftotext, pdfinfo, pdfsig) run on PDF `data`."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf:
        pdf.write(data)
        pdf.flush()
        output = ["-"] if command == "pdftotext" else []
        result = subprocess.run(
            [command, *arguments, pdf.name, *output], capture_output=True, text=True, check=False
        )
    return result.stdout + result.stderr
