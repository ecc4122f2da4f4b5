"""Themes in the app: registered, chosen, remembered; a bad file never stops the journal."""

import datetime as dt

import pytest

from journal.store import open_journal
from journal.store.settings import get_setting, set_setting
from journal.ui.app import create_app
from tests.ui.helpers import drive, make_app, notifications


def saved_theme(db_path) -> str:
    with open_journal(db_path) as journal:
        return get_setting(journal, "theme")


def test_the_built_in_themes_are_registered_and_the_journal_opens_in_its_own(db_path, today):
    async def scenario(pilot):
        app = pilot.app
        assert app.theme == "offseason-dark"
        assert {"offseason-dark", "offseason-light", "high-contrast", "trailhead"} <= set(app.available_themes)
        assert app.get_css_variables()["pain-high"] == "#E4572E"

    drive(make_app(db_path, today), scenario)


@pytest.mark.parametrize("theme", ["offseason-light", "dracula"])  # the journal's own, and one of Textual's
def test_a_theme_chosen_in_the_app_is_remembered_for_the_next_start(db_path, theme, today):
    notes = []

    async def scenario(pilot):
        pilot.app.theme = theme
        await pilot.pause()
        notes.extend(notice.title for notice in notifications(pilot.app))

    drive(make_app(db_path, today), scenario)
    assert saved_theme(db_path) == theme
    assert notes == []

    async def next_start(pilot):
        assert pilot.app.theme == theme

    drive(make_app(db_path, today), next_start)


@pytest.mark.parametrize(
    "theme",
    [
        "offseason-light",  # another background
        "dark-variant",  # the same background, another primary colour: the cells' colour alone changes
    ],
)
def test_the_score_sheet_draws_a_new_theme_in_its_colours(db_path, today, theme):
    """The sheet keeps its colours between refreshes; a new theme gives it the theme's, as a fresh look does."""
    from dataclasses import replace

    from journal.ui.widgets.score_sheet import ScoreSheet

    async def scenario(pilot):
        app = pilot.app
        app.register_theme(replace(app.available_themes["offseason-dark"], name="dark-variant", primary="#FF00FF"))
        sheet = app.query_one(ScoreSheet)
        names = sorted(sheet.COMPONENT_CLASSES)
        old = [sheet.component_style(name) for name in names]
        app.theme = theme
        await pilot.pause()
        await pilot.pause()
        new = [sheet.component_style(name) for name in names]
        sheet._rich_style_cache.clear()  # what Textual works out afresh
        assert new == [sheet.get_component_rich_style(name) for name in names] != old

    drive(make_app(db_path, today), scenario)


@pytest.mark.parametrize("theme", ["offseason-light", "trailhead", "dracula"])
def test_the_app_starts_in_the_remembered_theme_reading_its_stylesheet_once(db_path, theme, today, monkeypatch):
    from textual.css.stylesheet import Stylesheet

    with open_journal(db_path) as journal:
        set_setting(journal, "theme", theme)
    reparsed = []
    reparse = Stylesheet.reparse
    monkeypatch.setattr(Stylesheet, "reparse", lambda self: (reparsed.append(True), reparse(self))[1])

    async def scenario(pilot):
        app = pilot.app
        expected = app.available_themes[theme]
        assert app.theme == theme and app.current_theme is expected
        assert app.has_class(f"-theme-{theme}") and not app.has_class("-theme-textual-dark")
        assert app.has_class("-light-mode") is not expected.dark and app.has_class("-dark-mode") is expected.dark
        # The first frame is drawn in its colours: the screen's background is the theme's.
        assert app.screen.styles.background.hex.upper() == app.theme_variables["background"].upper()[:7]
        assert reparsed == []  # the whole stylesheet was not read a second time for the theme
        app.theme = "textual-dark" if theme != "textual-dark" else "nord"  # a theme chosen later still applies
        await pilot.pause()
        assert app.has_class("-theme-textual-dark") and reparsed

    drive(make_app(db_path, today), scenario)


def test_a_theme_given_on_the_command_line_wins_and_is_remembered(db_path):
    async def scenario(pilot):
        assert pilot.app.theme == "trailhead"

    drive(create_app(open_journal(db_path), theme="trailhead"), scenario)
    assert saved_theme(db_path) == "trailhead"


def test_a_bad_theme_file_is_one_notification_and_the_app_still_starts(db_path, isolated, today):
    folder = isolated / "config" / "offseason" / "themes"
    folder.mkdir(parents=True)
    (folder / "broken.toml").write_text("name = 'broken'\nprimary = 'nope'\n")
    (folder / "dusk.toml").write_text("name = 'dusk'\nprimary = '#884488'\n")

    async def scenario(pilot):
        notes = [note for note in notifications(pilot.app) if note.title == "A theme file was skipped"]
        assert len(notes) == 1 and "broken.toml" in notes[0].message and "not a colour" in notes[0].message
        assert "dusk" in pilot.app.available_themes and "broken" not in pilot.app.available_themes
        pilot.app.theme = "dusk"
        await pilot.pause()
        assert pilot.app.get_css_variables()["pain-high"] == pilot.app.get_css_variables()["error"], (
            "a theme without the journal's colours takes them from its own"
        )

    drive(make_app(db_path, today), scenario)


def remember(db_path, theme):
    """The theme the journal remembers, written as an earlier start (or an earlier version) left it."""
    with open_journal(db_path) as journal, journal.transaction() as conn:
        conn.execute("INSERT INTO settings (key, value) VALUES ('theme', ?)", [theme])


def theme_notes(app):
    return [note for note in notifications(app) if "theme" in note.title.lower()]


@pytest.mark.parametrize("value", ["nan", "1e308", "inf"])
def test_a_remembered_theme_whose_file_went_bad_gives_way_to_the_journals_own(db_path, isolated, value, today):
    folder = isolated / "config" / "offseason" / "themes"
    folder.mkdir(parents=True)
    (folder / "dusk.toml").write_text(f"name = 'dusk'\nprimary = '#884488'\nluminosity_spread = {value}\n")
    remember(db_path, "dusk")

    async def scenario(pilot):
        assert pilot.app.theme == "offseason-dark"
        (note,) = theme_notes(pilot.app)
        assert note.title == "Theme not loaded"
        assert note.message.splitlines() == [
            "The theme 'dusk' cannot be loaded, so the journal is in offseason-dark; ctrl+p then Theme picks another.",
            f"{folder / 'dusk.toml'}: luminosity_spread = {float(value)!r} is not a number from 0.0 to 1.0",
        ]
        assert pilot.app.get_css_variables()["pain-high"] == "#E4572E"

    for _ in range(2):  # and on every start after: the app starts whatever is in the file
        drive(make_app(db_path, today), scenario)
    assert saved_theme(db_path) == "dusk", "the runner's choice is kept, for when the file is mended"


def test_a_theme_textual_cannot_use_is_never_applied_nor_remembered(db_path, isolated, monkeypatch):
    from journal.config import themes as themes_files

    # A theme the file check lets through but whose colours Textual cannot make.
    monkeypatch.setattr(themes_files, "_NUMBERS", {})
    folder = isolated / "config" / "offseason" / "themes"
    folder.mkdir(parents=True)
    (folder / "glitch.toml").write_text("name = 'glitch'\nprimary = '#884488'\nluminosity_spread = nan\n")
    (folder / "dusk.toml").write_text("name = 'dusk'\nprimary = '#884488'\n")

    async def scenario(pilot):
        assert pilot.app.theme == "offseason-dark" and "glitch" not in pilot.app.available_themes
        (note,) = theme_notes(pilot.app)
        assert note.message.startswith("The theme 'glitch' cannot be loaded")
        assert f"{folder / 'glitch.toml'}: cannot convert float NaN to integer" in note.message.splitlines()
        pilot.app.theme = "dusk"  # and a theme picked after that is remembered as usual
        await pilot.pause()

    drive(create_app(open_journal(db_path), today=dt.date(2026, 11, 26), theme="glitch"), scenario)
    assert saved_theme(db_path) == "dusk"


# -- keys of the runner's own --------------------------------------------------------------


def test_a_keymap_file_remaps_keys_and_the_help_shows_them(db_path, isolated, today):
    from textual.widgets import Static

    from journal.ui.screens.help import HelpScreen

    keys = isolated / "config" / "offseason" / "keys.toml"
    keys.parent.mkdir(parents=True)
    keys.write_text('"today.save" = "ctrl+w"\n"app.trends" = "f9"\n"no.such" = "x"\n"today.today" = "ctrl w"\n')

    async def scenario(pilot):
        notes = [note for note in notifications(pilot.app) if note.title == "Keys not changed"]
        assert len(notes) == 1 and "no binding 'no.such'" in notes[0].message and "today.today" in notes[0].message
        await pilot.press("down", "4", "ctrl+w")
        await pilot.pause()
        assert pilot.app.today_pane.dirty is False, "ctrl+w saved the day"
        await pilot.press("f9")
        await pilot.pause()
        assert pilot.app.query_one("TabbedContent").active == "trends"
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(pilot.app.screen, HelpScreen)
        lines = [str(widget.render()) for widget in pilot.app.screen.query(Static)]
        first_section = pilot.app.screen.query(".help-section").first()
        assert str(first_section.render()) == "Trends", "the pane on show comes first"
        assert any(line.startswith("^w") and "[today.save]" in line for line in lines)
        await pilot.press("escape")

    drive(make_app(db_path, today), scenario)


# -- the palette reaches the rest ------------------------------------------------------------


def test_the_palette_exports_backs_up_and_ticks(db_path, isolated, today):
    from journal.store.backup import backups_dir
    from journal.store.checklist import ticks_between

    async def scenario(pilot):
        commands = {command.title: command for command in pilot.app.get_system_commands(pilot.app.screen)}
        commands["Export everything as CSV"].callback()
        (folder,) = isolated.glob("offseason-export-*")
        assert (folder / "entries.csv").read_bytes().startswith(b"date,day_type")
        commands["Back up the journal"].callback()
        assert len(list(backups_dir().glob("journal-*.db"))) == 1
        commands["Checklist: tick the day"].callback()
        for _ in range(100):
            await pilot.pause(0.02)
            with open_journal(db_path) as journal:
                if ticks_between(journal, today - dt.timedelta(days=7), today):
                    break
        else:
            raise AssertionError("the palette's tick never landed")

    drive(make_app(db_path, today), scenario)


def test_every_key_has_a_command_in_the_palette_with_the_runners_key(db_path, isolated, today):
    from journal.ui.app import PALETTE, binding_ids

    assert {binding_id for _, binding_id in PALETTE} == binding_ids()
    (isolated / "config" / "offseason").mkdir(parents=True)
    (isolated / "config" / "offseason" / "keys.toml").write_text('"goals.move_right" = "ctrl+l"\n')

    async def scenario(pilot):
        commands = {command.title: command.help for command in pilot.app.get_system_commands(pilot.app.screen)}
        assert commands["Goals: move the goal to the next column"] == "Move the goal to the next column (^l)"
        assert commands["Save the day"] == "Save the day (^s)"

    drive(make_app(db_path, today), scenario)


def test_the_palette_moves_a_goal_card(db_path, today):
    from journal.domain.goals import Goal
    from journal.store.goals import add_goal, list_goals

    with open_journal(db_path) as journal:
        add_goal(journal, Goal("Blood work"), today=today)

    async def scenario(pilot):
        commands = {command.title: command for command in pilot.app.get_system_commands(pilot.app.screen)}
        commands["Goals: move the goal to the next column"].callback()  # from the Today pane
        for _ in range(100):
            await pilot.pause(0.02)
            with open_journal(db_path) as journal:
                if list_goals(journal)[0].status == "doing":
                    break
        else:
            raise AssertionError("the palette's move never landed")
        assert pilot.app.query_one("TabbedContent").active == "goals"

    drive(make_app(db_path, today), scenario)
