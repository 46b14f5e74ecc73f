"""Every URL of the app, times every persona, with the status each must get.

The table below is data: one row per URL name, found by walking the URL resolver. A new
URL without a row fails `test_it_has_a_row_for_every_url`, so nobody adds a page without
deciding who may see it. Outsiders (another task force, NGO reviewers, admins) get 404
for anything that belongs to an operation, as if it did not exist, and never a byte of
its restricted fields.
"""

import json
from dataclasses import dataclass, field
from functools import cached_property

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from assessments import checklist, services
from assessments.models import AuditEvent, Brief, Membership, Notification

from .briefs_support import render_briefs
from .builders import best_answer, best_assessment
from .conftest import PASSWORD
from .isolation import rolled_back
from .two_factor import VerifyingClient, totp_token
from .workflow_builders import approve, seen

PERSONAS = ("anonymous", "alice", "sita", "chan", "nadia", "otto", "oscar", "root")
FIXTURE_OF = {
    "alice": "planner",
    "sita": "supervisor",
    "chan": "commander",
    "nadia": "ngo_reviewer",
    "otto": "other_ngo_reviewer",
    "oscar": "other_planner",
    "root": "admin_user",
}
OUTSIDERS = ("anonymous", "nadia", "otto", "oscar", "root")
# What the restricted fields of KESTREL (tests/conftest.py) and HERON (`theirs` below)
# hold: no one outside their task force may ever see them.
RESTRICTED_TEXT = ("Golden Thread", "Riverside Road", "Mr K.", "Silver Lotus", "Ms L.")
CODENAMES = ("KESTREL", "HERON")

LOGIN = "login"  # a 302 to a sign-in page (the admin's sends on to the app's)
SECTION = checklist.SECTIONS[0]
ITEM = "warrant_status"


def _expect(default, **statuses):
    return {persona: statuses.get(persona, default) for persona in PERSONAS}


PUBLIC = _expect(200)
SIGNED_IN = _expect(200, anonymous=LOGIN)
TASK_FORCE_READ = _expect(404, anonymous=LOGIN, alice=200, sita=200, chan=200)
PLANNER_WRITE = _expect(404, anonymous=LOGIN, alice=200, sita=403, chan=403)
PLANNER_CREATE = _expect(403, anonymous=LOGIN, alice=200, oscar=200)
ADMIN_ONLY = _expect(LOGIN, root=200)
# A GET-only URL, posted to; equally a POST-only URL, read.
METHOD_REFUSED = _expect(405, anonymous=LOGIN)


def redirected(profile):
    """The same access, where a successful POST redirects."""
    return {persona: 302 if status == 200 else status for persona, status in profile.items()}


class Side:
    """One task force's objects the URLs are built from. `operation` is a draft at
    version 2; the others are copies of it (restricted text included), made on first use
    in the state their pages need."""

    def __init__(self, operation, supervisor, partner):
        self.operation = operation
        self.planner = operation.created_by
        self.supervisor = supervisor
        self.partner = partner

    def _copy(self, state):
        profile = {
            **self.operation.profile(),
            "codename": f"{self.operation.codename}-{state}",
            "receiving_organisation": self.partner.name,
        }
        operation = services.operation_create(
            task_force=self.operation.task_force,
            user=self.planner,
            profile=profile,
            answers=best_assessment()["answers"],
        )
        services.assessment_submit(operation=operation, user=self.planner)
        return operation

    @cached_property
    def submitted(self):
        return self._copy("SUBMITTED")

    @cached_property
    def approved(self):
        operation = self._copy("APPROVED")
        approve(operation, self.supervisor)
        return operation

    @cached_property
    def briefs(self):
        """The approved copy's briefs, rendered and signed: {variant: Brief}."""
        return render_briefs(self.approved)

    @cached_property
    def notification(self):
        """One notification of the planner, about the operation."""
        return Notification.objects.create(
            recipient=self.planner,
            kind=Notification.Kind.SUBMITTED,
            operation=self.operation,
            codename=self.operation.codename,
            link=reverse("assessments:operation_detail", args=[self.operation.pk]),
        )

    @property
    def full_brief(self):
        return self.briefs[Brief.Variant.FULL]

    @property
    def ngo_brief(self):
        return self.briefs[Brief.Variant.NGO]


@dataclass(frozen=True)
class Row:
    """Expected statuses for GET and POST; a page that changes nothing refuses a POST."""

    get: dict
    post: dict | None = field(default_factory=lambda: METHOD_REFUSED)
    data: object = None  # (side, user) -> POST data
    of: str | None = None  # the Side object the URL names: 404 to other task forces
    query: str = ""
    url: object = None  # side -> path, where the URL takes more than `of`
    before_code: bool = False  # open with the password alone, before the second step

    def path(self, name, side):
        if self.url:
            return self.url(side)
        args = [getattr(side, self.of).pk] if self.of else []
        return reverse(name, args=args) + self.query


def _section(side):
    return reverse("assessments:checklist_section", args=[side.operation.pk, SECTION.key])


def _admin_change(side):
    return reverse("admin:assessments_operation_change", args=[side.operation.pk])


def _current(side):
    return services.current_version(operation=side.operation)


def _section_answer(side, user):
    return {"base_version": _current(side).number, "changed": ITEM, ITEM: best_answer(ITEM)}


def _profile_edit(side, user):
    return {"base_version": _current(side).number, "codename": "KESTREL-RENAMED"}


def _new_operation(side, user):
    return {"codename": "NEW-OPERATION"}


def _import(side, user):
    data = best_assessment()
    data["operation"]["codename"] = "IMPORTED"
    return {"text": json.dumps(data)}


def _approval(side, user):
    return {
        "action": "approve",
        **seen(side.submitted),
        "rationale": "Corroborated; care ready.",
        "password": PASSWORD,
        # Deciding asks for the password and a code again; only approvers have a device.
        "token": totp_token(user) if TOTPDevice.objects.filter(user=user).exists() else "",
    }


def _preview(side):
    return reverse("assessments:brief_preview", args=[side.operation.pk, "full"])


DECIDER = _expect(404, anonymous=LOGIN, alice=403, sita=200, chan=200)
AUDITOR = _expect(404, anonymous=LOGIN, sita=200, root=200)
NGO_ONLY = _expect(404, anonymous=LOGIN, nadia=200, otto=200)
# The second step's pages: people with nothing to verify are sent on.
VERIFY = _expect(302, anonymous=LOGIN)

# Reviewers of a partner who belong to no task force are sent on to their shared briefs.
HOME = _expect(200, anonymous=LOGIN, nadia=302, otto=302)
# What a partner's reviewer posts about a brief shared with them: the task force is told
# why not (a message, 302); outsiders get 404.
ACKNOWLEDGE = _expect(404, anonymous=LOGIN, alice=302, sita=302, chan=302, nadia=302)


def _not_carried_out(side, user):
    return {"outcome": "cancel", "reason": "The site was empty."}


ROWS = {
    "assessments:operation_list": Row(HOME),
    "assessments:operation_create": Row(PLANNER_CREATE, redirected(PLANNER_CREATE), _new_operation),
    "assessments:assessment_import": Row(PLANNER_CREATE, redirected(PLANNER_CREATE), _import),
    "assessments:operation_detail": Row(TASK_FORCE_READ, of="operation"),
    "assessments:operation_edit": Row(
        PLANNER_WRITE, redirected(PLANNER_WRITE), _profile_edit, of="operation"
    ),
    "assessments:checklist_section": Row(
        TASK_FORCE_READ, redirected(PLANNER_WRITE), _section_answer, of="operation", url=_section
    ),
    "assessments:verdict_panel": Row(TASK_FORCE_READ, of="operation"),
    "assessments:assessment_history": Row(TASK_FORCE_READ, of="operation"),
    "assessments:assessment_diff": Row(TASK_FORCE_READ, of="operation", query="?a=1&b=2"),
    # The page says what the file holds; its button posts for the download.
    "assessments:assessment_export": Row(TASK_FORCE_READ, TASK_FORCE_READ, of="operation"),
    # The workflow.
    "assessments:assessment_submit": Row(PLANNER_WRITE, redirected(PLANNER_WRITE), of="operation"),
    "assessments:assessment_decision": Row(DECIDER, redirected(DECIDER), _approval, of="submitted"),
    # An empty review is refused on the page itself: the access is what is tested here.
    "assessments:after_action_review": Row(
        TASK_FORCE_READ, _expect(404, anonymous=LOGIN, alice=409, sita=403, chan=403), of="approved"
    ),
    # A supervisor signs off (the form asks for the password and a code); planners 403.
    "assessments:after_action_review_decision": Row(
        METHOD_REFUSED, _expect(404, anonymous=LOGIN, alice=403, sita=422, chan=422), of="approved"
    ),
    "assessments:assessment_revise": Row(PLANNER_WRITE, redirected(PLANNER_WRITE), of="approved"),
    # Before the planned date the form says why not: the access is what is tested here.
    "assessments:assessment_not_carried_out": Row(
        DECIDER, DECIDER, _not_carried_out, of="approved"
    ),
    "assessments:waiting": Row(SIGNED_IN),
    # Briefs.
    "assessments:operation_briefs": Row(TASK_FORCE_READ, of="approved"),
    "assessments:brief_status": Row(TASK_FORCE_READ, of="approved"),
    "assessments:brief_request": Row(METHOD_REFUSED, redirected(TASK_FORCE_READ), of="approved"),
    # The draft preview of the version being prepared: its task force only, like the plan.
    "assessments:brief_preview": Row(TASK_FORCE_READ, url=_preview),
    "assessments:brief_detail": Row(TASK_FORCE_READ, of="full_brief"),
    "assessments:brief_download": Row(TASK_FORCE_READ, of="full_brief"),
    "assessments:brief_acknowledge": Row(METHOD_REFUSED, ACKNOWLEDGE, of="ngo_brief"),
    "assessments:shared_briefs": Row(NGO_ONLY),
    # Anyone signed in may check a file: the answer tells no more than the file does.
    "assessments:brief_verify": Row(SIGNED_IN, SIGNED_IN),
    # The bell: each user's own notifications; opening one follows its link.
    "assessments:notification_list": Row(SIGNED_IN),
    "assessments:notification_open": Row(
        _expect(404, anonymous=LOGIN, alice=302), of="notification"
    ),
    "assessments:notifications_read": Row(METHOD_REFUSED, _expect(302, anonymous=LOGIN)),
    "notification_preferences": Row(
        SIGNED_IN, _expect(302, anonymous=LOGIN), lambda side, user: {"kinds": ["submitted"]}
    ),
    # The audit trail: supervisors (of their task forces) and admins.
    "assessments:audit_list": Row(AUDITOR),
    "assessments:audit_export": Row(AUDITOR),
    "assessments:healthz": Row(PUBLIC, _expect(405), before_code=True),
    "assessments:favicon": Row(_expect(301), _expect(405), before_code=True),
    # Signing in and out, and the second step. Signing in with nothing typed: the form again.
    "login": Row(PUBLIC, PUBLIC, before_code=True),
    # The admin's own sign-in would skip the second step: it sends to the app's.
    "<admin/login/>": Row(_expect(LOGIN), _expect(LOGIN), url=lambda side: "/admin/login/"),
    # The admin's page for one's own password (recorded): staff only, like the admin.
    "own_password_change": Row(ADMIN_ONLY, ADMIN_ONLY),
    # Signing out is POST only; the page after it is the sign-in page.
    "logout": Row(_expect(405), _expect(LOGIN), before_code=True),
    "two_factor_verify": Row(VERIFY, VERIFY, before_code=True),
    "two_factor_setup": Row(SIGNED_IN, SIGNED_IN, before_code=True),
    # No authenticator: sent to enrol (302). One, but no password and code: refused (200).
    "recovery_codes_create": Row(
        METHOD_REFUSED, _expect(302, anonymous=LOGIN, sita=200, chan=200, root=200)
    ),
    # Required for supervisors, commanders and admins: they are sent back (302).
    "two_factor_disable": Row(
        METHOD_REFUSED, _expect(200, anonymous=LOGIN, sita=302, chan=302, root=302)
    ),
    # Passkeys: adding one needs an authenticator and a re-authentication (200: refused).
    "passkey_add": Row(METHOD_REFUSED, _expect(302, anonymous=LOGIN, sita=200, chan=200, root=200)),
    # Nothing to register or remove: back to the two-factor page.
    "passkey_register": Row(METHOD_REFUSED, _expect(302, anonymous=LOGIN)),
    "passkey_remove": Row(
        METHOD_REFUSED,
        _expect(302, anonymous=LOGIN),
        url=lambda side: reverse("passkey_remove", args=[999999]),
    ),
    "set_language": Row(
        _expect(302), _expect(302), lambda side, user: {"language": "th"}, before_code=True
    ),
}

# The admin is one group: a representative set of its pages stands for all of them.
ADMIN_ROWS = {
    "admin:index": Row(ADMIN_ONLY, None),
    "admin:assessments_operation_changelist": Row(ADMIN_ONLY, None),
    "admin:assessments_operation_change": Row(ADMIN_ONLY, None, url=_admin_change),
    "admin:assessments_auditevent_changelist": Row(ADMIN_ONLY, None),
}
ADMIN_NAMESPACE = "admin"


def _walk(resolver, prefix=""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            namespace = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            yield from _walk(pattern, namespace)
        elif isinstance(pattern, URLPattern):
            yield f"{prefix}{pattern.name}" if pattern.name else f"{prefix}<{pattern.pattern}>"


def url_names():
    return set(_walk(get_resolver()))


def test_it_has_a_row_for_every_url():
    names = url_names()
    app_names = {name for name in names if not name.startswith(f"{ADMIN_NAMESPACE}:")}
    missing = sorted(app_names - set(ROWS))
    assert not missing, f"URLs without a row in the permission matrix: {missing}"
    gone = sorted(set(ROWS) - names) + sorted(set(ADMIN_ROWS) - names)
    assert not gone, f"Rows for URLs that no longer exist: {gone}"


@pytest.fixture
def clients(request, db):
    clients = {"anonymous": VerifyingClient()}
    clients["anonymous"].persona = None
    for persona, fixture in FIXTURE_OF.items():
        client = VerifyingClient()
        client.persona = request.getfixturevalue(fixture)
        client.force_login(client.persona)
        clients[persona] = client
    return clients


@pytest.fixture
def mine(operation, supervisor, partner):
    # A second version, for the diff of versions 1 and 2.
    services.assessment_save(
        operation=operation,
        user=operation.created_by,
        base_version=1,
        answers={"victim_presence": "reported"},
    )
    return Side(operation, supervisor, partner)


@pytest.fixture
def theirs(other_operation, other_task_force, other_partner, django_user_model):
    services.assessment_save(
        operation=other_operation,
        user=other_operation.created_by,
        base_version=1,
        answers={"victim_presence": "reported"},
        profile={"target_name": "Silver Lotus Karaoke", "suspect_details": "Ms L. at the door."},
    )
    supervisor = django_user_model.objects.create_user("selma", password=PASSWORD)
    Membership.objects.create(
        user=supervisor, task_force=other_task_force, role=Membership.Role.SUPERVISOR
    )
    return Side(other_operation, supervisor, other_partner)


def _request(client, method, url, data):
    """One request whose changes are rolled back, so every persona meets the same state."""
    with rolled_back():
        if method == "get":
            return client.get(url)
        return client.post(url, data or {})


def _status(response):
    sign_in = (reverse("login"), "/admin/login/")
    if response.status_code == 302 and response["Location"].startswith(sign_in):
        return LOGIN
    return response.status_code


def _leaks(response):
    if getattr(response, "streaming", False):
        return []
    content = response.content.decode(errors="replace")
    leaked = [text for text in RESTRICTED_TEXT if text in content]
    if response.status_code == 404:
        leaked += [codename for codename in CODENAMES if codename in content]
    return leaked


def _cached(response):
    """The Cache-Control that lets a browser or proxy keep a copy (None when none may)."""
    header = response.get("Cache-Control", "")
    directives = {part.strip() for part in header.split(",")}
    return None if {"no-store", "private"} <= directives else header or "(no Cache-Control)"


def _mismatches(url, row, clients, side, personas=PERSONAS, outsiders=OUTSIDERS):
    """[(persona, method, expected, got)] where a persona does not get what the row says
    at `url`, sees restricted text though outside the task force of `side`, or gets an
    answer a cache may keep though signed in."""
    found = []
    for method, expected, data in (("get", row.get, None), ("post", row.post, row.data)):
        if expected is None:
            continue
        for persona in personas:
            client = clients[persona]
            response = _request(client, method, url, data and data(side, client.persona))
            got = _status(response)
            if got != expected[persona]:
                found.append((persona, method.upper(), expected[persona], got))
            if persona in outsiders and _leaks(response):
                found.append((persona, method.upper(), "no restricted text", _leaks(response)))
            if client.persona is not None and _cached(response) is not None:
                found.append((persona, method.upper(), "no-store, private", _cached(response)))
    return found


@pytest.mark.parametrize("name", sorted({**ROWS, **ADMIN_ROWS}))
def test_it_gives_each_persona_the_expected_status(name, clients, mine):
    row = ROWS.get(name) or ADMIN_ROWS[name]
    url = row.path(name, mine)
    mismatches = _mismatches(url, row, clients, mine)
    assert not mismatches, f"{name} at {url}: (persona, method, expected, got) {mismatches}"


SCOPED = sorted(name for name, row in ROWS.items() if row.of)


@pytest.mark.parametrize("name", SCOPED)
def test_it_answers_404_to_another_task_force_with_our_ids(name, clients, mine, theirs):
    """Oscar with KESTREL's ids, and Alice with HERON's: 404 for every method, no data."""
    row = ROWS[name]
    # A method the URL does not take is refused (405) before anything is looked up.
    hidden = Row(
        *(
            _expect(405) if expected == METHOD_REFUSED else _expect(404)
            for expected in (row.get, row.post)
        ),
        row.data,
    )
    url = row.path(name, mine)
    assert not _mismatches(url, hidden, clients, mine, personas=("oscar",)), url
    ours = ("alice", "sita", "chan")
    url = row.path(name, theirs)
    assert not _mismatches(url, hidden, clients, theirs, personas=ours, outsiders=ours), url


@pytest.mark.parametrize("fixture", ["supervisor", "commander", "admin_user"])
def test_it_sends_a_half_signed_in_approver_to_the_second_step_everywhere(request, fixture, mine):
    """Password typed, code not yet: every URL but the second step's own leads there."""
    client = VerifyingClient()
    client.force_login(request.getfixturevalue(fixture), verified=False)
    verify = reverse("two_factor_verify")
    for name, row in {**ROWS, **ADMIN_ROWS}.items():
        if row.before_code or name == "assessments:brief_download":
            continue
        for method in ("get", "post"):
            response = _request(client, method, row.path(name, mine), None)
            assert response.status_code == 302, (name, method)
            assert response["Location"].startswith(verify), (name, method)
    # Without rendering a brief: the redirect comes before the brief is looked up.
    response = client.get(reverse("assessments:brief_download", args=[1]))
    assert response["Location"].startswith(verify)


def test_it_gives_a_full_brief_to_the_task_force_and_an_ngo_brief_to_its_partner(clients, mine):
    """The full brief never leaves the task force; the NGO brief goes to its partner only."""
    expected = {
        "full_brief": _expect(404, anonymous=LOGIN, alice=200, sita=200, chan=200),
        "ngo_brief": _expect(404, anonymous=LOGIN, alice=200, sita=200, chan=200, nadia=200),
    }
    for variant, statuses in expected.items():
        for name in ("assessments:brief_download", "assessments:brief_detail"):
            url = reverse(name, args=[getattr(mine, variant).pk])
            got = {persona: _status(clients[persona].get(url)) for persona in PERSONAS}
            assert got == statuses, (name, variant)


OPERATION_PAGES = sorted(
    name
    for name, row in ROWS.items()
    if row.of and (row.get["alice"] == 200 or row.get["sita"] == 200)
)


@pytest.mark.parametrize("name", OPERATION_PAGES)
def test_every_page_of_an_operation_is_one_event_against_it(name, clients, mine):
    """A view, an export or a download: one event per page, none for its htmx polls."""
    row = ROWS[name]
    url = row.path(name, mine)
    persona = "alice" if row.get["alice"] == 200 else "sita"
    before = AuditEvent.objects.count()
    assert clients[persona].get(url).status_code == 200
    events = list(AuditEvent.objects.order_by("pk")[before:])
    assert len(events) == 1, [event.summary for event in events]
    assert events[0].task_force_id == mine.operation.task_force_id
    assert events[0].operation is not None
    before = AuditEvent.objects.count()
    clients[persona].get(url, headers={"HX-Request": "true"})
    kinds = set(AuditEvent.objects.order_by("pk")[before:].values_list("kind", flat=True))
    assert AuditEvent.Kind.OPERATION_VIEW not in kinds


def test_downloads_are_never_cached(clients, mine):
    """The briefs and the export, as every signed-in page (checked for every URL above)."""
    for url in (
        reverse("assessments:brief_download", args=[mine.full_brief.pk]),
        reverse("assessments:brief_download", args=[mine.ngo_brief.pk]),
    ):
        response = clients["alice"].get(url)
        assert response.status_code == 200 and _cached(response) is None, url
    response = clients["alice"].post(
        reverse("assessments:assessment_export", args=[mine.operation.pk])
    )
    assert response["Content-Type"].startswith("application/json")
    assert response.status_code == 200 and _cached(response) is None
    response = clients["nadia"].get(reverse("assessments:brief_download", args=[mine.ngo_brief.pk]))
    assert response.status_code == 200 and _cached(response) is None


def test_it_shows_a_supervisor_the_audit_trail_of_their_task_force_only(clients, mine, theirs):
    """Both task forces approved something; sita reads KESTREL's events, never HERON's."""
    for side in (mine, theirs):
        assert side.approved  # approving writes audit events in its task force
    listed = clients["sita"].get(reverse("assessments:audit_list")).content.decode()
    export = clients["sita"].get(reverse("assessments:audit_export"))
    exported = b"".join(export.streaming_content).decode()
    for text in (listed, exported):
        assert "KESTREL-APPROVED" in text
        assert "HERON" not in text
