"""A realistic, seeded demo journal: a race, then an offseason of healing and rebuilding.

The same arguments always give the same journal, so benchmarks and newcomers
see the same data. Each year ends in a goal race; the weeks after it show
post-race soreness and long nights, a knee that settles slowly, rest days, a
cold, and a runner whose mood lifts as training comes back.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from typing import TYPE_CHECKING

from journal.domain.entries import DayEntry

if TYPE_CHECKING:
    from journal.domain.checklist import ChecklistItem

_NOTES = (
    "Easy jog, legs felt heavy",
    "Strength session: squats, deadlifts, calf raises",
    "Physio: glute work and foam rolling",
    "Massage, calves very tight",
    "Drills: A-skips, B-skips, cadence work",
    "Family day at the park",
    "Intervals 10 x 20 s fast / 40 s walk",
    "400 m run / 200 m walk x 6",
    "Filmed my form on the track",
    'Coach said: "shorter stride, quicker feet"',
    "Slept badly, busy week at work",
    "Long walk instead of a run",
)


def demo_entries(end: dt.date, days: int, seed: int = 1) -> Iterator[DayEntry]:
    """`days` days ending on `end`, oldest first; a few days are left unlogged."""
    rng = random.Random(seed)
    start = end - dt.timedelta(days=days - 1)
    # The goal race opens the last 12 weeks (the whole journal, when shorter), and
    # falls on the same date in every year before.
    race_day = end - dt.timedelta(days=min(days, 84) - 1)
    knee = 0.0
    cold_left = 0
    for offset in range(days):
        day = start + dt.timedelta(days=offset)
        since_race = _days_since_race(day, race_day)
        if since_race == 0:
            knee = rng.uniform(3.5, 5.5)
        elif since_race < 60:
            knee = max(0.0, knee - rng.uniform(0.0, 0.15) + rng.uniform(-0.1, 0.1))
        else:
            knee = max(0.0, min(6.0, knee + rng.uniform(-0.12, 0.1)))
        if cold_left == 0 and (rng.random() < 0.006 or since_race == 40):
            cold_left = rng.randint(2, 5)  # a cold now and then, and always one in the offseason
        if since_race != 0 and rng.random() < 0.08:
            if cold_left:
                cold_left -= 1
            continue  # a day the runner did not log
        yield _day(rng, day, since_race, knee, cold_left > 0)
        if cold_left:
            cold_left -= 1


def _days_since_race(day: dt.date, race_day: dt.date) -> int:
    """Days since this year's race (the same calendar date each year)."""
    try:
        this_year = race_day.replace(year=day.year)
    except ValueError:  # a race on 29 February
        this_year = race_day.replace(year=day.year, day=28)
    if this_year > day:
        try:
            this_year = this_year.replace(year=day.year - 1)
        except ValueError:
            this_year = this_year.replace(year=day.year - 1, day=28)
    return (day - this_year).days


def _day(rng: random.Random, day: dt.date, since_race: int, knee: float, sick: bool) -> DayEntry:
    recovering = since_race < 10
    day_type = "normal"
    if since_race == 0:
        day_type = "race"
    elif sick:
        day_type = "sick"
    elif (recovering and since_race < 3) or (day.weekday() == 0 and rng.random() < 0.8):
        day_type = "rest"

    def score(centre: float) -> int:
        return max(1, min(5, round(rng.gauss(centre, 0.7))))

    lift = min(1.0, since_race / 60)  # mood and freshness come back over the weeks
    need = 10.0 if since_race in (1, 2) else 8.0
    sleep = round(min(11.5, max(4.5, rng.gauss(need - 0.7, 0.8))) * 4) / 4
    entry = DayEntry(
        day,
        day_type=day_type,
        sleep_hours=sleep,
        sleep_quality=score(3.2 + 0.6 * lift - (1 if sick else 0)),
        fatigue=score(2.0 if recovering else 3.0 + lift),
        soreness=score(1.6 if recovering else 3.2 + 0.8 * lift),
        stress=score(3.3 - (0.8 if day.weekday() in (1, 2) else 0)),
        mood=score(2.8 + 1.0 * lift - (1 if sick else 0)),
    )
    if day_type == "race":
        entry.note = "Goal race done. Faded over the last few miles; left knee sore"
    elif rng.random() < 0.25:
        entry.note = rng.choice(_NOTES)
    if round(knee) >= 1:
        entry.pain[("knee", "left")] = round(knee)
    if recovering and since_race < 6:
        entry.pain[("achilles", "right")] = max(0, 4 - since_race)
    if rng.random() < 0.05:
        entry.pain[("lower-back", "")] = rng.randint(1, 3)
    return entry


def demo_ticks(entries: list[DayEntry], items: list[ChecklistItem], seed: int = 1) -> Iterator[tuple[int, dt.date]]:
    """Checklist ticks to go with the demo days: (item id, date). Rest days tick the rest item;
    the other items are done more faithfully as the offseason goes on, and not on sick days."""
    rng = random.Random(seed * 7919)
    for entry in entries:
        if entry.day_type in ("sick", "injured", "race"):
            continue
        faithful = 0.45 + 0.45 * rng.random() ** 0.5
        for item in items:
            if item.kind == "rest":
                if entry.day_type == "rest":
                    yield item.number, entry.date
            elif entry.day_type != "rest" and rng.random() < item.target / 6 * faithful:
                yield item.number, entry.date
