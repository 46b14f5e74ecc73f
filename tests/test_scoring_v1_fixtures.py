"""Version 1 verdicts are reproduced byte for byte (tests/fixtures/scoring_v1)."""

import json
from pathlib import Path

import pytest

from assessments import scoring

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "scoring_v1"


def _cases():
    with (
        open(FIXTURES / "assessments.jsonl", encoding="utf-8") as assessments,
        open(FIXTURES / "verdicts.jsonl", encoding="utf-8") as verdicts,
    ):
        return [
            (json.loads(case)["assessment"], verdict.rstrip("\n"), json.loads(case)["name"])
            for case, verdict in zip(assessments, verdicts, strict=True)
        ]


CASES = _cases()


def test_the_fixtures_hold_the_demo_and_a_few_hundred_varied_assessments():
    names = [name for _assessment, _verdict, name in CASES]
    assert len(names) == len(set(names)) > 400
    assert any(name.startswith("demo-") for name in names)
    decisions = {json.loads(verdict)["decision"] for _assessment, verdict, _name in CASES}
    assert decisions == {"go", "conditional_go", "no_go", "urgent_go"}


@pytest.mark.parametrize(
    ("assessment", "verdict"), [case[:2] for case in CASES], ids=[case[2] for case in CASES]
)
def test_version_1_scores_each_stored_case_byte_for_byte(assessment, verdict):
    result = scoring.score_assessment(assessment, scoring_version="1")
    assert json.dumps(result, ensure_ascii=False) == verdict
