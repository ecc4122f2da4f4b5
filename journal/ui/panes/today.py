"""The Today pane: one day's entry, a form that is saved on purpose, and the recent days."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, ClassVar

from rich.style import Style
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import var
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Label, OptionList, Static

from journal.dates import EARLIEST, describe_day, short_day
from journal.domain.entries import DayEntry, EntryChange, FieldKey, Site, check_cramps, merge_entries
from journal.domain.scales import CRAMP_FIELDS, DAY_TYPES, DEVICE_FIELDS, WELLNESS_FIELDS, parse_text
from journal.domain.sessions import Session
from journal.errors import InvalidInput, JournalError
from journal.store.db import Journal
from journal.store.entries import ChangedHereAndElsewhere, entries_between, get_entry, last_saved, update_entry
from journal.store.sites import add_site, list_sites
from journal.store.undo import SITES, day_scopes
from journal.ui.panes.pane import JournalPane, JournalShell
from journal.ui.widgets.arrow import Arrow
from journal.ui.widgets.blank import BlankHorizontal, BlankScroll, BlankVertical
from journal.ui.widgets.day_rows import CRAMPS_SPARK, day_rows, pain_key, pain_row, split_pain_key
from journal.ui.widgets.note import NotePreview, note_editor
from journal.ui.widgets.recent_days import RecentDays
from journal.ui.widgets.score_sheet import ScoreSheet
from journal.ui.widgets.session_list import SessionList

if TYPE_CHECKING:
    from textual.widgets import TextArea  # imported with the note's editor, when it is first opened

    from journal.domain.signals import Flag
    from journal.ui.screens.session_form import PlanNews

RECENT_DAYS = 14
TREND_DAYS = 30
PREFETCH_AFTER = 0.05  # seconds after a day is shown before the days either side are worked out
FLAG_LINES = 3  # flags shown above the form; the rest are a key away
FLAG_MARKS = {"red": "▲", "amber": "△", "info": "•"}


def _text(value: object) -> str:
    if value is None:
        return ""
    return f"{value:g}" if isinstance(value, float) else str(value)


def recent_label(day: dt.date, entry: DayEntry | None) -> str:
    """A recent-days line: 'Thu 26  7.5h m4 p3 race', or a dot for a day with nothing."""
    if entry is None:
        return f"{day:%a} {day.day:>2}  ·"
    parts = []
    if entry.sleep_hours is not None:
        parts.append(f"{entry.sleep_hours:g}h")
    if entry.mood is not None:
        parts.append(f"m{entry.mood}")
    if entry.worst_pain is not None:
        parts.append(f"p{entry.worst_pain}")
    if entry.day_type != "normal":
        parts.append(entry.day_type)
    return f"{day:%a} {day.day:>2}  {' '.join(parts) or '✓'}"


def value_text(value: object) -> str:
    """A field's value in a sentence: '7.5', '“Easy 5k”', 'nothing'."""
    if value is None or value == "":
        return "nothing"
    if isinstance(value, str) and value not in DAY_TYPES:
        return f"“{' ↵ '.join(value.splitlines())}”"
    return _text(value)


def saved_label(saved: dt.datetime | None, today: dt.date) -> str:
    """'saved 07:42' today, 'saved 25 Nov 21:03' on another day, in local time."""
    if saved is None:
        return "saved"
    local = saved.astimezone()
    if local.date() == today:
        return f"saved {local:%H:%M}"
    return f"saved {local.day} {local:%b %H:%M}"


class FlagStrip(Static):
    """The flags active on the day shown, a line each, worst first; a click asks to show them in full."""

    DEFAULT_CSS = """
    FlagStrip {
        height: auto;
        max-height: 3;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        padding: 0 1;
        background: $boost;
        & > .flag-strip--red { color: $text-error; text-style: bold; }
        & > .flag-strip--amber { color: $text-warning; }
        & > .flag-strip--info { color: $text-accent; }
        &:hover { background: $primary 20%; }
    }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {"flag-strip--red", "flag-strip--amber", "flag-strip--info"}
    _lines = 0  # the lines shown

    @dataclass
    class Pressed(Message):
        """The runner clicked the flags."""

        strip: FlagStrip

        @property
        def control(self) -> FlagStrip:
            return self.strip

    def show(self, flags: list) -> None:
        lines_before = self._lines if self.display else 0
        self.display = bool(flags)
        text = Text(no_wrap=True, overflow="ellipsis")
        shown = flags[:FLAG_LINES] if len(flags) <= FLAG_LINES else flags[: FLAG_LINES - 1]
        for flag in shown:
            text.append(
                f"{FLAG_MARKS[flag.level]} {flag.seen}\n", self.get_component_rich_style(f"flag-strip--{flag.level}")
            )
        if len(flags) > len(shown):
            text.append(
                f"  and {len(flags) - len(shown)} more: ctrl+f shows them all\n",
                self.get_component_rich_style("flag-strip--info"),
            )
        text.rstrip()
        self._lines = len(text.plain.splitlines()) if flags else 0
        # The form below moves only when the strip's height changes: then, and only then, a layout.
        self.update(text, layout=self._lines != lines_before)

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.post_message(self.Pressed(self))


class TodayPane(JournalPane):
    """Log a day: every field of the day, checked as typed, saved with ctrl+s."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", tooltip="Save the day", id="today.save"),
        Binding("alt+left", "previous_day", "Prev", tooltip="Previous day", id="today.previous_day"),
        Binding("alt+right", "next_day", "Next", tooltip="Next day", id="today.next_day"),
        Binding("ctrl+g", "go_to_date", "Go to date", tooltip="Go to a date", id="today.go_to_date"),
        Binding("ctrl+t", "today", "Today", show=False, tooltip="Go to today", id="today.today"),
        Binding("ctrl+n", "add_site", "Add body site", show=False, tooltip="Add a body site", id="today.add_site"),
        Binding("ctrl+f", "flags", "Flags", show=False, tooltip="What the journal noticed, in full", id="today.flags"),
        Binding(
            "ctrl+e", "add_session", "Session", tooltip="Log a training session on this day", id="today.add_session"
        ),
    ]
    PALETTE: ClassVar[list[tuple[str, str]]] = [
        ("Save the day", "today.save"),
        ("Previous day", "today.previous_day"),
        ("Next day", "today.next_day"),
        ("Go to today", "today.today"),
        ("Go to a date", "today.go_to_date"),
        ("Add a body site", "today.add_site"),
        ("Flags: what the journal noticed", "today.flags"),
        ("Log a training session", "today.add_session"),
        ("Remove the session under the cursor", "today.remove_session"),
    ]
    # The keys of the form itself, which its widgets read rather than a binding of the pane: for the help.
    FORM_KEYS: ClassVar[list[tuple[str, str]]] = [
        ("arrows", "Move between the fields of the day"),
        ("digits", "Type a value: the first key replaces what was there"),
        ("enter", "Next field"),
        ("backspace / delete", "Erase a character / clear the field"),
        ("space or a letter", "Day type: n normal, r rest or race, i injured, s sick"),
        ("tab / shift+tab", "Next / previous part: the day, the note, the sessions, the recent days"),
        ("enter on a session", "Change the session (on the last line: log one)"),
        ("click", "Pick a field, a recent day, or the arrows beside the date"),
    ]

    day: var[dt.date] = var(dt.date.min, init=False, always_update=True)
    """The day in the form. Setting it, even to the day already shown, loads that day from the journal:
    unsaved changes must be dealt with first (see `leave_then`)."""

    def __init__(self, journal: Journal, today: dt.date) -> None:
        super().__init__("Today", id="today", journal=journal, today=today)
        self.set_reactive(TodayPane.day, today)
        self.sites: list[Site] = list_sites(journal)
        self._saved: dict[str, str] = {}  # the form as it was loaded or last saved
        self._loaded = DayEntry(today)  # the day as stored when it was opened here
        self._last_saved: dt.datetime | None = None
        self._changed_elsewhere = False
        self._overtaken = False  # the day shown was today when the date turned, with changes typed in it
        self._status_due = False
        self._note_text = ""
        self.flags: list[Flag] = []
        # The days read for the recent list, the trends and the flags, with the journal's state when read.
        self._logged: tuple[tuple[int, int], dt.date, dt.date, dict[dt.date, DayEntry]] | None = None
        self._flags_seen: dict[dt.date, list[Flag]] = {}  # each day's flags, in that state
        self._trends_seen: dict[dt.date, tuple[int, dict[str, Text]]] = {}  # and trends, in the sheet's colours
        self._prefetch: Timer | None = None  # the days either side, worked out soon after a day is shown
        self._note_editor: TextArea | None = None  # the note's editor, once opened (it stays)

    # -- layout -----------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with BlankHorizontal(id="day-bar"):
            yield Arrow("◀", -1, id="previous-day")
            yield Static("", id="day-label")
            yield Arrow("▶", 1, id="next-day")
            yield Static("demo journal", id="demo-mark")  # shown only in the demo, which is not the runner's
            yield Static("", id="save-status")
        yield FlagStrip(id="flags")
        with BlankHorizontal(id="today-body"):
            with BlankVertical(id="day-column"):
                yield Static("", id="cell-hint", markup=False)  # a body site's label is the runner's own
                with BlankScroll(id="day-form"):
                    yield ScoreSheet(day_rows(self.sites), id="scores")
                    yield Static("", id="device-day", markup=False)  # what a watch measured, when it did
                    yield Label("Note", classes="section-label")
                    yield NotePreview("", id="note-preview")
                    yield Label("Sessions", classes="section-label", id="sessions-label")
                    yield Static("", id="plan-today", markup=False)
                    yield SessionList(id="sessions")
            with Vertical(id="recent"):
                yield Label(f"Last {RECENT_DAYS} days", classes="section-label")
                yield RecentDays(id="recent-days")

    def on_mount(self) -> None:
        self.day = self.today
        self.sheet.focus()
        self._explain_row(ScoreSheet.CursorMoved(self.sheet, self.sheet.rows[self.sheet.cursor[0]]))

    @classmethod
    def palette_keys(cls) -> list[tuple[type[Widget], Binding]]:
        # Removing a session is the session list's own key.
        listed = [(SessionList, binding) for binding in SessionList.BINDINGS if isinstance(binding, Binding)]
        return [*super().palette_keys(), *listed]

    def when_drawn(self, action: Callable[[], object]) -> None:
        """Run `action` (a command from the palette, an undo to show) next: this pane is always drawn."""
        self.call_later(action)

    def date_changed(self, today: dt.date) -> None:
        """A journal left open overnight moves on to the new day's date.

        The pane on today moves to the new today, unless changes are typed in it:
        then it stays on its day, and the bar says that the day is today no more,
        until the changes are saved (the pane then moves on) or the day is left.
        A pane on another day stays there.
        """
        if today == self.today:
            return  # a save that looked at the date first has moved the pane on already
        on_today = self.day == self.today
        self.today = today
        if on_today and not self.dirty:
            self.day = today
            return
        self._overtaken = self._overtaken or on_today
        self.show_day_label(describe_day(self.day, today))
        self.query_one("#next-day").set_class(self.day >= today, "-disabled")
        self.refresh_recent()
        self.update_status()

    def journal_changed(self) -> None:
        """Show what another window or a journal command saved, without losing what is typed here."""
        self.refresh_recent()
        self.show_sessions()
        if self.dirty:
            # Nothing typed here is touched, not even a row for a site renamed
            # elsewhere: the rows follow the sites when the day is next loaded.
            self._changed_elsewhere = get_entry(self.journal, self.day) != self._loaded
            self.update_status()
        else:
            self.day = self.day  # loaded again

    # -- the note: a preview until the editor is first needed ---------------------

    @property
    def note_editor(self) -> TextArea | None:
        """The note's TextArea, once it has been opened."""
        return self._note_editor

    @property
    def note_text(self) -> str:
        editor = self.note_editor
        return editor.text if editor is not None else self._note_text

    def set_note_text(self, text: str) -> None:
        self._note_text = text
        editor = self.note_editor
        if editor is not None:
            editor.load_text(text)
        else:
            self.query_one(NotePreview).show(text)

    @on(NotePreview.EditAsked)
    async def open_note_editor(self) -> None:
        if self.note_editor is not None:
            return
        preview = self.query_one(NotePreview)
        editor = self._note_editor = note_editor(self._note_text)
        await self.query_one("#day-form").mount(editor, after=preview)
        await preview.remove()
        editor.focus()
        # Once it has a size: then the form can scroll it into view (in 80x24 it starts below).
        self.call_after_refresh(editor.scroll_visible, animate=False)

    @cached_property
    def sheet(self) -> ScoreSheet:
        return self.query_one("#scores", ScoreSheet)  # built with the pane, and kept: found once

    @property
    def focus_target(self) -> Widget | None:
        return self.sheet

    # -- the form's state -------------------------------------------------------

    def snapshot(self) -> dict[str, str]:
        """What the form holds, as typed: compared with the last load or save."""
        values = dict(self.sheet.values)
        values["note"] = self.note_text
        return values

    @property
    def dirty(self) -> bool:
        return self.snapshot() != self._saved

    def read_entry(self) -> DayEntry:
        """The day as the form shows it; call only when the sheet has no errors."""
        sheet = self.sheet
        entry = DayEntry(self.day, day_type=sheet.values["day_type"])
        for name in ("sleep_hours", *WELLNESS_FIELDS, *CRAMP_FIELDS):
            setattr(entry, name, sheet.parsed(name))
        for name in DEVICE_FIELDS:  # what a watch measured: shown, not typed here, and kept as it was loaded
            setattr(entry, name, getattr(self._loaded, name))
        entry.note = parse_text(self.note_text.strip(), "the note")  # checked as the command line checks it
        for key in sheet.values:
            if key.startswith("pain:") and isinstance(score := sheet.parsed(key), int):
                entry.pain[split_pain_key(key)] = score
        check_cramps(entry)
        return entry

    def watch_day(self, old: dt.date, day: dt.date) -> None:
        """Load the day set from the journal into the form."""
        if day != old:
            self._overtaken = False
        entry = get_entry(self.journal, day)
        self._loaded = entry
        self._last_saved = last_saved(self.journal, day)
        self._changed_elsewhere = False
        self._fill(entry)
        self.show_day_label(describe_day(day, self.today))
        self.query_one("#next-day").set_class(day >= self.today, "-disabled")
        self.refresh_recent()
        self.update_status()
        self.show_sessions()

    def _fill(self, entry: DayEntry, *, keep_note: bool = False) -> None:
        """Show `entry` in the form, as it is stored: the form has nothing unsaved then.

        With `keep_note`, a note the same but for spaces at its ends is left as
        it is typed, where the runner's cursor is.
        """
        sites = list_sites(self.journal)
        if sites != self.sites:  # added, renamed or removed elsewhere: every reading gets its row
            self.sites = sites
            self.sheet.replace_rows(day_rows(sites))
        values = {
            name: _text(getattr(entry, name)) for name in ("day_type", "sleep_hours", *WELLNESS_FIELDS, *CRAMP_FIELDS)
        }
        values.update({pain_key(site, side): str(score) for (site, side), score in entry.pain.items()})
        self.sheet.set_values(values)
        self._show_device(entry)
        if not (keep_note and entry.note == self.note_text.strip()):
            self.set_note_text(entry.note)
        self._saved = self.snapshot()

    def _show_device(self, entry: DayEntry) -> None:
        """The day's resting heart rate and HRV, and the app they came from: shown, not typed here."""
        from journal.render.day import device_text

        line = self.query_one("#device-day", Static)
        if entry.resting_hr is None and entry.hrv is None:
            line.display = False
            return
        sources = dict(
            self.journal.conn.execute(
                "SELECT field, source FROM entry_sources WHERE date = ?", [entry.date.isoformat()]
            ).fetchall()
        )
        line.update(device_text(entry, sources))
        line.display = True

    def show_day_label(self, text: str) -> None:
        label = self.query_one("#day-label", Static)
        # The bar is laid out again only when the label's width changes (the arrow beside it moves).
        label.update(text, layout=len(text) != len(str(label.content)))

    def update_status(self) -> None:
        self._status_due = False
        status = self.query_one("#save-status", Static)
        # A day the date moved past says so first: what is saved goes to that day, not to today.
        overtaken = (
            ["this day is now yesterday" if (self.today - self.day).days == 1 else "this day is no longer today"]
            if self._overtaken
            else []
        )
        if self.sheet.errors():
            parts, state = ["✗ fix the fields in red", *overtaken], "-error"
        elif self.dirty and self._changed_elsewhere:
            parts, state = ["● unsaved", *overtaken, "changed elsewhere too"], "-dirty"
        elif self.dirty:
            parts, state = ["● unsaved", *(overtaken or ["ctrl+s saves"])], "-dirty"
        elif not self._loaded.is_empty:
            parts, state = [f"✓ {saved_label(self._last_saved, self.today)}", *overtaken], "-saved"
        else:
            parts, state = ["nothing logged yet", *overtaken], ""
        status.update(" · ".join(parts), layout=False)  # one line, as wide as the bar leaves it
        status.set_classes("-dirty" if overtaken and state != "-error" else state)

    def refresh_recent(self) -> None:
        """Redraw what is read from the saved days: the recent days, the trends beside the form, the flags."""
        recent_start = self.today - dt.timedelta(days=RECENT_DAYS - 1)
        logged = self._logged_between(*self._days_read_for(self.day))
        recent = self.query_one(RecentDays)
        days = [self.today - dt.timedelta(days=offset) for offset in range(RECENT_DAYS)]
        # Stepping from day to day, the list stays as it is: the cursor moves.
        recent.show([(day.isoformat(), recent_label(day, logged.get(day))) for day in days])
        recent.move_cursor((self.today - self.day).days if recent_start <= self.day <= self.today else None)
        self.sheet.show_trends(self._trends_on(logged, self.day), f"{self.day.day} {self.day:%b}")
        self.flags = self._flags_on(logged, self.day)
        self.query_one(FlagStrip).show(self.flags)
        # The days either side are worked out once the runner is looking at this one.
        if self._prefetch is not None:
            self._prefetch.stop()
        self._prefetch = self.set_timer(PREFETCH_AFTER, self._work_out_the_days_either_side)

    def _days_read_for(self, day: dt.date) -> tuple[dt.date, dt.date]:
        """The first and last day `refresh_recent` reads when `day` is shown."""
        from journal.domain.signals import LOOKBACK_DAYS

        recent_start = self.today - dt.timedelta(days=RECENT_DAYS - 1)
        return min(recent_start, day) - dt.timedelta(days=max(LOOKBACK_DAYS, TREND_DAYS)), max(day, self.today)

    def _logged_between(self, first: dt.date, last: dt.date) -> dict[dt.date, DayEntry]:
        """The logged days from `first` to `last` (or more), by date. Stepping from day to day reads the same
        stretch of the journal: it is read again only once the journal has changed (`Journal.state`)."""
        state = self.journal.state()
        if self._logged is None or self._logged[0] != state or not self._logged[1] <= first <= last <= self._logged[2]:
            logged = {entry.date: entry for entry in entries_between(self.journal, first, last)}
            self._logged = (state, first, last, logged)
            self._flags_seen, self._trends_seen = {}, {}  # what the days said before the change may be said no more
        return self._logged[3]

    def _work_out_the_days_either_side(self) -> None:
        """The flags and trends of the days before and after the one shown, from the days read for it: a step
        to either then only draws them."""
        self._prefetch = None
        if self._logged is None or self._logged[0] != self.journal.state():
            return
        _, first, last, logged = self._logged
        for day in (self.day - dt.timedelta(days=1), self.day + dt.timedelta(days=1)):
            needed_first, needed_last = self._days_read_for(day)
            if EARLIEST <= day <= self.today and first <= needed_first and needed_last <= last:
                self._flags_on(logged, day)
                self._trends_on(logged, day)

    def _flags_on(self, logged: dict[dt.date, DayEntry], day: dt.date) -> list[Flag]:
        """The flags of `day`, worked out once for each day shown while the journal stays as it is."""
        from journal.domain.signals import flags_on
        from journal.store.settings import sleep_need

        if day not in self._flags_seen:
            self._flags_seen[day] = flags_on(logged, day, self.sites, sleep_need(self.journal))
        return self._flags_seen[day]

    def _trends_on(self, logged: dict[dt.date, DayEntry], day: dt.date) -> dict[str, Text]:
        """The trends of `day`, worked out once for each day shown while the journal and the sheet's colours
        stay as they are."""
        colours = self.sheet.styles_seen
        seen = self._trends_seen.get(day)
        if seen is None or seen[0] != colours:
            seen = self._trends_seen[day] = (colours, self._trends(logged, day))
        return seen[1]

    def _trends(self, logged: dict[dt.date, DayEntry], day: dt.date) -> dict[str, Text]:
        """The 30 days to `day`, for each row of the form that has a trend."""
        from journal.domain.signals import metric_value, site_pain
        from journal.domain.trends import scale_of, spark
        from journal.ui.widgets.trend_table import spark_text

        days = [day - dt.timedelta(days=offset) for offset in range(TREND_DAYS - 1, -1, -1)]
        sheet = self.sheet

        def style(name: str) -> Style:
            return sheet.component_style(f"score-sheet--{'trend' if name == 'spark' else name}")

        trends = {}
        for row in sheet.rows:
            if not row.trend or row.trend == "caption":
                continue
            if row.trend.startswith("pain:"):
                site = row.trend.removeprefix("pain:")
                values: list[float | None] = [site_pain(logged.get(day), site) for day in days]
            else:
                values = [metric_value(logged.get(day), row.trend) for day in days]
            if any(value is not None for value in values):
                ends = CRAMPS_SPARK if row.trend == "cramps" else scale_of(row.trend)
                trends[row.trend] = spark_text(row.trend, spark(values, *ends), values, style)
        return trends

    def on_text_area_changed(self) -> None:
        self.form_changed()

    @on(ScoreSheet.Changed)
    def form_changed(self) -> None:
        # A burst of changes costs one status update.
        if self._saved and not self._status_due:
            self._status_due = True
            self.call_after_refresh(self.update_status)

    # -- saving and leaving -----------------------------------------------------

    def save(self, *, over: DayEntry | None = None) -> bool:
        """Save what was changed in this window if every field is valid; says so on screen either way.

        Only the fields changed here are written, onto the day as it is stored
        now: what another window or command saved meanwhile in other fields is
        kept. A field changed here and there too is not overwritten unless the
        runner saw both values and chose this window's (`over`: the day as stored then).
        """
        if self.shell.check_the_date():
            # The date turned unseen. The app's signal reaches this pane after this save, so the pane
            # moves on now: whether it holds its day, today when the runner asked, decides the save.
            self.date_changed(self.shell.today)
            if self._overtaken:
                self.notify(
                    f"It is past midnight: {short_day(self.day)} is now yesterday. Save again to keep"
                    f" these changes on {short_day(self.day)}, or go to today with ctrl+t.",
                    title="Not saved",
                    severity="warning",
                    timeout=10,
                )
                return False
        errors = self.sheet.errors()
        if errors:
            key, message = errors[0]
            self.notify(message, title="Not saved", severity="error")
            self.sheet.focus()
            self.sheet.move_to(key)
            return False
        try:
            typed = mine = self.read_entry()
        except InvalidInput as error:
            self.notify(str(error), title="Not saved", severity="error")
            return False
        loaded = self._loaded
        if over is not None:  # the runner chose theirs in the clashes: the rest still merges
            mine, loaded = merge_entries(loaded, over, typed).entry, over
        change = EntryChange.between(loaded, mine)
        day = self.day
        done = "cleared" if mine.is_empty else "saved"
        from journal.store.plans import PLAN_SCOPES, deciding
        from journal.ui.screens.session_form import PlanNews

        news = PlanNews()
        try:
            stored = self.shell.history.record(
                f"{done} {short_day(day)}",
                ("today", day),
                day_scopes(day) + PLAN_SCOPES,  # a morning's pain may decide a return-to-run plan's session
                lambda: deciding(
                    self.journal,
                    lambda: update_entry(self.journal, day, change, since=loaded),
                    today=self.today,
                    made=news.made,
                    taken_back=news.taken_back,
                ),
            )
        except ChangedHereAndElsewhere as clash:
            self._resolve_conflict(clash, typed)
            return False
        except JournalError as error:
            self.notify(str(error), title="Not saved", severity="error")
            return False
        said = f"{done.title()} {describe_day(day, self.today)}"
        kept = [self._field_label(key) for key, value in stored.fields().items() if typed.fields().get(key) != value]
        kept += [self._field_label(key) for key in typed.fields().keys() - stored.fields().keys()]
        if kept:
            said += f", with what was saved elsewhere meanwhile: {', '.join(kept)}"
        self._loaded = stored
        self._last_saved = last_saved(self.journal, day)
        self._changed_elsewhere = False
        self._fill(stored, keep_note=True)
        if self._overtaken:  # the changes that held it on its day are saved: on to today
            self.day = self.today
            said += f". Now on {describe_day(self.today, self.today)}"
        else:
            self.refresh_recent()
            self.update_status()
        self.notify(said)
        self._tell_decisions(news)
        self.show_sessions()  # the plan's line says what the decision asks of today
        return True

    def _field_label(self, key: FieldKey) -> str:
        """A field as the sheet names it: 'Mood', 'Knee left', 'Note'."""
        if key == "note":
            return "Note"
        cell = pain_key(*key) if isinstance(key, tuple) else key
        for row in self.sheet.rows:
            if any(each.key == cell for each in row.cells):
                return f"{row.label} {key[1]}".strip() if isinstance(key, tuple) else row.label
        return " ".join(key).strip() if isinstance(key, tuple) else key

    def _resolve_conflict(self, clash: ChangedHereAndElsewhere, typed: DayEntry) -> None:
        from journal.ui.screens.dialogs import changed_elsewhere

        def decided(choice: str | None) -> None:
            if choice == "overwrite":
                self.save(over=clash.stored)
            elif choice == "reload":
                self.day = self.day

        theirs, mine = clash.stored.fields(), typed.fields()
        rows = [
            (self._field_label(key), value_text(theirs.get(key)), value_text(mine.get(key))) for key in clash.clashes
        ]
        self._changed_elsewhere = True
        self.update_status()
        self.app.push_screen(changed_elsewhere(describe_day(self.day, self.today), rows), decided)

    def leave_then(self, proceed: Callable[[], object], leaving: str = "you leave this day") -> None:
        """Run `proceed` once the day's unsaved changes are saved or knowingly discarded."""
        if not self.dirty:
            proceed()
            return

        def decided(choice: str | None) -> None:
            if (choice == "save" and self.save()) or choice == "discard":
                proceed()

        from journal.ui.screens.dialogs import unsaved_changes

        self.app.push_screen(unsaved_changes(describe_day(self.day, self.today), leaving), decided)

    def discard_then(self, proceed: Callable[[], object], doing: str) -> None:
        """Run `proceed`, which replaces the form, once the runner agrees to lose what is typed.

        `doing` says what replaces it: 'Undoing “saved Thu 26 Nov”'.
        """
        if not self.dirty:
            proceed()
            return
        from journal.ui.screens.dialogs import ChoiceScreen

        def chosen(choice: str | None) -> None:
            if choice == "discard":
                proceed()

        self.app.push_screen(
            ChoiceScreen(
                f"{describe_day(self.day, self.today)} has unsaved changes",
                f"{doing} replaces the form: what is typed here is lost.",
                [("discard", "Discard and go on", "error", "d"), ("cancel", "Keep editing", "default", "escape")],
                default="cancel",
            ),
            chosen,
        )

    def show_change(self, day: dt.date | None = None) -> None:
        """Show the day an undo or redo changed (the form's rows follow the sites in any case)."""
        self.day = day or self.day
        self.sheet.focus()

    def go_to(self, day: dt.date | None) -> None:
        if day is None or day == self.day:
            return
        if day > self.today:
            self.notify("That day has not happened yet", severity="warning")
            return
        if day < EARLIEST:
            self.notify(f"The journal starts in {EARLIEST.year}", severity="warning")
            return

        def show() -> None:
            self.day = day

        self.leave_then(show, f"you go to {describe_day(day, self.today)}")

    # -- actions -----------------------------------------------------------------

    def on_arrow_pressed(self, event: Arrow.Pressed) -> None:
        event.stop()
        if event.step < 0:
            self.action_previous_day()
        else:
            self.action_next_day()

    def on_flag_strip_pressed(self, event: FlagStrip.Pressed) -> None:
        event.stop()
        self.action_flags()

    def action_save(self) -> None:
        if not self.dirty and not self.sheet.errors():
            self.notify("Nothing new to save")
            return
        self.save()

    def action_previous_day(self) -> None:
        self.go_to(self.day - dt.timedelta(days=1))

    def action_next_day(self) -> None:
        if self.day >= self.today:
            self.notify("Today is the latest day")
            return
        self.go_to(self.day + dt.timedelta(days=1))

    def action_today(self) -> None:
        self.go_to(self.today)

    def action_go_to_date(self) -> None:
        from journal.ui.screens.dialogs import GoToDateScreen

        self.app.push_screen(GoToDateScreen(), self.go_to)

    def action_add_site(self) -> None:
        from journal.ui.screens.dialogs import AddSiteScreen

        def add(name: str, label: str | None, sided: bool) -> Site:
            return self.shell.history.record(
                f"added the body site {label or name}",
                ("today",),
                SITES,
                lambda: add_site(self.journal, name, label=label, sided=sided),
            )

        self.app.push_screen(AddSiteScreen("Add a body site", add), self._site_added)

    def _site_added(self, site: Site | None) -> None:
        if site is None:
            return
        self.sites.append(site)
        cramp_site = self.sheet.cells["cramp_site"]  # the new site is a place for cramps too
        cramp_site.choices = (*cramp_site.choices, site.name)
        row = pain_row(site)
        self.sheet.add_row(row)
        self._saved.update({cell.key: "" for cell in row.cells})
        self.sheet.focus()
        self.sheet.move_to(row.cells[0].key)
        self.notify(f"Added {site.label}")

    @on(ScoreSheet.CursorMoved)
    def _explain_row(self, event: ScoreSheet.CursorMoved) -> None:
        row = event.row
        self.query_one("#cell-hint", Static).update(f"{row.label}: {row.hint or row.scale}")

    def action_flags(self) -> None:
        from journal.ui.screens.dialogs import ChoiceScreen

        day = describe_day(self.day, self.today)
        if not self.flags:
            self.notify(f"No flags on {day}")
            return
        body = "\n\n".join(f"{FLAG_MARKS[flag.level]} {flag.text}" for flag in self.flags)
        self.app.push_screen(
            ChoiceScreen(
                f"What the journal noticed, {day}", body, [("close", "Close", "primary", "escape")], default="close"
            )
        )

    # -- the day's sessions --------------------------------------------------------

    def show_sessions(self) -> None:
        """List the sessions of the day shown, as saved (a session is saved as its form closes)."""
        from journal.store.sessions import sessions_between
        from journal.store.settings import distance_unit

        add_key = next(binding for _, binding in self.palette_keys() if binding.id == "today.add_session")
        self.query_one(SessionList).show(
            sessions_between(self.journal, self.day, self.day),
            self.sites,
            self.shell.key_display(add_key),
            unit=distance_unit(self.journal),
        )
        self._show_plan()

    def _show_plan(self) -> None:
        """What each running return-to-run plan asks of the day shown, when it is today."""
        from journal.store.sessions import has_running_plan

        line = self.query_one("#plan-today", Static)
        if self.day != self.today or not has_running_plan(self.journal):
            line.display = False
            return
        from journal.store.plans import plan_views

        asks = [
            f"{view.plan.where.capitalize()} plan: {view.today.text}"
            + (f" · {view.waiting.reason}" if view.waiting else "")
            for view in plan_views(self.journal, today=self.today)
        ]
        line.update("\n".join(asks))
        line.display = True

    def action_add_session(self) -> None:
        self._open_session_form(None)

    @on(OptionList.OptionSelected, "#sessions")
    def _session_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._open_session_form(self.query_one(SessionList).session_at(event.option_index))

    def _open_session_form(self, session: Session | None) -> None:
        from journal.store.settings import distance_unit
        from journal.ui.screens.session_form import PlanNews, SessionFormScreen, plan_label, save_session

        self._plan_news = PlanNews()
        save = save_session(self.shell.history, self.journal, "today", session, self._plan_news)
        day = self.day
        heading = f"Session on {describe_day(day, self.today)}" if session is None else f"Change the {session.kind}"
        form = SessionFormScreen(
            heading,
            save,
            day,
            self.sites,
            session,
            add_site=add_site_hint(self.shell),
            plan_label=plan_label(self.journal),
            unit=distance_unit(self.journal),
        )
        self.app.push_screen(form, self._session_saved)

    def _session_saved(self, session: Session | None) -> None:
        if session is None:
            return
        self.show_sessions()
        self.refresh_recent()
        listed = self.query_one(SessionList)
        listed.highlight(session)
        listed.focus()
        self.notify(f"Saved the {session.kind} of {describe_day(session.day, self.today)}")
        self._tell_decisions(self._plan_news)

    def _tell_decisions(self, news: PlanNews) -> None:
        from journal.ui.screens.session_form import tell_decisions

        tell_decisions(self, news)

    @on(SessionList.RemoveAsked)
    def _remove_session(self, event: SessionList.RemoveAsked) -> None:
        from journal.ui.screens.session_form import remove_session_undoably

        session = event.session
        try:
            news = remove_session_undoably(self.shell.history, self.journal, "today", session, self.today)
        except JournalError as error:
            self.notify(str(error), title="Not removed", severity="error")
            return
        self.show_sessions()
        self.notify(f"Removed the {session.kind} of {describe_day(session.day, self.today)} · undo brings it back")
        self._tell_decisions(news)

    @on(OptionList.OptionSelected, "#recent-days")
    def _recent_chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:  # each recent day's option is named by its date
            self.go_to(dt.date.fromisoformat(event.option.id))


def add_site_hint(shell: JournalShell) -> str:
    """How the app adds a body site, as the runner's keys have it: '^n on Today' (said of a site it does not know)."""
    binding = next(binding for _, binding in TodayPane.palette_keys() if binding.id == "today.add_site")
    return f"{shell.key_display(binding)} on Today"
