"""The form for adding or editing a checklist item."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from textual.widget import Widget
from textual.widgets import Input, Select

from journal.domain.checklist import ITEM_KINDS, ChecklistItem
from journal.ui.screens.form import FormScreen

# (title, kind, target, description) -> the stored item; raises InvalidInput to refuse.
SaveItem = Callable[[str, str, str, str], ChecklistItem]


class ItemFormScreen(FormScreen[ChecklistItem]):
    """Title, kind, target per week and a description."""

    AUTO_FOCUS = "#item-title"

    def __init__(self, heading: str, save: SaveItem, item: ChecklistItem | None = None) -> None:
        super().__init__(heading, save)
        self.item = item

    def fields(self) -> Iterable[tuple[str, Widget]]:
        item = self.item
        yield "Title", Input(item.title if item else "", placeholder="Hill sprints", id="item-title", compact=True)
        yield (
            "Kind",
            Select(
                [(kind, kind) for kind in ITEM_KINDS],
                value=item.kind if item else "other",
                allow_blank=False,
                id="item-kind",
                compact=True,
            ),
        )
        yield (
            "Per week",
            Input(str(item.target) if item else "1", type="integer", placeholder="1-7", id="item-target", compact=True),
        )
        yield (
            "About",
            Input(
                item.description if item else "",
                placeholder="8 x 10 s uphill, walk back",
                id="item-description",
                compact=True,
            ),
        )

    def values(self) -> tuple[str, str, str, str]:
        return (
            self.text("#item-title"),
            str(self.query_one("#item-kind", Select).value),
            self.text("#item-target"),
            self.text("#item-description"),
        )
