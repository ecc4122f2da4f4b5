"""A form on something another window or a journal command may change while it is open: a session, a week's answers.

Nothing saved elsewhere meanwhile is overwritten unseen. The form saves against what
it opened (`since`); when a field it changes was changed elsewhere too, to another
value, the store refuses the save (`ChangedHereAndElsewhere`) and the form asks, as
the Today pane does for a day, showing both values of each such field: “Save mine”
saves again against what is stored now, “Load theirs” shows it in the form, “Keep
editing” goes back to the form with nothing saved.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from journal.store.entries import ChangedHereAndElsewhere
from journal.ui.screens.dialogs import changed_elsewhere
from journal.ui.screens.form import FormScreen

Saved = TypeVar("Saved")


class MergeFormScreen(FormScreen[Saved], Generic[Saved]):
    THING = "entry"  # what the form changes, in the question: 'this session changed elsewhere'

    since: Any = None
    """What the next save is made against: what the form opened, or what was stored when the runner chose
    “Save mine” or “Load theirs”."""

    @property
    def label(self) -> str:
        """What the form changes, named in the question's title: 'The run of Thu 26 Nov'."""
        raise NotImplementedError

    def clash_rows(self, clash: ChangedHereAndElsewhere) -> list[tuple[str, str, str]]:
        """(field, their value, your value) for each field both sides changed."""
        raise NotImplementedError

    def load(self, stored: Any) -> None:
        """Show `stored` in the form's fields, as if the form had been opened on it."""
        raise NotImplementedError

    def changed_elsewhere(self, clash: ChangedHereAndElsewhere) -> None:
        def decided(choice: str | None) -> None:
            if choice == "overwrite":
                self.since = clash.stored  # seen: mine goes onto it (a change made meanwhile is asked about again)
                self.submit()
            elif choice == "reload":
                self.since = clash.stored
                self.load(clash.stored)
                self.refresh(recompose=True)
                self.call_after_refresh(self._focus_first)

        self.app.push_screen(changed_elsewhere(self.label, self.clash_rows(clash), self.THING), decided)

    def _focus_first(self) -> None:
        fields = self.query(self.AUTO_FOCUS or "Input")
        if fields:
            fields.first().focus()
