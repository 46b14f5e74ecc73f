"""`manage.py score_assessment` end to end, in a subprocess, as users batch-score with it."""

import json
import subprocess
import sys
from pathlib import Path

from .builders import best_assessment

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
    from .test_scoring_v1_fixtures import CASES

    for assessment, verdict, name in CASES[::85]:
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps(assessment))
        run = score("--scoring-version", "1", str(path))
        assert run.returncode == 0, run.stderr
        assert json.dumps(json.loads(run.stdout), ensure_ascii=False) == verdict, name


def test_an_unknown_scoring_version_is_refused():
    run = score("--scoring-version", "7", "-", stdin=json.dumps(best_assessment()))
    assert run.returncode == 2 and "invalid choice: '7'" in run.stderr
