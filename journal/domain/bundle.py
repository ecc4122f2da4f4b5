"""What an import brings: every record read from the files, checked, ready for the store to write."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from journal.dates import parse_iso_date
from journal.domain.checklist import ChecklistItem
from journal.domain.entries import DayEntry, Site
from journal.domain.goals import Goal
from journal.domain.overuse import Answers
from journal.domain.plan import Plan
from journal.domain.sessions import Session
from journal.errors import InvalidInput

# A cell as SQLite keeps it.
SqlValue = str | int | float | None
# A reading of pain.csv: date, site, side ('' for the site as a whole), score.
PainRow = tuple[dt.date, str, str, int]
# An assessment as the assessments table holds it: date, looks_back_on, faded, pain_sites, hit_wall, back_or_hips,
# cramping, note (the yes-or-no answers as 1 or 0).
AssessmentRow = tuple[str, str, int, str, int, int, int, str]
# What names a record for its messages: its kind, then its key, as ("entries", date) or ("pain", date, site, side).
RecordKey = tuple[str, *tuple[object, ...]]


@dataclass
class Tick:
    item_id: int
    date: dt.date
    note: str


@dataclass
class GoalRow:
    """A goal as goals.csv gives it: its uid may be empty (an older export), and the assessment that proposed it
    is named by its date and what it looked back on."""

    goal: Goal
    assessment: tuple[str, str] | None
    line: str


@dataclass
class SessionRow:
    """A session as sessions.csv gives it: its uid (empty in a runner's own file: a new one is made), its number
    in `session.id`, and the numbers of the items whose tick it made in the journal it came from."""

    session: Session
    uid: str
    ticked: tuple[int, ...]
    line: str
    source: str | None = None  # the app it came from; None: the runner's own


@dataclass
class PlanRow:
    """A return-to-run plan as plans.csv gives it: its uid (empty in a runner's own file: the journal's plan with
    the same site, side and first day, or a new one) and its number in `plan.id`."""

    plan: Plan
    uid: str
    line: str


@dataclass
class DecisionRow:
    """A plan's decision as plan-decisions.csv gives it: the plan by its uid, the session by its uid (empty: the
    session was removed, and `session` is the number it had), and the decision's columns as the journal keeps
    them (day to decided_on, in the order of journal.store.schema.DECISION_COLUMNS)."""

    plan_uid: str
    session_uid: str
    session: int
    values: tuple[SqlValue, ...]
    line: str


@dataclass
class OveruseRow:
    """A week's overuse answers for a site and side, as overuse.csv gives them."""

    week: dt.date
    site: str
    side: str
    answers: Answers
    line: str


@dataclass
class Bundle:
    """Everything read from the files, checked, ready to write."""

    settings: dict[str, str] = field(default_factory=dict)
    sites: list[Site] = field(default_factory=list)
    items: list[ChecklistItem] = field(default_factory=list)
    entries: dict[dt.date, DayEntry] = field(default_factory=dict)
    pain_rows: list[PainRow] = field(default_factory=list)  # from pain.csv
    ticks: list[Tick] = field(default_factory=list)
    sessions: list[SessionRow] = field(default_factory=list)
    session_kinds: dict[str, str | None] = field(default_factory=dict)  # session kind -> the item kind it ticks
    sources: list[tuple[dt.date, str, str]] = field(default_factory=list)  # (day, field, app) of imported values
    plans: list[PlanRow] = field(default_factory=list)
    decisions: list[DecisionRow] = field(default_factory=list)
    overuse: list[OveruseRow] = field(default_factory=list)
    goals: list[GoalRow] = field(default_factory=list)
    assessments: list[AssessmentRow] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)  # what was read, in order
    today: dt.date = dt.date.max  # nothing dated after it is taken
    where: dict[RecordKey, str] = field(default_factory=dict)  # a record's key -> "file line N"
    pain_columns: dict[tuple[str, str], str] = field(default_factory=dict)  # (site, side) -> "file line 1"
    session_sources: bool = False  # sessions.csv says which app each session came from (an older one does not)
    entry_fields: tuple[str, ...] = ()  # the day's fields entries.csv has columns for: the only ones it may change
    line: str = ""  # the row being read

    def at(self, key: RecordKey) -> str:
        """Where a record was read, for a message: 'entries.csv line 4'."""
        return self.where.get(key, "")

    def dated(self, text: str, what: str = "date") -> dt.date:
        day = parse_iso_date(text, what)
        if day > self.today:
            raise InvalidInput(f"{what} {day} has not happened yet")
        return day
