"""The journal's speed targets, as ratios against references measured in the same run.

    python benchmarks/run.py [--runs N]

The journal is measured as a runner has it: installed from this checkout into a new
virtual environment (a regular install, byte-compiled), with the runner's own config
ignored. A command's ratio is the median wall time of N runs of a whole process to its
exit, divided by the median of its reference in that environment, runs interleaved so
both see the same machine load. The app is timed in a pseudo-terminal from a key press
(or its start) to the first frame that shows the data (benchmarks/frames.py), against
bare Textual apps in the same run; the in-process figures (benchmarks/trends.py) and
the steps from day to day and week to week are milliseconds against the 16 ms of a frame.
Prints every figure with its bound; exits 1 when one is over.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
# Set by `install`: the journal as a runner has it, a regular (not editable) install, byte-compiled.
PYTHON = sys.executable
JOURNAL = [PYTHON, "-m", "journal"]

# The reference of `journal export --what all`: every file it writes, as a query over the same rows.
ALL_TABLES = {
    "settings.csv": "SELECT * FROM settings ORDER BY key",
    "sites.csv": "SELECT * FROM sites ORDER BY position",
    "items.csv": "SELECT * FROM checklist_items LEFT JOIN item_targets ON item_id = id ORDER BY id, since",
    "entries.csv": "SELECT * FROM entries LEFT JOIN pain USING (date) ORDER BY date",
    "pain.csv": "SELECT pain.*, sites.name FROM pain JOIN sites ON sites.id = site_id ORDER BY date, sites.position",
    "checklist.csv": "SELECT ticks.*, title, kind FROM ticks JOIN checklist_items ON checklist_items.id = item_id"
    " ORDER BY date, position",
    "sessions.csv": "SELECT sessions.*, session_pain.*, session_ticks.item_id FROM sessions"
    " LEFT JOIN session_pain ON session_pain.session_id = sessions.id"
    " LEFT JOIN session_ticks ON session_ticks.session_id = sessions.id ORDER BY sessions.date, sessions.id",
    "session-kinds.csv": "SELECT * FROM session_kinds",
    "plans.csv": "SELECT plans.*, sites.name, plan_stages.* FROM plans JOIN sites ON sites.id = site_id"
    " LEFT JOIN plan_stages ON plan_id = plans.id ORDER BY started_on, plans.id, stage",
    "plan-decisions.csv": "SELECT plan_decisions.*, plans.uid, sessions.uid FROM plan_decisions"
    " JOIN plans ON plans.id = plan_id LEFT JOIN sessions ON sessions.id = session_id ORDER BY decided_on, day",
    "overuse.csv": "SELECT overuse_answers.*, sites.name FROM overuse_answers JOIN sites ON sites.id = site_id"
    " ORDER BY week, sites.position",
    "goals.csv": "SELECT * FROM goals LEFT JOIN assessments ON assessments.id = assessment_id ORDER BY goals.id",
    "assessments.csv": "SELECT * FROM assessments ORDER BY date, id",
    "scales.csv": "SELECT * FROM scales",
}


def install(folder: Path) -> None:
    """Install this checkout into a new virtual environment in `folder`, as `pip install .` does for a runner
    (pip byte-compiles it); every figure is then measured with that environment's own interpreter."""
    global PYTHON, JOURNAL
    started = time.perf_counter()
    venv = folder / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run([str(venv / "bin" / "pip"), "install", "--quiet", str(ROOT)], check=True)
    PYTHON = str(venv / "bin" / "python")
    JOURNAL = [str(venv / "bin" / "journal")]
    print(f"  installed the journal in a new environment in {time.perf_counter() - started:.1f} s")


def timed(command: list[str], env: dict[str, str]) -> float:
    """Seconds from starting `command` to its exit."""
    start = time.monotonic()
    subprocess.run(command, env=env, check=True, capture_output=True)
    return time.monotonic() - start


def medians(commands: dict[str, list[str]], env: dict[str, str], runs: int) -> dict[str, float]:
    """Median seconds per command, running the commands in turn so load hits them alike."""
    for command in commands.values():
        timed(command, env)  # warm the file cache
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            samples[name].append(timed(command, env))
    return {name: statistics.median(values) for name, values in samples.items()}


def make_demo(path: Path, years: int, env: dict[str, str]) -> None:
    started = time.perf_counter()
    subprocess.run(
        [*JOURNAL, "--db", str(path), "demo", "--years", str(years)], env=env, check=True, stdout=subprocess.DEVNULL
    )
    print(f"  made a {years}-year demo journal in {time.perf_counter() - started:.1f} s")


def log_the_missing_morning(path: Path, env: dict[str, str]) -> None:
    """Log the morning the demo's plan waits for (after its first undecided session): the plan decides."""
    import sqlite3

    with sqlite3.connect(path) as conn:
        (day,) = conn.execute(
            "SELECT date(min(date), '+1 day') FROM sessions WHERE for_plan = 1"
            " AND date > coalesce((SELECT max(day) FROM plan_decisions), '')"
        ).fetchone()
    conn.close()
    if day is None:
        raise SystemExit("the demo's plan has no session waiting for a morning")
    said = subprocess.run(
        [*JOURNAL, "--db", str(path), "add", day, "--pain", "knee:left=1"], env=env, check=True, capture_output=True
    )
    if b"plan:" not in said.stdout:
        raise SystemExit(f"logging {day} made no plan decision: {said.stdout.decode()}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    frame_runs = max(5, args.runs // 2)
    env = {**os.environ, "JOURNAL_TODAY": "2026-11-26"}
    env.pop("PYTHONPATH", None)  # the installed journal, not a checkout
    results: list[tuple[str, float, float]] = []
    frames: list[tuple[str, float, float]] = []  # (name, milliseconds, bound)
    with tempfile.TemporaryDirectory() as folder:
        # The runner's own keys.toml, themes and remembered settings are not the benchmark's.
        env.update(XDG_CONFIG_HOME=str(Path(folder) / "config"), XDG_DATA_HOME=str(Path(folder) / "data"))
        install(Path(folder))
        ten, hundred = Path(folder) / "ten.db", Path(folder) / "hundred.db"
        make_demo(ten, 10, env)
        make_demo(hundred, 100, env)

        # `journal add` on the demo, whose return-to-run plan runs (its session waits for a morning not logged),
        # on a copy with the plan stopped, and on a copy where the plan decided this week (every add then reads
        # the rules: a decision made this week is made again if what it was judged on changed).
        no_plan, deciding = Path(folder) / "ten-no-plan.db", Path(folder) / "ten-deciding.db"
        shutil.copyfile(ten, no_plan)
        subprocess.run(
            [*JOURNAL, "--db", str(no_plan), "plan", "stop", "--site", "knee:left"],
            env=env,
            check=True,
            capture_output=True,
        )
        shutil.copyfile(ten, deciding)
        log_the_missing_morning(deciding, env)
        add = ["add", "yesterday", "--mood", "4", "--pain", "knee=2"]
        times = medians(
            {
                "pass": [PYTHON, "-c", "pass"],
                "add": [*JOURNAL, "--db", str(ten), *add],
                "add-no-plan": [*JOURNAL, "--db", str(no_plan), *add],
                "add-deciding": [*JOURNAL, "--db", str(deciding), *add],
            },
            env,
            args.runs,
        )
        results.append(("journal add, 10 years, a plan running / python -c pass", times["add"] / times["pass"], 4.0))
        results.append(("journal add, 10 years, no plan / python -c pass", times["add-no-plan"] / times["pass"], 4.0))
        print(
            f"  reference: python -c pass {times['pass'] * 1000:.1f} ms; journal add {times['add'] * 1000:.1f} ms,"
            f" with no plan {times['add-no-plan'] * 1000:.1f} ms, with a plan that decided this week"
            f" {times['add-deciding'] * 1000:.1f} ms ({times['add-deciding'] / times['pass']:.2f}x)"
        )

        sqlite3 = shutil.which("sqlite3")
        if sqlite3:
            same_rows = "SELECT * FROM entries LEFT JOIN pain USING (date) ORDER BY date"
            times = medians(
                {
                    "sqlite3": [sqlite3, "-csv", "-header", str(hundred), same_rows],
                    "export": [*JOURNAL, "--db", str(hundred), "export"],
                },
                env,
                args.runs,
            )
            results.append(
                ("journal export, 100 years / sqlite3 -csv, same rows", times["export"] / times["sqlite3"], 2.0)
            )
            print(f"  reference: sqlite3 -csv {times['sqlite3'] * 1000:.0f} ms; export {times['export'] * 1000:.0f} ms")

            # `export --what all` writes a folder, one CSV per kind: the reference writes the same
            # tables, joined as the export joins them, one file each into a folder of its own.
            reference = Path(folder) / "sqlite3-all"
            reference.mkdir()
            commands: list[str] = []
            for name, query in ALL_TABLES.items():
                commands += [f".output {reference / name}", query]
            times = medians(
                {
                    "sqlite3": [sqlite3, "-csv", "-header", str(hundred), *commands],
                    "export": [*JOURNAL, "--db", str(hundred), "export", "--what", "all", "-o", f"{folder}/all"],
                },
                env,
                args.runs,
            )
            results.append(
                ("journal export --what all, 100 years / sqlite3 -csv", times["export"] / times["sqlite3"], 2.5)
            )
            print(
                f"  reference: sqlite3 -csv of every table into a folder {times['sqlite3'] * 1000:.0f} ms;"
                f" journal export --what all {times['export'] * 1000:.0f} ms"
            )
        else:
            print("  sqlite3 (the command-line shell) is not installed: the export ratios are left out")

        # Per-frame figures, measured in process (see benchmarks/trends.py).
        output = subprocess.run(
            [PYTHON, str(HERE / "trends.py"), str(ten), str(hundred)],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        figures = {name: float(value) for name, value in (line.split() for line in output.splitlines())}
        frames.append(("save a day, redraw sparklines and flags, 10 years", figures["save-refresh"], 16.0))
        frames.append(("undo a saved day and redraw, 10 years", figures["undo"], 16.0))
        frames.append(("log a session and redraw the day's, 10 years", figures["session"], 16.0))
        frames.append(("longest app stall while reading 'all' of 100 years", figures["all-range-stall"], 16.0))
        frames.append(("'all' of 100 years drawn, from the key press", figures["all-range-drawn"], 150.0))
        print(f"  the 'all' range of 100 years is read in {figures['all-range-read']:.0f} ms on a worker thread")

        # To the frame, in a pseudo-terminal (see benchmarks/frames.py); 20 goals on the 100-year board.
        for number in range(1, 21):
            subprocess.run(
                [*JOURNAL, "--db", str(hundred), "goal", "add", f"Goal number {number}", "--category", "strength"],
                env=env,
                check=True,
                stdout=subprocess.DEVNULL,
            )
        output = subprocess.run(
            [PYTHON, str(HERE / "frames.py"), PYTHON, JOURNAL[0], str(ten), str(hundred), "--runs", str(frame_runs)],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        seen = {name: float(value) for name, value in (line.split() for line in output.splitlines())}
        bare = seen["first-paint-bare"]
        results.append(("first paint, 10-year journal / bare Textual app", seen["first-paint-ten"] / bare, 1.3))
        results.append(
            ("first paint, 100-year / 10-year journal", seen["first-paint-hundred"] / seen["first-paint-ten"], 1.1)
        )
        switch = seen["switch-bare"]
        results.append(("pane switch, first time, 100 years / bare tabs", seen["switch-first"] / switch, 2.0))
        results.append(("pane switch, again, 100 years / bare tabs", seen["switch-again"] / switch, 2.0))
        results.append(("peak memory, 10-year journal / bare Textual app", seen["rss-ten"] / seen["rss-bare"], 1.25))
        frames.append(("previous / next day, 100 years (median step)", seen["day-step"], 16.0))
        frames.append(("previous / next week, 100 years (median step)", seen["week-step"], 16.0))
        print(
            f"  references: bare Textual app's first frame {bare:.0f} ms, a bare tab switch {switch:.0f} ms,"
            f" bare app's peak memory {seen['rss-bare'] / 1024:.0f} MB"
        )
        slowest = ", ".join(
            f"{key} {seen[f'switch-first-{key}']:.0f}/{seen[f'switch-again-{key}']:.0f}"
            for key in ("f3", "f4", "f5", "f6", "f7", "f2")
        )
        print(f"  each switch, first time/again, ms: {slowest}")
        print(f"  slowest step: a day {seen['day-step-max']:.0f} ms, a week {seen['week-step-max']:.0f} ms")

    over = False
    for name, ratio, bound in results:
        verdict = "ok" if ratio <= bound else "OVER"
        over |= ratio > bound
        print(f"{name:<52} {ratio:6.2f}x  (bound {bound:g}x)  {verdict}")
    for name, milliseconds, bound in frames:
        verdict = "ok" if milliseconds <= bound else "OVER"
        over |= milliseconds > bound
        print(f"{name:<52} {milliseconds:5.1f} ms (bound {bound:g} ms)  {verdict}")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
