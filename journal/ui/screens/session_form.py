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
    SESSION_KINDS,
    Session,
    SessionChange,
    parse_minutes,
    parse_rpe,
    parse_session_note,
    rpe_words,
)
from journal.store.db import Journal
from journal.store.undo import History
from journal.ui.screens.form import FormScreen, Refusals


@dataclass
class PlanNews:
    """What a save did to the return-to-run plans: the decisions it made, and those it took back with their plan."""

    made: list[Decision] = field(default_factory=list)
    taken_back: list[tuple[Plan, Decision]] = field(default_factory=list)


class SessionFormScreen(FormScreen[Session]):
    """Kind, minutes, distance, session RPE, the pain felt during it, a note."""

    AUTO_FOCUS = "#session-day, #session-kind"  # the first there is

    def __init__(
        self,
        heading: str,
        save: Callable[[Session], Session],
        day: dt.date,
        sites: list[Site],
        session: Session | None,
        *,
        add_site: str,
        today: dt.date | None = None,
        plan_label: str = "",
        unit: str = "km",
    ) -> None:
        """`today` given, the form asks for the day too (the Training pane); else the session is on `day`.
        `add_site` says how the app adds a body site ('^n on Today'), for pain at a site it does not know."""
        super().__init__(heading, save)
        self.day = day
        self.sites = sites
        self.session = session
        self.add_site = add_site
        self.today = today
        self.plan_label = plan_label  # "knee plan": a plan runs, and the session may be its session
        self.unit = unit  # the distance is typed in km or mi (the distance_unit setting), and kept in km
        self.distance_shown = distance_figure(session.km, unit) if session and session.km is not None else ""

    def fields(self) -> Iterable[tuple[str, Widget]]:
        session = self.session
        if self.today is not None:
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

    def values(self) -> tuple[Session]:
        """The session typed; every field's problem at once, a line each, when there are any."""
        refused = Refusals()
        day: dt.date | None = self.day
        if self.today is not None:
            day = refused.read(self._day, self.text("#session-day"))
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
        return (
            Session(
                day=day,
                kind=str(self.query_one("#session-kind", Select).value),
                minutes=minutes,
                km=km,
                rpe=None if rpe is Select.NULL else parse_rpe(str(rpe)),
                pain=tuple((site, side, score) for (site, side), score in during.items()),
                note=note,
                for_plan=bool(plan) and plan.first(Checkbox).value,
                id=self.session.id if self.session else None,
            ),
        )

    def _day(self, text: str) -> dt.date:
        assert self.today is not None
        return parse_date(text, today=self.today, allow_future=False)

    def _pain(self, setting: str) -> tuple[tuple[str, str], int]:
        return parse_pain_setting(setting, self.sites, add_site=self.add_site)

    def _distance(self, typed: str) -> float | None:
        """The km typed in the runner's unit; the session's own km when its distance is left as shown (miles shown
        to two decimals would otherwise move the metres kept)."""
        if self.session is not None and typed == self.distance_shown:
            return self.session.km
        return parse_distance(typed, self.unit)


def save_session(
    history: History,
    journal: Journal,
    today: dt.date,
    pane_id: str,
    session: Session | None,
    news: PlanNews,
) -> Callable[[Session], Session]:
    """What the form's Save does: log the session typed, or change `session` into it, and let a plan decide
    what it can (what that did is added to `news`); undo takes all of it back."""
    from journal.store.plans import PLAN_SCOPES, deciding
    from journal.store.sessions import add_session, update_session
    from journal.store.undo import session_scopes

    def save(typed: Session) -> Session:
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
            values={name: getattr(typed, name) for name in ("day", "kind", "minutes", "km", "rpe", "note", "for_plan")},
            pain={(site, side): score for site, side, score in typed.pain},
            clear_pain=True,
        )
        return history.record(
            f"changed a session on {short_day(typed.day)}",
            (pane_id, typed.day),
            session_scopes(session.day, typed.day) + PLAN_SCOPES,
            lambda: deciding(
                journal,
                lambda: update_session(journal, session.number, change, today=today),
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
