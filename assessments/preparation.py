"""What the NGO brief asks the receiving organisation to prepare, as instructions.

The NGO brief speaks to the people who will receive those found: what to have ready and
for how many, and how the people are to be treated, not the task force's checklist
questions. `preparation` reads one mapping, the allow-listed fields of the version
(brief_content.ngo_context builds it from the checklist records' disclosure), and
nothing else; a care item the version's checklist did not ask is not in it, and the
brief says nothing about it. Where the plan does not yet provide something, the
instruction says so and asks the organisation to tell the task force what it can
provide: an unanswered item is never read as provided.
"""

from django.utils.translation import gettext, ngettext

from . import display

NOT_KNOWN = ("unknown", None)


def _status(allowed, key, provided, not_yet):
    """What the plan says of `key`: `provided` when it answered yes, `not_yet` when it
    answered no or did not answer; nothing when the version's checklist did not ask it."""
    if key not in allowed:
        return ""
    return provided if allowed[key] is True else not_yet


def _count(allowed, key):
    value = allowed.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def expected(allowed):
    """Who to expect, in a line each: how many, which languages, whether children."""
    persons = _count(allowed, "estimated_persons_on_site")
    victims = _count(allowed, "estimated_potential_victims")
    if victims is not None and persons is not None:
        people = ngettext(
            "%(victims)d potential victim, among about %(persons)d people on site",
            "%(victims)d potential victims, among about %(persons)d people on site",
            victims,
        ) % {"victims": victims, "persons": persons}
    elif victims is not None:
        people = ngettext(
            "%(victims)d potential victim", "%(victims)d potential victims", victims
        ) % {"victims": victims}
    elif persons is not None:
        people = gettext(
            "About %(persons)d people on site; how many are victims is not known yet"
        ) % {"persons": persons}
    else:
        people = gettext("How many is not known yet: be ready for a group")
    languages = allowed.get("expected_languages") or []
    minors = {
        "yes": gettext("Minors are suspected among them."),
        "no": gettext("No minors are expected."),
    }.get(allowed.get("minors_suspected"), gettext("Minors may be among them."))
    return {
        "people": people,
        "languages": display.listing(languages) or gettext("Not known yet."),
        "minors": minors,
        "exploitation": display.answer("exploitation_type", allowed.get("exploitation_type")),
        "site": display.answer("site_type", allowed.get("site_type")),
    }


def _interpreters(allowed):
    languages = allowed.get("expected_languages") or []
    what = (
        gettext("Interpreters for %(languages)s.") % {"languages": display.listing(languages)}
        if languages
        else gettext("Interpreters: the languages spoken on site are not known yet.")
    )
    return what, _status(
        allowed,
        "interpreters_for_all_languages",
        gettext("The plan counts on an interpreter for every expected language."),
        gettext(
            "The plan does not yet have one for every language: tell the task force "
            "which you can provide."
        ),
    )


def _shelter(allowed, victims):
    what = (
        ngettext("Shelter for %(count)d person.", "Shelter for %(count)d people.", victims)
        % {"count": victims}
        if victims is not None
        else gettext("Shelter for every potential victim; how many is not known yet.")
    )
    kind = {
        "voluntary": gettext("The plan names a voluntary shelter: nobody is held there."),
        "closed_detention_like": gettext(
            "The plan names a closed shelter, which feels like detention: offer an open "
            "place, or raise it with the task force."
        ),
    }.get(allowed.get("shelter_type"), gettext("The plan names no shelter yet."))
    if "shelter_type" not in allowed:
        kind = ""
    places = _status(
        allowed,
        "shelter_capacity_confirmed",
        gettext("The places are confirmed."),
        gettext("The places are not confirmed yet: tell the task force how many you can offer."),
    )
    return what, " ".join(part for part in (kind, places) if part)


def _staff(allowed, victims):
    what = (
        ngettext(
            "Enough care staff and interviewers for %(count)d person.",
            "Enough care staff and interviewers for %(count)d people.",
            victims,
        )
        % {"count": victims}
        if victims is not None
        else gettext("Enough care staff and interviewers for everyone found.")
    )
    return what, _status(
        allowed,
        "staff_sufficient",
        gettext("The plan counts on enough of them."),
        gettext(
            "The plan does not count on enough yet: tell the task force how many you can send."
        ),
    )


def _meeting(allowed):
    hours = _count(allowed, "service_provider_access_hours")
    if hours is None:
        return gettext("Be ready to meet them as soon as the operation ends."), gettext(
            "The plan sets no time yet: ask the task force when you will meet them."
        )
    if hours == 0:
        return gettext("Be ready to meet them as soon as the operation ends."), ""
    return ngettext(
        "Be ready to meet them within %(hours)d hour of the operation.",
        "Be ready to meet them within %(hours)d hours of the operation.",
        hours,
    ) % {"hours": hours}, ""


def _services(allowed):
    services = allowed.get("aftercare_services") or []
    if not services:
        return gettext("The services you offer the people found."), gettext(
            "The plan lists none yet: agree with the task force which you provide."
        )
    labels = ", ".join(display.value_label("aftercare_services", key) for key in services)
    return gettext("Services ready to offer: %(services)s.") % {"services": labels}, ""


def _counselling(allowed):
    days = _count(allowed, "reflection_period_days")
    if days:
        return ngettext(
            "Counselling for %(days)d day before anyone is asked for a formal statement.",
            "Counselling for %(days)d days before anyone is asked for a formal statement.",
            days,
        ) % {"days": days}, ""
    return gettext("Counselling before anyone is asked for a formal statement."), gettext(
        "The plan sets no period yet: ask the task force for a few days to two weeks."
    )


def _children(allowed):
    """The instructions for children, when minors are suspected or not ruled out."""
    if allowed.get("minors_suspected") == "no":
        return []
    reason = (
        gettext("A child specialist: minors are suspected among them.")
        if allowed.get("minors_suspected") == "yes"
        else gettext("A child specialist: minors may be among them.")
    )
    children = [
        (
            reason,
            _status(
                allowed,
                "child_specialist",
                gettext("The plan counts on one."),
                gettext("Not in the plan yet: tell the task force whether you can provide one."),
            ),
        )
    ]
    if "guardian_for_minors" in allowed:
        children.append(
            (
                gettext(
                    "A guardian or child-protection authority to act for each child from the "
                    "moment they are found."
                ),
                _status(
                    allowed,
                    "guardian_for_minors",
                    gettext("The plan counts on one."),
                    gettext("Not in the plan yet: tell the task force who will act for them."),
                ),
            )
        )
    return children


def _treatment(allowed):
    """How the people found are treated: what the plan commits to, or what to raise."""
    treatment = [
        _status(
            allowed,
            "services_voluntary",
            gettext("Each person decides which services to accept."),
            gettext(
                "The plan does not yet let each person decide which services to accept: "
                "raise it with the task force. Services must be voluntary."
            ),
        )
    ]
    if "support_conditional_on_testimony" in allowed:
        treatment.append(
            {
                False: gettext(
                    "Shelter, services and leave to remain do not depend on giving evidence."
                ),
                True: gettext(
                    "The plan makes support depend on giving evidence: raise it with "
                    "the task force. Support must not be the price of testimony."
                ),
            }.get(
                allowed["support_conditional_on_testimony"],
                gettext(
                    "The plan does not yet say that support does not depend on giving "
                    "evidence: confirm it with the task force."
                ),
            )
        )
    treatment.append(
        _status(
            allowed,
            "safe_return_assessed",
            gettext("Before anyone returns home, the risk of return is assessed with them."),
            gettext(
                "The plan does not yet assess the risk of return: assess it with each "
                "person before any return home."
            ),
        )
    )
    if allowed.get("minors_suspected") == "no":
        treatment.append(
            gettext(
                "Children are often told to say they are adults: take particular care to "
                "identify minors."
            )
        )
    return [sentence for sentence in treatment if sentence]


def preparation(allowed):
    """The NGO brief's instructions from the allow-listed fields `allowed`: who to
    expect, what to prepare (each with what the plan already provides), and how the
    people are to be treated."""
    victims = _count(allowed, "estimated_potential_victims")
    same_gender = (
        gettext("Staff of the same gender as each person, for interviews."),
        _status(
            allowed,
            "same_gender_staff",
            gettext("The plan counts on them."),
            gettext("Not in the plan yet: tell the task force whether you can provide them."),
        ),
    )
    prepare = [
        _interpreters(allowed),
        *_children(allowed),
        _shelter(allowed, victims),
        _staff(allowed, victims),
        same_gender,
        _meeting(allowed),
        _services(allowed),
        _counselling(allowed),
    ]
    return {
        "expected": expected(allowed),
        "prepare": [{"what": what, "status": status} for what, status in prepare],
        "treatment": _treatment(allowed),
    }
