"""Themes as TOML files: the built-in ones shipped with the package, and the runner's own.

A theme file holds a Textual `Theme`'s fields and, under `[variables]`, the
journal's own colours (see APP_VARIABLES). A file that cannot be read (not
TOML, an unknown key, a colour that is not one, a number out of its range,
a pipe or a device instead of a file) is named in one line and skipped; the
others still load. Colours are hex (`#4EA8DE`). Nothing here imports Textual
(the app builds its themes in `journal.ui.themes`), so `journal themes` stays fast.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from journal.files import NotAFile, TooLarge, read_text

# The journal's own colours, with what they default to when a theme leaves them out.
APP_VARIABLES = {
    "pain-low": "$success",
    "pain-mid": "$warning",
    "pain-high": "$error",
    "spark": "$accent",
}
# Every key a theme file may have.
THEME_FIELDS = {
    "name",
    "dark",
    "primary",
    "secondary",
    "warning",
    "error",
    "success",
    "accent",
    "foreground",
    "background",
    "surface",
    "panel",
    "boost",
    "luminosity_spread",
    "text_alpha",
    "variables",
}
_COLOURS = THEME_FIELDS - {"name", "dark", "luminosity_spread", "text_alpha", "variables"}
_HEX = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})")  # the one colour form theme files use
# One printable word: Textual reads a comma in a theme's name as a list of themes to try.
_NAME = re.compile(r"[^\s,]+")
NAME_MAX = 60
_VARIABLE = re.compile(r"[a-zA-Z_-][a-zA-Z0-9_-]*")  # a name the app's CSS can use as $name
# Textual's colour system turns these into colours: outside their range it fails, or makes nonsense.
_NUMBERS = {"luminosity_spread": (0.0, 1.0), "text_alpha": (0.0, 1.0)}
THEME_FILE_LIMIT = 64 * 1024  # a theme is a few lines: anything far larger is not one


def user_themes_dir() -> Path:
    from platformdirs import user_config_path

    from journal.config import APP_NAME

    return user_config_path(APP_NAME, appauthor=False) / "themes"


@dataclass(frozen=True)
class ThemeFile:
    """A theme read from a file: its fields, checked, and where it came from."""

    name: str
    fields: dict[str, Any]  # the file's TOML, checked: text, numbers, true or false, and the [variables] table
    source: str  # BUILT_IN or the file's path
    dark: bool


class ThemeError(ValueError):
    """A theme file that cannot be used: the message names the file and why."""


def parse_theme(text: str, source: str) -> ThemeFile:
    """The theme in `text`, every value checked, or ThemeError naming `source` and the first fault."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ThemeError(f"{source}: not TOML ({error})") from None
    unknown = sorted(set(data) - THEME_FIELDS)
    if unknown:
        raise ThemeError(f"{source}: unknown key {_shown(unknown[0])}")
    name = data.get("name")
    if not isinstance(name, str) or not _is_theme_name(name):
        raise ThemeError(f"{source}: a theme needs a name, one word of at most {NAME_MAX} characters like 'my-theme'")
    if "primary" not in data:
        raise ThemeError(f"{source}: a theme needs a primary colour")
    variables = data.get("variables", {})
    if not isinstance(variables, dict):
        raise ThemeError(f"{source}: [variables] is a table of name = colour")
    for key in variables:
        if not _VARIABLE.fullmatch(key):
            raise ThemeError(f"{source}: [variables] {_shown(key)} is not a name like 'pain-high'")
    colours = [
        *((key, data[key]) for key in data if key in _COLOURS),
        *((f"variables.{key}", value) for key, value in variables.items()),
    ]
    for key, value in colours:
        if not isinstance(value, str) or not _HEX.fullmatch(value):
            raise ThemeError(f"{source}: {key} = {_shown(value)} is not a colour like '#4EA8DE'")
    if not isinstance(data.get("dark", True), bool):
        raise ThemeError(f"{source}: dark is true or false")
    for key, (low, high) in _NUMBERS.items():
        value = data.get(key, low)
        # NaN compares false with everything, so it fails the range as infinity does.
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
            raise ThemeError(f"{source}: {key} = {_shown(value)} is not a number from {low} to {high}")
    return ThemeFile(name, data, source, data.get("dark", True))


def _shown(value: object) -> str:
    """A value as the file has it, on one short line."""
    text = repr(value)
    return text if len(text) <= 40 else f"{text[:39]}…"


BUILT_IN = "built-in"  # the source of the journal's own themes


def builtin_themes() -> list[ThemeFile]:
    # The package's folder itself: the journal is installed as files, and importlib.resources (and
    # the zipfile module it loads) would cost every start a few milliseconds for the same paths.
    from importlib.util import find_spec

    spec = find_spec("journal.themes")
    assert spec is not None and spec.origin is not None, "the journal is installed without its themes"
    folder = Path(spec.origin).parent
    return [parse_theme(path.read_text(encoding="utf-8"), BUILT_IN) for path in sorted(folder.glob("*.toml"))]


def user_themes(folder: Path | None = None) -> tuple[list[ThemeFile], list[str]]:
    """The runner's themes, and a line for each file that was skipped."""
    folder = folder or user_themes_dir()
    themes: list[ThemeFile] = []
    problems: list[str] = []
    if not folder.is_dir():
        return themes, problems
    for path in sorted(folder.glob("*.toml")):
        try:
            themes.append(parse_theme(read_text(path, limit=THEME_FILE_LIMIT), str(path)))
        except (ThemeError, NotAFile, TooLarge) as error:
            problems.append(str(error))
        except (OSError, UnicodeDecodeError) as error:
            problems.append(f"{path}: cannot read it ({error})")
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
    "textual-dark": True,
    "textual-light": False,
    "nord": True,
    "gruvbox": True,
    "catppuccin-mocha": True,
    "dracula": True,
    "tokyo-night": True,
    "monokai": True,
    "flexoki": True,
    "catppuccin-latte": False,
    "catppuccin-frappe": True,
    "catppuccin-macchiato": True,
    "solarized-light": False,
    "solarized-dark": True,
    "rose-pine": True,
    "rose-pine-moon": True,
    "rose-pine-dawn": False,
    "atom-one-dark": True,
    "atom-one-light": False,
    "ansi-dark": True,
    "ansi-light": False,
}


def parse_remembered_theme(text: str) -> str:
    """A theme's name as a journal remembers it: it need not be on this machine (a journal moved
    here from another, a theme file removed); the app falls back to a built-in one until it is."""
    from journal.errors import InvalidInput

    name = text.strip()
    if not _is_theme_name(name):
        raise InvalidInput(f"{name!r} is not a theme's name")
    return name


def _is_theme_name(name: str) -> bool:
    """One word, printable, short: the same rule for a theme file and for a theme remembered in a journal."""
    return bool(_NAME.fullmatch(name)) and name.isprintable() and len(name) <= NAME_MAX


def parse_theme_name(text: str) -> str:
    """The name of a theme that exists (the journal's, the runner's or Textual's own)."""
    from journal.errors import InvalidInput, closest

    found, problems = all_themes()
    names = [theme.name for theme in found]
    names += [name for name in TEXTUAL_THEMES if name not in names]
    name = text.strip()
    if name not in names:
        skipped = " and the theme files it skipped" if problems else ""
        raise InvalidInput(f"no theme {name!r}{closest(name, names)}; `journal themes` lists them{skipped}")
    return name
