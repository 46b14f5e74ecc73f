"""Score an assessment JSON file from the command line: batch scoring and outside checks."""

import json
import sys

from django.core.management.base import BaseCommand

from assessments.checklist import InvalidAssessment, loads, parse_assessment
from assessments.scoring import SCORERS, SCORING_VERSION, score_assessment


class Command(BaseCommand):
    help = (
        "Print the verdict JSON of an assessment JSON file (- reads standard input), "
        "checklist version 1 or 2. "
        "Invalid input: every problem on standard error, exit status 2."
    )
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("path", help="assessment JSON file, or - for standard input")
        parser.add_argument(
            "--scoring-version",
            choices=sorted(SCORERS),
            default=SCORING_VERSION,
            help=f"the rules to score with (default {SCORING_VERSION}, the current ones); "
            "1 reproduces a version 1 verdict exactly",
        )

    def handle(self, *args, path, scoring_version, **options):
        try:
            if path == "-":
                text = sys.stdin.read()
            else:
                with open(path, encoding="utf-8") as assessment_file:
                    text = assessment_file.read()
            assessment = parse_assessment(loads(text))
        except (OSError, UnicodeDecodeError) as error:
            self._fail([f"{path}: cannot be read: {error}"])
        except json.JSONDecodeError as error:
            self._fail([f"{path}: not valid JSON: {error}"])
        except InvalidAssessment as invalid:
            self._fail([str(problem) for problem in invalid.problems])
        except (ValueError, RecursionError):  # valid JSON that Python will not read
            self._fail([f"{path}: nested too deeply, or holds a number too long to read"])
        verdict = score_assessment(assessment, scoring_version=scoring_version)
        self.stdout.write(json.dumps(verdict, indent=2, ensure_ascii=False))

    def _fail(self, lines):
        for line in lines:
            self.stderr.write(line)
        raise SystemExit(2)
