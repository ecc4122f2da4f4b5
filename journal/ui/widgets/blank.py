"""Containers that draw nothing of their own: no border, no text, only their background behind their widgets.

Textual draws every widget on screen a line at a time, the containers behind the others
too, and cuts each line at every edge of the widgets on it, keeping the pieces for the next
frame: a pane held thousands of such pieces, a kilobyte each, of backgrounds never seen,
and made them again each time it was shown. A container marked BLANK (Textual's own flag,
for a widget with no border and no content) draws one blank line of its background for all
its lines, cut once for each set of edges; it looks the same.
"""

from __future__ import annotations

from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import ContentSwitcher, TabbedContent


class BlankHorizontal(Horizontal):
    """A row of widgets, with no border of its own (Textual's BLANK: see the module)."""

    BLANK = True


class BlankVertical(Vertical):
    """A column of widgets, with no border of its own (Textual's BLANK: see the module)."""

    BLANK = True


class BlankScroll(VerticalScroll):
    """A scrolling column of widgets, with no border of its own (Textual's BLANK: see the module)."""

    BLANK = True


class BlankScreen(Screen[None]):
    """The app's own screen, under the panes (Textual's BLANK: see the module)."""

    BLANK = True


class BlankTabs(TabbedContent):
    """The panes' tabs: Textual's TabbedContent, which, like the ContentSwitcher it holds the panes in, draws
    no border and no text (Textual's BLANK: see the module)."""

    BLANK = True

    def on_mount(self) -> None:
        for switcher in self.query_children(ContentSwitcher):
            # Textual's TabbedContent makes its switcher itself: marked here, before anything is drawn.
            switcher.BLANK = True  # type: ignore[misc]
