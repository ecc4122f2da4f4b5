"""The Training pane: a week's sessions with their totals, and the weeks before as sparklines."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widget import Widget
from textual.widgets import Label, OptionList, Static

from journal.domain.sessions import Session, WeekTotals
from journal.errors import JournalError
from journal.store.db import Journal
from journal.ui.panes.lazy import WeekPane, after_any_load
from journal.ui.widgets.arrow import Arrow
from journal.ui.widgets.blank import BlankHorizontal, BlankScroll
from journal.ui.widgets.session_list import SessionList

if TYPE_CHECKING:
    from journal.domain.overuse import WeekAnswers

HISTORY_WEEKS = 12


def week_sparks(weeks: list[WeekTotals], unit: str) -> list[tuple[str, str, str]]:
    """(label, sparkline, latest figure) for minutes, distance (in `unit`) and load, each on its own scale from 0 to
    its highest week."""
    from journal.domain.distance import distance_figure, in_unit, unit_label
    from journal.domain.trends import spark

    rows = []
    for label, values, latest in (
        ("Minutes", [float(week.minutes) for week in weeks], f"{weeks[-1].minutes}"),
        (unit_label(unit), [in_unit(week.km, unit) for week in weeks], distance_figure(weeks[-1].km, unit)),
        ("Load", [float(week.load) for week in weeks], f"{weeks[-1].load}"),
    ):
        rows.append((label, spark(values, 0, max(values) or 1), latest))
    return rows


class TrainingPane(WeekPane):
    """The sessions of a week, day by day, with the week's minutes, distance and load."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("alt+left", "previous_week", "Prev", tooltip="Previous week", id="training.previous_week"),
        Binding("alt+right", "next_week", "Next", tooltip="Next week", id="training.next_week"),
        Binding("ctrl+t", "this_week", "This week", show=False, tooltip="This week", id="training.this_week"),
        Binding("ctrl+e", "add_session", "Session", tooltip="Log a training session", id="training.add_session"),
        Binding(
            "o",
            "overuse_check",
            "Overuse check",
            tooltip="This week's overuse check: four questions for each site that hurt",
            id="training.overuse",
        ),
    ]
    PALETTE: ClassVar[list[tuple[str, str]]] = [
        ("Training: this week", "training.this_week"),
        ("Training: previous week", "training.previous_week"),
        ("Training: next week", "training.next_week"),
        ("Training: log a session", "training.add_session"),
        ("Training: this week's overuse check", "training.overuse"),
    ]

    DRAWN_HIDDEN = True  # a week's sessions, whatever their size: drawn before the pane is first shown

    def __init__(self, journal: Journal, today: dt.date) -> None:
        super().__init__("Training", id="training", journal=journal, today=today)

    def build(self) -> ComposeResult:
        with BlankHorizontal(id="training-bar"):
            yield Arrow("◀", -1, id="training-previous")
            yield Static("", id="training-label")
            yield Arrow("▶", 1, id="training-next")
            yield Static("", id="training-totals")
        with BlankScroll(id="training-body"):
            yield SessionList(id="week-sessions", days=True)
            yield Label(f"The last {HISTORY_WEEKS} weeks", classes="section-label")
            yield Static("", id="training-history", markup=False)
            yield Static("", id="training-ticks", markup=False)
            yield Label("Return to running", classes="section-label")
            yield Static("", id="training-plan", markup=False)

    @property
    def focus_target(self) -> Widget | None:
        return self.query_one(SessionList) if self.loaded else None

    async def draw(self) -> None:
        """Read the week's sessions and the weeks before from the journal, and draw them."""
        from journal.dates import week_label, week_span
        from journal.domain.sessions import totals, weekly
        from journal.render.sessions import totals_line
        from journal.store.sessions import sessions_between
        from journal.store.settings import distance_unit
        from journal.store.sites import list_sites

        self._follow_first_weekday()
        unit = distance_unit(self.journal)
        end = self.start + dt.timedelta(days=6)
        first = self.start - dt.timedelta(weeks=HISTORY_WEEKS - 1)
        sessions = sessions_between(self.journal, first, end)
        week = [session for session in sessions if session.day >= self.start]
        add_key = next(binding for _, binding in self.palette_keys() if binding.id == "training.add_session")
        self.query_one(SessionList).show(week, list_sites(self.journal), self.shell.key_display(add_key), unit=unit)
        label = f"{week_label(self.start)} ·" if self.first_weekday == 0 else "week of"
        self.query_one("#training-label", Static).update(f"{label} {week_span(self.start)}")
        self.query_one("#training-totals", Static).update(totals_line(totals(week), unit=unit))
        self.query_one("#training-next").set_class(end >= self.today, "-disabled")
        history = Text(no_wrap=True)
        for name, sparkline, latest in week_sparks(weekly(sessions, first, HISTORY_WEEKS), unit):
            history.append(f"{name:<9}")
            history.append(sparkline, "bold")
            history.append(f"  {latest}\n")
        history.rstrip()
        self.query_one("#training-history", Static).update(history)
        self.query_one("#training-plan", Static).update(self._plan_lines(end))
        self.query_one("#training-ticks", Static).update(self._ticks_line())

    def _ticks_line(self) -> str:
        """Which sessions tick which checklist items: the runner's to change, on the command line."""
        from journal.store.sessions import session_kinds

        kinds = session_kinds(self.journal)
        own = [kind for kind, item in kinds.items() if item == kind]
        other = [f"{kind} sessions tick {item} items" for kind, item in kinds.items() if item and item != kind]
        said = [f"{', '.join(own)} sessions tick their own kind of checklist item"] if own else []
        return "; ".join([*said, *other] or ["No session ticks a checklist item"]) + " (journal session kinds)"

    def _plan_lines(self, end: dt.date) -> str:
        """Each running plan: where it stands and what it asks of today; the week's decisions, with their reasons;
        the week's overuse answers, and the sites still to answer for."""
        from journal.domain.overuse import describe
        from journal.domain.plan import where
        from journal.store.sessions import has_running_plan

        lines = []
        if has_running_plan(self.journal):
            from journal.store.plans import plan_views

            for view in plan_views(self.journal, today=self.today):
                lines.append(f"{view.plan.where.capitalize()}: {view.today.text}")
                if view.waiting:
                    lines.append(f"  {view.waiting.reason}")
        from journal.store.overuse import sites_to_ask, week_answers
        from journal.store.plans import decisions_between

        for plan, decision in decisions_between(self.journal, self.start, end):
            lines.append(f"{decision.decided_on:%a %d} {plan.where}: {decision.reason}")
        for answered in week_answers(self.journal, self.start):
            lines.append(f"Overuse check, {where(answered.site, answered.side)}: {describe(answered.answers)}")
        if self.start <= self.today <= end and (asked := sites_to_ask(self.journal, self.start)):
            o_key = self.shell.key_display(next(b for _, b in self.palette_keys() if b.id == "training.overuse"))
            sites = ", ".join(where(site, side) for site, side in asked)
            lines.append(f"Overuse check to answer this week ({o_key}): {sites}")
        return (
            "\n".join(lines)
            or "No plan: journal plan start --site knee begins one (it is judged by the pain-monitoring model)"
        )

    def show_change(self, day: dt.date | None = None) -> None:
        """Show the week an undo or redo changed."""
        from journal.dates import week_start

        if day is not None:
            self.start = week_start(day, self.first_weekday)
        self.load()

    # -- sessions ----------------------------------------------------------------------

    @after_any_load
    def action_add_session(self) -> None:
        last = min(self.start + dt.timedelta(days=6), self.today)
        self._open_form(None, last if last >= self.start else self.today)

    @on(OptionList.OptionSelected, "#week-sessions")
    def _session_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        session = self.query_one(SessionList).session_at(event.option_index)
        if session is None:
            self.action_add_session()
        else:
            self._open_form(session, session.day)

    def _open_form(self, session: Session | None, day: dt.date) -> None:
        from journal.store.settings import distance_unit
        from journal.store.sites import list_sites
        from journal.ui.panes.today import add_site_hint
        from journal.ui.screens.session_form import PlanNews, SessionFormScreen, plan_label, save_session

        self._plan_news = PlanNews()
        save = save_session(self.shell.history, self.journal, "training", session, self._plan_news)
        heading = "Log a session" if session is None else f"Change the {session.kind}"
        form = SessionFormScreen(
            heading,
            save,
            day,
            list_sites(self.journal),
            session,
            add_site=add_site_hint(self.shell),
            ask_day=True,
            plan_label=plan_label(self.journal),
            unit=distance_unit(self.journal),
        )
        self.app.push_screen(form, self._saved)

    def _saved(self, session: Session | None) -> None:
        if session is None:
            return
        from journal.dates import week_start

        self.start = week_start(session.day, self.first_weekday)
        self.load()
        self.when_drawn(lambda: self.query_one(SessionList).highlight(session))
        self.notify(f"Saved the {session.kind} of {session.day:%a %-d %b}")
        from journal.ui.screens.session_form import tell_decisions

        tell_decisions(self, self._plan_news)

    def action_overuse_check(self) -> None:
        """Ask the four questions for each site that hurt this week and has no answers yet, one site after another."""
        from journal.dates import week_start
        from journal.domain.plan import where
        from journal.store.overuse import sites_to_ask
        from journal.ui.screens.overuse_form import OveruseFormScreen, save_overuse

        week = week_start(self.today, self.first_weekday)
        asked = sites_to_ask(self.journal, week)
        if not asked:
            self.notify("No site hurt this week that is still to answer for")
            return
        site, side = asked[0]
        save = save_overuse(self.shell.history, self.journal, week, site, side)

        def saved(answered: WeekAnswers | None) -> None:
            if answered is None:
                return
            from journal.domain.overuse import describe

            self.load()
            self.notify(f"The {where(site, side)} this week: {describe(answered.answers)}")
            if sites_to_ask(self.journal, week):
                self.action_overuse_check()  # the next site

        heading = f"The {where(site, side)}, past 7 days (week of {week:%-d %b})"
        label = f"The {where(site, side)} check (week of {week:%-d %b})"
        self.app.push_screen(OveruseFormScreen(heading, save, label=label), saved)

    @on(SessionList.RemoveAsked)
    def _remove(self, event: SessionList.RemoveAsked) -> None:
        from journal.ui.screens.session_form import remove_session_undoably, tell_decisions

        try:
            news = remove_session_undoably(self.shell.history, self.journal, "training", event.session, self.today)
        except JournalError as error:
            self.notify(str(error), title="Not removed", severity="error")
            return
        self.load()
        self.notify(f"Removed the {event.session.kind} of {event.session.day:%a %-d %b} · undo brings it back")
        tell_decisions(self, news)
