"""The journal's speed targets, as ratios against references measured in the same run.

    python benchmarks/run.py [--runs N]

The journal is measured as a runner has it: installed from this checkout into a new
virtual environment (a regular install, byte-compiled), with the runner's own config
ignored. Each ratio is the median wall time of N runs of a whole process (to its exit,
or for the app to its first frame), divided by the median of its reference in that
environment, runs interleaved so both see the same machine load. The per-frame figures
(benchmarks/trends.py) are milliseconds in process against the 16 ms of a frame.
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
FIRST_PAINT = [PYTHON, str(HERE / "first_paint.py")]


def install(folder: Path) -> None:
    """Install this checkout into a new virtual environment in `folder`, as `pip install .` does for a runner
    (pip byte-compiles it); every figure is then measured with that environment's own interpreter."""
    global PYTHON, JOURNAL, FIRST_PAINT
    started = time.perf_counter()
    venv = folder / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run([str(venv / "bin" / "pip"), "install", "--quiet", str(ROOT)], check=True)
    PYTHON = str(venv / "bin" / "python")
    JOURNAL = [str(venv / "bin" / "journal")]
    FIRST_PAINT = [PYTHON, str(HERE / "first_paint.py")]
    print(f"  installed the journal in a new environment in {time.perf_counter() - started:.1f} s")


def timed(command: list[str], env: dict[str, str]) -> float:
    """Seconds from starting `command` to its "first-frame" line, or to its exit when it prints none."""
    start = time.monotonic()
    result = subprocess.run(command, env=env, check=True, capture_output=True, text=True)
    end = time.monotonic()
    for line in result.stdout.splitlines():
        if line.startswith("first-frame "):
            end = float(line.split()[1])
    return end - start


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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
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

        times = medians(
            {
                "pass": [PYTHON, "-c", "pass"],
                "add": [*JOURNAL, "--db", str(ten), "add", "yesterday", "--mood", "4", "--pain", "knee=2"],
            },
            env,
            args.runs,
        )
        results.append(("journal add, 10-year journal / python -c pass", times["add"] / times["pass"], 4.0))

        times = medians(
            {
                "bare": [*FIRST_PAINT, "bare"],
                "ten": [*FIRST_PAINT, "journal", str(ten)],
                "hundred": [*FIRST_PAINT, "journal", str(hundred)],
            },
            env,
            max(5, args.runs // 2),
        )
        results.append(("first paint, 10-year journal / bare Textual app", times["ten"] / times["bare"], 1.3))
        results.append(("first paint, 100-year / 10-year journal", times["hundred"] / times["ten"], 1.1))
        print(f"  reference: python -c pass, bare Textual app {times['bare'] * 1000:.0f} ms")

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
        else:
            print("  sqlite3 (the command-line shell) is not installed: the export ratio is left out")

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
        frames.append(("longest app stall while reading 'all' of 100 years", figures["all-range-stall"], 16.0))
        frames.append(("'all' of 100 years drawn, from the key press", figures["all-range-drawn"], 150.0))
        print(f"  the 'all' range of 100 years is read in {figures['all-range-read']:.0f} ms on a worker thread")

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
