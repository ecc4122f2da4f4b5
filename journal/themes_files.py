"""Themes as TOML files: the built-in ones shipped with the package, and the runner's own.

A theme file holds a Textual `Theme`'s fields and, under `[variables]`, the
journal's own colours (see APP_VARIABLES). A file that cannot be read (not
TOML, an unknown key, a colour that is not one) is named in one line and
skipped; the others still load. Colours are hex (`#4EA8DE`). Nothing here
imports Textual until a theme is built, so `journal themes` stays fast.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

# The journal's own colours, with what they default to when a theme leaves them out.
APP_VARIABLES = {
    "pain-low": "$success",
    "pain-mid": "$warning",
    "pain-high": "$error",
    "spark": "$accent",
}
_FIELDS = {"name", "dark", "primary", "secondary", "warning", "error", "success", "accent", "foreground",
           "background", "surface", "panel", "boost", "luminosity_spread", "text_alpha", "variables"}
_COLOURS = _FIELDS - {"name", "dark", "luminosity_spread", "text_alpha", "variables"}
_HEX = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})")  # the one colour form theme files use


def user_themes_dir() -> Path:
    from platformdirs import user_config_path

    from journal.config import APP_NAME

    return user_config_path(APP_NAME, appauthor=False) / "themes"


@dataclass(frozen=True)
class ThemeFile:
    """A theme read from a file: its fields, checked, and where it came from."""

    name: str
    fields: dict
    source: str  # "built-in" or the file's path
    dark: bool

    def build(self):
        """The Textual Theme."""
        from textual.theme import Theme

        variables = {**self.fields.get("variables", {})}
        return Theme(**{**self.fields, "variables": variables})


class ThemeError(ValueError):
    """A theme file that cannot be used: the message names the file and why."""


def parse_theme(text: str, source: str) -> ThemeFile:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ThemeError(f"{source}: not TOML ({error})") from None
    unknown = sorted(set(data) - _FIELDS)
    if unknown:
        raise ThemeError(f"{source}: unknown key {unknown[0]!r}")
    name = data.get("name")
    if not isinstance(name, str) or not name.strip() or " " in name:
        raise ThemeError(f"{source}: a theme needs a name, one word like 'my-theme'")
    if "primary" not in data:
        raise ThemeError(f"{source}: a theme needs a primary colour")
    variables = data.get("variables", {})
    if not isinstance(variables, dict):
        raise ThemeError(f"{source}: [variables] is a table of name = colour")
    for key in [*(key for key in data if key in _COLOURS), *(f"variables.{key}" for key in variables)]:
        value = variables[key.split(".", 1)[1]] if key.startswith("variables.") else data[key]
        if not isinstance(value, str) or not _HEX.fullmatch(value):
            raise ThemeError(f"{source}: {key} = {value!r} is not a colour like '#4EA8DE'")
    if not isinstance(data.get("dark", True), bool):
        raise ThemeError(f"{source}: dark is true or false")
    for key in ("luminosity_spread", "text_alpha"):
        if key in data and not isinstance(data[key], (int, float)):
            raise ThemeError(f"{source}: {key} is a number")
    return ThemeFile(name, data, source, data.get("dark", True))


def builtin_themes() -> list[ThemeFile]:
    folder = resources.files("journal") / "themes"
    return [parse_theme(entry.read_text(encoding="utf-8"), "built-in")
            for entry in sorted(folder.iterdir(), key=lambda entry: entry.name) if entry.name.endswith(".toml")]


def user_themes(folder: Path | None = None) -> tuple[list[ThemeFile], list[str]]:
    """The runner's themes, and a line for each file that was skipped."""
    folder = folder or user_themes_dir()
    themes, problems = [], []
    if not folder.is_dir():
        return themes, problems
    for path in sorted(folder.glob("*.toml")):
        try:
            themes.append(parse_theme(path.read_text(encoding="utf-8"), str(path)))
        except (ThemeError, OSError, UnicodeDecodeError) as error:
            problems.append(str(error) if isinstance(error, ThemeError) else f"{path}: cannot read it ({error})")
    return themes, problems


def all_themes() -> tuple[list[ThemeFile], list[str]]:
    """Built-in themes, then the runner's (a theme of the same name replaces a built-in one)."""
    mine, problems = user_themes()
    names = {theme.name for theme in mine}
    return [*(theme for theme in builtin_themes() if theme.name not in names), *mine], problems


DEFAULT_THEME = "offseason-dark"

# Textual's own themes (of the pinned version; a test holds this to Textual's list),
# named here so that the commands can check a theme name without loading Textual.
TEXTUAL_THEMES = {
    "textual-dark": True, "textual-light": False, "nord": True, "gruvbox": True, "catppuccin-mocha": True,
    "dracula": True, "tokyo-night": True, "monokai": True, "flexoki": True, "catppuccin-latte": False,
    "catppuccin-frappe": True, "catppuccin-macchiato": True, "solarized-light": False, "solarized-dark": True,
    "rose-pine": True, "rose-pine-moon": True, "rose-pine-dawn": False, "atom-one-dark": True,
    "atom-one-light": False, "ansi-dark": True, "ansi-light": False,
}


def theme_names() -> list[str]:
    """Every theme the app can show: the journal's, the runner's, then Textual's own."""
    names = [theme.name for theme in all_themes()[0]]
    return [*names, *(name for name in TEXTUAL_THEMES if name not in names)]


def parse_theme_name(text: str) -> str:
    """The name of a theme that exists (the journal's, the runner's or Textual's own)."""
    from journal.domain.scales import closest
    from journal.errors import InvalidInput

    names = theme_names()
    name = text.strip()
    if name not in names:
        raise InvalidInput(f"no theme {name!r}{closest(name, names)}; `journal themes` lists them")
    return name
