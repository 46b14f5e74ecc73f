"""`manage.py score_assessment` end to end, in a subprocess, as users batch-score with it."""

import json
import subprocess
import sys
from pathlib import Path

from .builders import best_assessment
from .test_scoring_v1_fixtures import CASES

MANAGE = Path(__file__).resolve().parent.parent / "manage.py"


def score(*args, stdin=None):
    return subprocess.run(
        [sys.executable, str(MANAGE), "score_assessment", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_it_prints_the_verdict_of_a_file(tmp_path):
    path = tmp_path / "kestrel.json"
    path.write_text(json.dumps(best_assessment()))
    run = score(str(path))
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    assert (result["classification"], result["decision"], result["score"]) == ("smart", "go", 100)
    assert run.stderr == ""


def test_it_reads_standard_input():
    data = best_assessment()
    data["answers"]["segregation_plan"] = False
    run = score("-", stdin=json.dumps(data))
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["decision"] == "no_go"


def test_invalid_input_prints_every_problem_to_stderr_and_exits_2():
    data = best_assessment()
    data["answers"].update(victim_presence="maybe", independent_corroborations=-2, size=3)
    run = score("-", stdin=json.dumps(data))
    assert run.returncode == 2
    assert run.stdout == ""
    lines = run.stderr.strip().splitlines()
    assert lines == [
        "answers.size: is not a checklist key.",
        "answers.independent_corroborations: must not be negative.",
        "answers.victim_presence: 'maybe' is not one of: none, assumed, reported, "
        "corroborated, confirmed.",
    ]


def test_malformed_json_and_a_missing_file_exit_2_with_a_clear_message(tmp_path):
    run = score("-", stdin="{not json")
    assert (run.returncode, run.stdout) == (2, "")
    assert "-: not valid JSON" in run.stderr
    missing = tmp_path / "nowhere.json"
    run = score(str(missing))
    assert (run.returncode, run.stdout) == (2, "")
    assert f"{missing}: cannot be read" in run.stderr


def test_scoring_version_1_reproduces_the_stored_version_1_verdicts(tmp_path):
    for assessment, verdict, name in CASES[::85]:
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps(assessment))
        run = score("--scoring-version", "1", str(path))
        assert run.returncode == 0, run.stderr
        assert json.dumps(json.loads(run.stdout), ensure_ascii=False) == verdict, name


def test_an_unknown_scoring_version_is_refused():
    run = score("--scoring-version", "7", "-", stdin=json.dumps(best_assessment()))
    assert run.returncode == 2 and "invalid choice: '7'" in run.stderr


def test_it_takes_checklist_version_1_input_and_scores_it_under_version_2_by_default():
    assessment, _verdict, _name = CASES[0]  # the demo's LOTUS, as version 1 stored it
    run = score("-", stdin=json.dumps(assessment))
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    assert result["scoring_version"] == "2" and result["supported_presence"] == "confirmed"
    assert "lead_agency" in result["missing"]


def test_a_key_given_twice_is_refused_naming_it():
    text = json.dumps(best_assessment())[:-1] + ', "answers": {}}'
    run = score("-", stdin=text)
    assert (run.returncode, run.stdout) == (2, "")
    assert run.stderr.strip() == "answers: is given twice in the JSON."


def test_a_lone_surrogate_in_a_key_is_a_message():
    text = json.dumps(best_assessment())[:-2] + ', "\\ud800": 1}}'
    run = score("-", stdin=text)
    assert (run.returncode, run.stdout) == (2, "")
    assert "answers.\\ud800: is not a checklist key." in run.stderr
