"""Textual's TextArea for the runner's longer texts, without the keys the app keeps for itself."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import TextArea

# f6 and f7 select a line and all in a TextArea, but they show the Week and Training panes everywhere
# else in the app: in a note they would select what the next key then replaces.
_APP_KEYS = {"f6", "f7"}


class WritingArea(TextArea, inherit_bindings=False):
    """A TextArea whose own keys leave the app's function keys to the app."""

    BINDINGS: ClassVar[list[BindingType]] = [
        binding for binding in TextArea.BINDINGS if not (isinstance(binding, Binding) and binding.key in _APP_KEYS)
    ]
