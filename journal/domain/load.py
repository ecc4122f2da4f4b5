"""Pain after load: each painful site's morning pain after session days against after rest days.

An observation for the weekly review, never a diagnosis: it says what the mornings
held, with the number of mornings behind each figure, and nothing at all for a site
with too few of them. The rule, as the README states it:

- **The mornings**: the 28 days ending on the review's last day (the week's end, or
  today in the week in progress). A day's pain is its morning's pain (the daily
  entry is logged in the morning), the site's worst side, as everywhere in the
  review; a day without a reading at the site has none, never a zero.
- **The morning after** a day is the next day's reading at the site.
- **A session day** has at least one session that is not a walk (a walk is how a
  runner rests and recovers, not load). **A rest day** is a logged day without one
  (walks allowed) that is not a race day (a race is load even when no session was
  logged for it). A day not logged and without a session is neither: nobody knows
  what it held, so it is left out of both sides.
- **A painful site** had a morning of 1 or more in those 28 mornings.
- **Too few**: a site is compared only with at least `MIN_MORNINGS` (3) mornings on
  each side, as the journal's other weekly means ask for 3 readings. Below that,
  nothing is said about it.
- Higher or lower only when the difference is meaningful (2 points or 30%, the
  journal's one meaning); otherwise "about the same".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from journal.domain.entries import DayEntry, Site
from journal.domain.sessions import Session
from journal.domain.signals import DAY, is_meaningful, site_pain

WINDOW_DAYS = 28  # the mornings of the last four weeks
MIN_MORNINGS = 3  # on each side, or nothing is said
NOT_LOAD = frozenset({"walk"})  # session kinds that do not make a session day
LOAD_DAY_TYPES = frozenset({"race"})  # day types that are load even without a session


@dataclass(frozen=True)
class PainAfterLoad:
    """A painful site's mornings after session days and after rest days: the means and how many mornings each."""

    site: Site
    after_sessions: float | None  # mean morning pain after session days; None with no such morning
    session_mornings: int
    after_rest: float | None
    rest_mornings: int

    @property
    def comparable(self) -> bool:
        """Enough mornings on both sides to say anything."""
        return self.session_mornings >= MIN_MORNINGS and self.rest_mornings >= MIN_MORNINGS

    @property
    def verdict(self) -> str:
        """'higher after session days', 'lower after session days', 'about the same', or '' when not comparable."""
        if not self.comparable or self.after_sessions is None or self.after_rest is None:
            return ""
        if not is_meaningful(self.after_rest, self.after_sessions):
            return "about the same"
        return "higher after session days" if self.after_sessions > self.after_rest else "lower after session days"


def window(last: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last morning read for a review whose last day is `last`."""
    return last - (WINDOW_DAYS - 1) * DAY, last


def day_kinds(entries: Mapping[dt.date, DayEntry], sessions: Iterable[Session]) -> dict[dt.date, str]:
    """Each day that is a 'session' day or a 'rest' day (see the module's text); any other day is neither."""
    kinds = {day: "rest" for day, entry in entries.items() if entry.day_type not in LOAD_DAY_TYPES}
    for session in sessions:
        if session.kind not in NOT_LOAD:
            kinds[session.day] = "session"
    return kinds


def pain_after_load(
    entries: Mapping[dt.date, DayEntry], sessions: Iterable[Session], last: dt.date, sites: list[Site]
) -> list[PainAfterLoad]:
    """Every painful site's mornings after session days and rest days, in the sites' order (see the module's text).

    `entries` must hold the 29 days up to `last`, `sessions` at least the 28 days before it."""
    first, last = window(last)
    kinds = day_kinds(entries, [s for s in sessions if first - DAY <= s.day < last])
    found = []
    for site in sites:
        after: dict[str, list[int]] = {"session": [], "rest": []}
        painful = False
        morning = first
        while morning <= last:
            score = site_pain(entries.get(morning), site.name)
            if score is not None:
                painful = painful or score >= 1
                kind = kinds.get(morning - DAY)
                if kind is not None:
                    after[kind].append(score)
            morning += DAY
        if not painful:
            continue
        session, rest = after["session"], after["rest"]
        found.append(
            PainAfterLoad(
                site,
                sum(session) / len(session) if session else None,
                len(session),
                sum(rest) / len(rest) if rest else None,
                len(rest),
            )
        )
    return found
