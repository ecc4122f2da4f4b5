"""Theme files: the built-in ones parse, bad ones are named and skipped, and they ship in the wheel."""

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from journal.themes_files import APP_VARIABLES, ThemeError, builtin_themes, parse_theme, user_themes

ROOT = Path(__file__).resolve().parents[2]


def test_the_built_in_themes_parse_and_set_every_journal_colour():
    themes = builtin_themes()
    assert [theme.name for theme in themes] == ["high-contrast", "offseason-dark", "offseason-light", "trailhead"]
    assert [theme.dark for theme in themes] == [True, True, False, True]
    for theme in themes:
        assert set(theme.fields["variables"]) == set(APP_VARIABLES), theme.name
        built = theme.build()
        assert built.name == theme.name and built.variables["pain-high"].startswith("#")


@pytest.mark.parametrize(("text", "problem"), [
    ("name = 'x'\nprimary = '#000000'\ncolour = '#fff'\n", "unknown key 'colour'"),
    ("name = 'x'\nprimary = 'blueish'\n", "primary = 'blueish' is not a colour"),
    ("name = 'x'\nprimary = '#000'\n[variables]\npain-low = 3\n", "variables.pain-low = 3 is not a colour"),
    ("name = \n", "not TOML"),
    ("primary = '#000000'\n", "a theme needs a name"),
    ("name = 'x'\n", "a theme needs a primary colour"),
    ("name = 'x'\nprimary = '#000000'\ndark = 'yes'\n", "dark is true or false"),
])
def test_a_bad_theme_file_is_named_with_its_fault(text, problem):
    with pytest.raises(ThemeError, match=f"^mine.toml: {problem}"):
        parse_theme(text, "mine.toml")


def test_user_themes_skip_bad_files_and_keep_good_ones(tmp_path):
    (tmp_path / "good.toml").write_text("name = 'dusk'\nprimary = '#884488'\ndark = true\n")
    (tmp_path / "bad.toml").write_text("name = 'broken'\nprimary = 'nope'\n")
    (tmp_path / "notes.txt").write_text("not a theme")
    themes, problems = user_themes(tmp_path)
    assert [theme.name for theme in themes] == ["dusk"]
    assert problems == [f"{tmp_path / 'bad.toml'}: primary = 'nope' is not a colour like '#4EA8DE'"]


def test_a_built_wheel_holds_the_themes(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(tmp_path), str(ROOT)],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    (wheel,) = tmp_path.glob("offseason-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {f"journal/themes/{theme}.toml" for theme in
            ("offseason-dark", "offseason-light", "high-contrast", "trailhead")} <= names
    assert "journal/ui/app.tcss" in names


def test_textuals_own_themes_are_known_without_loading_textual():
    from textual.theme import BUILTIN_THEMES

    from journal.themes_files import TEXTUAL_THEMES, parse_theme_name

    assert TEXTUAL_THEMES == {name: theme.dark for name, theme in BUILTIN_THEMES.items()}
    assert parse_theme_name(" nord ") == "nord"
