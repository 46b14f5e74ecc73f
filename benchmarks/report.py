"""The bench's table: each row the app beside its floor, median (min-max) over rounds
measured interleaved, the ratio and the budget; and the load average of each round."""

import os
import statistics

ROUNDS = 3


def load_average():
    one, five, _fifteen = os.getloadavg()
    return f"load {one:.2f} {five:.2f}"


def spread(values, unit="", digits=1):
    """median (min-max) of `values`."""
    if not values:
        return "-"
    if len(values) == 1:
        return f"{values[0]:.{digits}f}{unit}"
    return (
        f"{statistics.median(values):.{digits}f}{unit} "
        f"({min(values):.{digits}f}-{max(values):.{digits}f})"
    )


def interleaved(label, app, floor, rounds=ROUNDS):
    """Run `app()` and `floor()` in turn, `rounds` times, the first of each pair
    alternating; print each round with the load average. Returns (apps, floors)."""
    apps, floors = [], []
    for number in range(rounds):
        pair = [(apps, app), (floors, floor)]
        if number % 2:
            pair.reverse()
        for results, run in pair:
            if run is not None:
                results.append(run())
        print(f"  {label}, round {number + 1}: {load_average()}", flush=True)
    return apps, floors


class Table:
    def __init__(self):
        self.rows = []

    def add(self, path, app, floor="", ratio="", budget="", met=None, note=""):
        verdict = "" if met is None else ("met" if met else "MISSED")
        self.rows.append((path, app, floor, ratio, budget, verdict, note))

    def print(self):
        header = ("path", "app", "floor", "ratio", "budget", "", "")
        widths = [max(len(str(row[i])) for row in [header, *self.rows]) for i in range(7)]
        for row in [header, tuple("-" * width for width in widths), *self.rows]:
            print(
                " | ".join(
                    str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)
                ).rstrip()
            )
