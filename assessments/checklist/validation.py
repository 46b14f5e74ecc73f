"""Validation of an assessment JSON against a checklist: every problem, in words people read."""

import datetime
import json
import re
import unicodedata
from dataclasses import dataclass

from .records import BOOL, CHOICE, DATE, INT, MULTI, NO, TEXT, WEEK, YES, gettext_noop

MAX_LIST_ENTRY_LENGTH = 100
MAX_LIST_ENTRIES = 50
MAX_INT = 1_000_000
# JSON can spell them (\u0000, \ud800) but no database stores them and no page shows them.
UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
UNSTORABLE_MESSAGE = gettext_noop("contains a null character or an invalid Unicode escape.")
# Control characters (but tab and line ends: browsers send a textarea's as CR LF) and
# the bidirectional embeddings, overrides and isolates, which can make a text read
# otherwise than it is stored. Refused, never stripped: what is stored is what was
# typed. Zero-width spaces and joiners stay: Khmer and Thai writers use them.
REFUSED = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
REFUSED_MESSAGE = gettext_noop(
    "contains a control or text-direction character ({character}); remove it."
)
ISO_DATE = re.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}")
# Named, so that pages can say it with each value's label (assessments/display.py).
NOT_ONE_OF = gettext_noop("{value} is not one of: {allowed}.")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an assessment: where, and what, in words a person reads.

    `message` is a template with {placeholders}, marked for translation; `params` fill
    it. str() gives the English sentence prefixed with the key.
    """

    key: str
    message: str
    params: tuple = ()

    def render(self, translate=gettext_noop):
        return translate(self.message).format(**dict(self.params))

    def __str__(self):
        return f"{self.key}: {self.render()}" if self.key else self.render()


class InvalidAssessment(ValueError):
    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


def problem(key, message, **params):
    return Problem(key, message, tuple(sorted(params.items())))


def _text_problem(path, text):
    if UNSTORABLE.search(text):
        return problem(path, UNSTORABLE_MESSAGE)
    refused = REFUSED.search(text)
    if refused:
        return problem(path, REFUSED_MESSAGE, character=f"U+{ord(refused.group()):04X}")
    return None


def text_problem(text):
    """What is wrong with free text outside the checklist (a rationale, comments, a
    reason), by the checklist's own rule for text, or None."""
    return _text_problem("", text)


def _refuse_duplicate_keys(pairs):
    seen = {}
    for key, value in pairs:
        if key in seen:
            raise InvalidAssessment(
                [problem(_shown_key(key), gettext_noop("is given twice in the JSON."))]
            )
        seen[key] = value
    return seen


def loads(text):
    """Parse assessment JSON, refusing a key given twice in one object (naming it).

    json.loads keeps the last of two equal keys without a word; an assessment that says
    two things about one item must not be read as either. Raises InvalidAssessment, or
    ValueError (json.JSONDecodeError among them) for what is not JSON.
    """
    return json.loads(text, object_pairs_hook=_refuse_duplicate_keys)


def _shown_key(key):
    """A key as a message can carry it: a lone surrogate cannot be printed or stored."""
    return json.dumps(key)[1:-1] if UNSTORABLE.search(key) else key


def _value_problem(path, item, value):
    """The problem with one value of `item`, or None when it is valid (null is valid)."""
    if value is None:
        return None
    if item.type == CHOICE:
        if not isinstance(value, str) or value not in item.values:
            return problem(
                path,
                NOT_ONE_OF,
                value=_show(value),
                allowed=", ".join(item.values),
            )
    elif item.type == MULTI:
        if not isinstance(value, list):
            return problem(path, gettext_noop("must be a list."))
        if len(value) > MAX_LIST_ENTRIES:
            return problem(
                path, gettext_noop("lists more than {limit} entries."), limit=MAX_LIST_ENTRIES
            )
        if item.free_values:
            for entry in value:
                if not isinstance(entry, str) or not entry.strip():
                    return problem(path, gettext_noop("every entry must be non-empty text."))
                if _text_problem(path, entry):
                    return _text_problem(path, entry)
                if len(entry) > MAX_LIST_ENTRY_LENGTH:
                    return problem(
                        path,
                        gettext_noop("an entry is longer than {limit} characters."),
                        limit=MAX_LIST_ENTRY_LENGTH,
                    )
        else:
            unknown = [
                entry for entry in value if not isinstance(entry, str) or entry not in item.values
            ]
            if unknown:
                return problem(
                    path,
                    NOT_ONE_OF,
                    value=", ".join(_show(entry) for entry in unknown),
                    allowed=", ".join(item.values),
                )
        if len(set(value)) != len(value):
            return problem(path, gettext_noop("lists an entry twice."))
    elif item.type == BOOL:
        if not isinstance(value, bool):
            return problem(path, gettext_noop("must be true, false or null."))
    elif item.type == INT:
        if isinstance(value, bool) or not isinstance(value, int):
            return problem(path, gettext_noop("must be a whole number."))
        if value < 0:
            return problem(path, gettext_noop("must not be negative."))
        if value > MAX_INT:
            return problem(path, gettext_noop("must be at most {limit}."), limit=MAX_INT)
    elif item.type == TEXT:
        if not isinstance(value, str):
            return problem(path, gettext_noop("must be text."))
        if len(value) > item.max_length:
            return problem(
                path,
                gettext_noop("is longer than {limit} characters."),
                limit=item.max_length,
            )
        invisible = item.visible_only and next(
            (char for char in value if unicodedata.category(char) == "Cf"), None
        )
        if invisible:
            return problem(
                path,
                gettext_noop("contains an invisible character ({character}); remove it."),
                character=f"U+{ord(invisible):04X}",
            )
        return _text_problem(path, value)
    elif item.type == DATE:
        if not _is_iso_date(value):
            return problem(path, gettext_noop("must be a date written YYYY-MM-DD."))
    return None


def _is_iso_date(value):
    # Only YYYY-MM-DD: date.fromisoformat also reads 20261201 and 2026-W49-2.
    if not isinstance(value, str) or not ISO_DATE.fullmatch(value):
        return False
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _show(value):
    return repr(value) if isinstance(value, str) else str(value)


def _check_mapping(problems, container, name, definitions, version):
    block = container.get(name)
    if not isinstance(block, dict):
        problems.append(problem(name, gettext_noop("must be an object.")))
        return
    for key in block:
        if key not in definitions:
            problems.append(
                problem(f"{name}.{_shown_key(key)}", gettext_noop("is not a checklist key."))
            )
        elif definitions[key].since > version and block[key] is not None:
            # A null is how an export of an older version spells the items added since.
            problems.append(
                problem(
                    f"{name}.{key}",
                    gettext_noop("is not a key of checklist version {version}."),
                    version=version,
                )
            )
    for key, item in definitions.items():
        found = _value_problem(f"{name}.{key}", item, block.get(key))
        if found:
            problems.append(found)
        elif item.required and not (block.get(key) or "").strip():
            problems.append(problem(f"{name}.{key}", gettext_noop("is required.")))


class Checklist:
    """One version of the checklist: its profile and sections, and what they derive.

    Everything else (the item index, the section of each item, what is restricted and
    what the NGO brief may show) is derived from the records, so a new item is one
    record in its section.
    """

    def __init__(self, *, version, profile, sections, accepts=None):
        self.version = version
        # The checklist versions whose assessments it reads: an older one's answers
        # are the same minus the items added since, which arrive unanswered.
        self.accepts = accepts or (version,)
        self.profile = profile
        self.sections = sections
        self.items = {item.key: item for section in sections for item in section.items}
        self.section_of = {item.key: section.key for section in sections for item in section.items}
        self.profile_fields = {item.key: item for item in profile}
        fields = (*profile, *self.items.values())
        # A profile field the NGO brief does not show has an encrypted column of its own
        # and stays apart on the forms; an answer no brief shows is restricted too.
        self.restricted_profile = tuple(
            item.key for item in profile if item.disclosure.ngo_brief == NO
        )
        self.restricted = frozenset(
            (*self.restricted_profile, *(item.key for item in fields if item.restricted))
        )
        # The NGO brief's allow-list: what it reads of an assessment, and nothing else.
        self.ngo_profile = tuple(item.key for item in profile if item.disclosure.ngo_brief == YES)
        self.ngo_week = tuple(item.key for item in profile if item.disclosure.ngo_brief == WEEK)
        self.ngo_items = tuple(
            key for key, item in self.items.items() if item.disclosure.ngo_brief == YES
        )

    def validate(self, data):
        """Every problem with an assessment JSON, in a stable order; [] when valid."""
        if not isinstance(data, dict):
            return [problem("", gettext_noop("The assessment must be a JSON object."))]
        problems = []
        for key in data:
            if key not in ("checklist_version", "operation", "answers"):
                problems.append(problem(_shown_key(key), gettext_noop("is not a checklist key.")))
        version = data.get("checklist_version")
        if version not in self.accepts:
            problems.append(
                problem(
                    "checklist_version",
                    gettext_noop("must be {expected}."),
                    expected=" or ".join(_show(accepted) for accepted in self.accepts),
                )
            )
            version = self.version
        _check_mapping(problems, data, "operation", self.profile_fields, version)
        _check_mapping(problems, data, "answers", self.items, version)
        return problems

    def parse(self, data):
        """Validate and return the assessment with every key present (None where unanswered).

        Raises InvalidAssessment with all the problems at once.
        """
        problems = self.validate(data)
        if problems:
            raise InvalidAssessment(problems)
        return {
            "checklist_version": self.version,
            "operation": {key: data["operation"].get(key) for key in self.profile_fields},
            "answers": {key: data["answers"].get(key) for key in self.items},
        }


def is_answered(value):
    """Unknown is not good: null, blank text and an empty list count as unanswered.

    An empty list cannot be told apart from a question skipped in a form of tick boxes,
    and it is the worst answer anyway, so nothing is lost by naming it missing.
    """
    if value is None:
        return False
    if value.__class__ is str:
        return bool(value.strip())
    return value != []
