"""The form for logging or changing a training session, and the undoable writes behind it (Today and Training)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from textual.widget import Widget
from textual.widgets import Checkbox, Input, Select

from journal.dates import parse_date, short_day
from journal.domain.distance import distance_figure, parse_distance, unit_label
from journal.domain.entries import Site, parse_pain_setting
from journal.domain.plan import Decision
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
from journal.ui.screens.form import FormScreen


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
        today: dt.date | None = None,
        plan_label: str = "",
        unit: str = "km",
    ) -> None:
        """`today` given, the form asks for the day too (the Training pane); else the session is on `day`."""
        super().__init__(heading, save)
        self.day = day
        self.sites = sites
        self.session = session
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
        km, rpe, pain = (
            self.text("#session-km"),
            self.query_one("#session-rpe", Select).value,
            self.text("#session-pain"),
        )
        during: dict[tuple[str, str], int] = {}
        for setting in filter(None, (part.strip() for part in pain.split(","))):
            key, score = parse_pain_setting(setting, self.sites)
            during[key] = score
        day, plan = self.day, self.query("#session-plan")
        if self.today is not None:
            day = parse_date(self.text("#session-day"), today=self.today, allow_future=False)
        return (
            Session(
                day=day,
                kind=str(self.query_one("#session-kind", Select).value),
                minutes=parse_minutes(self.text("#session-minutes")),
                km=self._distance(km),
                rpe=None if rpe is Select.NULL else parse_rpe(str(rpe)),
                pain=tuple((site, side, score) for (site, side), score in during.items()),
                note=parse_session_note(self.query_one("#session-note", Input).value.strip()),
                for_plan=bool(plan) and plan.first(Checkbox).value,
                id=self.session.id if self.session else None,
            ),
        )

    def _distance(self, typed: str) -> float | None:
        """The km typed in the runner's unit; the session's own km when its distance is left as shown (miles shown
        to two decimals would otherwise move the metres kept)."""
        if not typed:
            return None
        if self.session is not None and typed == self.distance_shown:
            return self.session.km
        return parse_distance(typed, self.unit)


def save_session(
    history: History,
    journal: Journal,
    today: dt.date,
    pane_id: str,
    session: Session | None,
    decided: list[Decision],
) -> Callable[[Session], Session]:
    """What the form's Save does: log the session typed, or change `session` into it, and let a plan decide
    what it can (its decisions are added to `decided`); undo takes all of it back."""
    from journal.store.plans import PLAN_SCOPES, deciding
    from journal.store.sessions import add_session, update_session
    from journal.store.undo import session_scopes

    def save(typed: Session) -> Session:
        if session is None:
            return history.record(
                f"logged a session on {short_day(typed.day)}",
                (pane_id, typed.day),
                session_scopes(typed.day) + PLAN_SCOPES,
                lambda: deciding(journal, lambda: add_session(journal, typed, today=today), today=today, made=decided),
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
                made=decided,
            ),
        )

    return save


def remove_session_undoably(history: History, journal: Journal, pane_id: str, session: Session, today: dt.date) -> None:
    """Remove a session and the tick it made (a plan's decision on it is made again); undo brings all back."""
    from journal.store.plans import PLAN_SCOPES, deciding
    from journal.store.sessions import remove_session
    from journal.store.undo import session_scopes

    history.record(
        f"removed a session on {short_day(session.day)}",
        (pane_id, session.day),
        session_scopes(session.day) + PLAN_SCOPES,
        lambda: deciding(journal, lambda: remove_session(journal, session.number), today=today, made=[]),
    )


def plan_label(journal: Journal) -> str:
    """'knee plan' while a return-to-run plan runs (the form then asks whether a session is its session)."""
    from journal.store.plans import running_plans
    from journal.store.sessions import has_running_plan

    if not has_running_plan(journal):
        return ""
    return " / ".join(f"{plan.where} plan" for plan in running_plans(journal))


def tell_decisions(widget: Widget, decisions: list[Decision]) -> None:
    """Say each decision of a return-to-run plan that a save made, with its reason."""
    for decision in decisions:
        widget.notify(f"Return-to-run plan: {decision.reason}", title="Return to running", timeout=15)
