"""The Offseason app: one factory builds it, for the `journal` command and the tests alike."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, TabbedContent

from journal import clock
from journal.store.db import Journal
from journal.ui.panes.today import TodayPane


class OffseasonApp(App[None]):
    """The full-screen journal: a tab per pane, the keys in the footer."""

    CSS_PATH = "app.tcss"
    TITLE = "Offseason"
    BINDINGS = [
        Binding("f1", "help", "Help", tooltip="Help: every key", id="app.help"),
        Binding("ctrl+q", "quit", "Quit", priority=True, tooltip="Quit (unsaved changes are asked about)", id="app.quit"),
    ]

    def __init__(self, journal: Journal, today: dt.date) -> None:
        super().__init__()
        self.journal = journal
        self.today = today
        self.sub_title = str(journal.path)

    def compose(self) -> ComposeResult:
        with TabbedContent(initial="today"):
            yield TodayPane(self.journal, self.today)
        yield Footer()

    @property
    def today_pane(self) -> TodayPane:
        return self.query_one(TodayPane)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        # Textual's own Keys and Quit give way to the journal's help and careful quit.
        replaced = {"Keys", "Quit", "Maximize", "Minimize"}
        yield from (command for command in super().get_system_commands(screen) if command.title not in replaced)
        pane = self.today_pane
        yield SystemCommand("Save the day", "Save the day shown in the Today pane (ctrl+s)", pane.action_save)
        yield SystemCommand("Previous day", "Show the day before (alt+left)", pane.action_previous_day)
        yield SystemCommand("Next day", "Show the day after (alt+right)", pane.action_next_day)
        yield SystemCommand("Go to today", "Show today (ctrl+t)", pane.action_today)
        yield SystemCommand("Go to a date", "Type a date: yesterday, monday, 20 nov (ctrl+g)", pane.action_go_to_date)
        yield SystemCommand("Add a body site", "Add a place that can hurt to the pain rows (ctrl+n)", pane.action_add_site)
        yield SystemCommand("Help: keys", "Every key of the journal (f1)", self.action_help)
        yield SystemCommand("Quit", "Quit; unsaved changes are asked about first (ctrl+q)", self.action_quit)

    def action_help(self) -> None:
        palette = Binding(self.COMMAND_PALETTE_BINDING, "command_palette", tooltip="Command palette: every action by name")
        sections = [
            (title, [(self.get_key_display(binding), binding.tooltip or binding.description) for binding in bindings])
            for title, bindings in (("Today", TodayPane.BINDINGS), ("Everywhere", [*self.BINDINGS, palette]))
        ]
        from journal.ui.screens.help import HelpScreen

        self.push_screen(HelpScreen(sections))

    async def action_quit(self) -> None:
        self.today_pane.leave_then(self.exit, "you quit")


def create_app(journal: Journal, today: dt.date | None = None) -> OffseasonApp:
    return OffseasonApp(journal, today or clock.today())


def run_app(journal: Journal) -> int:
    """Run the app until it quits; the exit code is non-zero when it stopped on an error."""
    app = create_app(journal)
    app.run()
    return app.return_code or 0
