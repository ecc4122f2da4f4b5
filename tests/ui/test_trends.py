"""The trends beside the day's form, the flags above it, the Trends pane and the weekly review."""

import datetime as dt
import threading

from textual.widgets import Static, TabbedContent

from journal.domain.entries import DayEntry
from journal.domain.trends import days_per_cell
from journal.store import open_journal
from journal.store.entries import save_entries
from journal.ui.panes.review import ReviewPane
from journal.ui.panes.trends import TrendsPane
from journal.ui.screens.dialogs import ChoiceScreen
from journal.ui.widgets.trend_table import TrendTable, spark_width
from journal.ui.widgets.wrapped_lines import WrappedLines, wrap
from tests.ui.helpers import drive, fill, make_app, settle, sheet

DAY = dt.timedelta(days=1)


def log(db_path, entries):
    with open_journal(db_path) as journal:
        save_entries(journal, entries)


def row_text(pilot, label: str) -> str:
    scores = sheet(pilot)
    index = next(i for i, row in enumerate(scores.rows) if row.label == label)
    return scores.line_text(index).plain


def test_the_form_shows_30_days_of_each_trend_and_a_save_redraws_them(db_path, today):
    log(db_path, [DayEntry(today - offset * DAY, mood=5) for offset in range(1, 4)])

    async def scenario(pilot):
        mood = row_text(pilot, "Mood")
        assert mood.rstrip().endswith("  ███"), "three 5s up to yesterday, today not logged yet"
        assert row_text(pilot, "Knee").rstrip() == "Knee", "a site with no readings draws no trend"
        assert "30 days to 26 Nov" in row_text(pilot, "Day type")
        await fill(pilot, "mood", "1")
        await fill(pilot, "pain:knee:left", "7")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert row_text(pilot, "Mood").rstrip().endswith("███▁")
        assert row_text(pilot, "Knee").rstrip().endswith("▆")

    drive(make_app(db_path, today), scenario)


def test_a_narrow_form_shows_the_latest_days_of_each_trend(db_path, today):
    log(db_path, [DayEntry(today - offset * DAY, mood=1 if offset else 5) for offset in range(30)])

    async def scenario(pilot):
        mood = row_text(pilot, "Mood").rstrip()
        assert mood.endswith("▁▁█") and "…" not in mood, "today is on the right, never cut off"
        shown = len(mood.split()[-1])
        assert shown < 30 and f"{shown} days to 26 Nov" in row_text(pilot, "Day type"), "the caption counts what fits"

    drive(make_app(db_path, today), scenario, size=(80, 24))


def test_flags_show_above_the_form_and_in_full_on_ctrl_f(db_path, today):
    log(db_path, [DayEntry(today - offset * DAY, pain={("knee", "left"): 3}) for offset in range(1, 7)])

    async def scenario(pilot):
        strip = pilot.app.query_one("#flags", Static)
        assert not strip.display, "six days of pain is not yet a flag"
        await fill(pilot, "pain:knee:left", "2")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert strip.display and "Knee has hurt on 7 days in a row" in str(strip.render())
        await pilot.press("ctrl+f")
        await pilot.pause()
        dialog = pilot.app.screen
        assert isinstance(dialog, ChoiceScreen) and "worth getting checked" in dialog.body
        await pilot.press("escape")
        await pilot.press("alt+left")  # yesterday: six days, no flag
        await pilot.pause()
        assert not strip.display

    drive(make_app(db_path, today), scenario)


def test_stepping_from_day_to_day_reads_the_days_once_and_sees_a_change_made_elsewhere(db_path, today, monkeypatch):
    """The days beside the form (the recent list, the trends, the flags) are read once while the runner steps
    from day to day; a day saved meanwhile by another window, before the app has looked, is read on the next step."""
    import journal.ui.panes.today

    log(db_path, [DayEntry(today - offset * DAY, pain={("knee", "left"): 3}) for offset in range(1, 7)])
    reads: list[tuple[dt.date, dt.date]] = []
    entries_between = journal.ui.panes.today.entries_between

    def counting(journal, first, last):
        reads.append((first, last))
        return entries_between(journal, first, last)

    monkeypatch.setattr(journal.ui.panes.today, "entries_between", counting)

    async def scenario(pilot):
        strip = pilot.app.query_one("#flags", Static)
        recent = pilot.app.query_one("#recent-days")
        reads.clear()
        for key in ("alt+left", "alt+left", "alt+right", "alt+left", "alt+right", "alt+right"):
            await pilot.press(key)
            await pilot.pause()
        assert reads == []
        assert not strip.display, "six days of pain is not yet a flag"
        log(db_path, [DayEntry(today, pain={("knee", "left"): 2})])  # another window logs today's pain
        await pilot.press("alt+left", "alt+right")
        await pilot.pause()
        assert len(reads) == 1
        assert strip.display and "Knee has hurt on 7 days in a row" in str(strip.render())
        assert str(recent.get_option_at_index(0).prompt) == "Thu 26  p2"

    drive(make_app(db_path, today), scenario)


def test_the_days_either_side_are_worked_out_while_the_runner_looks_at_one(db_path, today, monkeypatch):
    """Soon after a day is shown, the flags and trends of the days before and after it are worked out: a step
    to either draws them, as a fresh look at that day would."""
    import journal.domain.signals
    from journal.ui.panes.today import PREFETCH_AFTER

    log(db_path, [DayEntry(today - offset * DAY, mood=3, pain={("knee", "left"): 3}) for offset in range(1, 12)])
    worked_out: list[dt.date] = []
    flags_on = journal.domain.signals.flags_on

    def counting(entries, day, sites, sleep_need):
        worked_out.append(day)
        return flags_on(entries, day, sites, sleep_need)

    monkeypatch.setattr(journal.domain.signals, "flags_on", counting)
    monkeypatch.setattr("journal.ui.app.PREPARE_AFTER", 60.0)  # the Week pane, drawn hidden, works flags out too

    async def scenario(pilot):
        pane = pilot.app.today_pane
        for _ in range(3):
            await pilot.pause(PREFETCH_AFTER * 2)
            worked_out.clear()
            await pilot.press("alt+left")
            await pilot.pause()
            assert pane.day not in worked_out, "the day stepped to was worked out before the step"
            logged = pane._logged[3]
            assert pane.flags == flags_on(logged, pane.day, pane.sites, 8.0)
            assert pane.sheet.trends == pane._trends(logged, pane.day)
        assert "Knee has hurt on 9 days in a row" in str(pilot.app.query_one("#flags", Static).render())

    drive(make_app(db_path, today), scenario)


def test_a_day_shown_after_another_draws_again_only_the_rows_that_changed(db_path, today, monkeypatch):
    """The rows with the same values and trends as the day before (the headings, a site with no pain in the
    month) are not drawn again; every row shows what a fresh drawing of the day shows."""
    from journal.ui.widgets.score_sheet import ScoreSheet

    log(db_path, [DayEntry(today - offset * DAY, mood=3 + offset % 2) for offset in range(1, 9)])
    drawn: list[int] = []
    render_line = ScoreSheet.render_line

    def counting(sheet, y):
        drawn.append(y)
        return render_line(sheet, y)

    monkeypatch.setattr(ScoreSheet, "render_line", counting)

    async def scenario(pilot):
        scores = sheet(pilot)
        for _ in range(3):
            drawn.clear()
            await pilot.press("alt+left")
            await pilot.pause()
            mood = next(y for y, row in enumerate(scores.rows) if row.label == "Mood")
            knee = next(y for y, row in enumerate(scores.rows) if row.label == "Knee")
            assert mood in drawn and knee not in drawn, "the mood of each day differs; no day has knee pain"
            shown = [list(line) for line in scores.render_lines(scores.size.region)]
            scores.refresh()
            assert [list(line) for line in scores.render_lines(scores.size.region)] == shown

    drive(make_app(db_path, today), scenario)


def test_the_recent_days_keep_their_size_as_the_flags_above_come_and_go(db_path, today):
    """A day with flags pushes the form down; the recent days column is not resized (and drawn again) for it."""
    log(db_path, [DayEntry(today - offset * DAY, pain={("knee", "left"): 3}) for offset in range(7)])

    async def scenario(pilot):
        strip = pilot.app.query_one("#flags", Static)
        column, days = pilot.app.query_one("#recent"), pilot.app.query_one("#recent-days")
        assert strip.display, "seven days of pain: a flag"
        sizes = (column.size, days.size)
        await pilot.press("alt+left")  # six days: no flag
        await pilot.pause()
        assert not strip.display
        assert (column.size, days.size) == sizes

    drive(make_app(db_path, today), scenario)


def test_the_trends_pane_switches_ranges_by_key_and_by_click(db_path, today):
    log(db_path, [DayEntry(today - offset * DAY, sleep_hours=7.5, mood=4) for offset in range(0, 400, 3)])

    async def scenario(pilot):
        await pilot.press("f5")
        pane = await settle(pilot, TrendsPane, lambda pane: pane.trends is not None)
        assert pilot.app.query_one(TabbedContent).active == "trends"
        table = pilot.app.query_one(TrendTable)
        assert table.line_text(0).plain.startswith("28 Oct 2026 – 26 Nov 2026 · a day a column")
        mood = table.line_text(6).plain
        assert mood.startswith("Mood") and "▇  ▇  ▇" in mood and "▇▇" not in mood, "gaps between logged days"
        await pilot.press("4")
        await settle(pilot, TrendsPane, lambda pane: pane.range == "all" and pane.trends.per_cell > 1)
        assert table.line_text(0).plain.startswith("23 Oct 2025 – 26 Nov 2026 · 9 days a column")
        await pilot.press("r")  # from all back round to 30 days
        await settle(pilot, TrendsPane, lambda pane: pane.trends.per_cell == 1)
        assert pane.range == "30d"
        await pilot.click("#range-year")
        await settle(pilot, TrendsPane, lambda pane: pane.range == "year" and pane.trends.days == 365)

    drive(make_app(db_path, today), scenario)


def test_a_range_is_read_for_the_width_laid_out_and_the_last_range_asked_for_wins(db_path, today, monkeypatch):
    """The pane shown as its tab is activated, before the screen has laid it out, reads its range once it has: read
    at once, the 30 days were bucketed to the narrowest sparkline (4 days a column). A range asked for while another
    is read replaces it, whichever read ends first."""
    log(db_path, [DayEntry(today - offset * DAY, sleep_hours=7.5, mood=4) for offset in range(60)])
    gates: dict[int, threading.Event] = {30: threading.Event(), 60: threading.Event()}  # by the days read
    read = TrendsPane._read

    def held(pane, span, width):
        gates[(span[1] - span[0]).days + 1].wait(5)  # each read goes on when the test says
        return read(pane, span, width)

    monkeypatch.setattr(TrendsPane, "_read", held)
    monkeypatch.setattr(TrendsPane, "DRAWN_HIDDEN", False)  # shown before the app drew it hidden: read as shown

    async def scenario(pilot):
        app = pilot.app
        pane = app.query_one(TrendsPane)
        await pane.prepare()  # built while hidden, as the app does soon after the start
        app.action_show_pane("trends")
        await pane.showing()  # what the app does as the tab is activated, before the screen lays the pane out
        await pilot.press("1")
        await pilot.pause()  # laid out
        gates[30].set()
        await settle(pilot, TrendsPane, lambda pane: pane.trends is not None)
        table = app.query_one(TrendTable)
        assert table.line_text(0).plain.startswith("28 Oct 2026 – 26 Nov 2026 · a day a column")
        assert len(pane.trends.series[0].cells) == 30

        gates[30].clear()
        await pilot.press("4")  # the whole journal, whose read ends last
        await pilot.pause()
        await pilot.press("1")
        await pilot.pause()
        gates[30].set()
        await pilot.pause(0.05)
        gates[60].set()
        await settle(pilot, TrendsPane)
        assert pane.range == "30d" and pane.trends.days == 30 and pane.trends.per_cell == 1
        assert table.line_text(0).plain.startswith("28 Oct 2026 – 26 Nov 2026 · a day a column")

    drive(make_app(db_path, today), scenario)


def test_a_terminal_resized_while_the_first_range_is_read_reads_it_again_for_the_new_width(db_path, today, monkeypatch):
    log(db_path, [DayEntry(today - offset * DAY, sleep_hours=7.5, mood=4) for offset in range(30)])
    go = threading.Event()
    read = TrendsPane._read
    monkeypatch.setattr(TrendsPane, "_read", lambda pane, span, width: (go.wait(5), read(pane, span, width))[1])

    async def scenario(pilot):
        await pilot.press("f5")
        await pilot.pause()
        await pilot.resize_terminal(80, 30)  # 26 columns of sparkline: 30 days at 2 days a column
        await pilot.pause()
        go.set()
        pane = await settle(pilot, TrendsPane, lambda pane: pane.trends is not None)
        assert pane.trends.per_cell == 2
        assert pilot.app.query_one(TrendTable).line_text(0).plain.startswith("28 Oct 2026 – 26 Nov 2026 · 2 days")

    drive(make_app(db_path, today), scenario)


def count_reads(monkeypatch) -> list[int]:
    """The width of every range the Trends pane reads, in order."""
    widths: list[int] = []
    read = TrendsPane._read

    def counted(pane, span, width):
        widths.append(width)
        return read(pane, span, width)

    monkeypatch.setattr(TrendsPane, "_read", counted)
    return widths


def test_the_trends_pane_is_drawn_hidden_at_the_width_it_is_then_shown_at(db_path, today, monkeypatch):
    log(db_path, [DayEntry(today - offset * DAY, sleep_hours=7.5, mood=4) for offset in range(30)])
    reads = count_reads(monkeypatch)

    async def scenario(pilot):
        pane = pilot.app.query_one(TrendsPane)
        for _ in range(150):  # the app makes the hidden panes ready soon after its first frame
            await pilot.pause(0.02)
            if pane.trends is not None and not pane.load_running:
                break
        assert not pane.display and pane.trends is not None and pane.trends.per_cell == 2, "drawn, hidden"
        await pilot.press("f5")
        await settle(pilot, TrendsPane)
        assert pilot.app.query_one(TrendTable).line_text(0).plain.startswith("28 Oct 2026 – 26 Nov 2026 · 2 days")
        assert len(reads) == 1, "shown as it was drawn: not read again"

    drive(make_app(db_path, today), scenario, size=(80, 30))  # 26 columns of sparkline: 2 days a column


def test_a_resize_reads_the_range_again_only_for_another_number_of_days_a_column(db_path, today, monkeypatch):
    log(db_path, [DayEntry(today - offset * DAY, sleep_hours=7.5, mood=4) for offset in range(30)])
    reads = count_reads(monkeypatch)

    async def scenario(pilot):
        await pilot.press("f5")
        pane = await settle(pilot, TrendsPane, lambda pane: pane.trends is not None)
        assert pane.trends.per_cell == 1
        read_before = len(reads)
        await pilot.resize_terminal(99, 30)  # a column less: the 30 days still fit a day a column
        await settle(pilot, TrendsPane)
        assert len(reads) == read_before and pane.trends.per_cell == 1
        await pilot.resize_terminal(80, 30)  # 26 columns of sparkline
        await settle(pilot, TrendsPane, lambda pane: pane.trends.per_cell == 2)
        assert len(reads) == read_before + 1
        assert pilot.app.query_one(TrendTable).line_text(0).plain.startswith("28 Oct 2026 – 26 Nov 2026 · 2 days")

    drive(make_app(db_path, today), scenario)


def test_a_scrollbar_that_narrows_the_table_reads_the_range_again_for_its_width(db_path, today):
    """At 84x15 the rows overflow: the scrollbar takes two of the table's columns (the pane keeps its width), and
    30 days no longer fit a day a column. Drawn for the wider table, the first days of each row were cut off."""
    log(db_path, [DayEntry(today - offset * DAY, sleep_hours=7.5, mood=4) for offset in range(30)])

    async def scenario(pilot):
        await pilot.press("f5")
        pane = await settle(pilot, TrendsPane, lambda pane: pane.trends is not None)
        table = pilot.app.query_one(TrendTable)
        assert pane.trends.per_cell == days_per_cell(30, spark_width(table.size.width))
        cells = len(pane.trends.series[0].cells)
        assert cells <= spark_width(table.size.width), "every cell read is drawn"
        assert table.line_text(0).plain.startswith("28 Oct 2026 – 26 Nov 2026 · 2 days")

    drive(make_app(db_path, today), scenario, size=(84, 15))


def test_the_trends_pane_on_an_empty_journal_says_what_to_do(db_path, today):
    async def scenario(pilot):
        await pilot.press("f5", "4")
        await settle(pilot, TrendsPane)
        assert "Nothing logged" in pilot.app.query_one(TrendTable).line_text(0).plain
        assert "Today pane" in str(pilot.app.query_one("#trends-empty", Static).render())

    drive(make_app(db_path, today), scenario)


def test_the_week_pane_moves_between_weeks_and_follows_new_data(db_path, today):
    log(db_path, [DayEntry(dt.date(2026, 11, 17), mood=4, note="Track session")])

    async def scenario(pilot):
        await pilot.press("f6")
        pane = await settle(pilot, ReviewPane)
        label = pilot.app.query_one("#review-label", Static)
        text = pilot.app.query_one("#review-text", WrappedLines)

        def shown() -> str:
            return "\n".join(line.plain for line in text.wrapped(text.size.width))

        assert str(label.render()) == "2026-W48 · 23–29 Nov 2026"
        assert "0 of 4 days logged so far." in shown()
        await pilot.press("alt+right")  # no week after this one yet
        await pilot.press("alt+left")
        await pilot.pause()
        assert str(label.render()) == "2026-W47 · 16–22 Nov 2026"
        assert "Tue 17  Track session" in shown()
        log(db_path, [DayEntry(dt.date(2026, 11, 18), note="Easy jog")])  # another window saves
        pilot.app.check_outside_changes()
        await pilot.pause()
        assert "Wed 18  Easy jog" in shown()
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert pane.start == dt.date(2026, 11, 23)

    drive(make_app(db_path, today), scenario)


def test_a_long_review_line_wraps_under_its_own_text():
    flag = "  !! Tue: Sleep debt of 17 h over the last 14 days (13 nights logged, against a need of 8 h)."
    assert wrap(flag, 40) == [
        "  !! Tue: Sleep debt of 17 h over the",
        "     last 14 days (13 nights logged,",
        "     against a need of 8 h).",
    ]
    assert wrap("  Thu 26  Coach said: shorter stride, quicker feet", 30) == [
        "  Thu 26  Coach said: shorter",
        "          stride, quicker feet",
    ]
    assert wrap("", 30) == [""]
    assert wrap("                    this  before", 80) == ["                    this  before"]


def test_the_trends_and_week_panes_show_training_and_overuse(db_path, today):
    from journal.domain.overuse import Answers
    from journal.domain.sessions import Session
    from journal.store.overuse import save_answers
    from journal.store.sessions import add_session

    monday = today - today.weekday() * DAY
    with open_journal(db_path) as journal:
        save_entries(journal, [DayEntry(today - offset * DAY, mood=4) for offset in range(30)])
        for offset in range(1, 30, 2):
            add_session(journal, Session(today - offset * DAY, "run", 40, km=8.0, rpe=4), today=today)
        save_answers(journal, monday - 7 * DAY, "knee", "left", Answers(1, 2, 1, 1), today=today)

    async def scenario(pilot):
        await pilot.press("f5")
        await settle(pilot, TrendsPane, lambda pane: pane.trends is not None)
        table = pilot.app.query_one(TrendTable)
        lines = {line.split("  ")[0].strip(): line for line in (table.line_text(y).plain for y in range(30))}
        assert "Minutes / week" in lines and "Km / week" in lines and "Load / week" in lines
        assert lines["Overuse: Knee"].split()[-4:] == ["35", "35", "35", "35"], "one week answered"
        assert lines["Km / week"].split()[-4] in ("24.0", "32.0"), "three or four 8 km runs a week"
        await pilot.press("f6")
        await settle(pilot, ReviewPane)
        await pilot.press("alt+left")
        await pilot.pause()
        text = pilot.app.query_one("#review-text", WrappedLines)
        shown = "\n".join(line.plain for line in text.wrapped(text.size.width))
        assert "Training against the week before" in shown and "  Sessions " in shown
        assert "Knee (left): severity 35 of 100, a substantial problem" in shown
        assert "a substantial overuse problem in the week of Mon 16 Nov" in shown

    drive(make_app(db_path, today), scenario)


def test_stepping_between_weeks_works_each_week_out_once_and_sees_a_change_made_elsewhere(db_path, today, monkeypatch):
    """Back and forth between weeks, each week's review is worked out once; a week changed meanwhile (here by
    another window, before the app has looked) is worked out again."""
    import journal.store.insights

    log(db_path, [DayEntry(dt.date(2026, 11, 17), mood=4, note="Track session")])
    worked_out: list[dt.date] = []
    weekly_review = journal.store.insights.weekly_review

    def counting(journal, start, today):
        worked_out.append(start)
        return weekly_review(journal, start, today)

    monkeypatch.setattr(journal.store.insights, "weekly_review", counting)

    async def scenario(pilot):
        await pilot.press("f6")
        await settle(pilot, ReviewPane)
        text = pilot.app.query_one("#review-text", WrappedLines)
        for key in ("alt+left", "alt+left", "alt+right", "alt+right", "alt+left"):
            await pilot.press(key)
            await settle(pilot, ReviewPane)
        assert worked_out == [dt.date(2026, 11, 23), dt.date(2026, 11, 16), dt.date(2026, 11, 9)]
        assert "Tue 17  Track session" in "\n".join(line.plain for line in text.wrapped(text.size.width))
        log(db_path, [DayEntry(dt.date(2026, 11, 18), note="Easy jog")])
        await pilot.press("alt+left", "alt+right")
        await settle(pilot, ReviewPane)
        assert worked_out[-2:] == [dt.date(2026, 11, 9), dt.date(2026, 11, 16)]
        assert "Wed 18  Easy jog" in "\n".join(line.plain for line in text.wrapped(text.size.width))

    drive(make_app(db_path, today), scenario)
