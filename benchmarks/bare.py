"""The references: Textual apps with nothing of the journal in them.

python benchmarks/bare.py static    one Static ("Offseason")
python benchmarks/bare.py tabs      a TabbedContent of six panes, f2-f7 switching them as in the journal
"""

from __future__ import annotations

import sys
from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Footer, Static, TabbedContent, TabPane

PANES = ("today", "checklist", "goals", "trends", "review", "training")


class Bare(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("Offseason")


class Tabs(App[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        *(Binding(f"f{number}", f"show('{pane}')", pane.title()) for number, pane in enumerate(PANES, start=2)),
        Binding("ctrl+q", "quit", "Quit"),
    ]

    def compose(self) -> ComposeResult:
        with TabbedContent(initial="today"):
            for pane in PANES:
                with TabPane(pane.title(), id=pane):
                    yield Static(f"The {pane} pane's data")
        yield Footer()

    def action_show(self, pane: str) -> None:
        self.query_one(TabbedContent).active = pane


if __name__ == "__main__":
    (Tabs if sys.argv[1:] == ["tabs"] else Bare)().run()
