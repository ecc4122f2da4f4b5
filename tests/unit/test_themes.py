"""Theme files: the built-in ones parse, and bad ones are named and skipped."""

from pathlib import Path

import pytest

from journal.config.themes import APP_VARIABLES, THEME_FIELDS, ThemeError, builtin_themes, parse_theme, user_themes
from journal.ui.themes import textual_theme

ROOT = Path(__file__).resolve().parents[2]


def test_the_built_in_themes_parse_and_set_every_journal_colour():
    themes = builtin_themes()
    assert [theme.name for theme in themes] == ["high-contrast", "offseason-dark", "offseason-light", "trailhead"]
    assert [theme.dark for theme in themes] == [True, True, False, True]
    for theme in themes:
        assert set(theme.fields["variables"]) == set(APP_VARIABLES), theme.name
        built = textual_theme(theme)
        assert built.name == theme.name and built.variables["pain-high"].startswith("#")
        # What applying it does (the app leaves this to the first use of a built-in theme, and tries the runner's).
        assert built.to_color_system().generate()["primary"].startswith("#"), theme.name


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("name = 'x'\nprimary = '#000000'\ncolour = '#fff'\n", "unknown key 'colour'"),
        ("name = 'x'\nprimary = 'blueish'\n", "primary = 'blueish' is not a colour"),
        ("name = 'x'\nprimary = '#000'\n[variables]\npain-low = 3\n", "variables.pain-low = 3 is not a colour"),
        ("name = \n", "not TOML"),
        ("primary = '#000000'\n", "a theme needs a name"),
        ("name = 'x'\n", "a theme needs a primary colour"),
        ("name = 'x'\nprimary = '#000000'\ndark = 'yes'\n", "dark is true or false"),
    ],
)
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


def test_textuals_own_themes_are_known_without_loading_textual():
    from textual.theme import BUILTIN_THEMES

    from journal.config.themes import TEXTUAL_THEMES, parse_theme_name

    assert {name: theme.dark for name, theme in BUILTIN_THEMES.items()} == TEXTUAL_THEMES
    assert parse_theme_name(" nord ") == "nord"


# -- any value at all: a theme or one clear line -------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


def toml_value(value) -> str:
    """`value` written as TOML (inline tables and arrays for what is nested)."""
    import json
    import math

    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and not math.isfinite(value):
        return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):  # JSON's escapes are TOML's, but for DEL, which TOML wants escaped
        return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    return "{" + ", ".join(f"{toml_value(key)} = {toml_value(item)}" for key, item in value.items()) + "}"


scalars = st.one_of(
    st.floats(),
    st.sampled_from([0.0, 1.0, 0.5, 1e308, -1e308, 1e-320, 2.0, -0.0]),
    st.integers(-(2**63), 2**63 - 1),
    st.booleans(),
    st.text(max_size=12),
    st.sampled_from(["#4EA8DE", "#fff", "#12345678", "#1234", "red", "$error", "#GGGGGG", "", " #ffffff"]),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=6), inner, max_size=3)),
    max_leaves=6,
)
keys = st.sampled_from(sorted(THEME_FIELDS))


@settings(max_examples=300, deadline=None)
@given(
    fields=st.dictionaries(keys, values, max_size=8),
    variables=st.none() | st.dictionaries(st.sampled_from([*APP_VARIABLES, "", "my var", "x"]), values, max_size=4),
    base=st.booleans(),
)
def test_any_value_in_a_theme_file_gives_a_theme_or_one_line_naming_the_file(fields, variables, base):
    data = {"name": "mine", "primary": "#884488"} if base else {}
    data.update(fields)
    if variables is not None:
        data["variables"] = variables
    text = "\n".join(f"{key} = {toml_value(value)}" for key, value in data.items())
    try:
        theme = parse_theme(text, "mine.toml")
    except ThemeError as error:  # refused: in one line that names the file (what either outcome must be)
        assert str(error).startswith("mine.toml: ") and "\n" not in str(error)  # noqa: PT017
        return
    # Accepted: Textual makes its colours without an error, which is what applying it does.
    colours = textual_theme(theme).to_color_system().generate()
    assert colours["primary"].startswith("#")


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "1e308", "-0.1", "1.5", "2", "true", "'0.5'"])
@pytest.mark.parametrize("key", ["luminosity_spread", "text_alpha"])
def test_a_number_out_of_its_range_is_refused(key, value):
    with pytest.raises(ThemeError, match=f"^mine.toml: {key} = .* is not a number from 0.0 to 1.0$"):
        parse_theme(f"name = 'x'\nprimary = '#000000'\n{key} = {value}\n", "mine.toml")
    assert parse_theme(f"name = 'x'\nprimary = '#000000'\n{key} = 0.25\n", "mine.toml").fields[key] == 0.25


def test_a_file_too_large_to_be_a_theme_is_named_and_not_read_whole(tmp_path):
    (tmp_path / "huge.toml").write_text("# " + "x" * 200_000 + "\n")
    themes, problems = user_themes(tmp_path)
    assert themes == [] and problems == [f"{tmp_path / 'huge.toml'} is over 64 KiB, too large to read"]
