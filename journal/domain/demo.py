"""A realistic, seeded demo journal: a race, then an offseason of healing and rebuilding.

The same arguments always give the same journal, so benchmarks and newcomers
see the same data. Each year ends in a goal race; the weeks after it show
post-race soreness and long nights, a knee that settles slowly, rest days, a
cold, and a runner whose mood lifts as training comes back. Their training sessions
follow an offseason week (easy runs, intervals, strides, two strength sessions, rehab),
with the knee hurting during some runs; the sessions tick their checklist items. Calves cramp in
the race and the night after, and a cramp comes now and then in training.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from journal.domain.entries import DayEntry
from journal.domain.sessions import SESSION_TICKS, PainDuring, Session

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
    cramps = random.Random(seed * 7919)  # a stream of its own: the rest of the demo is as it was before cramps
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
        entry = _day(rng, day, since_race, knee, cold_left > 0)
        _cramps(cramps, entry, since_race)
        yield entry
        if cold_left:
            cold_left -= 1


def _cramps(rng: random.Random, entry: DayEntry, since_race: int) -> None:
    """Calf cramps in the race and the night after it, and now and then a cramp in training."""
    draw = rng.random()
    if since_race in (0, 1):
        entry.cramps, entry.cramp_site = 2 - since_race, "achilles"
    elif draw < 0.03:
        entry.cramps, entry.cramp_site = 1, "achilles" if draw < 0.02 else "hamstring"


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
    the other items are done more faithfully as the offseason goes on, and not on sick days.
    The items the demo's sessions tick (`demo_sessions`) are left to them."""
    rng = random.Random(seed * 7919)
    by_sessions = _items_sessions_tick(items)
    for entry in entries:
        if entry.day_type in ("sick", "injured", "race"):
            continue
        faithful = 0.45 + 0.45 * rng.random() ** 0.5
        for item in items:
            if item.kind == "rest":
                if entry.day_type == "rest":
                    yield item.number, entry.date
            # The draw is made for every item, so that the other items' ticks do not depend on which are left out.
            elif entry.day_type != "rest" and rng.random() < item.target / 6 * faithful and item.id not in by_sessions:
                yield item.number, entry.date


def _items_sessions_tick(items: list[ChecklistItem]) -> set[int | None]:
    """The items a demo session ticks: the first of each item kind its session kinds tick, as the journal does."""
    kinds = {SESSION_TICKS[kind] for kind in _DEMO_KINDS if kind in SESSION_TICKS}
    first: dict[str, int | None] = {}
    for item in sorted(items, key=lambda item: (item.retired_on is not None, item.position, item.number)):
        if item.kind in kinds and item.retired_on is None:
            first.setdefault(item.kind, item.id)
    return set(first.values())


# The offseason week: (weekday, kind, minutes, RPE), Monday first; Monday is mostly a rest day. Easy runs are
# RPE 3 or 4 whatever is written here.
_WEEK = (
    (1, "run", 45, 3),
    (1, "strength", 45, 6),
    (2, "rehab", 20, 2),
    (3, "intervals", 40, 7),
    (4, "strength", 40, 6),
    (5, "run", 50, 4),
    (5, "strides", 10, 5),
    (6, "run", 70, 4),
    (6, "rehab", 15, 2),
)
_DEMO_KINDS = frozenset(kind for _, kind, _, _ in _WEEK)
_SESSION_NOTES = {
    "run": ("Easy, conversational pace", "Trail loop, soft ground", "Easy with a friend"),
    "intervals": ("10 x 20 s fast / 40 s walk", "400 m run / 200 m walk x 6"),
    "strides": ("6 x 100 m strides after the run",),
    "strength": ("Squats, deadlifts, heavy calf raises", "Hip and core circuit"),
    "rehab": ("Physio exercises and foam rolling", "Mobility, calves and hips"),
}


def demo_sessions(entries: list[DayEntry], seed: int = 1) -> Iterator[tuple[Session, str]]:
    """Training sessions to go with the demo days, oldest first, each with its uid (seeded too, so the same
    arguments give the same journal): the goal race, walks and rehab while recovering, then the offseason
    week, done more faithfully as the weeks go on. None on rest or sick days; the left knee hurts during
    some runs, as much as it did that morning or a point more."""
    uids = random.Random(seed * 15485863)
    for session in _sessions(entries, random.Random(seed * 104729)):
        yield session, str(uuid.UUID(int=uids.getrandbits(128), version=4))


def _sessions(entries: list[DayEntry], rng: random.Random) -> Iterator[Session]:
    race_day = next((entry.date for entry in entries if entry.day_type == "race"), None)
    for entry in entries:
        day = entry.date
        if entry.day_type == "race":
            yield Session(day, "run", rng.randint(205, 225), km=42.2, rpe=9, note="Goal race", pain=_knee(entry, 1))
            continue
        if entry.day_type in ("rest", "sick", "injured"):
            continue
        since_race = _days_since_race(day, race_day) if race_day else 60
        if since_race < 10:  # recovering: walks from the third day, and rehab
            if since_race >= 3 and rng.random() < 0.6:
                yield Session(day, "walk", rng.choice((20, 30, 40)), km=None, rpe=2)
            if since_race >= 4 and since_race % 2 == 0:
                yield Session(day, "rehab", 20, rpe=2, note="Physio exercises and foam rolling")
            continue
        faithful = 0.6 + 0.35 * min(1.0, since_race / 60)
        for weekday, kind, minutes, rpe in _WEEK:
            if weekday != day.weekday() or rng.random() >= faithful:
                continue
            if (kind == "intervals" and since_race < 21) or (kind == "strides" and since_race < 14):
                continue  # the faster work comes back last
            length = max(10, minutes + 5 * rng.randint(-2, 2))
            effort: int | None = rng.choice((3, 4)) if kind == "run" else max(1, rpe + rng.choice((-1, 0, 0, 1)))
            if rng.random() < 0.08:
                effort = None  # not asked about half an hour later: no load that day
            km: float | None = None
            pain: tuple[PainDuring, ...] = ()
            if kind in ("run", "intervals"):
                km = round(length / rng.uniform(5.6, 6.6), 1)
                pain = _knee(entry, 1 if kind == "intervals" else rng.choice((0, 0, 1)))
            note = rng.choice(_SESSION_NOTES[kind]) if rng.random() < 0.3 else ""
            yield Session(day, kind, length, km=km, rpe=effort, pain=pain, note=note)


def _knee(entry: DayEntry, worse: int) -> tuple[PainDuring, ...]:
    """Pain at the left knee during a run: the morning's, or `worse` more; none on a morning without it."""
    morning = entry.pain.get(("knee", "left"))
    return () if not morning else (("knee", "left", min(10, morning + worse)),)


# The demo's return-to-run plan for the left knee: it began this many days before the demo's last day.
PLAN_DAYS = 21


def plan_session_days(run_days: Iterable[dt.date], start: dt.date) -> list[dt.date]:
    """The days of the plan's sessions among the runs from `start` on: a run at least two days after the last
    one (the plan runs on alternate days), the first of a day."""
    chosen: list[dt.date] = []
    for day in sorted(set(run_days)):
        if day >= start and (not chosen or (day - chosen[-1]).days >= 2):
            chosen.append(day)
    return chosen
