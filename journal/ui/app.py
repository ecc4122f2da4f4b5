"""The Offseason app: one factory builds it, for the `journal` command and the tests alike."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Awaitable, Iterable
from functools import partial
from typing import TYPE_CHECKING, ClassVar, NamedTuple

from textual import events
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.signal import Signal
from textual.theme import Theme
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import TabbedContent

from journal import clock
from journal.store.db import Journal
from journal.ui.panes.checklist import ChecklistPane
from journal.ui.panes.goals import GoalsPane
from journal.ui.panes.pane import JournalPane
from journal.ui.panes.review import ReviewPane
from journal.ui.panes.today import TodayPane
from journal.ui.panes.training import TrainingPane
from journal.ui.panes.trends import TrendsPane
from journal.ui.widgets.footer import KeysFooter

OUTSIDE_CHANGES_EVERY = 2.0  # seconds between looks for what other windows and commands saved
PREPARE_AFTER = 0.1  # seconds after the first frame before the hidden panes are built (and drawn), one by one
PREPARE_BETWEEN = 0.02  # seconds of idle between two of them
PREPARE_QUIET = 0.3  # seconds without a key or a click before the next one is
OFFER_AFTER = 2.0  # seconds after the start before the week's overuse check is offered
OFFER_FROM_DAY = 4  # the week's fifth day on: the check asks about the past 7 days
DATE_CHECK_EVERY = 60.0  # seconds between looks at the date besides the one just after midnight
AFTER_MIDNIGHT = 0.5  # seconds past midnight for the date to be looked at
PANES = {
    "today": "Today",
    "checklist": "Checklist",
    "goals": "Goals",
    "trends": "Trends",
    "review": "Week",
    "training": "Training",
}
PANE_TYPES = (TodayPane, ChecklistPane, GoalsPane, TrendsPane, ReviewPane, TrainingPane)


DEMO = "demo"  # what the app returns when the runner asks for the demo journal


class OffseasonApp(App[str | None]):
    """The full-screen journal: a tab per pane, the keys in the footer.

    The app tells the panes of two things, each by a signal the panes subscribe to:
    `journal_changed_signal` (something was saved: its data is the id of the pane
    that made the change, which shows it itself, or None) and `date_changed_signal`
    (midnight passed: its data is the new date).
    """

    CSS_PATH = "app.tcss"
    TITLE = "Offseason"
    _theme_chosen_at_start = False  # until then, there are no colours to make
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "help", "Help", tooltip="Help: every key", id="app.help"),
        Binding("f2", "show_pane('today')", "Today", show=False, tooltip="The Today pane", id="app.today"),
        Binding(
            "f3", "show_pane('checklist')", "Checklist", show=False, tooltip="The Checklist pane", id="app.checklist"
        ),
        Binding("f4", "show_pane('goals')", "Goals", show=False, tooltip="The Goals pane", id="app.goals"),
        Binding("f5", "show_pane('trends')", "Trends", show=False, tooltip="The Trends pane", id="app.trends"),
        Binding("f6", "show_pane('review')", "Week", show=False, tooltip="The weekly review", id="app.review"),
        Binding(
            "f7", "show_pane('training')", "Training", show=False, tooltip="The week's sessions", id="app.training"
        ),
        Binding(
            "ctrl+z",
            "undo",
            "Undo",
            show=False,
            tooltip="Undo the last change: a saved day, a tick, a moved card",
            id="app.undo",
        ),
        Binding("ctrl+y", "redo", "Redo", show=False, tooltip="Redo what was undone", id="app.redo"),
        Binding(
            "ctrl+q", "quit", "Quit", priority=True, tooltip="Quit (unsaved changes are asked about)", id="app.quit"
        ),
    ]
    # The app's own keys in the palette; each pane declares its own beside its bindings.
    PALETTE: ClassVar[list[tuple[str, str]]] = [
        *((f"Show {title}", f"app.{pane}") for pane, title in PANES.items()),
        ("Undo", "app.undo"),
        ("Redo", "app.redo"),
        ("Help: keys", "app.help"),
        ("Quit", "app.quit"),
    ]

    def __init__(
        self, journal: Journal, today: dt.date, theme: str | None = None, *, welcome: bool = False, demo: bool = False
    ) -> None:
        super().__init__()
        self.journal = journal
        self.today = today
        self.welcome = welcome
        self.demo = demo
        self.journal_changed_signal: Signal[str | None] = Signal(self, "journal-changed")
        self.date_changed_signal: Signal[dt.date] = Signal(self, "date-changed")
        self.sub_title = f"demo · {journal.path}" if demo else str(journal.path)
        from journal.store.undo import History

        # A change made in one pane is shown by it; the others draw it when next shown.
        self.history = History(journal, recorded=lambda change: self.journal_changed(by=change.place[0]))
        self.theme_problems = self._register_themes()
        self._input_at = 0.0  # time.monotonic() of the latest key or click
        self._applied_theme: str | None = None  # the theme whose colours were last made without an error
        self.theme_fallback: str | None = None  # the theme asked for that could not be used, when one could not
        self._start_in(self._starting_theme(theme))
        from journal.config.keymap import read_keymap

        self.keymap, self.keymap_problems = read_keymap(binding_ids)
        self.set_keymap(self.keymap)

    def _register_themes(self) -> list[str]:
        """Register the built-in themes and the runner's; a line for each file skipped."""
        from journal.config.themes import BUILT_IN, all_themes
        from journal.ui.themes import textual_theme

        found, problems = all_themes()
        for theme in found:
            try:
                built = textual_theme(theme)
                if theme.source != BUILT_IN:  # the journal's own are tried by its tests, not at every start
                    built.to_color_system().generate()  # what applying it does: one that fails here is not offered
            except Exception as error:  # a theme Textual cannot use is skipped, as a bad file is
                problems.append(f"{theme.source}: {error}")
            else:
                self.register_theme(built)
        return problems

    def _start_in(self, theme: str) -> None:
        """Start in `theme`, its colours in the stylesheet before it is first read.

        Setting `theme` would run Textual's watcher, which reads every rule of the
        stylesheet again once the app has started: its classes and variables are
        set here instead, the same ones, while nothing has been read or drawn.
        """
        self.set_reactive(App.theme, theme)
        self._theme_chosen_at_start = True
        dark = self.current_theme.dark
        self.update_classes(
            {
                **{name: False for name in self.classes if name.startswith("-theme-")},
                f"-theme-{theme}": True,
                "-dark-mode": dark,
                "-light-mode": not dark,
            },
            update=False,
        )
        self.stylesheet.set_variables(self.get_css_variables())
        self._refresh_truecolor_filter(self.ansi_theme)  # ANSI colours mapped as in a theme set later

    def _starting_theme(self, given: str | None) -> str:
        """The theme given (--theme), else the one remembered; one that cannot be used gives way to the journal's
        own."""
        from journal.config.themes import DEFAULT_THEME
        from journal.store.settings import get_setting

        wanted = given or get_setting(self.journal, "theme")
        if wanted in self.available_themes:
            return wanted
        if wanted != DEFAULT_THEME:
            self.theme_fallback = wanted
        # The built-in one may be replaced by a file of the runner's that failed: Textual's own is always there.
        return DEFAULT_THEME if DEFAULT_THEME in self.available_themes else "textual-dark"

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Every notice is shown as written: it carries the runner's own words (a title, a note, a path),
        which must never be read as markup."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def get_css_variables(self) -> dict[str, str]:
        # The journal's own colours: the theme's, or else the theme colour each is named after.
        if not self._theme_chosen_at_start:
            # Asked by Textual as the app is made, for its default theme, which the journal never shows:
            # the stylesheet gets the starting theme's colours (`_start_in`) before anything reads them.
            return {}
        from journal.config.themes import APP_VARIABLES

        variables = super().get_css_variables()
        for name, fallback in APP_VARIABLES.items():
            variables.setdefault(name, variables[fallback.removeprefix("$")])
        self.theme_variables = variables
        self._applied_theme = self.current_theme.name
        return variables

    def _theme_chosen(self, theme: Theme) -> None:
        """Remember the theme chosen (in the palette or with --theme) for the next start, once it is on screen."""
        from journal.errors import JournalError
        from journal.store.settings import get_setting, set_setting

        if theme.name != self._applied_theme:
            return  # its colours were never made: a theme that failed is not remembered
        if self.journal.read_only or get_setting(self.journal, "theme") == theme.name:
            return
        try:
            set_setting(self.journal, "theme", theme.name)
        except JournalError as error:
            self.notify(str(error), title="Theme not remembered", severity="warning")

    def _notify_theme_problems(self) -> None:
        """One notification: the theme files skipped, and the theme shown instead of the one asked for."""
        lines = list(self.theme_problems)
        if self.theme_fallback is not None:
            lines.insert(
                0,
                f"The theme {self.theme_fallback!r} cannot be loaded, so the journal is in {self.theme};"
                " ctrl+p then Theme picks another.",
            )
            self.notify("\n".join(lines), title="Theme not loaded", severity="warning", timeout=15)
        elif lines:
            title = "A theme file was skipped" if len(lines) == 1 else f"{len(lines)} theme files were skipped"
            self.notify("\n".join(lines), title=title, severity="warning", timeout=10)

    def get_default_screen(self) -> Screen:
        from journal.ui.widgets.blank import BlankScreen

        return BlankScreen(id="_default")

    def compose(self) -> ComposeResult:
        from journal.ui.widgets.blank import BlankTabs

        with BlankTabs(initial="today"):
            for pane in PANE_TYPES:
                yield pane(self.journal, self.today)
        yield KeysFooter()

    def on_mount(self) -> None:
        from journal.startup import release_collector

        self.call_after_refresh(release_collector)  # once the first frame is drawn (journal.startup)
        # The hidden panes are made ready soon after the first frame, before a runner reaches for a key.
        self.call_after_refresh(self.set_timer, PREPARE_AFTER, self._prepare_next_pane)
        self.set_timer(OFFER_AFTER, self._offer_overuse_check)
        self._notify_theme_problems()
        if self.keymap_problems:
            self.notify("\n".join(self.keymap_problems), title="Keys not changed", severity="warning", timeout=10)
        if self.theme_fallback is None:  # a theme shown instead of the one asked for is not the runner's choice
            self._theme_chosen(self.current_theme)
        self.theme_changed_signal.subscribe(self, self._theme_chosen)
        self._data_version = self.journal.data_version()
        self.set_interval(OUTSIDE_CHANGES_EVERY, self.check_outside_changes)
        # Just after midnight, and every minute in case a sleeping computer or a clock set
        # by hand moved the date; a save looks at the date again before it writes.
        self._midnight_timer: Timer | None = None
        self._wake_after_midnight()
        self.set_interval(DATE_CHECK_EVERY, self.check_the_date)
        if self.demo:
            self.add_class("-demo")
            self.notify(
                "Made-up days in a file of their own; your journal is untouched. Quit, and run journal"
                " again to go back to it.",
                title="The demo journal",
                timeout=20,
            )
        elif self.welcome:
            from journal.store.db import has_anything

            if not has_anything(self.journal):
                from journal.ui.screens.dialogs import welcome

                self.push_screen(welcome(), lambda choice: self.exit(DEMO) if choice == "demo" else None)

    def _offer_overuse_check(self) -> None:
        """From the fifth day of the week, say once a run which sites hurt this week with no overuse answers yet."""
        from journal.dates import week_start
        from journal.domain.plan import where
        from journal.store.overuse import sites_to_ask
        from journal.store.settings import first_weekday

        start = week_start(self.today, first_weekday(self.journal))
        if self.journal.read_only or (self.today - start).days < OFFER_FROM_DAY:
            return
        asked = sites_to_ask(self.journal, start)
        if asked:
            keys = palette_bindings()
            pane, form = (
                self.key_display(keys[binding_id].binding) for binding_id in ("app.training", "training.overuse")
            )
            shown = f"{pane} then {form}"
            self.notify(
                f"The {', '.join(where(site, side) for site, side in asked)} hurt this week: four questions"
                f" say how much it held your training back ({shown}).",
                title="This week's overuse check",
                timeout=15,
            )

    async def _prepare_next_pane(self) -> None:
        """Build the next pane not yet built, while it is hidden (and draw it, if it can be: see LazyPane.prepare);
        one at a time, with the app idle between.

        Not while a pane reads its data on a thread (a load's worker): building a pane is Python from start to
        end, holding the interpreter's lock that the reading thread takes back after each query and row it
        reads (the Trends pane's 'all' range of a long journal took about a tenth longer when one ran beside it).
        """
        from journal.ui.panes.lazy import LazyPane

        if not self.is_running:  # closing: nothing more is built
            return
        if len(self.screen_stack) > 1:  # a dialog is open: its widgets are drawn first, the panes after it
            self.set_timer(PREPARE_AFTER, self._prepare_next_pane)
            return
        quiet = time.monotonic() - self._input_at
        if quiet < PREPARE_QUIET:  # the runner is at the keys: what they asked for is drawn first
            self.set_timer(PREPARE_QUIET - quiet, self._prepare_next_pane)
            return
        waiting = [pane for pane in self.query(LazyPane) if not pane.loaded]
        if not waiting:
            from journal.startup import set_aside

            set_aside()  # every pane built: the collector no longer walks their widgets (journal.startup)
            return
        if self.workers:  # a load under way: tried again soon
            self.set_timer(PREPARE_BETWEEN, self._prepare_next_pane)
            return
        await waiting[0].prepare()
        self.set_timer(PREPARE_BETWEEN, self._prepare_next_pane)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.MouseDown)):
            self._input_at = time.monotonic()  # the hidden panes wait for a pause (`_prepare_next_pane`)
        await super().on_event(event)

    def check_outside_changes(self) -> None:
        """Pass on what another window or a journal command saved (SQLite's data_version tells)."""
        version = self.journal.data_version()
        if version != self._data_version:
            self._data_version = version
            self.journal_changed()

    def journal_changed(self, by: str | None = None) -> None:
        """Tell the panes that the journal changed: each but the pane `by`, which made the change, redraws."""
        self.journal_changed_signal.publish(by)

    def check_the_date(self) -> bool:
        """Tell the panes of a new date; True when the date had changed since the last look."""
        today = clock.today()
        if today == self.today:
            return False
        self.today = today
        self.date_changed_signal.publish(today)
        return True

    def _wake_after_midnight(self) -> None:
        """Look at the date just after the next midnight, and then after the one after that."""
        if self._midnight_timer is not None:
            self._midnight_timer.stop()
        self._midnight_timer = self.set_timer(seconds_to_midnight(dt.datetime.now()), self._midnight)

    def _midnight(self) -> None:
        self.check_the_date()
        self._wake_after_midnight()  # a timer that woke early, by a clock set back, wakes again soon after

    def on_app_focus(self) -> None:
        # Back at the terminal, perhaps the next morning: the date is looked at before anything is typed.
        self.check_the_date()

    # -- undo and redo ---------------------------------------------------------------

    def action_undo(self) -> None:
        self._step_history(undo=True)

    def action_redo(self) -> None:
        self._step_history(undo=False)

    def _step_history(self, *, undo: bool) -> None:
        """Undo (or redo) the latest change, then show it where it was made."""
        from journal.errors import JournalError

        pending = self.history.done if undo else self.history.undone
        doing = "undo" if undo else "redo"
        if not pending:
            self.notify(f"Nothing to {doing}")
            return
        change = pending[-1]

        def step() -> None:
            try:
                (self.history.undo if undo else self.history.redo)()
            except JournalError as error:
                self.notify(f"{change.what}: {error}", title=f"Not {doing}ne", severity="warning")
                return
            pane_id, *detail = change.place
            self.journal_changed(by=pane_id)  # that one shows the change itself
            self.action_show_pane(pane_id)
            pane = self.query_one(f"#{pane_id}", JournalPane)
            pane.when_drawn(lambda: pane.show_change(*detail))
            again = "app.redo" if undo else "app.undo"
            hint = f"{self.key_display(palette_bindings()[again].binding)} {'redoes it' if undo else 'undoes it again'}"
            self.notify(f"{change.what[:1].upper()}{change.what[1:]} · {hint}", title=f"{doing.title()}ne")

        if change.place[0] == "today":
            self.today_pane.discard_then(step, f"{doing.title()}ing “{change.what}”")
        else:
            step()

    def action_show_pane(self, pane: str) -> None:
        shown = self.query_one(f"#{pane}", JournalPane)
        self.query_one(TabbedContent).active = pane
        # The focus moves straight into the pane shown, in the same step: a focus left in the
        # pane hidden would be handed on within it, and switch back to it. A pane not yet built
        # (or one that places its focus itself) takes it as it is shown.
        self.screen.set_focus(shown.focus_target)

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        # Focus follows the tab, clicked as well as keyed (a focus inside a hidden pane would switch back to it).
        from journal.ui.panes.lazy import LazyPane

        pane = event.pane
        target = pane.focus_target if isinstance(pane, JournalPane) else None
        if target is not None and event.tabbed_content.active == pane.id:
            target.focus()
        if isinstance(pane, LazyPane) and pane.display:
            pane.call_later(pane.showing)

    @property
    def today_pane(self) -> TodayPane:
        return self.query_one(TodayPane)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        # Textual's own Keys and Quit give way to the journal's help and careful quit.
        replaced = {"Keys", "Quit", "Maximize", "Minimize"}
        yield from (command for command in super().get_system_commands(screen) if command.title not in replaced)
        bindings = palette_bindings()
        for title, binding_id in PALETTE:
            key = bindings[binding_id]
            about = key.binding.tooltip or key.binding.description
            if binding_id == "app.undo" and self.history.done:
                about = f"Undo the last change: {self.history.done[-1].what}"
            elif binding_id == "app.redo" and self.history.undone:
                about = f"Redo: {self.history.undone[-1].what}"
            yield SystemCommand(title, f"{about} ({self.key_display(key.binding)})", partial(self._run, key))
        yield SystemCommand(
            "Export everything as CSV", "One CSV a kind, in a new folder in your home folder", self.action_export
        )
        yield SystemCommand("Back up the journal", "A copy in the backups folder (journal backup)", self.action_backup)
        yield SystemCommand(
            "Import from another app...",
            "Strava, Apple Health, intervals.icu or Daylio: a preview first (journal import)",
            self.action_import_from,
        )

    def _run(self, key: Key) -> None:
        """Do what a key does, from the palette: in its pane (on the pane's widget whose key it is), once the
        pane is shown and drawn."""
        if key.pane is None:
            self.call_later(self.run_action, key.binding.action)
            return
        pane = self.query_one(key.pane)

        def run() -> Awaitable[bool]:
            target = pane if key.owner is None else pane.query_one(key.owner)
            return self.run_action(key.binding.action, target)

        pane.when_drawn(run)
        if pane.id is not None:  # every pane has its id
            self.action_show_pane(pane.id)

    def action_help(self) -> None:
        from journal.ui.screens.help import HelpScreen

        def rows(bindings: Iterable[Binding]) -> list[tuple[str, str, str]]:
            return [
                (self.key_display(binding), binding.tooltip or binding.description, binding.id or "")
                for binding in bindings
            ]

        palette = Binding(
            self.COMMAND_PALETTE_BINDING, "command_palette", tooltip="Command palette: every action by name"
        )
        sections = [
            (PANES[pane.id or ""], rows(binding for _, binding in pane.palette_keys()))
            for pane in self.query(JournalPane)
        ]
        sections.append(("Everywhere", rows([*own_bindings(), palette])))
        # The pane on show first: its keys are the ones wanted now.
        current = PANES.get(self.query_one(TabbedContent).active, "")
        sections.sort(key=lambda section: section[0] != current)
        sections.append(("In the form", [(keys, description, "") for keys, description in TodayPane.FORM_KEYS]))
        self.push_screen(HelpScreen(sections))

    def action_export(self) -> None:
        """Write `journal export --what all` into a new folder in the home folder."""
        import datetime as dt
        from pathlib import Path

        from journal.errors import JournalError
        from journal.io.csv_export import writers
        from journal.io.export_files import write_folder

        folder = Path.home() / f"offseason-export-{dt.datetime.now():%Y%m%d-%H%M%S}"
        counts: dict[str, int] = {}
        try:
            write_folder(folder, writers(self.journal, dt.date.min, dt.date.max, counts), self.journal.path)
        except JournalError as error:
            self.notify(f"Nothing was exported: {error}", title="Export", severity="error")
            return
        self.notify(f"{sum(counts.values())} rows in {len(counts)} files, in {folder}", title="Exported")

    def action_import_from(self) -> None:
        """Another app's export into the journal, after a preview of what would change."""
        from journal.store.source_import import SourceReport
        from journal.ui.screens.import_screen import ImportScreen

        if self.journal.read_only:
            self.notify("The journal is open read-only: nothing can be imported", severity="warning")
            return

        def done(report: SourceReport | None) -> None:
            if report is not None:
                self.journal_changed()  # every pane draws what came in
                self.notify("\n".join(report.lines()[:6]), title="Imported")

        self.push_screen(ImportScreen(self.journal, self.today), done)

    def action_backup(self) -> None:
        from journal.errors import JournalError
        from journal.store.backup import backup_journal

        try:
            target = backup_journal(self.journal.conn, self.journal.path)
        except JournalError as error:
            self.notify(str(error), title="Not backed up", severity="error")
            return
        self.notify(f"Backed up to {target}", title="Backup")

    def key_display(self, binding: Binding) -> str:
        """The key as the runner has it: from their keymap when they changed it."""
        from dataclasses import replace

        keys = self.keymap.get(binding.id or "")
        return self.get_key_display(replace(binding, key=keys, key_display=None) if keys else binding)

    async def action_quit(self) -> None:
        self.today_pane.leave_then(self.exit, "you quit")


def seconds_to_midnight(now: dt.datetime) -> float:
    """From `now` (local time) to just after the next midnight, when the date is looked at."""
    midnight = dt.datetime.combine(now.date() + dt.timedelta(days=1), dt.time())
    return (midnight - now).total_seconds() + AFTER_MIDNIGHT


def binding_ids() -> set[str]:
    """The id of every binding the runner can remap."""
    return set(palette_bindings())


# Every key of the journal by name in the command palette (ctrl+p): (title, binding id), each pane's then the app's.
PALETTE = [*(command for pane in PANE_TYPES for command in pane.PALETTE), *OffseasonApp.PALETTE]


class Key(NamedTuple):
    """A key the runner can remap, and where it works."""

    pane: type[JournalPane] | None  # None: everywhere (a key of the app's)
    owner: type[Widget] | None  # a widget in the pane whose binding it is; None: the pane's (or the app's) own
    binding: Binding


def own_bindings() -> list[Binding]:
    return [binding for binding in OffseasonApp.BINDINGS if isinstance(binding, Binding)]


def palette_bindings() -> dict[str, Key]:
    """Each binding id with its key."""
    keys = {binding.id: Key(None, None, binding) for binding in own_bindings() if binding.id}
    for pane in PANE_TYPES:
        keys.update(
            {
                binding.id: Key(pane, None if owner is pane else owner, binding)
                for owner, binding in pane.palette_keys()
                if binding.id
            }
        )
    return keys


def create_app(
    journal: Journal,
    today: dt.date | None = None,
    theme: str | None = None,
    *,
    welcome: bool = False,
    demo: bool = False,
) -> OffseasonApp:
    return OffseasonApp(journal, today or clock.today(), theme, welcome=welcome, demo=demo)


def run_app(journal: Journal, theme: str | None = None) -> int:
    """Run the app until it quits; the exit code is non-zero when it stopped on an error.

    On an empty journal the app first explains itself and offers the demo: chosen,
    the app opens again on the demo journal, a file of its own.
    """
    app = create_app(journal, theme=theme, welcome=True)
    app.run()
    if app.return_value == DEMO:
        from journal.store.demo import open_demo

        with open_demo(app.today) as demo:
            app = create_app(demo, theme=app.theme, demo=True)
            app.run()
    return app.return_code or 0


if TYPE_CHECKING:
    from journal.ui.panes.pane import JournalShell

    _panes_see: type[JournalShell] = OffseasonApp  # the app is what its panes take it to be
