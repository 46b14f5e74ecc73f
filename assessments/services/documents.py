"""A brief as a PDF: signed, for the approved version, or a draft preview of any version.

`brief_document` renders and signs (the worker's `briefs.brief_render` and `render_brief`
call it); it refuses anything but the approved version. `brief_preview` renders the same
brief of the version being prepared, so that a planner sees it as it will read before
submitting: marked DRAFT on every page, never signed, never stored, no Brief row.

WeasyPrint and pyHanko, with the fonts they load (some 70 MB), are imported where a PDF
is made, on first use, rather than with this module: every web process imports the
services at start-up, and only the odd preview there needs them. The workers import both
at start all the same (CELERY_IMPORTS), before their pool forks, so that the pool
processes share them.
"""

from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .. import brief_content
from ..models import Assessment, Brief
from ..templatetags.time_tags import when
from .states import Refused, Write, write_check
from .versions import approved_version, current_version

TEMPLATES = {Brief.Variant.FULL: "briefs/full.html", Brief.Variant.NGO: "briefs/ngo.html"}
CONTEXTS = {
    Brief.Variant.FULL: brief_content.full_context,
    Brief.Variant.NGO: brief_content.ngo_context,
}
NOT_APPROVED = _(
    "Version %(number)d does not hold all the approvals it needs: briefs are signed only "
    "for the approved version."
)
NO_ORGANISATION = _("The approved version names no receiving organisation: no NGO brief.")
NO_ORGANISATION_YET = _(
    "Version %(number)d names no receiving organisation: there is no NGO brief to preview. "
    "Name one in the operation profile."
)


def _require_signable(version, variant):
    """Refuse to sign a brief of `version` unless it is the approved version (read from
    the database now, not from whatever `version` carries)."""
    assessment = Assessment.objects.select_related("operation").get(pk=version.assessment_id)
    write_check(assessment=assessment, write=Write.BRIEF_RENDER)
    approved = approved_version(operation=assessment.operation)
    if approved is None or approved.pk != version.pk:
        raise Refused(NOT_APPROVED % {"number": version.number})
    if variant == Brief.Variant.NGO and version.receiving_organisation is None:
        raise Refused(NO_ORGANISATION)


def _task_force_zone(version):
    """A brief's times, stamp included, read in its task force's own zone, named, wherever
    it is rendered (a worker has no viewer)."""
    return timezone.override(version.assessment.operation.task_force.time_zone)


def _render(version, variant, approvals, *, draft):
    from ..pdf import pdf_render  # WeasyPrint: on first use (see the module's docstring)

    context = CONTEXTS[variant](
        version=version,
        approvals=approvals,
        organisation=version.receiving_organisation,
        draft=draft,
    )
    with _task_force_zone(version):
        return context, pdf_render(TEMPLATES[variant], context)


def brief_document(*, version, variant):
    """The signed PDF (bytes) of one brief of `version`, rendered and signed in-process.

    Raises Refused unless `version` is the approved version of its operation (and, for
    the NGO brief, names a receiving organisation): nothing else is ever signed.
    """
    from .. import signing  # pyHanko: on first use (see the module's docstring)

    _require_signable(version, variant)
    approvals = brief_content.approvals_of(version)
    context, pdf = _render(version, variant, approvals, draft=False)
    approvers = ", ".join(f"{approval['name']} ({approval['role']})" for approval in approvals)
    with _task_force_zone(version):
        signed = when(timezone.now(), "seconds")
    return signing.pdf_sign(
        pdf,
        title=f"{context['codename']} v{version.number}: {Brief.Variant(variant).label}",
        approvers=gettext("Approved by %(approvers)s") % {"approvers": approvers or "-"},
        reason=gettext("Approved brief, version %(number)d") % {"number": version.number},
        signed=signed,
    )


def brief_preview(*, operation, variant):
    """The draft preview (PDF bytes) of one brief of the current version of `operation`,
    whatever its state: the brief as it will read, with the approvals given so far,
    marked DRAFT on every page. It is never signed nor stored, and no Brief row records
    it. An NGO preview, like the NGO brief, reads the allow-list only. Raises Refused when
    the NGO brief is asked for and the version names no receiving organisation."""
    version = current_version(operation=operation)
    if variant == Brief.Variant.NGO and version.receiving_organisation is None:
        raise Refused(NO_ORGANISATION_YET % {"number": version.number})
    _context, pdf = _render(version, variant, brief_content.approvals_of(version), draft=True)
    return pdf


def brief_signed_digest(pdf):
    """The digest the one signature of `pdf` (a brief just signed) covers: what lets
    the verify page know a changed copy for the brief it was signed as."""
    from ..signing import signed_digest  # pyHanko, on first use

    return signed_digest(pdf)
