"""What a runner waits for in the app, timed to the frame in a real (pseudo-)terminal.

    python benchmarks/frames.py PYTHON JOURNAL TEN_YEAR.db HUNDRED_YEAR.db [--runs N]

PYTHON runs the reference apps (benchmarks/bare.py), JOURNAL is the installed
`journal` command. Prints, one per line, `name value`: milliseconds from a key
press (or the start of the process) to the first frame that shows what was asked
for, medians of N processes; and peak resident memory in kilobytes.

- first-paint-bare / first-paint-ten / first-paint-hundred: process start to the
  first frame with one Static (bare) or the Today pane with the day and its trends.
- switch-bare / switch-first / switch-again: the slowest of the six pane switches
  (f3, f4, f5, f6, f7, f2), each from the key to the first frame with that pane's data,
  in a bare app of six tabs and in the journal (100 years, 20 goals on the board),
  the first time each pane is shown and again; switch-first-f4 and so on, each one.
- day-step: previous / next day on the Today pane (alt+left, alt+right); week-step:
  previous / next week in Checklist and Week, 100 years; the median step, and the
  slowest as day-step-max and week-step-max.
- rss-bare / rss-ten / rss-hundred: peak resident memory of the bare app and of the journal on
  10 and 100 years, each opened, left to settle, and quit.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from terminal import Terminal

HERE = Path(__file__).resolve().parent

# What each pane shows once its data is drawn (the demo journal's, on 26 Nov 2026, with the goals added).
TODAY_DATA = ("Thu 26 Nov 2026 (today)", "30 days to 26 Nov")
PANE_DATA = {
    "f3": ("done so far", "Strength session"),
    "f4": ("To do (20)", "Goal number 1"),
    "f5": ("Checklist / week", "latest   mean"),
    "f6": ("Averages against the week before",),
    "f7": ("The last 12 weeks", "Return to running"),
    "f2": ("Day type: n normal",),
}
BARE_DATA = {
    key: (f"The {pane} pane's data",)
    for key, pane in zip(PANE_DATA, ("checklist", "goals", "trends", "review", "training", "today"), strict=True)
}


def ms(start: float, end: float) -> float:
    return (end - start) * 1000


def first_paint(command: list[str], env: dict[str, str], texts: tuple[str, ...]) -> tuple[float, int]:
    """Milliseconds from the start of the process to the first frame showing `texts`; peak memory (kB)."""
    terminal = Terminal(command, env)
    drawn = terminal.wait_for(*texts)
    terminal.settle()
    return ms(terminal.started, drawn), terminal.quit()


def switches(command: list[str], env: dict[str, str], data: dict[str, tuple[str, ...]]) -> list[dict[str, float]]:
    """Milliseconds of the switch to each pane (by its key), the first time it is shown and again."""
    terminal = Terminal(command, env)
    terminal.wait_for(*(TODAY_DATA if data is PANE_DATA else ("The today pane's data",)))
    terminal.settle()
    rounds = []
    for _ in range(2):
        times = {}
        for key, texts in data.items():
            pressed = terminal.press(key)
            times[key] = ms(pressed, terminal.wait_for(*texts))
            terminal.settle()
        rounds.append(times)
    terminal.quit()
    return rounds


def steps(command: list[str], env: dict[str, str]) -> tuple[list[float], list[float]]:
    """Previous and next day on Today, previous and next week on Checklist and Week: each step's milliseconds."""
    import datetime as dt

    terminal = Terminal(command, env)
    terminal.wait_for(*TODAY_DATA)
    terminal.settle()
    days, weeks = [], []
    today = dt.date(2026, 11, 26)
    for key, offsets in (("alt+left", range(1, 8)), ("alt+right", range(6, -1, -1))):
        for offset in offsets:
            day = today - dt.timedelta(days=offset)
            label = f"{day:%a} {day.day} {day:%b %Y}"
            pressed = terminal.press(key)
            days.append(ms(pressed, terminal.wait_for(label)))
            terminal.settle(0.1)
    for pane, texts in (("f3", PANE_DATA["f3"]), ("f6", PANE_DATA["f6"])):
        terminal.press(pane)
        terminal.wait_for(*texts)
        terminal.settle()
        monday = today - dt.timedelta(days=today.weekday())
        for key, offsets in (("alt+left", range(1, 5)), ("alt+right", range(3, -1, -1))):
            for offset in offsets:
                week = (monday - dt.timedelta(weeks=offset)).isocalendar()
                pressed = terminal.press(key)
                weeks.append(ms(pressed, terminal.wait_for(f"{week.year}-W{week.week:02d}")))
                terminal.settle(0.1)
    terminal.quit()
    return days, weeks


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("python")
    parser.add_argument("journal")
    parser.add_argument("ten")
    parser.add_argument("hundred")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    env = dict(os.environ)
    bare, tabs = [args.python, str(HERE / "bare.py")], [args.python, str(HERE / "bare.py"), "tabs"]
    journal_ten, journal_hundred = [args.journal, "--db", args.ten], [args.journal, "--db", args.hundred]

    figures: dict[str, list[float]] = {}

    def note(name: str, value: float) -> None:
        figures.setdefault(name, []).append(value)

    first_paint(bare, env, ("Offseason",))  # the file cache warmed
    first_paint(journal_ten, env, TODAY_DATA)
    for _ in range(args.runs):
        for name, command, texts in (
            ("bare", bare, ("Offseason",)),
            ("ten", journal_ten, TODAY_DATA),
            ("hundred", journal_hundred, TODAY_DATA),
        ):
            paint, rss = first_paint(command, env, texts)
            note(f"first-paint-{name}", paint)
            note(f"rss-{name}", rss)
        bare_first, bare_again = switches(tabs, env, BARE_DATA)
        note("switch-bare", max(*bare_first.values(), *bare_again.values()))
        first, again = switches(journal_hundred, env, PANE_DATA)
        note("switch-first", max(first.values()))
        note("switch-again", max(again.values()))
        for key in PANE_DATA:
            note(f"switch-first-{key}", first[key])
            note(f"switch-again-{key}", again[key])
    days, weeks = steps(journal_hundred, env)
    for name, values in figures.items():
        print(f"{name} {statistics.median(values):.1f}")
    print(f"day-step {statistics.median(days):.1f}")
    print(f"day-step-max {max(days):.1f}")
    print(f"week-step {statistics.median(weeks):.1f}")
    print(f"week-step-max {max(weeks):.1f}")


if __name__ == "__main__":
    main()
