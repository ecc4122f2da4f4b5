"""The Goals pane: offseason goals in to do / doing / done, with progress from the journal.

Its widgets are built, and the goals read, the first time the pane is shown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from contextlib import nullcontext
from typing import TYPE_CHECKING, ClassVar, TypeVar

from textual import events
from textual.app import ComposeResult
from textual.await_remove import AwaitRemove
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.reactive import var
from textual.widget import AwaitMount, Widget
from textual.widgets import Label, Static

from journal.errors import JournalError
from journal.store.db import Journal
from journal.ui.panes.lazy import LazyPane, after_any_load, uncancelled
from journal.ui.widgets.blank import BlankHorizontal

if TYPE_CHECKING:
    from journal.domain.goals import Goal
    from journal.ui.widgets.goal_card import GoalCard

Written = TypeVar("Written")

BOARD = ("todo", "doing", "done")


class CardColumn(VerticalScroll, inherit_bindings=False, can_focus=False):
    """A column of cards that scrolls to the card in focus; the arrows move between cards, not the view."""

    BLANK = True  # no border or text of its own (see journal.ui.widgets.blank)

    def live(self) -> list[GoalCard]:
        """The cards in the column, in order, but for those leaving it."""
        from journal.ui.widgets.goal_card import GoalCard

        return [card for card in self.children if isinstance(card, GoalCard) and not card.leaving]

    def place(self, placed: list[tuple[GoalCard, bool]]) -> list[AwaitMount]:
        """Put the cards in this order: mount the new ones (marked True) in their places, together where they
        come together, and move the others only if their order has changed."""
        kept = [card for card, new in placed if not new]
        reorder = [card for card in self.live() if card in kept] != kept
        mounted: list[AwaitMount] = []
        after: GoalCard | None = None  # the card the next one goes after; None: at the top
        waiting: list[GoalCard] = []

        def mount_waiting() -> None:
            nonlocal after, waiting
            if waiting:
                mounted.append(self.mount(*waiting, after=after) if after else self.mount(*waiting, before=0))
                after, waiting = waiting[-1], []

        for card, new in placed:
            if new:
                waiting.append(card)
                continue
            mount_waiting()
            if reorder:
                self.move_child(card, after=after) if after else self.move_child(card, before=0)
            after = card
        mount_waiting()
        return mounted


class GoalColumn(Vertical):
    """A column of the board: its title, with the number of goals, over its cards."""

    BLANK = True  # no border or text of its own (see journal.ui.widgets.blank)

    def __init__(self, status: str, title: str, cards: list[GoalCard]) -> None:
        self.status = status
        self.leaving = False  # no longer on the board (the dropped goals hidden again), soon removed
        self.removed = False
        self.heading = Label(title, classes="column-title")
        self.cards = CardColumn(*cards, classes="column-cards")
        super().__init__(self.heading, self.cards, classes=f"goal-column column-{status}")


async def every(awaitables: list[AwaitMount] | list[AwaitRemove]) -> None:
    """Await each of `awaitables` (mounts or removals), in turn."""
    for awaitable in awaitables:
        await awaitable


class GoalsPane(LazyPane, can_focus=True):
    """Three columns of goal cards, moved by key or by the arrows on a card.

    The pane itself takes the focus when the board is empty, so its keys still work.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "step(-1, 0)", "Up", show=False),
        Binding("down", "step(1, 0)", "Down", show=False),
        Binding("left", "step(0, -1)", "Left", show=False),
        Binding("right", "step(0, 1)", "Right", show=False),
        Binding("shift+right", "move(1)", "Move →", tooltip="Move the goal to the next column", id="goals.move_right"),
        Binding(
            "shift+left",
            "move(-1)",
            "Move ←",
            show=False,
            tooltip="Move the goal to the column before",
            id="goals.move_left",
        ),
        Binding("shift+up", "reorder(-1)", "Up", show=False, tooltip="Move the goal up its column", id="goals.move_up"),
        Binding(
            "shift+down",
            "reorder(1)",
            "Down",
            show=False,
            tooltip="Move the goal down its column",
            id="goals.move_down",
        ),
        Binding("a", "add_goal", "Add", tooltip="Add a goal", id="goals.add"),
        Binding("e,enter", "edit_goal", "Edit", key_display="e", tooltip="Edit the goal", id="goals.edit"),
        Binding(
            "delete,x",
            "delete_goal",
            "Delete",
            show=False,
            key_display="delete",
            tooltip="Delete the goal (asks first)",
            id="goals.delete",
        ),
        Binding("s", "assess", "Assess", tooltip="Start a season assessment", id="goals.assess"),
        Binding(
            "d", "toggle_dropped", "Dropped", show=False, tooltip="Show or hide the dropped goals", id="goals.dropped"
        ),
    ]
    PALETTE: ClassVar[list[tuple[str, str]]] = [
        ("Add a goal", "goals.add"),
        ("Start the season assessment", "goals.assess"),
        ("Goals: edit the goal", "goals.edit"),
        ("Goals: move the goal to the next column", "goals.move_right"),
        ("Goals: move the goal to the column before", "goals.move_left"),
        ("Goals: move the goal up", "goals.move_up"),
        ("Goals: move the goal down", "goals.move_down"),
        ("Goals: delete the goal", "goals.delete"),
        ("Goals: show or hide the dropped goals", "goals.dropped"),
    ]

    show_dropped: var[bool] = var(False, init=False)
    """Whether the board has a fourth column, of the dropped goals; setting it draws the board."""

    DRAWN_HIDDEN = True  # cards measured as they are laid out: the board is drawn before the pane is first shown

    def __init__(self, journal: Journal, today: dt.date) -> None:
        super().__init__("Goals", id="goals", journal=journal, today=today)
        self.goal_in_focus: int | None = None  # the card the board keeps in focus as it is drawn again

    def compose(self) -> ComposeResult:
        yield Static("", id="goals-bar")
        yield BlankHorizontal(id="board")

    def watch_show_dropped(self) -> None:
        self.load()

    def shown(self) -> None:
        # Back on a board already drawn, its card in focus takes the focus again (the app let go of it to
        # switch panes); a board still to be drawn takes it as it is drawn.
        if any(self._columns()):
            self._take_focus()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        from journal.ui.widgets.goal_card import GoalCard

        if isinstance(event.widget, GoalCard):
            self.goal_in_focus = event.widget.goal.id

    def focus_goal(self, goal_id: int | None) -> None:
        """Draw the board again with this goal's card in focus (None: the first card)."""
        self.goal_in_focus = goal_id
        self.load()

    # -- drawing -----------------------------------------------------------------

    async def draw(self) -> None:
        """Read the goals and their progress, and show them on the board.

        The board is drawn in place: a card already on it shows its goal as it is now, and only the
        cards of goals that came, went or changed column are mounted or removed.
        """
        from journal.store.goals import list_goals, with_progress

        goals = with_progress(self.journal, list_goals(self.journal), self.today)
        board = self.query_one("#board", Horizontal)
        # Laid out and drawn once, at the end: never a card in two columns. A board drawn before it is first shown
        # holds nothing back: nothing of it is on screen, and every other frame, a key's say, would wait for it.
        with nullcontext() if self.drawing_hidden else self.app.batch_update():
            await uncancelled(every(self._arrange(board, goals)))
            hidden = self.drawing_hidden  # still hidden: the focus stays where it is
            if not self.display and not hidden:
                self.stale = True  # hidden meanwhile, or the app is closing: the rest is drawn when next shown
                return
            self._show_bar(goals)
            if not hidden:
                self._take_focus()
            await uncancelled(every(self._prune(board)))

    def _arrange(self, board: Horizontal, goals: list[tuple[Goal, float | None]]) -> list[AwaitMount]:
        """Put every card in its column and place, mounting what is new; cards and columns no longer wanted
        are marked as leaving (`_prune` removes them). Nothing here waits, so a load cancelled meanwhile
        never leaves the board half arranged: the next one starts from what is there."""
        from journal.domain.goals import STATUS_LABELS
        from journal.ui.widgets.goal_card import GoalCard

        statuses = (*BOARD, "dropped") if self.show_dropped else BOARD
        mounted: list[AwaitMount] = []
        columns = {column.status: column for column in board.query_children(GoalColumn) if not column.leaving}
        for status, shown in columns.items():
            shown.leaving = status not in statuses
        for status in statuses:
            wanted = [(goal, value) for goal, value in goals if goal.status == status]
            title = f"{STATUS_LABELS[status]} ({len(wanted)})"
            if status not in columns:
                mounted.append(
                    board.mount(
                        GoalColumn(status, title, [GoalCard(goal, value, self.today) for goal, value in wanted])
                    )
                )
                continue
            column = columns[status]
            if str(column.heading.content) != title:
                column.heading.update(title)
            here = {card.goal.id: card for card in column.cards.live()}
            placed: list[tuple[GoalCard, bool]] = []  # each card in its place, and whether it is new
            for goal, value in wanted:
                card = here.pop(goal.id, None)
                if card is None:
                    placed.append((GoalCard(goal, value, self.today), True))
                else:
                    card.show(goal, value, self.today)
                    placed.append((card, False))
            for card in here.values():
                card.leaving = True
            mounted.extend(column.cards.place(placed))
        return mounted

    def _show_bar(self, goals: list[tuple[Goal, float | None]]) -> None:
        overdue = sum(goal.overdue(self.today) for goal, _ in goals)
        dropped = sum(goal.status == "dropped" for goal, _ in goals)
        on_board = sum(goal.status != "dropped" for goal, _ in goals)
        parts = [f"{on_board} goal{'' if on_board == 1 else 's'}"]
        if overdue:
            parts.append(f"{overdue} overdue")
        if dropped and not self.show_dropped:
            parts.append(f"{dropped} dropped (d shows them)")
        if not goals:
            parts = ["No goals yet: press s to look back on your season, or a to add one"]
        bar = self.query_one("#goals-bar", Static)
        if str(bar.content) != (text := " · ".join(parts)):
            bar.update(text)

    def _card_in_focus(self) -> GoalCard | None:
        """The card kept in focus (or the first); None on an empty board."""
        cards = [card for column in self._columns() for card in column]
        return next((card for card in cards if card.goal.id == self.goal_in_focus), cards[0] if cards else None)

    @property
    def focus_target(self) -> Widget | None:
        if not self.loaded or self.stale or self.load_running:
            return None  # the board takes the focus as it is drawn
        return self._card_in_focus() or self

    def _take_focus(self) -> None:
        """Put the focus on the card kept in focus (or the first), or on the pane when the board is empty."""
        if self.screen is self.app.screen:
            # Only a board on show takes the focus: a focus in a hidden pane would switch to it.
            target = self._card_in_focus()
            self.screen.set_focus(target or self)  # at once, before a card that had it is removed
            if target is not None:  # once laid out, the card in focus is on screen, however far down its column
                self.call_after_refresh(target.scroll_visible, animate=False)

    def _prune(self, board: Horizontal) -> list[AwaitRemove]:
        """Remove the cards and columns marked as leaving (once the focus has moved off them)."""
        from journal.ui.widgets.goal_card import GoalCard

        gone: list[GoalColumn | GoalCard] = []
        for column in board.query_children(GoalColumn):
            if column.leaving:
                gone.append(column)
            else:
                gone.extend(card for card in column.cards.query_children(GoalCard) if card.leaving)
        removals = []
        for widget in gone:
            if not widget.removed:
                widget.removed = True
                removals.append(widget.remove())
        return removals

    # -- moving around -----------------------------------------------------------

    def _columns(self) -> list[list[GoalCard]]:
        """The cards on the board, column by column."""
        board = self.query_one("#board", Horizontal)
        return [column.cards.live() for column in board.query_children(GoalColumn) if not column.leaving]

    def _focused(self) -> GoalCard | None:
        from journal.ui.widgets.goal_card import GoalCard

        focused = self.screen.focused
        return focused if isinstance(focused, GoalCard) else None

    def action_step(self, rows: int, columns: int) -> None:
        grid = self._columns()
        card = self._focused()
        if card is None:
            first = next((column[0] for column in grid if column), None)
            if first is not None:
                first.focus()
            return
        column = next(i for i, cards in enumerate(grid) if card in cards)
        row = grid[column].index(card)
        if columns:
            target_column = column + columns
            while 0 <= target_column < len(grid) and not grid[target_column]:
                target_column += columns
            if 0 <= target_column < len(grid):
                grid[target_column][min(row, len(grid[target_column]) - 1)].focus()
        elif 0 <= row + rows < len(grid[column]):
            grid[column][row + rows].focus()

    @after_any_load
    def action_move(self, step: int) -> None:
        card = self._focused()
        if card is not None:
            self._move(card.goal, step)

    def on_goal_card_move_asked(self, event: GoalCard.MoveAsked) -> None:
        if not self.load_running:  # a click on a card being redrawn is on what is no longer there
            self._move(event.card.goal, event.step)

    def _move(self, goal: Goal, step: int) -> None:
        from journal.domain.goals import STATUS_LABELS
        from journal.store.goals import move_goal

        statuses = (*BOARD, "dropped")
        index = statuses.index(goal.status) + step
        if not 0 <= index < len(statuses) or (
            statuses[index] == "dropped" and not self.show_dropped and step > 0 and goal.status != "done"
        ):
            return
        try:
            moved = self._record(
                f"moved {goal.title} to {STATUS_LABELS[statuses[index]]}",
                goal.number,
                lambda: move_goal(self.journal, goal.number, statuses[index], today=self.today),
            )
        except JournalError as error:
            self.notify(str(error), severity="error")
            return
        if moved.status == "dropped":
            self.show_dropped = True  # where it went stays on show
        self.focus_goal(goal.number)

    @after_any_load
    def action_reorder(self, step: int) -> None:
        from journal.store.goals import move_goal

        card = self._focused()
        if card is None:
            return
        column = next(cards for cards in self._columns() if card in cards)
        position = column.index(card) + step
        if 0 <= position < len(column):
            goal = card.goal
            try:
                self._record(
                    f"moved {goal.title} {'up' if step < 0 else 'down'}",
                    goal.number,
                    lambda: move_goal(self.journal, goal.number, goal.status, today=self.today, position=position),
                )
            except JournalError as error:
                self.notify(str(error), severity="error")
                return
            self.focus_goal(goal.number)

    def action_toggle_dropped(self) -> None:
        self.show_dropped = not self.show_dropped

    def show_change(self, goal_id: int | None = None) -> None:
        """Show the board an undo or redo changed, with the goal it changed in focus (if it names one)."""
        self.focus_goal(self.goal_in_focus if goal_id is None else goal_id)

    def _record(self, what: str, goal_id: int | None, write: Callable[[], Written]) -> Written:
        """Make a change to the board, which undo can take back."""
        from journal.store.undo import GOALS

        return self.shell.history.record(what, ("goals", goal_id), GOALS, write)

    # -- adding, editing, deleting -----------------------------------------------

    def action_add_goal(self) -> None:
        from journal.store.goals import add_goal
        from journal.ui.screens.goal_forms import GoalFormScreen

        self.app.push_screen(
            GoalFormScreen(
                "Add a goal",
                lambda goal: self._record(
                    f"added {goal.title}", None, lambda: add_goal(self.journal, goal, today=self.shell.today)
                ),
            ),
            self._saved,
        )

    def action_edit_goal(self) -> None:
        from journal.store.goals import update_goal
        from journal.ui.screens.goal_forms import GoalFormScreen

        card = self._focused()
        if card is None:
            return
        goal = card.goal

        def save(changed: Goal) -> Goal:
            return self._record(
                f"edited {goal.title}",
                goal.number,
                lambda: update_goal(
                    self.journal,
                    goal.number,
                    title=changed.title,
                    category=changed.category,
                    due=changed.due,
                    note=changed.note,
                    measure=changed.measure,
                ),
            )

        self.app.push_screen(GoalFormScreen(f"Edit {goal.title}", save, goal), self._saved)

    def _saved(self, goal: Goal | None) -> None:
        if goal is not None:
            self.focus_goal(goal.number)
            self.notify(f"Saved {goal.title}")

    def action_delete_goal(self) -> None:
        from journal.store.goals import remove_goal
        from journal.ui.screens.dialogs import ChoiceScreen

        card = self._focused()
        if card is None:
            return
        goal = card.goal

        column = next(cards for cards in self._columns() if card in cards)
        index = column.index(card)
        # The focus stays where it was: on the next card down, or the one above.
        neighbour = column[index + 1] if index + 1 < len(column) else (column[index - 1] if index else None)

        def decided(choice: str | None) -> None:
            if choice == "delete":
                try:
                    self._record(f"deleted {goal.title}", goal.number, lambda: remove_goal(self.journal, goal.number))
                except JournalError as error:
                    self.notify(str(error), severity="error")
                    return
                self.focus_goal(neighbour.goal.number if neighbour else None)
                self.notify(f"Deleted {goal.title}")

        self.app.push_screen(
            ChoiceScreen(
                f"Delete {goal.title}?",
                "Only undo (ctrl+z) brings it back, while the journal is open. Moving it to Dropped keeps it instead.",
                [("delete", "Delete", "error", "y"), ("cancel", "Keep it", "default", "escape")],
                default="cancel",
            ),
            decided,
        )

    def action_assess(self) -> None:
        from journal.store.goals import propose_goals, save_assessment
        from journal.store.sites import list_sites
        from journal.ui.screens.goal_forms import AssessmentScreen

        def added(goals: list[Goal] | None) -> None:
            if goals:
                self.focus_goal(goals[0].number)
                self.notify(f"Added {len(goals)} goals to the board")

        self.app.push_screen(
            AssessmentScreen(
                list_sites(self.journal),
                lambda assessment: propose_goals(self.journal, assessment, self.shell.today),
                lambda assessment, kept: self._record(
                    f"added the assessment's {len(kept)} goals",
                    None,
                    lambda: save_assessment(self.journal, assessment, kept, today=self.shell.today),
                ),
            ),
            added,
        )
