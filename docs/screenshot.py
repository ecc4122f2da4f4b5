"""Regenerate docs/screenshot.svg, the README's picture: the demo journal on a fixed day.

python docs/screenshot.py
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from journal.store import open_journal
from journal.store.demo import fill_demo
from journal.ui.app import create_app

TODAY = dt.date(2026, 11, 26)
HERE = Path(__file__).resolve().parent


async def snap(pilot) -> None:
    await pilot.press("down", "8", "full_stop", "5", "enter", "4")
    await pilot.pause()
    pilot.app.save_screenshot(filename="screenshot.svg", path=str(HERE))
    pilot.app.exit()


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        journal = open_journal(Path(folder) / "journal.db")
        fill_demo(journal, TODAY, 84, seed=1)
        app = create_app(journal, today=TODAY)
        app.run(headless=True, size=(100, 30), auto_pilot=snap)
        journal.close()


if __name__ == "__main__":
    main()
