"""A theme file as the Textual theme the app registers."""

from __future__ import annotations

from textual.theme import Theme

from journal.config.themes import ThemeFile


def textual_theme(theme: ThemeFile) -> Theme:
    """The Textual Theme a checked theme file describes."""
    return Theme(**{**theme.fields, "variables": dict(theme.fields.get("variables", {}))})
