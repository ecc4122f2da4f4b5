"""Reading a large Apple Health export: the journal's reader against a plain standard-library pass.

    python benchmarks/health.py [--mb 100] [--runs 3]

Writes a made-up export.xml of about `--mb` megabytes in a temporary folder, shaped
like a watch's (heart rate every few minutes with its metadata, energy, steps,
sleep stages from a watch and a phone app, a resting heart rate a day, HRV readings
with their beats nested, workouts), then prints, one per line, `name value`:
- size-mb: the file's size;
- plain-s: the median seconds of a pass of the standard library's own
  xml.etree.ElementTree.iterparse over it (each element under the root read and
  cleared, as any streaming reader must), the reference;
- reader-s: the median seconds of journal.io.apple_health.read_apple_health over it
  (defusedxml reading the declarations, the same C parser the rest, and the days it
  keeps), runs interleaved with the reference;
- ratio: reader-s / plain-s;
- reader-peak-mb and plain-peak-mb: the most memory each held (tracemalloc, in
  separate runs, as tracing slows them). The reader's must not follow the file's size.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from journal.io.apple_health import read_apple_health

HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE HealthData [
<!ELEMENT HealthData (ExportDate,Me,(Record|Correlation|Workout|ActivitySummary)*)>
<!ATTLIST HealthData
  locale CDATA #REQUIRED
>
<!ELEMENT Record ((MetadataEntry|HeartRateVariabilityMetadataList)*)>
<!ATTLIST Record
  type          CDATA #REQUIRED
  unit          CDATA #IMPLIED
  value         CDATA #IMPLIED
  sourceName    CDATA #REQUIRED
  sourceVersion CDATA #IMPLIED
  device        CDATA #IMPLIED
  creationDate  CDATA #IMPLIED
  startDate     CDATA #REQUIRED
  endDate       CDATA #REQUIRED
>
]>
<HealthData locale="en_GB">
 <ExportDate value="2024-01-01 10:00:00 +0000"/>
 <Me HKCharacteristicTypeIdentifierBiologicalSex="HKBiologicalSexNotSet"/>
"""
DEVICE = 'device="&lt;&lt;HKDevice: 0x600&gt;, name:Apple Watch, manufacturer:Apple Inc., model:Watch&gt;"'
STAGES = ("AsleepCore", "AsleepCore", "AsleepDeep", "AsleepREM", "Awake")


def stamp(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S +0100")


def record(kind: str, start: dt.datetime, end: dt.datetime, value: str, unit: str = "", inside: str = "") -> str:
    unit = f' unit="{unit}"' if unit else ""
    head = (
        f' <Record type="{kind}" sourceName="Watch" sourceVersion="10.2" {DEVICE}{unit}'
        f' creationDate="{stamp(end)}" startDate="{stamp(start)}" endDate="{stamp(end)}" value="{value}"'
    )
    return f"{head}>\n{inside} </Record>\n" if inside else f"{head}/>\n"


def day_of_records(day: dt.datetime, rnd: random.Random) -> str:
    """About 200 kB: what a watch worn all day and night writes."""
    out = []
    for minute in range(0, 24 * 60, 5):
        at = day + dt.timedelta(minutes=minute)
        motion = '  <MetadataEntry key="HKMetadataKeyHeartRateMotionContext" value="0"/>\n'
        out.append(record("HKQuantityTypeIdentifierHeartRate", at, at, str(rnd.randint(48, 160)), "count/min", motion))
    for minute in range(0, 24 * 60, 10):
        at = day + dt.timedelta(minutes=minute)
        energy = f"{rnd.random():.3f}"
        out.append(
            record("HKQuantityTypeIdentifierActiveEnergyBurned", at, at + dt.timedelta(minutes=9), energy, "kcal")
        )
    for minute in range(6 * 60, 22 * 60, 20):
        at = day + dt.timedelta(minutes=minute)
        steps = str(rnd.randint(0, 900))
        out.append(record("HKQuantityTypeIdentifierStepCount", at, at + dt.timedelta(minutes=19), steps, "count"))
    night = day - dt.timedelta(minutes=rnd.randint(30, 90))
    for stage in range(32):
        start = night + dt.timedelta(minutes=15 * stage)
        value = f"HKCategoryValueSleepAnalysis{rnd.choice(STAGES)}"
        out.append(record("HKCategoryTypeIdentifierSleepAnalysis", start, start + dt.timedelta(minutes=15), value))
    phone = "HKCategoryValueSleepAnalysisAsleepUnspecified"
    out.append(record("HKCategoryTypeIdentifierSleepAnalysis", night, night + dt.timedelta(hours=7, minutes=50), phone))
    resting = str(rnd.randint(42, 58))
    out.append(
        record("HKQuantityTypeIdentifierRestingHeartRate", day, day + dt.timedelta(hours=23), resting, "count/min")
    )
    for reading in range(6):
        at = day + dt.timedelta(hours=reading * 4, minutes=rnd.randint(0, 200))
        beats = "".join(
            f'   <InstantaneousBeatsPerMinute bpm="{rnd.randint(50, 70)}" time="1:{reading}0:{beat:02d}.00 AM"/>\n'
            for beat in range(60)
        )
        inside = f"  <HeartRateVariabilityMetadataList>\n{beats}  </HeartRateVariabilityMetadataList>\n"
        value = f"{rnd.uniform(25, 95):.4f}"
        out.append(record("HKQuantityTypeIdentifierHeartRateVariabilitySDNN", at, at, value, "ms", inside))
    if day.toordinal() % 2:
        start = day + dt.timedelta(hours=18)
        out.append(
            f' <Workout workoutActivityType="HKWorkoutActivityTypeRunning" duration="45" durationUnit="min"'
            f' sourceName="Watch" startDate="{stamp(start)}" endDate="{stamp(start + dt.timedelta(minutes=45))}">\n'
            f'  <WorkoutEvent type="HKWorkoutEventTypeSegment" date="{stamp(start)}"/>\n </Workout>\n'
        )
    return "".join(out)


def write_export(path: Path, megabytes: float) -> None:
    rnd = random.Random(2024)
    day = dt.datetime(2021, 1, 1)
    with path.open("w", encoding="utf-8") as file:
        file.write(HEAD)
        while file.tell() < megabytes * 1_000_000:
            file.write(day_of_records(day, rnd))
            day += dt.timedelta(days=1)
        file.write("</HealthData>\n")


def plain_pass(path: Path) -> int:
    """The reference: the standard library's iterparse, each element under the root read, then cleared."""
    kinds = 0
    events = ET.iterparse(path, events=("start", "end"))
    _, root = next(events)
    depth = 1
    for event, element in events:
        if event == "start":
            depth += 1
            continue
        depth -= 1
        if depth == 1:
            kinds += element.get("type") is not None
            root.clear()
    return kinds


def seconds(run: Callable[[], object]) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def peak(run: Callable[[], object]) -> float:
    tracemalloc.start()
    try:
        run()
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=100, help="the size of the export to write (megabytes)")
    parser.add_argument("--runs", type=int, default=3, help="runs of each, interleaved; their medians are compared")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="offseason-health-") as folder:
        path = Path(folder) / "export.xml"
        write_export(path, arguments.mb)
        plain, reader = [], []
        for _ in range(arguments.runs):
            plain.append(seconds(lambda: plain_pass(path)))
            reader.append(seconds(lambda: read_apple_health(path)))
        batch = read_apple_health(path)
        print(f"size-mb {path.stat().st_size / 1e6:.1f}")
        print(f"days {len(batch.days)}")
        print(f"plain-s {statistics.median(plain):.2f}")
        print(f"reader-s {statistics.median(reader):.2f}")
        print(f"ratio {statistics.median(reader) / statistics.median(plain):.2f}")
        print(f"reader-peak-mb {peak(lambda: read_apple_health(path)):.1f}")
        print(f"plain-peak-mb {peak(lambda: plain_pass(path)):.1f}")


if __name__ == "__main__":
    main()
