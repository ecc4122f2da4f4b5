"""In-process figures for the trends: a save that redraws every sparkline and flag, and the "all" range.

    python benchmarks/trends.py TEN_YEAR.db HUNDRED_YEAR.db

Prints, one per line, `name milliseconds`:
- save-refresh: saving the day on the Today pane and redrawing its recent days,
  sparklines and flags, on the 10-year journal (median of 31 saves; the target is
  one frame, 16 ms);
- undo: ctrl+z on a saved day of the 10-year journal: the rows put back, every
  pane told, and the day redrawn (median of 31 undos; the target is one frame);
- session: logging a training session on the Today pane as its form saves it (its
  tick, a plan's decisions, the undo record) and redrawing the day's sessions, on the
  10-year journal, whose demo runs a return-to-run plan (median of 31; one frame);
- all-range-read: from the key press "4" on the Trends pane of the 100-year journal
  until its "all" range, read on a worker thread, is handed to the pane;
- all-range-drawn: from that key press to the end of the first frame that draws
  the "all" range (the target is 150 ms);
- all-range-stall: the longest the app's own loop went without running while that
  read was under way (a 5 ms timer that notes late ticks), which is what the runner feels.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import statistics
import sys
import time
from pathlib import Path

TODAY = dt.date(2026, 11, 26)


async def on_today(path: Path, scenario) -> float:
    """Run `scenario(app, pilot)` on the Today pane of the journal at `path`; its median, in ms."""
    from journal.store import open_journal
    from journal.ui.app import create_app

    app = create_app(open_journal(path), today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        samples = await scenario(app, pilot)
        app.exit()
    app.journal.close()
    return statistics.median(samples) * 1000


async def save_days(app, pilot) -> list[float]:
    """Save the day 31 times, each a change as typed; the time of each save and its redraw."""
    samples = []
    for run in range(31):
        app.today_pane.sheet.values["mood"] = str(1 + run % 5)
        started = time.perf_counter()
        assert app.today_pane.save()
        samples.append(time.perf_counter() - started)
        await pilot.pause()
    return samples


async def save_refresh(path: Path) -> float:
    return await on_today(path, save_days)


async def log_sessions(path: Path) -> float:
    async def scenario(app, pilot) -> list[float]:
        from journal.domain.sessions import Session
        from journal.ui.screens.session_form import PlanNews, save_session

        pane = app.today_pane
        samples = []
        for run in range(31):
            save = save_session(app.history, app.journal, "today", None, PlanNews())
            started = time.perf_counter()
            session = save(Session(TODAY, "strength" if run % 2 else "run", 30 + run, rpe=5), TODAY)
            pane._plan_news = PlanNews()
            pane._session_saved(session)
            samples.append(time.perf_counter() - started)
            await pilot.pause()
        return samples

    return await on_today(path, scenario)


async def undo(path: Path) -> float:
    async def scenario(app, pilot) -> list[float]:
        await save_days(app, pilot)  # the changes to undo
        samples = []
        for _ in range(31):
            started = time.perf_counter()
            app.action_undo()
            samples.append(time.perf_counter() - started)
            await pilot.pause()
        assert not app.history.done
        return samples

    return await on_today(path, scenario)


async def all_range(path: Path) -> tuple[float, float, float]:
    """The "all" range of the journal at `path` after the key press "4": read, drawn and the longest stall, in ms."""
    from journal.store import open_journal
    from journal.ui.app import create_app
    from journal.ui.panes.trends import TrendsPane
    from journal.ui.widgets.trend_table import TrendTable

    app = create_app(open_journal(path), today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f5")
        pane = app.query_one(TrendsPane)
        while pane.trends is None or app.workers:
            await pilot.pause(0.01)
        table = app.query_one(TrendTable)
        stall = 0.0
        last = time.perf_counter()

        def tick() -> None:
            nonlocal stall, last
            now = time.perf_counter()
            stall = max(stall, now - last)
            last = now

        # Read: the range is back from its thread and handed to the table. Drawn: the end of the first frame
        # holding a line of the table drawn from that range's series.
        read: float | None = None
        rendered = False
        drawn: float | None = None
        show, render_line, display = pane._show, table.render_line, app._display

        def note_read(trends) -> None:
            nonlocal read
            if read is None and trends is not None and trends.per_cell > 1:
                read = time.perf_counter()
            show(trends)

        def note_render(y: int):
            nonlocal rendered
            if pane.trends is not None and pane.trends.per_cell > 1 and table.series is pane.trends.series:
                rendered = True
            return render_line(y)

        def note_frame(screen, renderable) -> None:
            nonlocal drawn
            display(screen, renderable)
            if rendered and drawn is None:
                drawn = time.perf_counter()

        pane._show = note_read
        table.render_line = note_render
        app._display = note_frame
        app.set_interval(0.005, tick)
        await pilot.pause(0.05)
        stall, last = 0.0, time.perf_counter()
        started = time.perf_counter()
        await pilot.press("4")
        while read is None or drawn is None or app.workers:
            await pilot.pause(0.005)
        app.exit()
    app.journal.close()
    return (read - started) * 1000, (drawn - started) * 1000, stall * 1000


def main() -> None:
    ten, hundred = Path(sys.argv[1]), Path(sys.argv[2])
    print(f"save-refresh {asyncio.run(save_refresh(ten)):.2f}")
    print(f"undo {asyncio.run(undo(ten)):.2f}")
    print(f"session {asyncio.run(log_sessions(ten)):.2f}")
    read, drawn, stall = asyncio.run(all_range(hundred))
    print(f"all-range-read {read:.1f}")
    print(f"all-range-drawn {drawn:.1f}")
    print(f"all-range-stall {stall:.1f}")


if __name__ == "__main__":
    main()
