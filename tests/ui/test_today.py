import datetime as dt

import pytest
from textual.widgets import OptionList, Static, TextArea

from journal.domain.entries import DayEntry
from journal.store import open_journal
from journal.store.entries import count_entries, get_entry, save_entry
from journal.ui.screens.dialogs import ChoiceScreen
from journal.ui.screens.help import HelpScreen
from journal.ui.widgets.score_sheet import ScoreSheet
from tests.ui.helpers import drive, fill, make_app, notifications, open_note, sheet, type_text


@pytest.fixture
def yesterday(today):
    return today - dt.timedelta(days=1)


def stored(db_path, day) -> DayEntry:
    with open_journal(db_path) as journal:
        return get_entry(journal, day)


def status(pilot) -> str:
    return str(pilot.app.query_one("#save-status", Static).render())


def day_label(pilot) -> str:
    return str(pilot.app.query_one("#day-label", Static).render())


def test_opens_on_today_ready_to_type(db_path, today):
    async def scenario(pilot):
        assert day_label(pilot) == "Thu 26 Nov 2026 (today)"
        assert isinstance(pilot.app.focused, ScoreSheet)
        assert sheet(pilot).cursor_key == "day_type"
        assert status(pilot) == "nothing logged yet"

    drive(make_app(db_path, today), scenario)


def test_log_a_day_with_arrows_and_digits(db_path, today):
    async def scenario(pilot):
        await pilot.press("r", "r")  # day type: rest, then race
        await pilot.press("down")
        await type_text(pilot, "7.5")
        await pilot.press("enter")  # enter moves on, like a paper form
        assert sheet(pilot).cursor_key == "sleep_quality"
        await type_text(pilot, "4")
        await pilot.press("down", "down", "down", "down")
        assert sheet(pilot).cursor_key == "mood"
        await type_text(pilot, "5")
        await pilot.press("down")
        assert sheet(pilot).cursor_key == "cramps"
        await type_text(pilot, "2")
        await pilot.press("right", "h", "h")  # the sites starting with h: hip, then hamstring
        assert sheet(pilot).values["cramp_site"] == "hamstring"
        await pilot.press("left", "down")  # past the heading, onto the first pain row
        assert sheet(pilot).cursor_key == "pain:knee:"
        await pilot.press("right")
        await type_text(pilot, "3")
        await fill(pilot, "pain:lower-back:", "1")
        await open_note(pilot)
        await type_text(pilot, "Half marathon")
        await pilot.pause()
        assert "unsaved" in status(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert status(pilot).startswith("✓ saved ")

    drive(make_app(db_path, today), scenario)
    entry = stored(db_path, today)
    assert (entry.day_type, entry.sleep_hours, entry.sleep_quality, entry.mood) == ("race", 7.5, 4, 5)
    assert entry.pain == {("knee", "left"): 3, ("lower-back", ""): 1}
    assert (entry.cramps, entry.cramp_site) == (2, "hamstring")
    assert entry.note == "Half marathon"


def test_cramps_show_with_their_site_and_a_site_needs_a_count(db_path, today):
    with open_journal(db_path) as journal:
        save_entry(journal, DayEntry(today - dt.timedelta(days=1), cramps=4, cramp_site="lower-back"))

    async def scenario(pilot):
        scores = sheet(pilot)
        await fill(pilot, "mood", "3")
        scores.move_to("cramp_site")
        await pilot.press("space")  # the first site
        assert scores.values["cramp_site"] == "knee"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert any("needs a count of cramps" in notice.message for notice in notifications(pilot.app))
        assert "unsaved" in status(pilot)
        await pilot.press("delete")  # the site cleared: the day saves
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert status(pilot).startswith("✓ saved ")
        await pilot.press("alt+left")
        await pilot.pause()
        assert (scores.values["cramps"], scores.values["cramp_site"]) == ("4", "lower-back")
        cramps_row = next(i for i, row in enumerate(scores.rows) if row.label == "Cramps")
        assert "lower-b…" in scores.line_text(cramps_row).plain, "a long site name is cut, and says so"
        assert "cramps" in scores.trends, "a sparkline of the days with cramps"

    drive(make_app(db_path, today), scenario)
    assert stored(db_path, today) == DayEntry(today, mood=3)


def test_a_cell_is_picked_with_the_mouse(db_path, today):
    async def scenario(pilot):
        scores = sheet(pilot)
        mood_row = next(i for i, row in enumerate(scores.rows) if row.label == "Mood")
        await pilot.click(ScoreSheet, offset=(scores._cell_spans(scores.rows[mood_row])[0][0], mood_row))
        assert scores.cursor_key == "mood"
        knee_row = next(i for i, row in enumerate(scores.rows) if row.label == "Knee")
        right_column = scores._cell_spans(scores.rows[knee_row])[2][0] + 1
        await pilot.click(ScoreSheet, offset=(right_column, knee_row))
        assert scores.cursor_key == "pain:knee:right"
        await type_text(pilot, "2")
        await pilot.press("ctrl+s")
        await pilot.pause()

    drive(make_app(db_path, today), scenario)
    assert stored(db_path, today).pain == {("knee", "right"): 2}


def test_an_invalid_value_is_shown_where_typed_and_not_saved(db_path, today):
    async def scenario(pilot):
        await fill(pilot, "mood", "6")
        await fill(pilot, "pain:knee:", "11")
        scores = sheet(pilot)
        assert scores.error("mood").startswith("mood must be a whole number from 1")
        assert scores.error("pain:knee:") is not None
        mood_row = next(i for i, row in enumerate(scores.rows) if row.label == "Mood")
        assert scores._row_text(mood_row).plain.endswith("✗ 1 very low … 5 very good")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "fix the fields" in status(pilot)
        assert scores.cursor_key == "mood", "the first bad field gets the cursor"

    drive(make_app(db_path, today), scenario)
    with open_journal(db_path) as journal:
        assert count_entries(journal) == 0


def test_typing_keeps_to_the_cell(db_path, today):
    async def scenario(pilot):
        await fill(pilot, "sleep_hours", "8,25x")  # a letter is not typed into a number
        assert sheet(pilot).values["sleep_hours"] == "8,25"
        await fill(pilot, "mood", "45")  # one digit fits a 1-5 cell: the next one starts again
        assert sheet(pilot).values["mood"] == "5"
        await type_text(pilot, "64")  # a refused 6 is fixed by typing over it
        assert sheet(pilot).values["mood"] == "4"
        await fill(pilot, "pain:knee:", "105")
        assert sheet(pilot).values["pain:knee:"] == "5"
        await pilot.press("backspace", "4")
        assert sheet(pilot).values["pain:knee:"] == "4"
        await fill(pilot, "mood", "3")
        await pilot.press("backspace")
        assert sheet(pilot).values["mood"] == ""

    drive(make_app(db_path, today), scenario)


def test_leaving_a_day_with_unsaved_changes_asks_first(db_path, today, yesterday):
    async def scenario(pilot):
        await fill(pilot, "mood", "4")
        await pilot.press("alt+left")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ChoiceScreen)
        await pilot.press("escape")  # keep editing
        await pilot.pause()
        assert day_label(pilot).startswith("Thu 26 Nov") and "unsaved" in status(pilot)
        await pilot.press("alt+left")
        await pilot.pause()
        await pilot.click("#save")
        await pilot.pause()
        assert day_label(pilot).startswith("Wed 25 Nov")
        await fill(pilot, "mood", "2")
        await pilot.press("alt+right")
        await pilot.pause()
        await pilot.press("d")  # discard
        await pilot.pause()
        assert day_label(pilot).startswith("Thu 26 Nov")

    drive(make_app(db_path, today), scenario)
    assert stored(db_path, today).mood == 4
    assert stored(db_path, yesterday).is_empty


def test_quitting_with_unsaved_changes_asks_first(db_path, today):
    app = make_app(db_path, today)

    async def scenario(pilot):
        await fill(pilot, "sleep_hours", "6")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ChoiceScreen)
        await pilot.press("s")
        await pilot.pause()

    drive(app, scenario)
    assert not app.is_running
    assert stored(db_path, today).sleep_hours == 6.0


def test_a_past_day_is_loaded_and_edited(db_path, today, yesterday):
    with open_journal(db_path) as journal:
        save_entry(journal, DayEntry(yesterday, sleep_hours=9.0, mood=2, note="long run", pain={("shin", "right"): 4}))

    async def scenario(pilot):
        await pilot.click("#previous-day")
        await pilot.pause()
        scores = sheet(pilot)
        assert scores.values["sleep_hours"] == "9"
        assert scores.values["pain:shin:right"] == "4"
        assert str(pilot.app.query_one("#note-preview", Static).render()) == "long run"
        assert status(pilot).startswith("✓ saved")
        await fill(pilot, "pain:shin:right", "")
        await fill(pilot, "mood", "3")
        await pilot.press("ctrl+s")
        await pilot.pause()

    drive(make_app(db_path, today), scenario)
    entry = stored(db_path, yesterday)
    assert (entry.sleep_hours, entry.mood, entry.note, entry.pain) == (9.0, 3, "long run", {})
    assert stored(db_path, today).is_empty


def test_recent_days_list_what_is_logged_and_open_a_day(db_path, today):
    with open_journal(db_path) as journal:
        save_entry(journal, DayEntry(today - dt.timedelta(days=2), sleep_hours=7.0, mood=4, day_type="rest"))

    async def scenario(pilot):
        recent = pilot.app.query_one("#recent-days", OptionList)
        assert recent.option_count == 14
        assert str(recent.get_option_at_index(2).prompt) == "Tue 24  7h m4 rest"
        assert str(recent.get_option_at_index(1).prompt) == "Wed 25  ·"
        recent.focus()
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert day_label(pilot) == "Tue 24 Nov 2026"
        assert sheet(pilot).values["sleep_hours"] == "7"
        assert sheet(pilot).values["day_type"] == "rest"

    drive(make_app(db_path, today), scenario)


def test_the_recent_days_follow_the_day_shown_and_what_is_saved(db_path, today):
    async def scenario(pilot):
        app = pilot.app
        recent = app.query_one("#recent-days", OptionList)
        assert recent.highlighted == 0
        await pilot.press("alt+left", "alt+left")
        await pilot.pause()
        assert recent.highlighted == 2 and day_label(pilot) == "Tue 24 Nov 2026"
        app.today_pane.go_to(today - dt.timedelta(days=30))  # before the fortnight listed: no day is marked
        await pilot.pause()
        assert recent.highlighted is None and recent.option_count == 14
        app.today_pane.go_to(today - dt.timedelta(days=13))
        await pilot.pause()
        assert recent.highlighted == 13
        await fill(pilot, "sleep_hours", "8")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert str(recent.get_option_at_index(13).prompt) == "Fri 13  8h"  # the list shows what was saved
        assert recent.highlighted == 13

    drive(make_app(db_path, today), scenario)


def test_go_to_a_date_and_refuse_the_future(db_path, today):
    async def scenario(pilot):
        await pilot.press("ctrl+g")
        await pilot.pause()
        await type_text(pilot, "tomorrow")
        await pilot.press("enter")
        await pilot.pause()
        assert "future" in str(pilot.app.screen.query_one("#date-error", Static).render())
        await pilot.press("ctrl+u")
        await type_text(pilot, "20 nov")
        await pilot.press("enter")
        await pilot.pause()
        assert day_label(pilot) == "Fri 20 Nov 2026"
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert day_label(pilot).endswith("(today)")
        await pilot.press("alt+right")
        await pilot.pause()
        assert day_label(pilot).endswith("(today)"), "there is no day after today"

    drive(make_app(db_path, today), scenario)


def test_add_a_body_site_from_the_app(db_path, today):
    async def scenario(pilot):
        await fill(pilot, "mood", "3")  # unsaved work survives adding a site
        await pilot.press("ctrl+n")
        await pilot.pause()
        await type_text(pilot, "groin")
        await pilot.press("enter")
        await pilot.pause()
        scores = sheet(pilot)
        assert scores.values["mood"] == "3"
        assert scores.cursor_key == "pain:groin:", "the cursor waits on the new row"
        await pilot.press("right")
        await type_text(pilot, "2")
        await pilot.press("ctrl+s")
        await pilot.pause()

    drive(make_app(db_path, today), scenario)
    assert stored(db_path, today).pain == {("groin", "left"): 2}
    assert stored(db_path, today).mood == 3


def test_help_lists_the_keys(db_path, today):
    async def scenario(pilot):
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(pilot.app.screen, HelpScreen)
        text = " ".join(str(widget.render()) for widget in pilot.app.screen.query(Static))
        for expected in (
            "Save the day",
            "Previous day",
            "Next day",
            "Go to a date",
            "Add a body site",
            "Quit",
            "Command palette",
            "digits",
        ):
            assert expected in text
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, HelpScreen)

    drive(make_app(db_path, today), scenario)


def test_the_palette_offers_the_day_commands(db_path, today):
    async def scenario(pilot):
        titles = [command.title for command in pilot.app.get_system_commands(pilot.app.screen)]
        for expected in ("Save the day", "Previous day", "Go to a date", "Add a body site", "Help: keys"):
            assert expected in titles

    drive(make_app(db_path, today), scenario)


def test_usable_at_80_by_24(db_path, today):
    from journal.store.sites import add_site

    with open_journal(db_path) as journal:
        for name in ("groin", "neck", "toe", "wrist", "elbow", "calf-right", "glute"):
            add_site(journal, name)

    async def scenario(pilot):
        scores = sheet(pilot)
        form = pilot.app.query_one("#day-form")
        assert scores.virtual_region.height > form.size.height, "more rows than fit: the form must scroll"
        scores.move_to("pain:glute:right")
        await pilot.pause()
        row = next(i for i, r in enumerate(scores.rows) if r.label == "Glute")
        top = form.scroll_offset.y
        assert top <= scores.virtual_region.y + row < top + form.size.height, "the cursor's row is in view"
        scores.move_to("day_type")
        await pilot.pause()
        assert form.scroll_offset.y == 0, "and back up again"

    drive(make_app(db_path, today), scenario, size=(80, 24))


def test_an_app_left_open_overnight_moves_to_the_new_date(db_path, monkeypatch, today):
    async def scenario(pilot):
        await fill(pilot, "mood", "3")  # typed before midnight, not yet saved
        monkeypatch.setenv("JOURNAL_TODAY", "2026-11-27")
        pilot.app.check_the_date()
        await pilot.pause()
        assert day_label(pilot) == "Thu 26 Nov 2026 (yesterday)", "the open day stays open"
        recent = pilot.app.query_one("#recent-days", OptionList)
        assert str(recent.get_option_at_index(0).prompt).startswith("Fri 27")
        await pilot.press("alt+right")
        await pilot.pause()
        await pilot.press("d")  # the typed mood is discarded
        await pilot.pause()
        assert day_label(pilot) == "Fri 27 Nov 2026 (today)"

    drive(make_app(db_path, today), scenario)


def test_a_day_saved_elsewhere_is_not_overwritten_silently(db_path, today):
    async def scenario(pilot):
        await fill(pilot, "mood", "1")
        with open_journal(db_path) as shell:  # `journal add` from another terminal, with a mood of its own
            save_entry(shell, DayEntry(today, sleep_hours=9.0, mood=3, pain={("hip", "left"): 4}))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ChoiceScreen)
        assert "changed elsewhere" in pilot.app.screen.title_text
        await pilot.press("escape")  # keep editing: nothing saved, nothing lost
        await pilot.pause()
        assert stored(db_path, today) == DayEntry(today, sleep_hours=9.0, mood=3, pain={("hip", "left"): 4})
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("l")  # load theirs
        await pilot.pause()
        assert sheet(pilot).values["sleep_hours"] == "9"
        assert sheet(pilot).values["mood"] == "3", "the mood typed here is dropped for theirs"
        await fill(pilot, "mood", "2")
        await pilot.press("ctrl+s")
        await pilot.pause()

    drive(make_app(db_path, today), scenario)
    assert stored(db_path, today) == DayEntry(today, sleep_hours=9.0, mood=2, pain={("hip", "left"): 4})


def test_what_another_window_saves_shows_up(db_path, today):
    async def scenario(pilot):
        from journal.store.sites import add_site

        with open_journal(db_path) as shell:
            save_entry(shell, DayEntry(today, sleep_hours=6.5, mood=3))
            add_site(shell, "groin")
        pilot.app.check_outside_changes()
        await pilot.pause()
        assert sheet(pilot).values["sleep_hours"] == "6.5"
        assert "pain:groin:left" in sheet(pilot).values, "a site added elsewhere gets its row"
        assert str(pilot.app.query_one("#recent-days", OptionList).get_option_at_index(0).prompt) == "Thu 26  6.5h m3"
        await fill(pilot, "fatigue", "4")  # typing here, then another change arrives
        with open_journal(db_path) as shell:
            save_entry(shell, DayEntry(today, sleep_hours=7.0, mood=3))
        pilot.app.check_outside_changes()
        await pilot.pause()
        assert sheet(pilot).values["fatigue"] == "4", "what is typed here is kept"
        assert "changed elsewhere" in status(pilot)
        await fill(pilot, "pain:groin:left", "3")
        with open_journal(db_path) as shell:
            from journal.store.sites import rename_site

            rename_site(shell, "groin", "adductor")
        pilot.app.check_outside_changes()
        await pilot.pause()
        assert sheet(pilot).values["pain:groin:left"] == "3", "a row renamed elsewhere keeps what was typed"

    drive(make_app(db_path, today), scenario)


def test_a_site_that_exists_is_refused_in_the_dialog(db_path, today):
    async def scenario(pilot):
        await pilot.press("ctrl+n")
        await pilot.pause()
        await type_text(pilot, "knee")
        await pilot.press("enter")
        await pilot.pause()
        assert "already a body site" in str(pilot.app.screen.query_one("#form-error", Static).render())

    drive(make_app(db_path, today), scenario)


def test_the_note_continues_where_it_ends(db_path, today):
    with open_journal(db_path) as journal:
        save_entry(journal, DayEntry(today, note="Easy 5k"))

    async def scenario(pilot):
        await open_note(pilot)
        await type_text(pilot, ", knee ok")
        assert pilot.app.query_one("#note", TextArea).text == "Easy 5k, knee ok"

    drive(make_app(db_path, today), scenario)


def test_the_note_editor_follows_the_day_once_open(db_path, today, yesterday):
    with open_journal(db_path) as journal:
        save_entry(journal, DayEntry(yesterday, note="tempo run\nfelt strong"))

    async def scenario(pilot):
        editor = await open_note(pilot)
        await type_text(pilot, "rest")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("alt+left")
        await pilot.pause()
        assert editor.text == "tempo run\nfelt strong"
        assert status(pilot).startswith("✓ saved"), "loading a day into the open editor is not a change"

    drive(make_app(db_path, today), scenario)
    assert stored(db_path, today).note == "rest"


def notices(pilot) -> list[str]:
    return [f"{notice.title}: {notice.message}" for notice in notifications(pilot.app)]


def test_a_save_keeps_what_another_window_saved_in_other_fields(db_path, today):
    from journal.domain.entries import EntryChange
    from journal.store.entries import update_entry

    with open_journal(db_path) as journal:
        save_entry(journal, DayEntry(today, sleep_hours=7.0, pain={("knee", "left"): 2}))

    async def scenario(pilot):
        await fill(pilot, "mood", "4")  # this window: a mood and the right knee
        await fill(pilot, "pain:knee:right", "5")
        with open_journal(db_path) as shell:  # meanwhile: `journal add --note ... --pain knee:left=3`
            update_entry(shell, today, EntryChange(values={"note": "Hill reps"}, pain={("knee", "left"): 3}))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, ChoiceScreen), "nothing both sides changed: no question"
        assert any("with what was saved elsewhere meanwhile: Note, Knee left" in notice for notice in notices(pilot))
        assert sheet(pilot).values["pain:knee:left"] == "3", "the form shows the day as saved"
        assert str(pilot.app.query_one("#note-preview", Static).render()) == "Hill reps"
        assert status(pilot).startswith("✓ saved")

    drive(make_app(db_path, today), scenario)
    assert stored(db_path, today) == DayEntry(
        today, sleep_hours=7.0, mood=4, note="Hill reps", pain={("knee", "left"): 3, ("knee", "right"): 5}
    )


def test_save_mine_writes_only_the_fields_changed_here(db_path, today):
    async def scenario(pilot):
        await fill(pilot, "mood", "4")
        await fill(pilot, "pain:knee:left", "6")
        with open_journal(db_path) as shell:  # another window saves a note, a mood and the same knee
            save_entry(shell, DayEntry(today, mood=2, note="Easy [b]5k[/b]", pain={("knee", "left"): 3}))
        await pilot.press("ctrl+s")
        await pilot.pause()
        dialog = pilot.app.screen
        assert isinstance(dialog, ChoiceScreen)
        body = dialog.body
        assert "Mood: theirs 2 · yours 4" in body
        assert "Knee left: theirs 3 · yours 6" in body
        assert "Note" not in body.split("\n\n")[1], "a field only they changed is no question"
        await pilot.press("o")  # save mine
        await pilot.pause()
        assert status(pilot).startswith("✓ saved")

    drive(make_app(db_path, today), scenario)
    assert stored(db_path, today) == DayEntry(today, mood=4, note="Easy [b]5k[/b]", pain={("knee", "left"): 6})


def test_a_field_changed_the_same_way_on_both_sides_is_no_question(db_path, today):
    async def scenario(pilot):
        await fill(pilot, "mood", "4")
        with open_journal(db_path) as shell:
            save_entry(shell, DayEntry(today, mood=4, sleep_hours=6.0))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, ChoiceScreen)

    drive(make_app(db_path, today), scenario)
    assert stored(db_path, today) == DayEntry(today, mood=4, sleep_hours=6.0)


def test_a_clash_that_changes_again_while_asked_is_asked_again(db_path, today):
    async def scenario(pilot):
        await fill(pilot, "mood", "4")
        await fill(pilot, "sleep_hours", "8")
        with open_journal(db_path) as shell:
            save_entry(shell, DayEntry(today, mood=2))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Mood: theirs 2 · yours 4" in pilot.app.screen.body
        with open_journal(db_path) as shell:  # while the question is open: their sleep too
            save_entry(shell, DayEntry(today, mood=2, sleep_hours=6.0))
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ChoiceScreen), "a clash not yet shown is asked about"
        assert "Sleep hours: theirs 6 · yours 8" in pilot.app.screen.body
        assert stored(db_path, today) == DayEntry(today, mood=2, sleep_hours=6.0)
        await pilot.press("o")
        await pilot.pause()

    drive(make_app(db_path, today), scenario)
    assert stored(db_path, today) == DayEntry(today, mood=4, sleep_hours=8.0)


def test_undoing_a_merged_save_takes_back_only_what_was_saved_here(db_path, today):
    async def scenario(pilot):
        await fill(pilot, "mood", "4")
        with open_journal(db_path) as shell:
            save_entry(shell, DayEntry(today, note="Tempo"))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert stored(db_path, today) == DayEntry(today, mood=4, note="Tempo")
        pilot.app.check_outside_changes()
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert stored(db_path, today) == DayEntry(today, note="Tempo")
        assert sheet(pilot).values["mood"] == ""

    drive(make_app(db_path, today), scenario)


def test_a_note_over_its_limit_is_refused_on_screen_and_not_saved(db_path, today):
    from journal.domain.scales import NOTE_MAX

    with open_journal(db_path) as journal:
        save_entry(journal, DayEntry(today, note="Easy 5k"))

    async def scenario(pilot):
        note = await open_note(pilot)
        note.insert("x" * NOTE_MAX)  # a long paste: the note is now over its limit
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        shown = [str(notice.message) for notice in notifications(pilot.app)]
        assert any("the note is at most 10,000 characters" in message for message in shown), shown
        assert stored(db_path, today).note == "Easy 5k"

    drive(make_app(db_path, today), scenario)


def test_the_pane_keys_work_from_the_note(db_path, today):
    from textual.widgets import TabbedContent

    with open_journal(db_path) as journal:
        save_entry(journal, DayEntry(today, note="Easy 5k"))

    async def scenario(pilot):
        await open_note(pilot)
        await pilot.press("f6")
        await pilot.pause()
        assert pilot.app.query_one(TabbedContent).active == "review"
        await pilot.press("f2", "Q")  # nothing was selected for a key to replace
        await pilot.pause()
        assert pilot.app.query_one("#note", TextArea).text == "Easy 5k"

    drive(make_app(db_path, today), scenario)


def test_a_save_keeps_what_a_watch_measured(db_path, today):
    """The resting heart rate and HRV an import brought stay when the day is changed and saved in the app."""
    with open_journal(db_path) as journal:
        save_entry(journal, DayEntry(today, sleep_hours=7.0, resting_hr=47, hrv=63.5, hrv_method="rmssd"))

    async def scenario(pilot):
        await fill(pilot, "mood", "4")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert status(pilot).startswith("✓ saved ")

    drive(make_app(db_path, today), scenario)
    assert stored(db_path, today) == DayEntry(
        today, sleep_hours=7.0, mood=4, resting_hr=47, hrv=63.5, hrv_method="rmssd"
    )


def test_what_a_watch_measured_is_shown_under_the_sheet_with_where_it_came_from(db_path, today):
    from journal.domain.imported import DayValues, SourceBatch
    from journal.store.source_import import import_source

    with open_journal(db_path) as journal:
        watch = [DayValues(today, {"resting_hr": 47, "hrv": 63.5, "hrv_method": "rmssd"}, where="line 2")]
        import_source(journal, SourceBatch("intervals", days=watch), today=today)
        save_entry(journal, DayEntry(today - dt.timedelta(days=1), mood=3))

    async def scenario(pilot):
        line = pilot.app.query_one("#device-day", Static)
        assert line.display and str(line.render()) == "Resting HR 47 bpm · HRV 63.5 ms (RMSSD) · from intervals.icu"
        await pilot.press("alt+left")  # a day without: no line
        await pilot.pause()
        assert not line.display

    drive(make_app(db_path, today), scenario)
