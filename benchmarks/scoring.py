"""Benchmark: how long the scorer takes for 10,000 assessments in one process.

Run with `make bench` (or `python -m benchmarks.scoring`). The assessments are random but
seeded, each item unanswered about a fifth of the time, so the mix has blind, deficient,
smart and urgent verdicts and many findings. Parsing (validation) is timed separately.
"""

import random
import statistics
import time
from functools import partial

from assessments.checklist import CHECKLIST_VERSION, ITEMS, parse_assessment
from assessments.scoring import SCORING_VERSION, score_assessment

COUNT = 10_000
ROUNDS = 7


def random_answer(rng, item):
    if rng.random() < 0.2:
        return None
    if item.type == "choice":
        return rng.choice(item.values)
    if item.type == "multi":
        return rng.sample(item.values, rng.randint(0, len(item.values)))
    if item.type == "bool":
        return rng.random() < 0.7
    if item.type == "int":
        return rng.randint(0, 60)
    return rng.choice(["", "Written down."])


def random_assessments(count, seed=2026):
    rng = random.Random(seed)
    return [
        {
            "checklist_version": CHECKLIST_VERSION,
            "operation": {
                "codename": f"OP-{number}",
                "site_type": rng.choice(["brothel", "factory", "farm", "fishing_vessel"]),
                "exploitation_type": rng.choice(["sex", "labour", "both", "unknown"]),
                "minors_suspected": rng.choice(["yes", "no", "unknown", None]),
                "expected_languages": rng.choice([[], ["Thai"], ["Khmer", "Lao"]]),
            },
            "answers": {key: random_answer(rng, item) for key, item in ITEMS.items()},
        }
        for number in range(count)
    ]


def timed(function, inputs):
    timings = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        for value in inputs:
            function(value)
        timings.append(time.perf_counter() - start)
    return min(timings), statistics.median(timings)


def main():
    raw = random_assessments(COUNT)
    parsed = [parse_assessment(data) for data in raw]
    verdicts = [score_assessment(assessment) for assessment in parsed]
    mix = {}
    for verdict in verdicts:
        mix[verdict["decision"]] = mix.get(verdict["decision"], 0) + 1
    findings = statistics.mean(len(verdict["findings"]) for verdict in verdicts)

    print(f"{COUNT} assessments, decisions {mix}, {findings:.1f} findings each on average")
    for label, function, inputs in (
        (f"score_assessment (version {SCORING_VERSION})", score_assessment, parsed),
        (
            "score_assessment (version 1, frozen)",
            partial(score_assessment, scoring_version="1"),
            parsed,
        ),
        ("parse_assessment", parse_assessment, raw),
    ):
        best, median = timed(function, inputs)
        print(
            f"{label}: best {best:.3f} s, median {median:.3f} s for {COUNT} "
            f"({best / COUNT * 1e6:.1f} us each), {ROUNDS} rounds"
        )


if __name__ == "__main__":
    main()
