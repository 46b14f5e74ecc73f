"""What one checklist record is: an item's key, type, values, words, source and disclosure.

Plain Python, no Django: the scorer, the commands and the web layer read the same
records. Every user-visible string is wrapped in gettext_noop so that makemessages
finds it; the web layer translates it on display, the JSON stays in English.
"""

from dataclasses import dataclass, field
from types import MappingProxyType

MAX_TEXT_LENGTH = 4000


def gettext_noop(message):
    return message


# Sources, cited by the titles of shared/seeds/README.md.
RAIDS_EXPLAINED = "Anti-Trafficking Raids Explained: When Rescue Helps and When It Harms"
UNTOLD_SIDE = 'Human Trafficking Center, "The Untold Side of Raids and Rescues" (2014)'
SMART_RAIDS = (
    'US Department of State, Trafficking in Persons Office, "Blind Sweeps and Smart Raids"'
)
SIREN = 'UNIAP SIREN, "Raids, Rescues, Resolution" (2008)'
EVOLUTION = '"Evolution in Raid & Rescues" (2020)'
# Named in shared/seeds/README.md among the frameworks worth knowing: the idea of
# counting hazards to set a threat tier and who signs is theirs.
THREAT_MATRICES = "US warrant-service threat matrices"
# A claim none of the sources makes is marked as the app's own.
OWN_ADVICE = gettext_noop("RaidAssess's own advice (no source makes this claim)")
SOURCES = (RAIDS_EXPLAINED, UNTOLD_SIDE, SMART_RAIDS, SIREN, EVOLUTION, THREAT_MATRICES, OWN_ADVICE)

CHOICE, MULTI, BOOL, INT, TEXT, DATE = "choice", "multi", "bool", "int", "text", "date"
TYPES = (CHOICE, MULTI, BOOL, INT, TEXT, DATE)

# What a brief may show of a field: all of it, the week only (a date), or nothing.
YES, WEEK, NO = "yes", "week", "no"


@dataclass(frozen=True)
class Disclosure:
    ngo_brief: str  # YES, WEEK or NO
    full_brief: str  # YES or NO


BOTH_BRIEFS = Disclosure(ngo_brief=YES, full_brief=YES)
NGO_WEEK_ONLY = Disclosure(ngo_brief=WEEK, full_brief=YES)
FULL_BRIEF_ONLY = Disclosure(ngo_brief=NO, full_brief=YES)
NO_BRIEF = Disclosure(ngo_brief=NO, full_brief=NO)


@dataclass(frozen=True)
class Item:
    """One question of the checklist, or one field of the operation profile.

    A record is written with `values` as {value: label}, worst first; once built,
    `values` is the tuple of value keys in that order and `labels` maps each to its
    label. `free_values` marks a multi item whose entries are free text
    (expected_languages); `optional` one that may stay unanswered without being named
    missing (informant_details: there may be no informant at all). `since` is the
    checklist version that first asked it: an older assessment cannot answer it. Whether
    an item is scored is for the scorer's rows to say.
    """

    key: str
    type: str
    question: str
    disclosure: Disclosure
    values: tuple = ()
    help: str = ""
    source: str = ""
    free_values: bool = False
    required: bool = False
    optional: bool = False
    max_length: int = MAX_TEXT_LENGTH  # for text
    # A name people tell apart by sight (the codename): no invisible characters, which
    # would let "LOTUS" and "LOT\u200bUS" stand side by side.
    visible_only: bool = False
    since: str = "1"  # the checklist version that introduced it
    labels: MappingProxyType = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        labels = dict(self.values) if isinstance(self.values, dict) else {}
        object.__setattr__(self, "labels", MappingProxyType(labels))
        object.__setattr__(self, "values", tuple(self.values))

    @property
    def restricted(self):
        """Shown in no brief at all (informant_details)."""
        return self.disclosure.full_brief == NO


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    intro: str
    items: tuple = ()
