"""Properties the scorer must keep, checked on generated assessments (Hypothesis)."""

import copy

from hypothesis import given, settings
from hypothesis import strategies as st

from assessments.checklist import ITEMS, PROFILE_FIELDS, parse_assessment
from assessments.scoring import (
    CLASSIFICATIONS,
    DECISIONS,
    TRUE_IS_WORSE,
    URGENT_GO,
    WEIGHTS,
    item_share,
    score_assessment,
)

from .builders import LESS_IS_BETTER, best_assessment

SCORED = sorted(WEIGHTS)
TEXTS = st.sampled_from([None, "", "  ", "Trafficking in persons, forced labour."])


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
        "checklist_version": st.just("1"),
        "operation": profiles,
        "answers": st.fixed_dictionaries({key: answer(item) for key, item in ITEMS.items()}),
    }
)
assessments = (anywhere | near_best()).map(parse_assessment)


@st.composite
def worse_and_better(draw, key):
    """Two answers to a scored item, the second at least as good as the first."""
    item = ITEMS[key]
    if item.type == "choice":
        low = draw(st.integers(-1, len(item.values) - 1))
        high = draw(st.integers(low, len(item.values) - 1))
        pick = [None, *item.values]
        return pick[low + 1], pick[high + 1]
    if item.type == "bool":
        best = key not in TRUE_IS_WORSE
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


def rank(result):
    return CLASSIFICATIONS.index(result["classification"]), result["decision"]


@settings(max_examples=300)
@given(assessments)
def test_it_is_deterministic(assessment):
    first = score_assessment(assessment)
    assert score_assessment(copy.deepcopy(assessment)) == first
    assert score_assessment(assessment) == first


@settings(max_examples=500)
@given(st.data())
def test_improving_one_answer_never_makes_the_verdict_worse(data):
    assessment = data.draw(assessments)
    key = data.draw(st.sampled_from(SCORED))
    worse_value, better_value = data.draw(worse_and_better(key))
    worse = score_assessment(with_answer(assessment, key, worse_value))
    better = score_assessment(with_answer(assessment, key, better_value))

    assert better["score"] >= worse["score"]
    assert CLASSIFICATIONS.index(better["classification"]) >= CLASSIFICATIONS.index(
        worse["classification"]
    )
    if URGENT_GO not in (worse["decision"], better["decision"]):
        assert DECISIONS.index(better["decision"]) >= DECISIONS.index(worse["decision"])


@settings(max_examples=300)
@given(st.data())
def test_unanswered_counts_as_the_worst_answer(data):
    assessment = data.draw(assessments)
    key = data.draw(st.sampled_from(SCORED))
    item = ITEMS[key]
    value = data.draw(answer(item).filter(lambda v: v is not None))
    unanswered = score_assessment(with_answer(assessment, key, None))
    answered = score_assessment(with_answer(assessment, key, value))

    assert key in unanswered["missing"]
    assert item_share(key, None) == 0.0
    assert unanswered["score"] <= answered["score"]
    assert CLASSIFICATIONS.index(unanswered["classification"]) <= CLASSIFICATIONS.index(
        answered["classification"]
    )
    if URGENT_GO not in (unanswered["decision"], answered["decision"]):
        assert DECISIONS.index(unanswered["decision"]) <= DECISIONS.index(answered["decision"])


@settings(max_examples=300)
@given(assessments)
def test_every_point_deducted_is_explained_by_a_finding(assessment):
    result = score_assessment(assessment)
    named = {key for finding in result["findings"] for key in finding["items"]}
    for key in SCORED:
        if item_share(key, assessment["answers"][key]) < 1.0:
            assert key in named, key
    if result["score"] < 100:
        assert result["findings"]


@settings(max_examples=200)
@given(assessments)
def test_the_result_keeps_to_the_contract(assessment):
    result = score_assessment(assessment)
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
