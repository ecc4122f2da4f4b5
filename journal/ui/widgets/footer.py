"""The footer: Textual's, keeping the keys of each pane it has shown, to show them again as they were drawn."""

from __future__ import annotations

from typing import NamedTuple

from textual.app import ComposeResult
from textual.containers import HorizontalGroup
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

KEPT = 8
"""How many sets of keys the footer keeps (hidden) besides the one it shows: enough for every pane's."""


class Shown(NamedTuple):
    """What the footer shows of a key."""

    key: str
    display: str
    description: str
    action: str
    enabled: bool
    tooltip: str


class KeySet(HorizontalGroup):
    """The keys the footer shows together, those of a pane (or of a widget in it), in a row as wide as they are."""

    DEFAULT_CSS = """
    KeySet {
        width: auto;
        height: 1;
    }
    """

    def __init__(self, keys: tuple[object, ...], *children: FooterKey) -> None:
        super().__init__(*children)
        self.keys = keys


class KeysFooter(Footer):
    """Textual's Footer, which composes its keys again each time the screen's bindings may have changed
    (every change of focus, several times a pane switch): here nothing happens while the keys it would show
    are the same, and a new set of keys is composed once. Each set is kept, hidden, while another is shown:
    a pane switched back to shows its keys again as they were drawn, with nothing mounted or drawn again.
    """

    _shown: tuple[object, ...] | None = None
    _palette: Shown | None = None
    _composed = False  # the keys on show are Textual's footer's own, composed

    def compose(self) -> ComposeResult:
        # Textual's footer composes its keys only for groups of keys (see `recompose`).
        if self._bindings_ready and self._keys() is None:
            yield from super().compose()

    def _keys(self) -> tuple[list[Shown], Shown | None] | None:
        """The keys to show, as Footer.compose shows them, and the command palette's key; None when a group
        of keys is shown together (Footer.compose draws those)."""
        keys: list[Shown] = []
        actions: set[str] = set()
        for _, binding, enabled, tooltip in self.screen.active_bindings.values():
            if not binding.show:
                continue
            if binding.group is not None:
                return None
            if binding.action in actions:  # Footer.compose shows the first key of an action
                continue
            actions.add(binding.action)
            display = self.app.get_key_display(binding)
            keys.append(Shown(binding.key, display, binding.description, binding.action, enabled, tooltip))
        palette: Shown | None = None
        if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
            found = self.screen.active_bindings.get(self.app.COMMAND_PALETTE_BINDING)
            if found is not None:
                _, binding, enabled, _ = found
                palette = Shown(
                    binding.key,
                    self.app.get_key_display(binding),
                    binding.description,
                    binding.action,
                    enabled,
                    binding.tooltip or binding.description,
                )
        return keys, palette

    def shown_keys(self) -> tuple[object, ...]:
        """What the footer shows: drawn again when this changes."""
        return (self._keys(), self.show_command_palette, self.combine_groups, self.compact)

    def keys_on_show(self) -> list[FooterKey]:
        """The keys the footer shows now, in their order, the command palette's last."""
        return [
            key
            for key in self.query(FooterKey)
            if key.display and (key.parent is self or (isinstance(key.parent, KeySet) and key.parent.display))
        ]

    async def recompose(self) -> None:
        if not self.is_attached:
            return
        shown = self.shown_keys()
        if shown == self._shown:
            return
        self._shown = shown
        wanted = self._keys()
        if wanted is None or self._composed:  # what Textual's footer composed goes; it composes groups of keys
            self._palette, self._composed = None, wanted is None
            await super().recompose()
            if wanted is None:
                return
        keys, palette = wanted
        with self.app.batch_update():
            await self._show_set(shown, keys)
            await self._show_palette(palette)

    async def _show_set(self, shown: tuple[object, ...], keys: list[Shown]) -> None:
        """Show the set of keys `keys` (kept as `shown`), composing it if it is new; hide the others."""
        sets = list(self.query_children(KeySet))
        wanted = next((each for each in sets if each.keys == shown), None)
        for each in sets:
            each.display = each is wanted
        if wanted is not None:
            if wanted is not sets[-1]:
                self.move_child(wanted, after=sets[-1])  # the latest shown last
            return
        await self.mount(KeySet(shown, *(self._key(key) for key in keys)), after=sets[-1] if sets else None)
        if len(sets) >= KEPT:  # the sets shown longest ago go
            await self.remove_children(sets[: len(sets) - KEPT + 1])

    async def _show_palette(self, palette: Shown | None) -> None:
        """The command palette's key, docked on the right."""
        if palette == self._palette:
            return
        self._palette = palette
        await self.remove_children(FooterKey)
        if palette is not None:
            await self.mount(self._key(palette, classes="-command-palette", bound=False))

    def _key(self, key: Shown, classes: str = "", *, bound: bool = True) -> FooterKey:
        """A key's widget, as Footer.compose makes it: compact as the footer is (`bound`), or, as the palette's
        key, compact always."""
        widget = FooterKey(
            key.key,
            key.display,
            key.description,
            key.action,
            disabled=not key.enabled,
            tooltip=key.tooltip,
            classes=classes,
        )
        return widget.data_bind(compact=Footer.compact) if bound else widget
