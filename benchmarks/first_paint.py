"""Start an app headless, wait for its first frame, and quit: timed from outside by run.py.

python benchmarks/first_paint.py bare            a Textual app showing one Static
python benchmarks/first_paint.py journal PATH    the journal, on the journal at PATH
"""

from __future__ import annotations

import sys
import time


async def quit_after_first_frame(pilot) -> None:
    # The autopilot starts once the first frame has been displayed: say when
    # (on the system-wide monotonic clock, which the parent process shares).
    print(f"first-frame {time.monotonic()}", flush=True)
    pilot.app.exit()


def bare() -> None:
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("Offseason")

    Bare().run(headless=True, auto_pilot=quit_after_first_frame)


def journal(path: str) -> None:
    import journal.cli  # noqa: F401  (the command line is on the real start-up path)
    from journal.store import open_journal

    opened = open_journal(path)
    from journal.ui.app import create_app

    create_app(opened).run(headless=True, auto_pilot=quit_after_first_frame)


if __name__ == "__main__":
    if sys.argv[1] == "bare":
        bare()
    else:
        journal(sys.argv[2])
