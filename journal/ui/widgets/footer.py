"""The footer: Textual's, composed again only when the keys it shows change."""

from __future__ import annotations

from textual.widgets import Footer


class KeysFooter(Footer):
    """Textual's Footer, which composes its keys again each time the screen's bindings may have changed
    (every change of focus, several times a pane switch): here only when the keys it would show differ.
    """

    _shown: tuple[tuple[object, ...], ...] | None = None

    def shown_keys(self) -> tuple[tuple[object, ...], ...]:
        """What the footer shows of each key: composed again when this changes."""
        palette = self.app.COMMAND_PALETTE_BINDING
        keys = tuple(
            (binding.key, self.app.get_key_display(binding), binding.description, binding.action, enabled, tooltip)
            for key, (_, binding, enabled, tooltip) in self.screen.active_bindings.items()
            if binding.show or key == palette
        )
        return (*keys, (self.show_command_palette, self.combine_groups))

    async def recompose(self) -> None:
        if not self.is_attached:
            return
        shown = self.shown_keys()
        if shown == self._shown:
            return
        self._shown = shown
        await super().recompose()
