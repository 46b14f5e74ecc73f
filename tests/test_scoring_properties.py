"""Properties the scorer must keep, checked on generated assessments (Hypothesis).

Each property of the contract runs against both scoring versions (the frozen version 1
and the current one); those of the supported presence and the score cap, which
version 1 does not have, against the current one.
"""

import copy
from dataclasses import dataclass

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from assessments import scoring
from assessments.checklist import CHECKLIST_VERSION, ITEMS, PROFILE_FIELDS, parse_assessment
from assessments.scoring import (
    CLASSIFICATIONS,
    CURRENT_SCORER,
    DECISIONS,
    SMART_THRESHOLD,
    URGENT_GO,
    presence_ceiling,
    score_assessment,
    supported_presence,
)
from assessments.scoring.rules import PRESENCE

from .builders import LESS_IS_BETTER, best_assessment


@dataclass(frozen=True)
class Version:
    number: str
    weights: dict
    true_is_worse: frozenset
    share: object  # (key, value) -> share
    lost: object  # parsed assessment -> keys that lost points

    def score(self, assessment):
        return score_assessment(assessment, scoring_version=self.number)


def _v1_lost(assessment):
    answers = assessment["answers"]
    return {key for key in scoring.v1.WEIGHTS if scoring.v1.item_share(key, answers[key]) < 1.0}


VERSIONS = [
    Version("1", scoring.v1.WEIGHTS, scoring.v1.TRUE_IS_WORSE, scoring.v1.item_share, _v1_lost),
    Version(
        scoring.SCORING_VERSION,
        scoring.WEIGHTS,
        scoring.TRUE_IS_WORSE,
        scoring.item_share,
        lambda assessment: set(CURRENT_SCORER.points_lost(assessment)),
    ),
]
both_versions = pytest.mark.parametrize("version", VERSIONS, ids=lambda v: f"v{v.number}")
TEXTS = st.sampled_from(
    [None, "", "  ", "n/a", "\u200b", "TBD.", "Trafficking in persons, forced labour."]
)


def answer(item):
    """Any valid answer to one item, or unanswered."""
    if item.type in ("choice",):
        values = st.sampled_from(item.values)
    elif item.type == "multi":
        values = st.lists(st.sampled_from(item.values), unique=True)
    elif item.type == "bool":
        values = st.booleans()
    elif item.type == "int":
        values = st.integers(min_value=0, max_value=60)
    elif item.type == "text":
        return TEXTS
    else:
        values = st.dates().map(lambda day: day.isoformat())
    return st.none() | values


def profile_value(item):
    if item.key == "expected_languages":
        return st.none() | st.lists(st.sampled_from(["Thai", "Khmer", "Lao"]), unique=True)
    return answer(item)


profiles = st.fixed_dictionaries(
    {key: profile_value(item) for key, item in PROFILE_FIELDS.items()}
).map(lambda profile: {**profile, "codename": "HERON"})


@st.composite
def near_best(draw):
    """A good plan with a few answers changed: where go, conditional_go and smart live."""
    data = best_assessment()
    data["operation"] = draw(profiles)
    for key in draw(st.lists(st.sampled_from(sorted(ITEMS)), max_size=6, unique=True)):
        data["answers"][key] = draw(answer(ITEMS[key]))
    return data


anywhere = st.fixed_dictionaries(
    {
        "checklist_version": st.just(CHECKLIST_VERSION),
        "operation": profiles,
        "answers": st.fixed_dictionaries({key: answer(item) for key, item in ITEMS.items()}),
    }
)
assessments = (anywhere | near_best()).map(parse_assessment)


@st.composite
def worse_and_better(draw, key, version):
    """Two answers to a scored item, the second at least as good as the first."""
    item = ITEMS[key]
    if item.type == "choice":
        low = draw(st.integers(-1, len(item.values) - 1))
        high = draw(st.integers(low, len(item.values) - 1))
        pick = [None, *item.values]
        return pick[low + 1], pick[high + 1]
    if item.type == "bool":
        best = key not in version.true_is_worse
        ladder = [None, not best, best]
        low = draw(st.integers(0, 2))
        return ladder[low], ladder[draw(st.integers(low, 2))]
    if item.type == "multi":
        better = draw(st.lists(st.sampled_from(item.values), unique=True))
        worse = draw(
            st.none()
            | st.sets(st.sampled_from(item.values)).map(
                lambda subset: [value for value in better if value in subset]
            )
        )
        return worse, better
    if item.type == "int":
        a, b = sorted(draw(st.lists(st.integers(0, 60), min_size=2, max_size=2)))
        worse, better = (b, a) if key in LESS_IS_BETTER else (a, b)
        return draw(st.sampled_from([None, worse])), better
    ladder = [None, "", "Written."]
    low = draw(st.integers(0, 2))
    return ladder[low], ladder[draw(st.integers(low, 2))]


def with_answer(assessment, key, value):
    changed = copy.deepcopy(assessment)
    changed["answers"][key] = value
    return changed


def not_better(worse, better):
    """`better` is at least as good as `worse` in score, classification and decision."""
    assert better["score"] >= worse["score"]
    assert CLASSIFICATIONS.index(better["classification"]) >= CLASSIFICATIONS.index(
        worse["classification"]
    )
    if URGENT_GO not in (worse["decision"], better["decision"]):
        assert DECISIONS.index(better["decision"]) >= DECISIONS.index(worse["decision"])


def ceiling_of(assessment):
    answers = assessment["answers"]
    return presence_ceiling(answers["evidence_sources"], answers["independent_corroborations"])


@both_versions
@settings(max_examples=200)
@given(assessment=assessments)
def test_it_is_deterministic(version, assessment):
    first = version.score(assessment)
    assert version.score(copy.deepcopy(assessment)) == first
    assert version.score(assessment) == first


@both_versions
@settings(max_examples=400)
@given(data=st.data())
def test_improving_one_answer_never_makes_the_verdict_worse(version, data):
    assessment = data.draw(assessments)
    key = data.draw(st.sampled_from(sorted(version.weights)))
    worse_value, better_value = data.draw(worse_and_better(key, version))
    if key == "victim_presence" and version.number != "1":
        # Claiming more than the sources carry is no improvement: the scorer reads the
        # supported presence (see the property below).
        ceiling = PRESENCE.index(ceiling_of(assessment))
        assume(better_value is None or PRESENCE.index(better_value) <= ceiling)
    not_better(
        version.score(with_answer(assessment, key, worse_value)),
        version.score(with_answer(assessment, key, better_value)),
    )


@both_versions
@settings(max_examples=250)
@given(data=st.data())
def test_unanswered_counts_as_the_worst_answer(version, data):
    assessment = data.draw(assessments)
    key = data.draw(st.sampled_from(sorted(version.weights)))
    item = ITEMS[key]
    value = data.draw(answer(item).filter(lambda v: v is not None))
    if key == "victim_presence" and version.number != "1":
        assume(PRESENCE.index(value) <= PRESENCE.index(ceiling_of(assessment)))
    unanswered = version.score(with_answer(assessment, key, None))
    answered = version.score(with_answer(assessment, key, value))

    assert key in unanswered["missing"]
    assert version.share(key, None) == 0.0
    not_better(unanswered, answered)


@both_versions
@settings(max_examples=250)
@given(assessment=assessments)
def test_every_point_deducted_is_explained_by_a_finding(version, assessment):
    result = version.score(assessment)
    named = {key for finding in result["findings"] for key in finding["items"]}
    assert version.lost(assessment) <= named
    if result["score"] < 100:
        assert result["findings"]


@both_versions
@settings(max_examples=200)
@given(assessment=assessments)
def test_the_result_keeps_to_the_contract(version, assessment):
    result = version.score(assessment)
    assert result["scoring_version"] == version.number
    assert result["classification"] in CLASSIFICATIONS
    assert result["decision"] in (*DECISIONS, URGENT_GO)
    assert 0 <= result["score"] <= 100
    assert result["approvals_required"] in (1, 2)
    rule_ids = [finding["rule"] for finding in result["findings"]]
    assert len(rule_ids) == len(set(rule_ids))
    if result["decision"] == "go":
        assert result["classification"] == "smart" and result["conditions"] == []
    if result["classification"] == "blind":
        assert result["decision"] == "no_go"
    if result["decision"] == URGENT_GO:
        assert result["approvals_required"] == 2 and result["alternatives"] == []


@settings(max_examples=300)
@given(assessment=assessments, claim=st.sampled_from(PRESENCE))
def test_claiming_more_than_the_sources_carry_never_scores_better(assessment, claim):
    carried = ceiling_of(assessment)
    assume(PRESENCE.index(claim) > PRESENCE.index(carried))
    honest = score_assessment(with_answer(assessment, "victim_presence", carried))
    overstated = score_assessment(with_answer(assessment, "victim_presence", claim))
    not_better(overstated, honest)
    assert overstated["supported_presence"] == carried
    assert "presence-overstated" in {finding["rule"] for finding in overstated["findings"]}


@settings(max_examples=300)
@given(
    sources=st.lists(st.sampled_from(ITEMS["evidence_sources"].values), unique=True),
    extra=st.sampled_from(ITEMS["evidence_sources"].values),
    corroborations=st.none() | st.integers(0, 5),
    claim=st.none() | st.sampled_from(PRESENCE),
)
def test_adding_a_source_or_a_corroboration_never_lowers_the_supported_presence(
    sources, extra, corroborations, claim
):
    def rank(presence):
        return -1 if presence is None else PRESENCE.index(presence)

    before = supported_presence(claim, sources, corroborations)
    more_sources = supported_presence(claim, sorted({*sources, extra}), corroborations)
    more_corroborations = supported_presence(claim, sources, (corroborations or 0) + 1)
    assert rank(more_sources) >= rank(before)
    assert rank(more_corroborations) >= rank(before)


@settings(max_examples=300)
@given(assessment=assessments)
def test_a_plan_on_which_a_gate_fires_never_shows_a_smart_score(assessment):
    result = score_assessment(assessment)
    if any(finding["severity"] == "gate" for finding in result["findings"]):
        assert result["score"] <= SMART_THRESHOLD - 1
        assert result["classification"] != "smart"
    assert result["score"] == int(result["score"])


@both_versions
@settings(max_examples=300)
@given(assessment=assessments)
def test_every_condition_but_the_urgent_gos_own_is_ranked_by_the_finding_it_answers(
    version, assessment
):
    """What the brief ranks its conditions by: each answers a finding of a severity."""
    result = version.score(assessment)
    severities = scoring.condition_severities(result, assessment["operation"])
    own = {scoring.v1.URGENT_RATIONALE, scoring.v1.URGENT_REVIEW}
    for condition in result["conditions"]:
        assert condition in severities or (result["decision"] == URGENT_GO and condition in own)
    if result["decision"] == "no_go":
        assert {severities[condition] for condition in result["conditions"]} == {"gate"}
    if result["decision"] == "conditional_go":
        assert "gate" not in {severities[condition] for condition in result["conditions"]}
