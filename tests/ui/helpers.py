"""Running the real app on a test journal, as the `journal` command builds it."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TypeVar
from weakref import WeakKeyDictionary

from textual.app import App
from textual.message import Message
from textual.notifications import Notification, Notify
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Input, TextArea

from journal.store import open_journal
from journal.ui.app import OffseasonApp, create_app
from journal.ui.widgets.score_sheet import ScoreSheet


def make_app(db_path: Path, today: dt.date) -> OffseasonApp:
    """The app on the journal at `db_path`, opened on `today`."""
    return create_app(open_journal(db_path), today=today)


_NOTICES: WeakKeyDictionary[App, list[Notification]] = WeakKeyDictionary()


def record_notices(app: App) -> list[Notification]:
    """Keep every notification the app posts, as Textual receives it (the app's own notify has had its say),
    for as long as the test needs it: a toast goes once its time is up."""
    if app in _NOTICES:
        return _NOTICES[app]
    notices = _NOTICES[app] = []
    post = app.post_message

    def posting(message: Message) -> bool:
        if isinstance(message, Notify):
            notices.append(message.notification)
        return post(message)

    app.post_message = posting  # type: ignore[method-assign]
    return notices


def notifications(app: App) -> list[Notification]:
    """Every notification the app has shown in `drive`, oldest first."""
    return _NOTICES[app]


def drive(app: OffseasonApp, scenario: Callable[[Pilot], Awaitable[None]], size: tuple[int, int] = (100, 30)) -> None:
    """Run `scenario` against the app in a headless terminal of `size`, its notifications recorded."""
    record_notices(app)

    async def main() -> None:
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await scenario(pilot)
        app.journal.close()

    asyncio.run(main())


async def type_text(pilot: Pilot, text: str) -> None:
    """Type like a person: one key at a time."""
    names = {" ": "space", ".": "full_stop", ",": "comma", "-": "minus", ":": "colon", "/": "slash"}
    await pilot.press(*(names.get(char, char) for char in text))


def sheet(pilot: Pilot) -> ScoreSheet:
    return pilot.app.query_one(ScoreSheet)


async def fill(pilot: Pilot, key: str, text: str) -> None:
    """Put the sheet's cursor on `key`, as a click would, clear the cell and type `text`."""
    scores = sheet(pilot)
    scores.focus()
    scores.move_to(key)
    await pilot.press("delete")
    await type_text(pilot, text)
    await pilot.pause()


def steady_cursors(pilot: Pilot) -> None:
    """No blinking cursor in a snapshot."""
    for widget in pilot.app.query(Input):
        widget.cursor_blink = False
    for widget in pilot.app.query(TextArea):
        widget.cursor_blink = False


async def open_note(pilot: Pilot) -> TextArea:
    """Go to the note as a person would (tab or click on it); its editor opens."""
    pilot.app.query_one("#note-preview").focus()
    for _ in range(20):
        await pilot.pause()
        if pilot.app.query("#note"):
            break
    return pilot.app.query_one("#note", TextArea)


PaneType = TypeVar("PaneType", bound=Widget)


async def settle(
    pilot: Pilot,
    pane_type: type[PaneType],
    ready: Callable[[PaneType], bool] = lambda pane: True,
) -> PaneType:
    """Wait until a lazily built pane has read and drawn its data (each pane loads in a worker)."""
    for _ in range(150):
        await pilot.pause(0.02)
        await pilot.app.workers.wait_for_complete()
        pane = pilot.app.query_one(pane_type)
        if pane.loaded and not pilot.app.workers and ready(pane):
            return pane
    raise AssertionError(f"{pane_type.__name__} did not settle")


async def first_training_session(pilot: Pilot) -> None:
    """Show the Training pane, drawn, with its list of sessions focused on the first one (a key then acts on it)."""
    from journal.ui.panes.training import TrainingPane
    from journal.ui.widgets.session_list import SessionList

    await pilot.press("f7")
    listed = (await settle(pilot, TrainingPane)).query_one(SessionList)
    listed.focus()
    listed.highlighted = 0
