"""Benchmark: render and sign a full brief, warm, and the memory of 100 briefs in a row.

Run with `make bench` (or `DEBUG=true python -m benchmarks.briefs`). It runs the code a
worker runs for a brief (`brief_content` -> `pdf.pdf_render` -> `signing.pdf_sign`) in
one process, as one worker process would, on an assessment with several findings and
some long answers; the database is left out (unsaved model instances), so the numbers are
those of rendering and signing. The first brief warms up (fonts, templates, signer).
"""

import os
import resource
import statistics
import time
from io import BytesIO

import django
from pyhanko.pdf_utils.reader import PdfFileReader

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "raidassess.settings")
django.setup()

from assessments import brief_content, checklist, scoring, signing  # noqa: E402
from assessments.models import (  # noqa: E402
    Assessment,
    AssessmentVersion,
    Operation,
    PartnerOrganisation,
    TaskForce,
)
from assessments.pdf import pdf_render  # noqa: E402
from assessments.services import content_hash  # noqa: E402
from tests.builders import best_assessment  # noqa: E402

ROUNDS = 20
BRIEFS = 100


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
    )


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


def brief(version, organisation):
    context = brief_content.full_context(
        version=version, approvals=APPROVALS, organisation=organisation
    )
    pdf = pdf_render("briefs/full.html", context)
    return pdf, signing.pdf_sign(
        pdf, title="KESTREL v3: Full brief", approvers="Approved by sita, chan", reason="bench"
    )


def rss_mb():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main():
    version = _version()
    organisation = PartnerOrganisation(name="Safe Harbour", contact_point="+66 2 000 0000")
    start = time.perf_counter()
    pdf, _signed = brief(version, organisation)
    print(f"cold (fonts, templates, signer loaded): {time.perf_counter() - start:.3f} s")
    pages = PdfFileReader(BytesIO(pdf)).root["/Pages"]["/Count"]

    render, sign, total = [], [], []
    for _ in range(ROUNDS):
        context = brief_content.full_context(
            version=version, approvals=APPROVALS, organisation=organisation
        )
        started = time.perf_counter()
        pdf = pdf_render("briefs/full.html", context)
        rendered = time.perf_counter()
        signing.pdf_sign(pdf, title="KESTREL v3", approvers="Approved by sita", reason="bench")
        done = time.perf_counter()
        render.append(rendered - started)
        sign.append(done - rendered)
        total.append(done - started)
    print(
        f"warm full brief ({pages} pages), {ROUNDS} rounds: render+sign median "
        f"{statistics.median(total):.3f} s (best {min(total):.3f} s); render median "
        f"{statistics.median(render):.3f} s, sign median {statistics.median(sign) * 1000:.1f} ms"
    )

    before = rss_mb()
    peak = before
    for _ in range(BRIEFS):
        brief(version, organisation)
        peak = max(peak, rss_mb())
    print(
        f"RSS over {BRIEFS} briefs in one process: {before:.0f} MB before, "
        f"peak {peak:.0f} MB, {rss_mb():.0f} MB after"
    )


if __name__ == "__main__":
    main()
