"""The form for logging or changing a training session, and the undoable writes behind it (Today and Training)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from textual.widget import Widget
from textual.widgets import Checkbox, Input, Select

from journal.dates import parse_date, short_day
from journal.domain.distance import distance_figure, parse_distance, unit_label
from journal.domain.entries import Site, parse_pain_setting
from journal.domain.plan import Decision, Plan
from journal.domain.sessions import (
    RPE_MAX,
    RPE_MIN,
    SESSION_FIELDS,
    SESSION_KINDS,
    Session,
    SessionChange,
    SessionField,
    merge_sessions,
    parse_minutes,
    parse_rpe,
    parse_session_note,
    rpe_words,
)
from journal.store.db import Journal
from journal.store.entries import ChangedHereAndElsewhere
from journal.store.undo import History
from journal.ui.screens.form import Refusals
from journal.ui.screens.merge_form import MergeFormScreen

# What the form's Save does (`save_session`): the session typed, today as it is at the save, and the session as the
# form last saw it stored (what it opened, or what was found saved elsewhere once the runner saw it).
SaveSession = Callable[[Session, dt.date, Session | None], Session]


@dataclass
class PlanNews:
    """What a save did to the return-to-run plans: the decisions it made, and those it took back with their plan."""

    made: list[Decision] = field(default_factory=list)
    taken_back: list[tuple[Plan, Decision]] = field(default_factory=list)


class SessionFormScreen(MergeFormScreen[Session]):
    """Kind, minutes, distance, session RPE, the pain felt during it, a note.

    A session changed elsewhere while the form is open (another window, `journal session edit`) keeps what was
    changed there: the form writes only what was changed in it, and asks about a field changed on both sides."""

    AUTO_FOCUS = "#session-day, #session-kind"  # the first there is
    THING = "session"

    def __init__(
        self,
        heading: str,
        save: SaveSession,
        day: dt.date,
        sites: list[Site],
        session: Session | None,
        *,
        add_site: str,
        ask_day: bool = False,
        plan_label: str = "",
        unit: str = "km",
    ) -> None:
        """With `ask_day`, the form asks for the day too (the Training pane), a date word read against today as it
        is at the save; else the session is on `day`. `add_site` says how the app adds a body site ('^n on
        Today'), for pain at a site it does not know."""
        super().__init__(heading, save)
        self.day = day
        self.sites = sites
        self.add_site = add_site
        self.ask_day = ask_day
        self.plan_label = plan_label  # "knee plan": a plan runs, and the session may be its session
        self.unit = unit  # the distance is typed in km or mi (the distance_unit setting), and kept in km
        self.typed: Session | None = None  # the session as typed, at the latest save
        self.load(session)

    def load(self, stored: Session | None) -> None:
        self.session = self.since = stored
        if stored is not None:
            self.day = stored.day
        self.distance_shown = distance_figure(stored.km, self.unit) if stored and stored.km is not None else ""

    @property
    def label(self) -> str:
        session = self.since or self.session
        return f"The {session.kind} of {short_day(session.day)}" if session else "The session"

    def field_label(self, key: SessionField) -> str:
        """A field as the form names it: 'Minutes', 'Pain during knee left'."""
        if isinstance(key, tuple):
            site, side = key
            label = next((each.label for each in self.sites if each.name == site), site)
            return f"Pain during {label}{' ' + side if side else ''}"
        names = {"day": "Day", "km": unit_label(self.unit), "rpe": "RPE", "for_plan": "Plan"}
        return names.get(key, key.capitalize())

    def value_text(self, key: SessionField, value: object) -> str:
        """A field's value in a sentence: '45 min', '3 moderate', '“hills”', 'nothing'."""
        if value is None or value == "":
            return "nothing"
        if key == "day" and isinstance(value, dt.date):
            return short_day(value)
        if key == "minutes":
            return f"{value} min"
        if key == "km" and isinstance(value, float | int):
            return f"{distance_figure(float(value), self.unit)} {self.unit}"
        if key == "rpe" and isinstance(value, int):
            return f"{value} {rpe_words(value)}"
        if key == "note":
            return f"“{' ↵ '.join(str(value).splitlines())}”"
        if key == "for_plan":
            return "the plan's session" if value else "not the plan's"
        return str(value)

    def clash_rows(self, clash: ChangedHereAndElsewhere) -> list[tuple[str, str, str]]:
        theirs = clash.stored.fields()
        mine = self.typed.fields() if self.typed else {}
        return [
            (self.field_label(key), self.value_text(key, theirs.get(key)), self.value_text(key, mine.get(key)))
            for key in clash.clashes
        ]

    def saved(self, saved: Session) -> None:
        """Say what the save kept of what was saved elsewhere meanwhile, in the fields left alone here."""
        if self.session is None or self.typed is None:
            return
        typed, stored = self.typed.fields(), saved.fields()
        kept = [self.field_label(key) for key in dict.fromkeys([*typed, *stored]) if typed.get(key) != stored.get(key)]
        if kept:
            self.app.notify(f"Kept what was saved elsewhere meanwhile: {', '.join(kept)}", title="Session")

    def fields(self) -> Iterable[tuple[str, Widget]]:
        session = self.session
        if self.ask_day:
            yield "Day", Input(self.day.isoformat(), placeholder="yesterday, 20 nov", id="session-day", compact=True)
        yield (
            "Kind",
            Select(
                [(kind, kind) for kind in SESSION_KINDS],
                value=session.kind if session else "run",
                allow_blank=False,
                id="session-kind",
                compact=True,
            ),
        )
        yield (
            "Minutes",
            Input(
                str(session.minutes) if session else "", placeholder="40 or 1:10", id="session-minutes", compact=True
            ),
        )
        yield (
            unit_label(self.unit),
            Input(
                self.distance_shown,
                placeholder=f"{'5.25' if self.unit == 'mi' else '8.5'} (optional)",
                id="session-km",
                compact=True,
            ),
        )
        yield (
            "RPE",
            Select(
                [(f"{rpe} {rpe_words(rpe)}", rpe) for rpe in range(RPE_MIN, RPE_MAX + 1)],
                value=session.rpe if session and session.rpe is not None else Select.NULL,
                prompt="how hard, half an hour after",
                id="session-rpe",
                compact=True,
            ),
        )
        yield (
            "Pain during",
            Input(
                ", ".join(f"{site}{':' + side if side else ''}={score}" for site, side, score in session.pain)
                if session
                else "",
                placeholder="knee=3, shin:left=2 (0-10, optional)",
                id="session-pain",
                compact=True,
            ),
        )
        yield "Note", Input(session.note if session else "", placeholder="(optional)", id="session-note", compact=True)
        if self.plan_label or (session and session.for_plan):
            yield (
                "Plan",
                Checkbox(
                    f"the session of the {self.plan_label or 'plan'}",
                    session.for_plan if session else False,
                    id="session-plan",
                    compact=True,
                ),
            )

    def values(self) -> tuple[Session, dt.date, Session | None]:
        """The session typed, put onto the session as last seen stored; today; the session as last seen stored.
        Every field's problem at once, a line each, when there are any."""
        refused = Refusals()
        today = self.today_now()
        day: dt.date | None = self.day
        if self.ask_day:
            day = refused.read(self._day, self.text("#session-day"), today)
        minutes = refused.read(parse_minutes, self.text("#session-minutes"))
        km_text, rpe = self.text("#session-km"), self.query_one("#session-rpe", Select).value
        km = refused.read(self._distance, km_text) if km_text else None
        during: dict[tuple[str, str], int] = {}
        for setting in filter(None, (part.strip() for part in self.text("#session-pain").split(","))):
            if found := refused.read(self._pain, setting):
                key, score = found
                during[key] = score
        note = refused.read(parse_session_note, self.query_one("#session-note", Input).value.strip())
        refused.check()
        assert day is not None and minutes is not None and note is not None
        plan = self.query("#session-plan")
        typed = self.typed = Session(
            day=day,
            kind=str(self.query_one("#session-kind", Select).value),
            minutes=minutes,
            km=km,
            rpe=None if rpe is Select.NULL else parse_rpe(str(rpe)),
            pain=tuple((site, side, score) for (site, side), score in during.items()),
            note=note,
            for_plan=bool(plan) and plan.first(Checkbox).value,
            id=self.session.id if self.session else None,
        )
        if self.session is not None and self.since is not None and self.since != self.session:
            # “Save mine” once a change made elsewhere was seen: what was changed here goes onto it.
            typed = merge_sessions(self.session, self.since, typed).session
        return typed, today, self.since

    def _day(self, text: str, today: dt.date) -> dt.date:
        return parse_date(text, today=today, allow_future=False)

    def _pain(self, setting: str) -> tuple[tuple[str, str], int]:
        return parse_pain_setting(setting, self.sites, add_site=self.add_site)

    def _distance(self, typed: str) -> float | None:
        """The km typed in the runner's unit; the session's own km when its distance is left as shown (miles shown
        to two decimals would otherwise move the metres kept)."""
        if self.session is not None and typed == self.distance_shown:
            return self.session.km
        return parse_distance(typed, self.unit)


def save_session(
    history: History, journal: Journal, pane_id: str, session: Session | None, news: PlanNews
) -> SaveSession:
    """What the form's Save does: log the session typed, or change `session` into it, and let a plan decide
    what it can, on `today` as it is at the save (what that did is added to `news`); undo takes all of it back.

    A change is made against `since`, the session as the form last saw it stored (`session` when not given): a
    field changed here that was changed elsewhere too refuses it with ChangedHereAndElsewhere, and what was
    changed elsewhere in the other fields is kept."""
    from journal.store.plans import PLAN_SCOPES, deciding
    from journal.store.sessions import add_session, get_session, update_session
    from journal.store.undo import session_scopes

    def save(typed: Session, today: dt.date, since: Session | None = None) -> Session:
        if session is None:
            return history.record(
                f"logged a session on {short_day(typed.day)}",
                (pane_id, typed.day),
                session_scopes(typed.day) + PLAN_SCOPES,
                lambda: deciding(
                    journal,
                    lambda: add_session(journal, typed, today=today),
                    today=today,
                    made=news.made,
                    taken_back=news.taken_back,
                ),
            )
        change = SessionChange(
            values={name: getattr(typed, name) for name in SESSION_FIELDS},
            pain={(site, side): score for site, side, score in typed.pain},
            clear_pain=True,
        )
        base = since or session
        # The day it is on now, moved elsewhere perhaps (a session removed elsewhere is said to be gone).
        now_on = get_session(journal, session.number).day
        return history.record(
            f"changed a session on {short_day(typed.day)}",
            (pane_id, typed.day),
            session_scopes(session.day, base.day, now_on, typed.day) + PLAN_SCOPES,
            lambda: deciding(
                journal,
                lambda: update_session(journal, session.number, change, today=today, since=base),
                today=today,
                made=news.made,
                taken_back=news.taken_back,
            ),
        )

    return save


def remove_session_undoably(
    history: History, journal: Journal, pane_id: str, session: Session, today: dt.date
) -> PlanNews:
    """Remove a session and the tick it made (a plan's decision on it is taken back, and the plan decides what it
    can again); undo brings all back. Returns what it did to the plans, for `tell_decisions`."""
    from journal.store.plans import PLAN_SCOPES, deciding
    from journal.store.sessions import remove_session
    from journal.store.undo import session_scopes

    news = PlanNews()
    history.record(
        f"removed a session on {short_day(session.day)}",
        (pane_id, session.day),
        session_scopes(session.day) + PLAN_SCOPES,
        lambda: deciding(
            journal,
            lambda: remove_session(journal, session.number),
            today=today,
            made=news.made,
            taken_back=news.taken_back,
        ),
    )
    return news


def plan_label(journal: Journal) -> str:
    """'knee plan' while a return-to-run plan runs (the form then asks whether a session is its session)."""
    from journal.store.plans import running_plans
    from journal.store.sessions import has_running_plan

    if not has_running_plan(journal):
        return ""
    return " / ".join(f"{plan.where} plan" for plan in running_plans(journal))


def tell_decisions(widget: Widget, news: PlanNews) -> None:
    """Say each decision of a return-to-run plan that a save took back (as the command line does), then each one it
    made, with its reason."""
    from journal.render.plan import undone_line

    for plan, decision in news.taken_back:
        line = undone_line(plan, decision)
        widget.notify(line[0].upper() + line[1:], title="Return to running", severity="warning", timeout=15)
    for decision in news.made:
        widget.notify(f"Return-to-run plan: {decision.reason}", title="Return to running", timeout=15)
