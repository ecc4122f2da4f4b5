"""Import from another app, in the app: a file, its app (or told by the file), a preview of what would change,
then the import itself, with the journal backed up first. The same rules as `journal import` (what the
runner typed stays; the same file twice changes nothing)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from journal.domain.imported import SOURCES, SourceBatch
from journal.errors import BadRows, InvalidInput, JournalError
from journal.store.db import Journal
from journal.store.source_import import SourceReport

PREVIEW_LINES = 12  # of the dry run's report; the rest is counted


class ImportScreen(ModalScreen[SourceReport | None]):
    """Preview, then import: Import is offered once the file as it is typed has been previewed."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", "Cancel")]
    AUTO_FOCUS = "#import-path"

    def __init__(self, journal: Journal, today: dt.date) -> None:
        super().__init__()
        self.journal = journal
        self.today = today
        self.previewed: SourceBatch | None = None

    def compose(self) -> ComposeResult:
        from journal.io.sources import described

        with VerticalScroll(classes="dialog"):
            yield Label("Import from another app", classes="dialog-title")
            with Grid(classes="dialog-form"):
                yield Label("File")
                yield Input(placeholder="~/Downloads/export.zip", id="import-path", compact=True)
                yield Label("App")
                yield Select(
                    [("told by the file", ""), *((described(source), source) for source in SOURCES)],
                    value="",
                    allow_blank=False,
                    id="import-source",
                    compact=True,
                )
                yield Label("Time zone")
                yield Input(placeholder="this computer's (Strava, Apple Health)", id="import-tz", compact=True)
            with Vertical(classes="dialog-answers"):
                yield Static("", id="import-preview", markup=False)
                yield Static("", id="form-error", classes="error-line", markup=False)
                with Horizontal(classes="dialog-buttons"):
                    yield Button("Preview", id="preview", variant="primary")
                    yield Button("Import", id="import", disabled=True)
                    yield Button("Cancel", id="cancel")

    @on(Input.Changed)
    @on(Select.Changed)
    def _stale(self) -> None:
        """What was previewed is no longer what is typed: preview again before importing."""
        self.previewed = None
        self.query_one("#import", Button).disabled = True

    @on(Input.Submitted)
    @on(Button.Pressed, "#preview")
    def preview(self) -> None:
        self._say("", "")
        path_text = self.query_one("#import-path", Input).value.strip()
        if not path_text:
            self._say("", "Give the export's file")
            return
        source = str(self.query_one("#import-source", Select).value) or None
        self.query_one("#preview", Button).disabled = True
        self._read(Path(path_text).expanduser(), source, self.query_one("#import-tz", Input).value.strip())

    @work(thread=True, exclusive=True, group="import")
    def _read(self, path: Path, source: str | None, zone: str) -> None:
        """Read the file on a thread of its own (an Apple Health export is large); the journal is asked on the
        app's thread, which its connection belongs to."""
        from dateutil import tz as zones

        from journal.dates import parse_time_zone
        from journal.io.sources import read_source, recognise

        try:
            if not path.exists():
                raise InvalidInput(f"there is no file {path}")
            found = source or recognise(path)
            if found is None:
                raise InvalidInput(f"{path} is not an export of an app the journal knows: choose the app")
            # Apple Health's moments carry their own offset; Strava's are UTC, read in this computer's zone.
            timezone = (None if found == "apple-health" else zones.tzlocal()) if not zone else parse_time_zone(zone)
            batch = read_source(found, path, tz=timezone)
        except JournalError as error:
            self.app.call_from_thread(self._failed, str(error))
            return
        self.app.call_from_thread(self._previewed, batch)

    def _failed(self, message: str) -> None:
        self.query_one("#preview", Button).disabled = False
        self._say("", message)

    def _previewed(self, batch: SourceBatch) -> None:
        from journal.io.sources import described
        from journal.store.source_import import import_source

        self.query_one("#preview", Button).disabled = False
        try:
            report = import_source(self.journal, batch, today=self.today, dry_run=True)
        except BadRows as refused:
            shown = refused.problems[:PREVIEW_LINES]
            more = len(refused.problems) - len(shown)
            self._say(
                "",
                "\n".join([f"Nothing can be imported: {len(refused.problems)} to fix", *shown])
                + (f"\n... and {more} more" if more > 0 else ""),
            )
            return
        except JournalError as error:
            self._say("", str(error))
            return
        lines = [line for line in report.lines() if line != "a dry run: nothing was written"]
        shown = lines[:PREVIEW_LINES] + (
            [f"... and {len(lines) - PREVIEW_LINES} lines more"] if len(lines) > PREVIEW_LINES else []
        )
        what = described(batch.source)
        self._say("\n".join([f"{what[:1].upper()}{what[1:]}:", *shown]), "")
        self.previewed = batch
        self.query_one("#import", Button).disabled = not report.counts

    @on(Button.Pressed, "#import")
    def apply(self) -> None:
        from journal.store.backup import backup_journal
        from journal.store.source_import import import_source

        if self.previewed is None:
            return
        try:
            saved = backup_journal(self.journal.conn, self.journal.path)
            report = import_source(self.journal, self.previewed, today=self.today)
        except JournalError as error:
            self._say("", str(error))
            return
        self.app.notify(f"Backed up first, to {saved}", title="Imported")
        self.dismiss(report)

    @on(Button.Pressed, "#cancel")
    def cancel(self) -> None:
        self.dismiss(None)

    def _say(self, preview: str, error: str) -> None:
        self.query_one("#import-preview", Static).update(preview)
        self.query_one("#form-error", Static).update(error)
