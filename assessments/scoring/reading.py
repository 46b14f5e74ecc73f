"""How the scorer reads the answers: unknown is not good, and a claim is only what it rests on.

Two readings of the contract, applied once before any row or rule looks at an answer:

- An empty answer is unanswered: null, an empty list, and a text with nothing left once
  whitespace, invisible format characters (zero-width spaces and joiners, byte-order
  marks) and punctuation are taken out, or only a placeholder (n/a, tbd, ...). The
  stored text keeps what the planner typed; only the scorer reads it as empty.
- victim_presence is read as the *supported presence*: the lower of the claim and the
  ceiling the evidence sources carry.
"""

import unicodedata

from ..checklist import MULTI, TEXT
from .rules import PRESENCE

PLACEHOLDERS = frozenset(("na", "none", "nil", "null", "tbd", "tba", "unknown", "xxx", "test"))
LONGEST_PLACEHOLDER = max(map(len, PLACEHOLDERS))

# Sources that saw or heard the victims themselves.
DIRECT_SOURCES = frozenset(
    ("escaped_victim_account", "rescued_victim_account", "undercover_observation", "surveillance")
)
ANONYMOUS_TIP = "anonymous_tip"


def reads_as_empty(text):
    """Whether a text answer says nothing the scorer can count on ("n/a" is "na")."""
    left = []
    for character in text:
        if not character.isalnum():
            category = unicodedata.category(character)
            if category[0] in "PZ" or category in ("Cf", "Cc"):  # Cc: tab, line ends
                continue
        left.append(character)
        if len(left) > LONGEST_PLACEHOLDER:  # no placeholder is this long: said something
            return False
    return not left or "".join(left).casefold() in PLACEHOLDERS


def presence_ceiling(sources, corroborations):
    """The highest presence the evidence sources carry (see the contract's ladder)."""
    named = set(sources or ()) - {ANONYMOUS_TIP}
    if not named:
        return "assumed"
    if len(named) < 2 or (corroborations or 0) < 2:
        return "reported"
    return "confirmed" if named & DIRECT_SOURCES else "corroborated"


def supported_presence(claim, sources, corroborations):
    """The lower of the claim and the ceiling; None when the claim is unanswered."""
    if claim is None:
        return None
    ceiling = presence_ceiling(sources, corroborations)
    return min(claim, ceiling, key=PRESENCE.index)


class Reading:
    """The reading of one checklist's answers, prepared once for its text items."""

    def __init__(self, checklist):
        self.texts = tuple(key for key, item in checklist.items.items() if item.type == TEXT)
        self.lists = tuple(key for key, item in checklist.items.items() if item.type == MULTI)

    def read(self, answers):
        """(answers as the scorer reads them, the supported presence).

        Whatever is unanswered in the reading is None, so rules and rows ask only that.
        """
        read = dict(answers)
        for key in self.lists:
            if read[key] == []:
                read[key] = None
        for key in self.texts:
            text = read[key]
            if text is not None and reads_as_empty(text):
                read[key] = None
        supported = supported_presence(
            answers["victim_presence"],
            answers["evidence_sources"],
            answers["independent_corroborations"],
        )
        read["victim_presence"] = supported
        return read, supported
