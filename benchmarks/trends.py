"""In-process figures for the trends: a save that redraws every sparkline and flag, and the "all" range.

    python benchmarks/trends.py TEN_YEAR.db HUNDRED_YEAR.db

Prints, one per line, `name milliseconds`:
- save-refresh: saving the day on the Today pane and redrawing its recent days,
  sparklines and flags, on the 10-year journal (median of 31 saves; the target is
  one frame, 16 ms);
- undo: ctrl+z on a saved day of the 10-year journal: the rows put back, every
  pane told, and the day redrawn (median of 31 undos; the target is one frame);
- all-range-read: reading the Trends pane's "all" range on the 100-year journal,
  which runs on a worker thread;
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


async def all_range(path: Path) -> tuple[float, float]:
    from journal.store import open_journal
    from journal.ui.app import create_app
    from journal.ui.panes.trends import TrendsPane

    app = create_app(open_journal(path), today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f5")
        pane = app.query_one(TrendsPane)
        while pane.trends is None or app.workers:
            await pilot.pause(0.01)
        stall = 0.0
        last = time.perf_counter()

        def tick() -> None:
            nonlocal stall, last
            now = time.perf_counter()
            stall = max(stall, now - last)
            last = now

        app.set_interval(0.005, tick)
        await pilot.pause(0.05)
        stall, last = 0.0, time.perf_counter()
        started = time.perf_counter()
        await pilot.press("4")
        while pane.range != "all" or pane.trends is None or pane.trends.per_cell == 1 or app.workers:
            await pilot.pause(0.005)
        read = time.perf_counter() - started
        app.exit()
    app.journal.close()
    return read * 1000, stall * 1000


def main() -> None:
    ten, hundred = Path(sys.argv[1]), Path(sys.argv[2])
    print(f"save-refresh {asyncio.run(save_refresh(ten)):.2f}")
    print(f"undo {asyncio.run(undo(ten)):.2f}")
    read, stall = asyncio.run(all_range(hundred))
    print(f"all-range-read {read:.1f}")
    print(f"all-range-stall {stall:.1f}")


if __name__ == "__main__":
    main()
