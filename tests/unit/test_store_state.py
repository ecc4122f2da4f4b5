"""Any sequence of what the command line and the app do keeps the journal whole.

A state machine drives the store as `journal add`, `check`, `items`, `goal`,
`sites`, `settings` and the app's forms call it, on a real journal file, and
after every step checks that:

1. the journal exports (`journal export --what all`), imports into a new journal
   (`journal import FOLDER`) and exports again byte for byte: nothing accepted
   is lost or refused on the way back;
2. a week's checklist figure changes only when its own ticks or day types
   change, or by an item change whose rule reaches that week (a new item, a
   retirement or a new target from the current week on; a tick before an item
   was added moves its start back; a removed item leaves every week);
3. a step either works or is refused with the journal's own error, and a
   refusal changes no row of any table.

`HYPOTHESIS_PROFILE=thorough` (or `--hypothesis-profile=thorough`) runs ten times
as many sequences as the default.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, note, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from journal import clock
from journal.cli.goals import goal_number
from journal.clock import LATEST
from journal.dates import parse_date, week_start
from journal.domain.checklist import ITEM_KINDS, parse_kind, parse_target, parse_title, resolve_item
from journal.domain.entries import DayEntry, EntryChange, parse_clear, parse_pain_setting, parse_value
from journal.domain.goals import (
    CATEGORIES,
    STATUSES,
    Goal,
    parse_category,
    parse_goal_title,
    parse_measure,
    parse_status,
)
from journal.domain.markers import Keep
from journal.domain.scales import DAY_TYPES, ENTRY_FIELDS, WELLNESS_FIELDS, parse_site_name
from journal.errors import InvalidInput, JournalError
from journal.io.csv_export import writers
from journal.io.csv_import import read_path
from journal.store import open_journal
from journal.store.checklist import (
    add_item,
    list_items,
    load_week,
    move_item,
    remove_item,
    retire_item,
    set_tick,
    update_item,
)
from journal.store.entries import get_entry, update_entry
from journal.store.goals import add_goal, get_goal, list_goals, move_goal, remove_goal, update_goal
from journal.store.settings import SETTINGS, first_weekday, set_setting
from journal.store.sites import add_site, list_sites, remove_site, rename_site
from journal.store.transfer import import_bundle
from tests.content import table_rows

DAY = dt.timedelta(days=1)
WINDOW = 42  # six weeks of days, up to today
NOTE_LIMIT = 10_000  # the longest note, goal note or label text `journal import` takes
TICK_NOTE_LIMIT = DESCRIPTION_LIMIT = 200

# Whatever a keyboard or a shell can hand over: no NUL (argv cannot hold one), no lone surrogate.
characters = st.characters(exclude_categories=("Cs",), exclude_characters="\x00")
short_text = st.text(characters, max_size=30)


def long_text(limit: int) -> st.SearchStrategy[str]:
    """Text at and just past a field's limit, built from a short drawn piece (a long draw is slow)."""
    return st.builds(
        lambda piece, size: (piece * size)[:size],
        st.text(characters, min_size=1, max_size=4),
        st.sampled_from([limit - 1, limit, limit + 1]),
    )


def text_up_to(limit: int) -> st.SearchStrategy[str]:
    return st.one_of(
        short_text, st.sampled_from(["", "  ", "=1+2", "'=x", "@once", 'a,"b"\r\nc', "é\u0301 🏃 ۳"]), long_text(limit)
    )


# A day as a number of days before today, up to the window's first; -1 is tomorrow. The rules work out the date from
# the machine's `today`, so the strategy does not depend on the day.
days_back = st.integers(0, WINDOW - 1) | st.just(-1)
sleep_text = st.sampled_from(["0", "7.5", "7,5", "24", "8", "6.25", "25", "-1", "7.555", "abc", ""])
score_text = st.sampled_from(["1", "2", "3", "4", "5", "0", "6", " 3 ", "+3", "-1", "", "x"])
day_type_text = st.sampled_from([*DAY_TYPES, "Rest", " sick ", "holiday"])
kind_text = st.sampled_from([*ITEM_KINDS, "Strength", "bogus"])
target_text = st.sampled_from(["1", "2", "3", "7", " 2 ", "0", "8", "-1", "²", "1.5", ""])
item_titles = st.one_of(
    st.sampled_from(
        [
            "Hill sprints",
            "Strides",
            "Drills: A-skips, B-skips",
            "  Core   work ",
            "x" * 60,
            "x" * 61,
            "=cmd",
            "Ünïcode 🏃",
            "",
        ]
    ),
    short_text,
)
site_names = st.one_of(
    st.sampled_from(["groin", "Left Calf", "knee", "hip_flexor", "a" * 30, "a" * 31, "9lives", ""]),
    st.text(characters, max_size=12),
)
site_labels = st.one_of(
    st.none(), st.sampled_from(["Groin / adductor", "", " ", "x" * 40, "x" * 41, "=cmd"]), short_text
)
week_start_text = st.sampled_from(["monday", "sunday", "Saturday", "wed", "someday", ""])
sleep_need_text = st.sampled_from(["8", "8.5", "5", "12", "4.5", "12.5", "abc"])
due_text = st.sampled_from([None, "", "none", "2027-01-15", "friday", "20 dec", "9999-12-31", "1899-12-31", "bogus"])


def checked_day(day: dt.date, today: dt.date) -> dt.date:
    """The day as `journal add DATE` reads it on `today`."""
    return parse_date(day.isoformat(), today=today, allow_future=False, ahead=False)


def checked_due(text: str | None, today: dt.date) -> dt.date | None:
    """A due date as `journal goal add --due` reads it on `today`."""
    return parse_date(text, today=today, allow_future=True) if text else None


def export_files(journal) -> dict[str, bytes]:
    """What `journal export --what all -o FOLDER` writes, file by file: every kind, from the first day there can be
    to today, in UTF-8 with the line ends as written (kept in memory: opening files is most of a step's time)."""
    files = {}
    for name, writer in writers(journal, dt.date.min, LATEST, {}).items():
        out = io.StringIO(newline="")
        writer(out)
        files[name] = out.getvalue().encode("utf-8")
    return files


def first_difference(first: bytes, second: bytes) -> str:
    for number, (one, other) in enumerate(zip(first.splitlines(), second.splitlines(), strict=False), start=1):
        if one != other:
            return f"line {number}: {one[:300]!r} became {other[:300]!r}"
    return f"{len(first.splitlines())} lines became {len(second.splitlines())}"


class JournalMachine(RuleBasedStateMachine):
    """One journal file, changed step by step the way the command line and the app change it."""

    base: Path  # set by the test: the folder each run's journal lives in
    new_journal: Path  # a journal as `open_journal` starts one: copied for each import, as migrating is slow

    def __init__(self) -> None:
        super().__init__()
        # A state machine cannot take the `today` fixture: it reads the day as the journal does, from the clock,
        # which the autouse `isolated` fixture fixes on `today` (JOURNAL_TODAY) before the machine starts.
        self.today = clock.today()
        self.folder = Path(tempfile.mkdtemp(dir=self.base))
        self.journal = open_journal(self.folder / "journal.db")
        self.trips = 0
        # The model: what the steps asked for, kept apart from what the store says.
        self.ticks: set[tuple[int, dt.date]] = set()
        self.day_types: dict[dt.date, str] = {}
        self.reaches: set[dt.date] = set()  # weeks the step's item change reaches by the rules
        self.seen_ticks: set[tuple[int, dt.date]] = set()
        self.seen_day_types: dict[dt.date, str] = {}
        self.figures = self.week_figures()

    def teardown(self) -> None:
        self.journal.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    # -- helpers ------------------------------------------------------------------------

    def attempt(self, step):
        """Run one step: it works, or it is refused with the journal's own error and changes no row."""
        before = table_rows(self.journal.conn)
        try:
            return step()
        except JournalError as error:
            note(f"refused: {error}")
            assert not self.journal.conn.in_transaction, "a refused step left its transaction open"
            # The model's check after any refusal, not a test of the error itself: pytest.raises has no place here.
            assert table_rows(self.journal.conn) == before, f"refused ({error}) but the journal changed"  # noqa: PT017
            return None

    def first(self) -> int:
        return first_weekday(self.journal)

    def this_week(self) -> dt.date:
        return week_start(self.today, self.first())

    def week_starts(self) -> list[dt.date]:
        start = week_start(self.today - (WINDOW - 1) * DAY, self.first())
        return [start + 7 * n * DAY for n in range((self.this_week() - start).days // 7 + 1)]

    def weeks_from(self, first_day: dt.date, before: dt.date | None = None) -> set[dt.date]:
        """The weeks holding `first_day` up to (not including) the week holding `before` (default: all)."""
        start, end = week_start(first_day, self.first()), week_start(before, self.first()) if before else None
        return {week for week in self.week_starts() if week >= start and (end is None or week < end)}

    def week_figures(self) -> dict[dt.date, tuple]:
        figures = {}
        for start in self.week_starts():
            completion = load_week(self.journal, start).completion
            # The items that count: a row that asks nothing and has nothing done is only there to be ticked.
            figures[start] = (
                completion.ratio,
                sorted(
                    (progress.item.id, progress.done, progress.target)
                    for progress in completion.items
                    if progress.target or progress.done
                ),
            )
        return figures

    def item_reference(self, data, items) -> str:
        """An item as `journal check ITEM` names it: its number, its title, part of it, or none at all."""
        known = [str(item.id) for item in items] + [item.title for item in items]
        return data.draw(st.sampled_from([*known, "99", "", "s", "²", "strides"]), label="item")

    # -- days ---------------------------------------------------------------------------

    @rule(data=st.data(), back=days_back)
    def add(self, data, back):
        """`journal add DATE --sleep --mood ... --pain SITE[:SIDE]=N --day --note --clear FIELD`."""
        day = self.today - back * DAY
        sites = list_sites(self.journal)
        given = data.draw(
            st.fixed_dictionaries(
                {},
                optional={
                    "sleep_hours": sleep_text,
                    **dict.fromkeys(WELLNESS_FIELDS, score_text),
                    "day_type": day_type_text,
                    "note": text_up_to(NOTE_LIMIT),
                },
            ),
            label="fields",
        )
        site_words = [site.name for site in sites] + [site.label for site in sites] + ["nowhere"]
        pains = data.draw(
            st.lists(
                st.builds(
                    lambda site, side, score: f"{site}{':' + side if side else ''}={score}",
                    st.sampled_from(site_words),
                    st.sampled_from(["", "left", "right", "l", "R", "middle"]),
                    st.sampled_from([str(n) for n in range(11)] + ["11", "-1", ""]),
                ),
                max_size=3,
            ),
            label="pain",
        )
        clears = data.draw(
            st.lists(
                st.sampled_from(
                    [
                        *ENTRY_FIELDS,
                        "pain",
                        "sleep-quality",
                        "bogus",
                        *(f"pain:{site}" for site in site_words),
                        *(f"pain:{site.name}:left" for site in sites),
                    ]
                ),
                max_size=2,
            ),
            label="clear",
        )

        def step():
            day_checked = checked_day(day, self.today)
            change = EntryChange()
            for name, text in given.items():
                change.values[name] = parse_value(name, text)
            for target in clears:
                parse_clear(target, sites, change)
            for setting in pains:
                key, score = parse_pain_setting(setting, sites)
                if key in change.pain:
                    raise InvalidInput(f"pain at {key} is given twice")
                change.pain[key] = score
            if change.cleared & change.values.keys():
                raise InvalidInput("both set and cleared")
            if change.is_empty():
                raise InvalidInput("nothing to log")
            update_entry(self.journal, day_checked, change)
            return change

        change = self.attempt(step)
        if change is not None:
            if "day_type" in change.values:
                self.day_types[day] = change.values["day_type"]
            elif "day_type" in change.cleared:
                self.day_types[day] = "normal"

    @rule(back=days_back)
    def clear_day(self, back):
        """The app's Today pane: every field emptied, then saved over the day as it was loaded."""
        day = self.today - back * DAY

        def step():
            day_checked = checked_day(day, self.today)
            loaded = get_entry(self.journal, day_checked)
            update_entry(self.journal, day_checked, EntryChange.between(loaded, DayEntry(day_checked)), since=loaded)
            return True

        if self.attempt(step):
            self.day_types[day] = "normal"

    # -- ticks --------------------------------------------------------------------------

    @rule(
        data=st.data(),
        back=days_back,
        done=st.booleans(),
        tick_note=st.one_of(st.just(""), text_up_to(TICK_NOTE_LIMIT)),
    )
    def tick(self, data, back, done, tick_note):
        """`journal check ITEM DATE --note` and `journal uncheck ITEM DATE` (the app's space bar and note)."""
        day = self.today - back * DAY
        reference = self.item_reference(data, list_items(self.journal))
        tick_note = tick_note if done else ""

        def step():
            day_checked = checked_day(day, self.today)
            if len(tick_note) > TICK_NOTE_LIMIT:
                raise InvalidInput("a tick's note is at most 200 characters")
            item = resolve_item(reference, list_items(self.journal))
            set_tick(self.journal, item.id, day_checked, done, note=tick_note)
            return item

        item = self.attempt(step)
        if item is None:
            return
        if done:
            self.ticks.add((item.id, day))  # before the item was added too: it counts in that week alone
        else:
            self.ticks.discard((item.id, day))

    # -- checklist items ----------------------------------------------------------------

    @rule(title=item_titles, times=target_text, kind=kind_text, description=text_up_to(DESCRIPTION_LIMIT))
    def add_item(self, title, times, kind, description):
        """`journal items add TITLE --target N --kind KIND --description TEXT`."""

        def step():
            parse_title(title), parse_target(times), parse_kind(kind)
            return add_item(self.journal, title, kind=kind, target=times, description=description, today=self.today)

        if self.attempt(step):
            self.reaches |= self.weeks_from(self.today)

    @rule(
        data=st.data(),
        title=st.none() | item_titles,
        times=st.none() | target_text,
        kind=st.none() | kind_text,
        description=st.none() | text_up_to(DESCRIPTION_LIMIT),
    )
    def edit_item(self, data, title, times, kind, description):
        """`journal items edit ITEM --title --target --kind --description` (the app's item form)."""
        reference = self.item_reference(data, list_items(self.journal))

        def step():
            if title is None and times is None and kind is None and description is None:
                raise InvalidInput("nothing to change")
            found = resolve_item(reference, list_items(self.journal))
            return update_item(
                self.journal, found.id, title=title, kind=kind, target=times, description=description, today=self.today
            )

        if self.attempt(step) and (times is not None or kind is not None):
            # A new target counts from this week on; so does a kind changed to or from rest, which the journal
            # allows only while the item has no week before this one.
            self.reaches |= self.weeks_from(self.today)

    @rule(data=st.data(), place=st.integers(1, 12), by_key=st.sampled_from([0, -1, 1]))
    def move_item(self, data, place, by_key):
        """`journal items move ITEM --to PLACE`, or shift+up / shift+down in the app."""
        reference = self.item_reference(data, list_items(self.journal, include_retired=False))

        def step():
            in_use = list_items(self.journal, include_retired=False)
            found = resolve_item(reference, in_use)
            offset = by_key or place - 1 - in_use.index(found)
            return move_item(self.journal, found.id, offset)

        self.attempt(step)

    @rule(data=st.data())
    def retire_item(self, data):
        """`journal items retire ITEM`: off the checklist from this week on."""
        reference = self.item_reference(data, list_items(self.journal))

        def step():
            found = resolve_item(reference, list_items(self.journal))
            return retire_item(self.journal, found.id, today=self.today)

        if self.attempt(step):
            self.reaches |= self.weeks_from(self.today)

    @rule(data=st.data())
    def remove_item(self, data):
        """`journal items remove ITEM`: an item never ticked is deleted, from every week."""
        reference = self.item_reference(data, list_items(self.journal))

        def step():
            return remove_item(self.journal, resolve_item(reference, list_items(self.journal)).id, today=self.today)

        removed = self.attempt(step)
        if removed:
            self.reaches |= self.weeks_from(removed.created_on)

    # -- goals --------------------------------------------------------------------------

    def measure_spec(self, data) -> str | None:
        items = list_items(self.journal, include_retired=False)
        names = st.sampled_from([str(item.id) for item in items] + [item.title for item in items] + ["bogus", "²"])
        sites = st.sampled_from([site.name for site in list_sites(self.journal)] + ["nowhere"])
        return data.draw(
            st.one_of(
                st.none(),
                st.builds(
                    lambda chosen, percent, weeks: f"checklist:{','.join(chosen)}:{percent}%:{weeks}w",
                    st.lists(names, min_size=1, max_size=3),
                    st.sampled_from([0, 1, 80, 100, 101]),
                    st.sampled_from([0, 1, 8, 52, 53]),
                ),
                st.builds(
                    lambda chosen, count: f"ticks:{','.join(chosen)}:{count}",
                    st.lists(names, min_size=1, max_size=3),
                    st.sampled_from(["0", "1", "8", "1000", "1001"]),
                ),
                st.builds(
                    lambda site, level: f"pain:{site}:{level}",
                    sites,
                    st.sampled_from(["0", "2", "2.5", "10", "11", "1e-5", "nan", "inf"]),
                ),
                st.builds(lambda level: f"sleep:{level}", st.sampled_from(["8", "8.5", "0", "24", "25", "nan"])),
                st.builds(
                    lambda day_type, count: f"days:{day_type}:{count}",
                    day_type_text,
                    st.sampled_from(["1", "10", "0", "1001"]),
                ),
                short_text,
            ),
            label="measure",
        )

    @rule(
        data=st.data(),
        title=st.one_of(short_text, st.sampled_from(["Blood work", "x" * 80, "x" * 81, "+plan"])),
        category=st.sampled_from([*CATEGORIES, "Health", "bogus"]),
        due=due_text,
        goal_note=text_up_to(NOTE_LIMIT),
    )
    def add_goal(self, data, title, category, due, goal_note):
        """`journal goal add TITLE --category C --due DATE --measure SPEC --note TEXT` (the app's goal form)."""
        measure = self.measure_spec(data)

        def step():
            goal = Goal(
                parse_goal_title(title),
                parse_category(category),
                due=checked_due(due, self.today),
                note=goal_note,
                measure=parse_measure(measure) if measure is not None else None,
            )
            return add_goal(self.journal, goal, today=self.today)

        self.attempt(step)

    def goal_reference(self, data) -> str:
        known = [str(goal.id) for goal in list_goals(self.journal)]
        return data.draw(st.sampled_from([*known, "99", "0", "x"]), label="goal")

    @rule(
        data=st.data(),
        title=st.none() | short_text,
        category=st.none() | st.sampled_from([*CATEGORIES, "bogus"]),
        due=due_text,
        goal_note=st.none() | text_up_to(NOTE_LIMIT),
        clear_measure=st.booleans(),
    )
    def edit_goal(self, data, title, category, due, goal_note, clear_measure):
        """`journal goal edit ID --title --category --due --note --measure` ('none' clears)."""
        reference = self.goal_reference(data)
        measure = "none" if clear_measure else self.measure_spec(data)

        def step():
            number = goal_number(reference)
            if all(value is None for value in (title, category, due, goal_note, measure)):
                raise InvalidInput("nothing to change")
            new_due = (
                Keep.KEEP
                if due is None
                else (None if due.strip().lower() in ("none", "") else checked_due(due, self.today))
            )
            new_measure = (
                Keep.KEEP
                if measure is None
                else (None if measure.strip().lower() in ("none", "") else parse_measure(measure))
            )
            return update_goal(
                self.journal, number, title=title, category=category, due=new_due, note=goal_note, measure=new_measure
            )

        self.attempt(step)

    @rule(
        data=st.data(),
        status=st.sampled_from([*STATUSES, "to do", "Doing", "later"]),
        position=st.none() | st.integers(-1, 5),
    )
    def move_goal(self, data, status, position):
        """`journal goal move ID STATUS` (`goal done ID`), or a card dragged to a place on the app's board."""
        reference = self.goal_reference(data)

        def step():
            number, wanted = goal_number(reference), parse_status(status)
            if position is None:
                if get_goal(self.journal, number).status == wanted:
                    return None
                return move_goal(self.journal, number, wanted, today=self.today)
            return move_goal(self.journal, number, wanted, today=self.today, position=position)

        self.attempt(step)

    @rule(data=st.data())
    def remove_goal(self, data):
        """`journal goal rm ID`."""
        reference = self.goal_reference(data)
        self.attempt(lambda: remove_goal(self.journal, goal_number(reference)))

    # -- body sites and settings ----------------------------------------------------------

    @rule(name=site_names, label=site_labels, sided=st.booleans())
    def add_site(self, name, label, sided):
        """`journal sites add NAME --label TEXT --sided/--no-sides` (ctrl+n in the app)."""

        def step():
            parse_site_name(name)
            return add_site(self.journal, name, label=label, sided=sided)

        self.attempt(step)

    @rule(data=st.data(), new_name=st.none() | site_names, label=site_labels)
    def rename_site(self, data, new_name, label):
        """`journal sites rename NAME [NEW_NAME] --label TEXT`: the readings follow the site."""
        sites = list_sites(self.journal)
        name = data.draw(
            st.sampled_from([site.name for site in sites] + [site.label for site in sites] + ["nowhere"]), label="site"
        )

        def step():
            if not new_name and not label:
                raise InvalidInput("give a new name, a --label, or both")
            return rename_site(self.journal, name, new_name, label=label)

        self.attempt(step)

    @rule(data=st.data())
    def remove_site(self, data):
        """`journal sites remove NAME`: only a site without readings."""
        name = data.draw(st.sampled_from([site.name for site in list_sites(self.journal)] + ["nowhere"]), label="site")
        self.attempt(lambda: remove_site(self.journal, name))

    @rule(key=st.sampled_from(["week_start", "sleep_need"]), data=st.data())
    def change_setting(self, key, data):
        """`journal settings KEY VALUE`."""
        value = data.draw(week_start_text if key == "week_start" else sleep_need_text, label="value")

        def step():
            SETTINGS[key][1](value)
            return set_setting(self.journal, key, value)

        if self.attempt(step) and key == "week_start":
            self.figures = {}  # every week has new days: there is no figure of the same week to compare

    # -- after every step ---------------------------------------------------------------------

    @invariant()
    def the_model_agrees_with_the_journal(self):
        stored_ticks = {
            (item_id, dt.date.fromisoformat(day))
            for item_id, day in self.journal.conn.execute("SELECT item_id, date FROM ticks")
        }
        assert stored_ticks == self.ticks
        stored_types = {
            dt.date.fromisoformat(day): day_type
            for day, day_type in self.journal.conn.execute(
                "SELECT date, day_type FROM entries WHERE day_type != 'normal'"
            )
        }
        assert stored_types == {day: kind for day, kind in self.day_types.items() if kind != "normal"}

    @invariant()
    def a_week_changes_only_with_what_happened_in_it(self):
        changed_days = {day for _, day in self.ticks ^ self.seen_ticks}
        changed_days |= {
            day
            for day in self.day_types.keys() | self.seen_day_types.keys()
            if self.day_types.get(day, "normal") != self.seen_day_types.get(day, "normal")
        }
        touched = {week_start(day, self.first()) for day in changed_days} | self.reaches
        figures = self.week_figures()
        for start, figure in figures.items():
            if start in self.figures and start not in touched:
                assert figure == self.figures[start], (
                    f"the week of {start} went from {self.figures[start]} to {figure} with nothing changed in it"
                )
        self.figures, self.reaches = figures, set()
        self.seen_ticks, self.seen_day_types = set(self.ticks), dict(self.day_types)

    @invariant()
    def the_journal_exports_and_imports_back_unchanged(self):
        self.trips += 1
        trip = self.folder / f"trip-{self.trips}"
        (trip / "export").mkdir(parents=True)
        first = export_files(self.journal)
        for name, data in first.items():
            (trip / "export" / name).write_bytes(data)
        try:
            bundle = read_path(trip / "export", None, today=self.today)
            shutil.copyfile(self.new_journal, trip / "copy.db")
            with open_journal(trip / "copy.db") as copy:
                import_bundle(copy, bundle)
                second = export_files(copy)
        except JournalError as error:
            error.add_note("the journal's own export was refused by `journal import`")
            raise
        for name in first:
            assert first[name] == second.get(name), f"{name} changed on the way back: " + first_difference(
                first[name], second.get(name, b"")
            )
        assert first.keys() == second.keys()
        shutil.rmtree(trip)


class TestAnySequenceOfChanges(JournalMachine.TestCase):
    # A quarter of the profile's examples, each a sequence of steps: about half a minute on two cores.
    settings = settings(
        max_examples=max(5, settings.default.max_examples // 4),
        stateful_step_count=40,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )

    @pytest.fixture(autouse=True)
    def journal_folder(self, tmp_path):
        JournalMachine.base = tmp_path
        JournalMachine.new_journal = tmp_path / "new.db"
        open_journal(JournalMachine.new_journal).close()
