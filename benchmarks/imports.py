"""Reading a Strava export, against the csv module reading the same file, in the same run.

    python benchmarks/imports.py [--runs N] [--activities N]

Writes a Strava `activities.csv` of 600 activities (by default) into a temporary
folder, in the export's own shape (its 56 columns, the repeated names, a header cell
in markup, descriptions with line breaks, commas and emoji), and its zip beside it.
Then, runs interleaved so both see the same machine load, it takes the median wall
time of:
- the reference: the standard library's csv module reading every row of the file
  and doing nothing with them;
- `read_strava` reading the file into sessions (every value checked, days in a time
  zone), and reading it from the zip.
Prints each median, the ratios to the reference, and the peak memory each allocates
(tracemalloc, in a run of its own, since tracing slows the code down). The journal
is imported from this checkout.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import statistics
import sys
import tempfile
import time
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from journal.io.strava import read_strava  # noqa: E402  (the checkout's journal, found through ROOT)

TZ = ZoneInfo("Europe/Berlin")
_SPAN = '<span class="translation_missing" title="translation missing: en-US.activities.{0}">{1}</span>'
HEADER = [
    *("Activity ID", "Activity Date", "Activity Name", "Activity Type", "Activity Description", "Elapsed Time"),
    *("Distance", "Max Heart Rate", "Relative Effort", "Commute", "Activity Private Note", "Activity Gear"),
    *("Filename", "Athlete Weight", "Bike Weight", "Elapsed Time", "Moving Time", "Distance", "Max Speed"),
    *("Average Speed", "Elevation Gain", "Elevation Loss", "Elevation Low", "Elevation High", "Max Grade"),
    *("Average Grade", "Average Positive Grade", "Average Negative Grade", "Max Cadence", "Average Cadence"),
    *("Max Heart Rate", "Average Heart Rate", "Max Watts", "Average Watts", "Calories", "Max Temperature"),
    *("Average Temperature", "Relative Effort", "Total Work", "Number of Runs", "Uphill Time", "Downhill Time"),
    *("Other Time", "Perceived Exertion", _SPAN.format("type", "Type"), _SPAN.format("start_time", "Start Time")),
    *("Weighted Average Power", "Power Count", "Prefer Perceived Exertion", "Perceived Relative Effort"),
    *("Commute", "Total Weight Lifted", "From Upload", "Grade Adjusted Distance", _SPAN.format("steps", "Total Steps")),
    "Newer Column",
]
TYPES = ["Run", "Run", "Run", "Trail Run", "Weight Training", "Ride", "Walk", "Yoga", "Swim", "Workout"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def strava_moment(moment: dt.datetime) -> str:
    half = "AM" if moment.hour < 12 else "PM"
    return f"{MONTHS[moment.month - 1]} {moment.day}, {moment.year}, {moment.hour % 12 or 12}:{moment:%M:%S} {half}"


def write_export(folder: Path, activities: int) -> tuple[Path, Path]:
    """`activities.csv` of that many activities, one every 14 hours back from 2026, and the zip holding it."""
    path = folder / "activities.csv"
    start = dt.datetime(2026, 11, 25, 17, 30) - dt.timedelta(hours=14 * activities)
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(HEADER)
        for number in range(activities):
            moment = start + dt.timedelta(hours=14 * number, minutes=number % 50)
            kind = TYPES[number % len(TYPES)]
            seconds = 1200 + (number * 97) % 5400
            metres = 0.0 if kind in ("Weight Training", "Yoga", "Workout") else seconds * 2.9
            row = [""] * len(HEADER)
            row[0:7] = [
                str(9_800_000_000 + number),
                strava_moment(moment),
                f"{kind} number {number}",
                kind,
                f"Felt good, steady 🏃\nSplits even, {number % 7} strides at the end" if number % 3 else "",
                str(seconds),
                f"{metres / 1000:.2f}",
            ]
            row[9], row[10], row[12] = "false", "Knee fine" if number % 5 == 0 else "", f"activities/{number}.fit.gz"
            row[15:18] = [f"{seconds}.0", f"{seconds - 60}.0", f"{metres:.1f}"]
            row[43] = str(1 + number % 10) if number % 4 == 0 else ""
            row[50], row[52] = "0.0", "1.0"
            writer.writerow(row)
    archive = folder / "export.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as writing:
        writing.write(path, "activities.csv")
    return path, archive


def csv_alone(path: Path) -> None:
    with path.open(encoding="utf-8-sig", newline="") as file:
        for _row in csv.reader(file):
            pass


def median_times(tasks: dict[str, Callable[[], object]], runs: int) -> dict[str, float]:
    for task in tasks.values():
        task()  # warm the file cache and the imports
    samples: dict[str, list[float]] = {name: [] for name in tasks}
    for _ in range(runs):
        for name, task in tasks.items():
            started = time.perf_counter()
            task()
            samples[name].append(time.perf_counter() - started)
    return {name: statistics.median(values) for name, values in samples.items()}


def peak_bytes(task: Callable[[], object]) -> int:
    tracemalloc.start()
    try:
        task()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=31)
    parser.add_argument("--activities", type=int, default=600)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path, archive = write_export(Path(folder), args.activities)
        batch = read_strava(path, tz=TZ)
        if batch.problems or len(batch.sessions) != args.activities:
            print(f"the generated file did not read cleanly: {batch.problems[:3]}", file=sys.stderr)
            return 1
        size = path.stat().st_size
        print(f"  {args.activities} activities, {size / 1024:.0f} KiB ({archive.stat().st_size / 1024:.0f} KiB zipped)")
        tasks: dict[str, Callable[[], object]] = {
            "csv": lambda: csv_alone(path),
            "read_strava": lambda: read_strava(path, tz=TZ),
            "read_strava, zip": lambda: read_strava(archive, tz=TZ),
        }
        times = median_times(tasks, args.runs)
        peaks = {name: peak_bytes(task) for name, task in tasks.items()}
    reference = times["csv"]
    for name, seconds in times.items():
        ratio = "" if name == "csv" else f"  {seconds / reference:5.2f}x the csv module"
        print(f"  {name:<17} {seconds * 1000:7.2f} ms  peak {peaks[name] / 1024:7.0f} KiB{ratio}")
    print(f"  peak memory of read_strava / the file's size: {peaks['read_strava'] / size:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
