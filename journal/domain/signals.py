"""What the logged days say: personal baselines, pain that persists or rises, sleep debt, post-race nights.

Every rule of DOMAIN.md's "Signals the journal computes" is a pure function
here, over a mapping of date -> DayEntry; nothing reads the journal file. The
rules, as the README states them:

- A missing day is missing, never a zero. A run of days ("7 days in a row")
  may step over one unlogged day, which neither counts nor ends the run; two
  unlogged days in a row end it.
- Personal baseline: a wellness item's value against the mean and SD of the 28
  days before (at least 14 of them logged), with the SD at least 0.5 (the total
  of the five, at least 0.5 x sqrt 5). Amber at z <= -1, red at z <= -2; 3 days
  in a row at z <= -1 is a drift.
- Pain per site is the site's worst side that day. It is flagged when it is
  1 or more on 7 days in a row, above 5, or when its 7-day mean rose two weeks
  running (each week's mean from at least 3 readings, and the whole rise a
  meaningful one).
- A meaningful change is 2 points or 30%; anything smaller is "about the same".
- Sleep debt is the 14-day sum of max(0, need - slept) over the nights logged;
  it is flagged once it reaches a whole night's need.
- The three nights after a race aim for 10 hours.
- A resting heart rate well above the runner's own usual (z >= +1 amber, +2 red, against
  the 28 days before, SD at least 2 beats), or an HRV well below it (z <= -1, SD at least
  3 ms, compared only with HRVs measured the same way), is flagged as the wellness items are.
- Cramps are counted per 7 days (a logged day without a count counts none; a
  week with nothing logged is missing). Three windows in a row, each with more
  cramps than the one before, suggest talking them over with a clinician.

Flags say what was seen and what to consider. They never diagnose.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from journal.dates import short_day
from journal.domain.entries import DayEntry, Site
from journal.domain.scales import WELLNESS, WELLNESS_FIELDS, mean, wellness_item

DAY = dt.timedelta(days=1)

BASELINE_DAYS = 28
BASELINE_MIN_ENTRIES = 14
SD_FLOOR = 0.5
AMBER_Z, RED_Z = -1.0, -2.0
DRIFT_DAYS = 3
MAX_GAP = 1  # unlogged days a run may step over
PERSIST_DAYS = 7
PAIN_LIMIT = 5  # above this is too much to train through
WEEK = 7
WEEK_MIN_READINGS = 3
MEANINGFUL_POINTS, MEANINGFUL_SHARE = 2.0, 0.3
SLEEP_DEBT_DAYS = 14
POST_RACE_HOURS = 10.0
POST_RACE_NIGHTS = 3

# How far back the rules look from a day: the longest window, with room for a long run of pain.
LOOKBACK_DAYS = 90

TOTAL = "total"
METRIC_LABELS = {
    "sleep_hours": "sleep hours",
    **{item.field: item.label for item in WELLNESS},
    TOTAL: "wellness total",
    "resting_hr": "resting HR",
    "hrv": "HRV (ms)",
}
LEVELS = ("info", "amber", "red")

Entries = Mapping[dt.date, DayEntry]


# -- a day's values -----------------------------------------------------------


def metric_value(entry: DayEntry | None, metric: str) -> float | None:
    """Sleep hours, a wellness item, or the total of the five (only when all five are logged)."""
    if entry is None:
        return None
    if metric == TOTAL:
        values = [getattr(entry, name) for name in WELLNESS_FIELDS]
        return None if None in values else float(sum(values))
    value = getattr(entry, metric)
    return None if value is None else float(value)


def site_pain(entry: DayEntry | None, site: str) -> int | None:
    """The site's worst side that day, or None when it has no reading."""
    if entry is None:
        return None
    scores = [score for (name, _), score in entry.pain.items() if name == site]
    return max(scores) if scores else None


def _worst_by_site(entry: DayEntry | None) -> dict[str, int]:
    """`site_pain` of every site with a reading that day."""
    worst: dict[str, int] = {}
    if entry is not None:
        for (name, _), score in entry.pain.items():
            if name not in worst or score > worst[name]:
                worst[name] = score
    return worst


def pain_band(score: float) -> str:
    """The pain-monitoring model's bands: 0-3 safe, 4-5 acceptable, above 5 not."""
    if score > PAIN_LIMIT:
        return "high"
    return "mid" if score >= 4 else "low"


# -- meaningful change ---------------------------------------------------------


def is_meaningful(before: float, after: float) -> bool:
    """2 points or 30% of where it started (Farrar et al. 2001); smaller moves are about the same."""
    change = abs(after - before)
    return change >= MEANINGFUL_POINTS - 1e-9 or (before != 0 and change >= MEANINGFUL_SHARE * abs(before) - 1e-9)


def compare(before: float | None, after: float | None, *, higher_is_better: bool) -> str:
    """'better', 'worse', 'about the same', or '' when either side has no data."""
    if before is None or after is None:
        return ""
    if not is_meaningful(before, after):
        return "about the same"
    return "better" if (after > before) == higher_is_better else "worse"


# -- runs of days ---------------------------------------------------------------


def current_run(day: dt.date, reading: Callable[[dt.date], bool | None]) -> list[dt.date]:
    """The run of days still going on `day`, oldest first.

    `reading(date)` says whether a day is a hit (True), a miss (False) or has
    no reading (None). The run walks back from `day`, steps over at most
    MAX_GAP days without a reading at a time, and ends at a miss.
    """
    run: list[dt.date] = []
    gap = 0
    current = day
    while gap <= MAX_GAP and day - current < LOOKBACK_DAYS * DAY:
        hit = reading(current)
        if hit is False:
            break
        if hit:
            run.append(current)
            gap = 0
        else:
            gap += 1
        current -= DAY
    return run[::-1]


# -- personal baselines ---------------------------------------------------------


@dataclass(frozen=True)
class Baseline:
    metric: str
    value: float
    mean: float
    sd: float  # after the floor
    count: int

    @property
    def z(self) -> float:
        return (self.value - self.mean) / self.sd

    @property
    def level(self) -> str | None:
        if self.z <= RED_Z:
            return "red"
        return "amber" if self.z <= AMBER_Z else None


def sd_floor(metric: str) -> float:
    return SD_FLOOR * math.sqrt(len(WELLNESS_FIELDS)) if metric == TOTAL else SD_FLOOR


def baseline(entries: Entries, day: dt.date, metric: str) -> Baseline | None:
    """The day's value against the 28 days before it, once 14 of them hold a value."""
    value = metric_value(entries.get(day), metric)
    if value is None:
        return None
    history = [
        found
        for offset in range(1, BASELINE_DAYS + 1)
        if (found := metric_value(entries.get(day - offset * DAY), metric)) is not None
    ]
    if len(history) < BASELINE_MIN_ENTRIES:
        return None
    import statistics  # here, not at the top: `journal add` reads this module for its plans, and needs no baseline

    sd = max(statistics.stdev(history), sd_floor(metric))
    return Baseline(metric, value, statistics.fmean(history), sd, len(history))


# -- flags ----------------------------------------------------------------------


@dataclass(frozen=True)
class Flag:
    """Something the journal noticed: what it saw, and what the runner might consider."""

    kind: str  # baseline, drift, device, pain-persists, pain-high, pain-rising, cramps-rising, sleep-debt, post-race
    level: str  # info, amber or red
    subject: str  # what it is about: 'mood', 'Knee', 'sleep'
    seen: str
    consider: str
    day: dt.date  # the day it was active on

    @property
    def key(self) -> tuple[str, str]:
        return self.kind, self.subject

    @property
    def text(self) -> str:
        return f"{self.seen}. {self.consider}."

    @property
    def rank(self) -> int:
        return LEVELS.index(self.level)


def _hours(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _points(value: float) -> str:
    return f"{value:.1f}"


def wellness_flags(entries: Entries, day: dt.date) -> list[Flag]:
    """Each wellness item (and the total) well below the runner's own usual, or drifting below it."""
    flags = []
    for metric in (*WELLNESS_FIELDS, TOTAL):
        label = METRIC_LABELS[metric]

        seen: dict[dt.date, Baseline | None] = {}  # the run starts on `day`: its baseline is worked out once

        def low(when: dt.date, metric: str = metric, seen: dict[dt.date, Baseline | None] = seen) -> bool | None:
            found = seen[when] = baseline(entries, when, metric)
            return None if found is None else found.z <= AMBER_Z

        run = current_run(day, low)
        today = seen[day] if day in seen else baseline(entries, day, metric)
        best = f"; 5 is {wellness_item(metric).high}" if metric != TOTAL else ""
        if len(run) >= DRIFT_DAYS:
            level = "red" if today is not None and today.level == "red" else "amber"
            flags.append(
                Flag(
                    "drift",
                    level,
                    label,
                    f"{label.capitalize()} has been worse than your usual on {len(run)} days in a row"
                    f" (since {short_day(run[0])}{best})",
                    "Consider a few easier days, and a look at sleep, stress and recovery",
                    day,
                )
            )
        elif today is not None and today.level is not None:
            how = "well below" if today.level == "red" else "below"
            flags.append(
                Flag(
                    "baseline",
                    today.level,
                    label,
                    f"{label.capitalize()} {_hours(today.value)} is {how} your usual"
                    f" ({_points(today.mean)} over the last {BASELINE_DAYS} days{best}, z {today.z:+.1f})",
                    "One worse day is normal; watch whether it lasts",
                    day,
                )
            )
    return flags


# What a watch measures, against the runner's own usual as the wellness items are: the SD floors keep a
# steady figure's small wobble from reading as a change (a beat a minute, a few milliseconds).
DEVICE_SD_FLOORS = {"resting_hr": 2.0, "hrv": 3.0}


def device_baseline(entries: Entries, day: dt.date, metric: str) -> Baseline | None:
    """The day's resting heart rate or HRV against the 28 days before, once 14 of them hold one. An HRV is
    compared only with those measured the same way (RMSSD and SDNN are different figures)."""
    entry = entries.get(day)
    value = None if entry is None else getattr(entry, metric)
    if value is None or entry is None:
        return None
    history = []
    for offset in range(1, BASELINE_DAYS + 1):
        before = entries.get(day - offset * DAY)
        found = None if before is None else getattr(before, metric)
        if found is not None and before is not None and (metric != "hrv" or before.hrv_method == entry.hrv_method):
            history.append(float(found))
    if len(history) < BASELINE_MIN_ENTRIES:
        return None
    import statistics

    sd = max(statistics.stdev(history), DEVICE_SD_FLOORS[metric])
    return Baseline(metric, float(value), statistics.fmean(history), sd, len(history))


def device_flags(entries: Entries, day: dt.date) -> list[Flag]:
    """A resting heart rate well above the runner's usual, or an HRV well below it: worse, by either."""
    flags = []
    for metric, sign, label in (("resting_hr", 1.0, "resting heart rate"), ("hrv", -1.0, "HRV")):
        found = device_baseline(entries, day, metric)
        if found is None:
            continue
        z = sign * found.z  # how many SDs worse than usual
        if z < -AMBER_Z:
            continue
        level = "red" if z >= -RED_Z else "amber"
        how = ("well " if level == "red" else "") + ("above" if sign > 0 else "below")
        unit = " bpm" if metric == "resting_hr" else " ms"
        flags.append(
            Flag(
                "device",
                level,
                label,
                f"{label[0].upper() + label[1:]} {_hours(found.value)}{unit} is {how} your usual"
                f" ({_points(found.mean)}{unit} over the last {BASELINE_DAYS} days, z {found.z:+.1f})",
                "It can follow hard training, short sleep or an illness coming on; consider an easier day,"
                " and watch whether it lasts",
                day,
            )
        )
    return flags


def _dates_back(day: dt.date, days: int = LOOKBACK_DAYS) -> list[dt.date]:
    return [day - offset * DAY for offset in range(days)]


def pain_flags(entries: Entries, day: dt.date, sites: list[Site]) -> list[Flag]:
    """Pain that persists, is too high, or rises: the prompts to get it checked."""
    flags = []
    # Each day's worst reading at every site, read once for all the sites.
    window = [(when, _worst_by_site(entries.get(when))) for when in _dates_back(day)]
    for site in sites:
        readings = {when: worst[site.name] for when, worst in window if site.name in worst}
        if not readings:
            continue
        label = site.label
        score = readings.get(day)
        if score is not None and score > PAIN_LIMIT:
            flags.append(
                Flag(
                    "pain-high",
                    "red",
                    label,
                    f"{label} pain is {score} out of 10 on {short_day(day)}",
                    f"Above {PAIN_LIMIT} is too much to train through: rest it, and get it checked"
                    " by a doctor or physiotherapist if it does not settle",
                    day,
                )
            )

        def hurt(when: dt.date, readings: dict[dt.date, int] = readings) -> bool | None:
            found = readings.get(when)
            return None if found is None else found >= 1

        run = current_run(day, hurt)
        if len(run) >= PERSIST_DAYS:
            flags.append(
                Flag(
                    "pain-persists",
                    "amber",
                    label,
                    f"{label} has hurt on {len(run)} days in a row (since {short_day(run[0])},"
                    f" worst {max(readings[when] for when in run)})",
                    "Pain that persists is worth getting checked by a doctor or physiotherapist",
                    day,
                )
            )
        first, middle, last = weekly_means(readings, day)
        if (
            first is not None
            and middle is not None
            and last is not None
            and first < middle < last
            and is_meaningful(first, last)
        ):
            flags.append(
                Flag(
                    "pain-rising",
                    "amber",
                    label,
                    f"{label} pain has risen two weeks running (7-day means "
                    f"{' → '.join(_points(value) for value in (first, middle, last))})",
                    "Rising pain is worth getting checked by a doctor or physiotherapist",
                    day,
                )
            )
    return flags


def weekly_means(readings: Mapping[dt.date, float], day: dt.date) -> list[float | None]:
    """The means of the three 7-day windows ending on `day`, oldest first; None with under 3 readings."""
    means = []
    for weeks_back in (2, 1, 0):
        end = day - weeks_back * WEEK * DAY
        values = [readings[when] for when in _dates_back(end, WEEK) if when in readings]
        means.append(mean(values) if len(values) >= WEEK_MIN_READINGS else None)
    return means


def cramps_in_week(entries: Entries, end: dt.date) -> int | None:
    """Cramps in the 7 days ending on `end`; None when none of those days is logged at all.

    A logged day without a cramp count counts none: the count is for the days cramps came.
    """
    days = [entry for when in _dates_back(end, WEEK) if (entry := entries.get(when)) is not None]
    return sum(entry.cramps or 0 for entry in days) if days else None


def cramps_per_week(entries: Entries, starts: list[dt.date]) -> list[int | None]:
    """Cramps in each week starting on a day of `starts` (None: a week with nothing logged)."""
    return [cramps_in_week(entries, start + (WEEK - 1) * DAY) for start in starts]


def cramp_flags(entries: Entries, day: dt.date) -> list[Flag]:
    """Cramps rising two weeks running: the three 7-day windows ending on `day`, each count above the one before."""
    counts = [cramps_in_week(entries, day - weeks_back * WEEK * DAY) for weeks_back in (2, 1, 0)]
    first, middle, last = counts
    if first is None or middle is None or last is None or not first < middle < last:
        return []
    return [
        Flag(
            "cramps-rising",
            "amber",
            "cramps",
            f"Cramps have risen two weeks running ({' → '.join(str(count) for count in counts)} in the 7-day"
            f" windows to {short_day(day)})",
            "Cramps have many causes: consider going over your log with a doctor or physiotherapist",
            day,
        )
    ]


def sleep_debt(entries: Entries, day: dt.date, need: float) -> tuple[float, int]:
    """Hours short of `need` over the 14 nights ending on `day`, and how many of them were logged."""
    slept = [
        hours
        for when in _dates_back(day, SLEEP_DEBT_DAYS)
        if (hours := metric_value(entries.get(when), "sleep_hours")) is not None
    ]
    return sum(max(0.0, need - hours) for hours in slept), len(slept)


def sleep_flags(entries: Entries, day: dt.date, need: float) -> list[Flag]:
    flags = []
    debt, nights = sleep_debt(entries, day, need)
    if nights and debt >= need:
        flags.append(
            Flag(
                "sleep-debt",
                "red" if debt >= 2 * need else "amber",
                "sleep",
                f"Sleep debt of {_hours(debt)} h over the last {SLEEP_DEBT_DAYS} days"
                f" ({nights} nights logged, against a need of {_hours(need)} h)",
                "Consider earlier nights or a nap; your need is a setting (journal settings sleep_need)",
                day,
            )
        )
    for after in range(POST_RACE_NIGHTS + 1):
        race_day = day - after * DAY
        race = entries.get(race_day)
        if race is None or race.day_type != "race":
            continue
        slept = metric_value(entries.get(day), "sleep_hours") if after else None
        short = slept is not None and slept < POST_RACE_HOURS
        if after == POST_RACE_NIGHTS and not short:
            continue
        seen = f"You raced on {short_day(race_day)}"
        if slept is not None:
            seen += f"; you slept {_hours(slept)} h on night {after} after it"
        tonight = after < POST_RACE_NIGHTS
        consider = f"The {POST_RACE_NIGHTS} nights after a race aim for {_hours(POST_RACE_HOURS)} hours of sleep"
        flags.append(
            Flag(
                "post-race",
                "amber" if short else "info",
                "sleep",
                seen,
                consider + (", tonight too" if tonight else ""),
                day,
            )
        )
        break
    return flags


def flags_on(entries: Entries, day: dt.date, sites: list[Site], sleep_need: float) -> list[Flag]:
    """Every flag active on `day`, worst first; `entries` must hold the LOOKBACK_DAYS before it."""
    flags = [
        *pain_flags(entries, day, sites),
        *cramp_flags(entries, day),
        *sleep_flags(entries, day, sleep_need),
        *wellness_flags(entries, day),
        *device_flags(entries, day),
    ]
    return sorted(flags, key=lambda flag: -flag.rank)


def flags_between(entries: Entries, start: dt.date, end: dt.date, sites: list[Site], sleep_need: float) -> list[Flag]:
    """The flags raised on any day from `start` to `end`: each once, at its worst, as last seen."""
    found: dict[tuple[str, str], Flag] = {}
    day = start
    while day <= end:
        for flag in flags_on(entries, day, sites, sleep_need):
            kept = found.get(flag.key)
            if kept is None or flag.rank >= kept.rank:
                found[flag.key] = flag
        day += DAY
    return sorted(found.values(), key=lambda flag: -flag.rank)
