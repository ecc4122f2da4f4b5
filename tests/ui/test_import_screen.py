"""Importing another app's export in the app: a preview first, the journal backed up, then the import."""

import datetime as dt

from textual.widgets import Button, Input, Static

from journal.domain.entries import DayEntry
from journal.store import open_journal
from journal.store.entries import get_entry, save_entry
from journal.ui.screens.import_screen import ImportScreen
from tests.content import journal_content
from tests.ui.helpers import drive, make_app, notifications

WELLNESS = "date,restingHR,hrv,sleepSecs\r\n{day},48,71.4,27000\r\n"


async def preview(pilot, path: str, tz: str = "") -> ImportScreen:
    pilot.app.action_import_from()
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ImportScreen)
    screen.query_one("#import-path", Input).value = path
    screen.query_one("#import-tz", Input).value = tz
    await pilot.click("#preview")
    for _ in range(100):
        await pilot.pause(0.02)
        if str(screen.query_one("#import-preview", Static).render()) or str(
            screen.query_one("#form-error", Static).render()
        ):
            break
    return screen


def test_a_preview_then_the_import_keeping_what_was_typed(db_path, tmp_path, today):
    yesterday = today - dt.timedelta(days=1)
    with open_journal(db_path) as journal:
        save_entry(journal, DayEntry(yesterday, sleep_hours=6.0))
    path = tmp_path / "wellness.csv"
    path.write_text(WELLNESS.format(day=yesterday))
    state = {}

    async def scenario(pilot):
        screen = await preview(pilot, str(path))
        shown = str(screen.query_one("#import-preview", Static).render())
        assert shown.startswith(
            "An intervals.icu wellness CSV:\nvalues of days: would add 2, would keep the journal's 1"
        )
        state["after preview"] = journal_content(db_path)
        assert not screen.query_one("#import", Button).disabled
        await pilot.click("#import")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, ImportScreen)
        assert any(notice.title == "Imported" for notice in notifications(pilot.app))

    before = journal_content(db_path)
    drive(make_app(db_path, today), scenario)
    assert state["after preview"] == before, "the preview writes nothing"
    with open_journal(db_path) as journal:
        day = get_entry(journal, yesterday)
    assert (day.sleep_hours, day.resting_hr, day.hrv, day.hrv_method) == (6.0, 48, 71.4, "rmssd")
    assert list((tmp_path / "home").rglob("*.db")), "the journal was backed up before the import"


def test_a_file_it_cannot_read_is_said_and_nothing_changes(db_path, tmp_path, today):
    path = tmp_path / "notes.txt"
    path.write_text("just some notes\n")

    async def scenario(pilot):
        screen = await preview(pilot, str(path))
        assert "is not an export of an app the journal knows" in str(screen.query_one("#form-error", Static).render())
        assert screen.query_one("#import", Button).disabled
        screen.query_one("#import-path", Input).value = str(tmp_path / "missing.csv")
        await pilot.pause()
        assert screen.query_one("#import", Button).disabled

    open_journal(db_path).close()
    before = journal_content(db_path)
    drive(make_app(db_path, today), scenario)
    assert journal_content(db_path) == before


def test_a_time_zone_that_names_a_file_is_said_and_nothing_changes(db_path, tmp_path, today):
    path = tmp_path / "wellness.csv"
    path.write_text(WELLNESS.format(day=today.isoformat()))

    async def scenario(pilot):
        screen = await preview(pilot, str(path), tz="/etc/passwd")
        assert "unknown time zone '/etc/passwd'" in str(screen.query_one("#form-error", Static).render())
        assert screen.query_one("#import", Button).disabled

    open_journal(db_path).close()
    before = journal_content(db_path)
    drive(make_app(db_path, today), scenario)
    assert journal_content(db_path) == before
