import datetime as dt

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from journal.dates import parse_week, week_label, week_span, week_start
from journal.domain.checklist import (
    DEFAULT_ITEMS,
    ChecklistItem,
    format_target,
    resolve_item,
    week_completion,
    week_ratio,
)
from journal.domain.entries import DayEntry
from journal.errors import InvalidInput
from journal.store import open_journal
from journal.store.checklist import (
    add_item,
    completion_history,
    list_items,
    load_week,
    move_item,
    retire_item,
    set_tick,
    ticks_between,
    update_item,
)
from journal.store.entries import save_entry

STRENGTH = ChecklistItem("Strength", "strength", 2, id=1)
REST = ChecklistItem("Rest day", "rest", 1, id=2)
STRIDES = ChecklistItem("Strides", "strides", 2, id=3)


@pytest.fixture
def monday(today):
    """The Monday of today's week."""
    return today - dt.timedelta(days=today.weekday())


@pytest.fixture
def day(monday):
    """The day `offset` days after this week's Monday."""

    def day(offset: int) -> dt.date:
        return monday + dt.timedelta(days=offset)

    return day


# -- weeks ---------------------------------------------------------------------------


# A week named by its number or a date in it starts on that calendar Monday; a week named relative to today (a
# Thursday) is given as a number of weeks from this week.
@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("2026-W48", dt.date(2026, 11, 23)),
        ("2026w48", dt.date(2026, 11, 23)),
        ("this", 0),
        ("last", -1),
        ("next week", 1),
        ("2026-W53", dt.date(2026, 12, 28)),  # 2026 has 53 ISO weeks
        ("2027-W01", dt.date(2027, 1, 4)),
        ("2020-W53", dt.date(2020, 12, 28)),
        ("2026-11-29", dt.date(2026, 11, 23)),  # any date in the week
        ("yesterday", 0),
        ("1 jan 2027", dt.date(2026, 12, 28)),  # belongs to the last week of 2026
    ],
)
def test_weeks_by_name_number_or_a_day_in_them(text, start, today, monday):
    if isinstance(start, int):
        start = monday + dt.timedelta(weeks=start)
    assert parse_week(text, today=today) == start


@pytest.mark.parametrize("text", ["2025-W53", "2026-W54", "2026-W00", "someday"])
def test_weeks_that_do_not_exist_are_refused(text, today):
    with pytest.raises(InvalidInput):
        parse_week(text, today=today)


def test_weeks_can_start_on_another_day(today, monday):
    sunday = 6
    assert week_start(today, sunday) == monday - dt.timedelta(days=1)
    assert parse_week("2026-W48", today=today, first_weekday=sunday) == dt.date(2026, 11, 22)
    assert week_label(dt.date(2026, 11, 22), sunday) == "week of Sun 22 Nov 2026"
    assert week_label(dt.date(2026, 12, 28)) == "2026-W53"
    assert week_span(dt.date(2026, 12, 28)) == "28 Dec 2026 – 3 Jan 2027"
    assert week_span(dt.date(2026, 11, 30)) == "30 Nov – 6 Dec 2026"


# -- completion ----------------------------------------------------------------------


def test_completion_is_min_done_target_over_targets(day, monday):
    ticked = {(1, day(0)), (1, day(2)), (1, day(4)), (3, day(1))}  # strength 3 of 2, strides 1 of 2
    week = week_completion(monday, [STRENGTH, STRIDES], ticked, {})
    assert [(p.done, p.target, p.ratio) for p in week.items] == [(3, 2, 1.0), (1, 2, 0.5)]
    assert week.ratio == pytest.approx(3 / 4), "extra ticks of one item do not make up for another"


def test_off_days_lower_targets_in_proportion(day, monday):
    day_types = {day(1): "sick", day(2): "injured", day(3): "rest", day(6): "race"}
    week = week_completion(monday, [STRENGTH, REST], {(1, day(0)), (2, day(3))}, day_types)
    strength, rest = week.items
    assert strength.target == pytest.approx(2 * 4 / 7), "sick, injured and rest days count; a race day does not"
    assert format_target(strength.target) == "1.1"
    assert rest.target == 1, "rest days do not lower a rest item's target"
    assert week.ratio == pytest.approx((min(1, 8 / 7) + 1) / (8 / 7 + 1))
    assert week.off_days == [day(1), day(2), day(3)]


def test_a_week_of_illness_has_nothing_to_miss(day, monday):
    day_types = {day(offset): "sick" for offset in range(7)}
    week = week_completion(monday, [STRENGTH], set(), day_types)
    assert week.items[0].ratio is None and week.ratio is None


def test_an_item_counts_in_the_weeks_it_existed(day, monday):
    added = ChecklistItem("Hills", "intervals", 1, id=4, created_on=day(3))
    retired = ChecklistItem("Old drill", "technique", 2, id=5, created_on=dt.date(2026, 1, 1), retired_on=day(2))
    this_week = week_completion(monday, [added, retired], set(), {})
    assert [p.item.title for p in this_week.items] == ["Hills"], "a retired item leaves new weeks"
    assert this_week.items[0].target == 1, "an item added mid-week has its whole target that week"
    last_week = week_completion(monday - dt.timedelta(days=7), [added, retired], {(5, day(-3))}, {})
    assert [(p.item.title, p.done) for p in last_week.items] == [("Hills", 0), ("Old drill", 1)], "its history stays"
    assert [p.target for p in last_week.items] == [0, 2], "Hills could be ticked there, but asks for nothing"


def test_a_week_before_an_item_was_added_counts_it_only_when_ticked(day, monday):
    hills = ChecklistItem("Hills", "intervals", 3, id=4, created_on=day(3), targets=((day(3), 2), (day(10), 3)))
    earlier = monday - dt.timedelta(days=14)
    unticked = week_completion(earlier, [STRENGTH, hills], {(1, earlier)}, {})
    assert [(p.item.title, p.done, p.target) for p in unticked.items] == [("Strength", 1, 2), ("Hills", 0, 0)]
    assert unticked.ratio == 0.5, "an item not yet added asks for nothing in a week it was not ticked"
    ticked = week_completion(earlier, [STRENGTH, hills], {(1, earlier), (4, earlier)}, {})
    assert [(p.done, p.target) for p in ticked.items] == [(1, 2), (1, 2)], "ticked, it has its first target"
    assert ticked.ratio == 0.5
    assert week_ratio([STRENGTH, hills], earlier, {1: 1, 4: 1}, 0) == ticked.ratio
    assert week_ratio([STRENGTH, hills], earlier, {1: 1}, 0) == unticked.ratio


def test_a_partial_week_is_measured_against_the_whole_target(day, monday):
    week = week_completion(monday, [STRENGTH], {(1, day(0))}, {})
    assert week.ratio == 0.5


def test_items_are_found_by_number_or_part_of_the_title():
    items = [ChecklistItem(item.title, item.kind, item.target, id=i + 1) for i, item in enumerate(DEFAULT_ITEMS)]
    assert resolve_item("3", items).title == "Intervals"
    assert resolve_item("STRENGTH", items).title == "Strength session"
    assert resolve_item("strides", items).title == "Strides"
    with pytest.raises(InvalidInput, match="fits several items: 1 Strength session, 4 Strides"):
        resolve_item("str", items)
    with pytest.raises(InvalidInput, match="no checklist item 'yoga'; the items are: 1 Strength session"):
        resolve_item("yoga", items)


# -- store ---------------------------------------------------------------------------


def test_a_new_journal_has_the_default_items(journal, today):
    items = list_items(journal)
    assert [item.title for item in items] == [item.title for item in DEFAULT_ITEMS]
    assert items[0].target == 2 and items[0].created_on == today


def test_an_item_is_ticked_at_most_once_a_day(journal, today):
    strength = list_items(journal)[0]
    assert set_tick(journal, strength.id, today, True)
    assert not set_tick(journal, strength.id, today, True), "the second tick changes nothing"
    assert set_tick(journal, strength.id, today, True, note="heavy squats"), "a note can be added"
    assert ticks_between(journal, today, today) == {(strength.id, today): "heavy squats"}
    assert set_tick(journal, strength.id, today, False)
    assert not set_tick(journal, strength.id, today, False)


def test_items_are_added_edited_moved_and_retired(journal, today, monday):
    hills = add_item(journal, "Hill sprints", kind="intervals", target=1, today=today)
    assert list_items(journal)[-1] == hills
    update_item(journal, hills.id, target=2, title="Hill repeats", today=today)
    move_item(journal, hills.id, -100)
    assert list_items(journal)[0].title == "Hill repeats"
    set_tick(journal, hills.id, today, True)
    retired = retire_item(journal, hills.id, today=today)
    assert retired.retired_on == today
    assert hills.id not in [item.id for item in list_items(journal, include_retired=False)]
    this_week = load_week(journal, monday).completion
    shown = this_week.items[-1]
    assert (shown.item.title, shown.done, shown.target) == ("Hill repeats", 1, 0), "its tick shows, it asks for nothing"
    next_week = load_week(journal, monday + dt.timedelta(days=7)).completion
    assert "Hill repeats" not in [p.item.title for p in next_week.items]
    with pytest.raises(InvalidInput, match="retired"):
        set_tick(journal, hills.id, today, True)
    for bad in ({"target": 0}, {"target": 8}, {"kind": "yoga"}, {"title": " "}):
        with pytest.raises(InvalidInput):
            update_item(journal, hills.id, today=today, **bad)


def test_day_types_from_the_journal_lower_the_week(journal, monday, day):
    strength = list_items(journal)[0]
    save_entry(journal, DayEntry(day(1), day_type="sick"))
    set_tick(journal, strength.id, day(0), True)
    week = load_week(journal, monday)
    assert week.day_types == {day(1): "sick"}
    assert week.completion.items[0].target == pytest.approx(2 * 6 / 7)


def test_completion_history_covers_twelve_weeks(journal, today, monday):
    strength = list_items(journal)[0]
    set_tick(journal, strength.id, today, True)
    history = completion_history(journal, monday)
    assert len(history) == 12
    assert history[:-1] == [None] * 11, "weeks before the items existed have no figure"
    assert history[-1] == pytest.approx(1 / 14), "one of the 14 things the default items ask for"


def test_a_new_target_leaves_past_weeks_as_they_were(journal, today, monday):
    strides = next(item for item in list_items(journal) if item.title == "Strides")
    last_monday = monday - dt.timedelta(days=7)
    set_tick(journal, strides.id, last_monday, True)  # before the items existed: counts with its first target
    before = load_week(journal, last_monday).completion
    assert next(p for p in before.items if p.item.id == strides.id).target == 2
    update_item(journal, strides.id, target=3, today=today)
    after = load_week(journal, last_monday).completion
    assert next(p for p in after.items if p.item.id == strides.id).target == 2, "last week keeps its target"
    assert after.ratio == before.ratio
    now = load_week(journal, monday).completion
    assert next(p for p in now.items if p.item.id == strides.id).target == 3, "this week has the new one"


def test_an_item_added_and_retired_in_one_week_leaves_no_trace(journal, today, monday):
    from journal.store.checklist import remove_item

    before = load_week(journal, monday).completion.ratio
    oops = add_item(journal, "Hill sprints", kind="intervals", target=1, today=today)
    retire_item(journal, oops.id, today=today)
    assert "Hill sprints" not in [p.item.title for p in load_week(journal, monday).completion.items]
    assert load_week(journal, monday).completion.ratio == before
    another = add_item(journal, "Yoga", kind="mind", target=1, today=today)
    remove_item(journal, another.id, today=today)
    assert "Yoga" not in [item.title for item in list_items(journal)]
    strength = list_items(journal)[0]
    set_tick(journal, strength.id, today, True)
    with pytest.raises(InvalidInput, match="retire it instead"):
        remove_item(journal, strength.id, today=today)


def test_an_item_with_past_weeks_is_retired_not_removed(journal, today, monday):
    """Removing it would take its target out of every week it counted in, and change their figures."""
    from journal.store.checklist import remove_item

    hills = add_item(journal, "Hill sprints", kind="intervals", target=1, today=today)
    next_week = today + dt.timedelta(days=7)
    before = load_week(journal, monday).completion.ratio
    with pytest.raises(InvalidInput, match="retire it instead"):
        remove_item(journal, hills.id, today=next_week)
    assert load_week(journal, monday).completion.ratio == before
    assert hills.id in [item.id for item in list_items(journal)]


def test_titles_are_unique_among_items_in_use(journal, today):
    with pytest.raises(InvalidInput, match="already an item called"):
        add_item(journal, "strength SESSION", kind="strength", target=1, today=today)
    hills = add_item(journal, "Hill sprints", kind="intervals", target=1, today=today)
    with pytest.raises(InvalidInput, match="already an item called"):
        update_item(journal, hills.id, title="Strides", today=today)


def test_a_tick_and_an_untick_before_an_item_began_leave_every_week_as_it_was(journal, monday):
    strength, technique = list_items(journal)[0], list_items(journal)[4]
    starts = [monday - dt.timedelta(days=7 * weeks) for weeks in range(4, -1, -1)]
    set_tick(journal, strength.id, starts[1], True)
    set_tick(journal, strength.id, starts[3] + dt.timedelta(days=2), True)
    before = [load_week(journal, start).completion.ratio for start in starts]
    assert before == [None, 0.5, None, 0.5, 0.0]
    set_tick(journal, technique.id, starts[1] + dt.timedelta(days=1), True)
    assert list_items(journal)[4] == technique, "a tick never moves the item's start or its first target"
    ticked = [load_week(journal, start).completion.ratio for start in starts]
    assert ticked == [None, 0.5, None, 0.5, 0.0], "only the tick's own week changes, here 2 of 4"
    assert next(p for p in load_week(journal, starts[1]).completion.items if p.item == technique).target == 2
    set_tick(journal, technique.id, starts[1] + dt.timedelta(days=1), False)
    assert [load_week(journal, start).completion.ratio for start in starts] == before
    assert completion_history(journal, monday, 5) == before


# -- a week's figure depends on that week alone --------------------------------------------

# Six weeks of days, from the Monday five weeks before this week's to today. The strategies draw a day as its offset
# from that Monday, so they do not depend on the day; the test works the dates out from `today`, a Thursday.
WEEKS = 6
SPAN = 7 * (WEEKS - 1) + 4  # five whole weeks, then Monday to Thursday of this one
DAYS = st.sampled_from(range(SPAN))

item_plans = st.lists(
    st.tuples(
        DAYS,  # added on
        st.sampled_from(["strength", "rest"]),
        st.integers(1, 7),  # first target
        st.none() | st.tuples(DAYS, st.integers(1, 7)),  # a later target
        st.none() | DAYS,  # retired on
    ),
    max_size=3,
)


def figures(journal, starts: list[dt.date]) -> list[float | None]:
    """Every week's figure, as the grid, the history and trends compute it; they must agree."""
    from journal.store.trends import completion_series

    first = starts[0]
    weekly = [load_week(journal, start).completion.ratio for start in starts]
    assert completion_history(journal, starts[-1], len(starts)) == weekly
    end = starts[-1] + dt.timedelta(days=6)
    series = completion_series(journal, first, end, width=(end - first).days + 1)
    assert [series.cells[7 * week] for week in range(len(starts))] == weekly
    assert all(series.cells[7 * week + 6] == weekly[week] for week in range(len(starts)))
    return weekly


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    plans=item_plans,
    ticks=st.sets(st.tuples(st.integers(0, 11), DAYS), max_size=25),
    day_types=st.dictionaries(DAYS, st.sampled_from(["normal", "rest", "race", "injured", "sick"]), max_size=10),
    toggle=st.tuples(st.integers(0, 11), DAYS),
)
def test_ticking_a_day_changes_that_week_alone(tmp_path_factory, today, plans, ticks, day_types, toggle):
    first = today - dt.timedelta(days=today.weekday(), weeks=WEEKS - 1)
    assert first + dt.timedelta(days=SPAN - 1) == today, "the days drawn end on today, a Thursday"
    starts = [first + dt.timedelta(weeks=week) for week in range(WEEKS)]

    def on(offset: int) -> dt.date:
        return first + dt.timedelta(days=offset)

    ticks = {(index, on(offset)) for index, offset in ticks}
    day_types = {on(offset): day_type for offset, day_type in day_types.items()}
    with open_journal(tmp_path_factory.mktemp("weeks") / "journal.db") as journal:
        for number, (added, kind, target, later, retired) in enumerate(plans):
            item = add_item(journal, f"Item {number}", kind=kind, target=target, today=on(added))
            if later is not None and later[0] > added:
                update_item(journal, item.id, target=later[1], today=on(later[0]))
            if retired is not None:
                retire_item(journal, item.id, today=on(max(added, retired)))
        for when, day_type in day_types.items():
            save_entry(journal, DayEntry(when, day_type=day_type, mood=3))
        items = list_items(journal)
        tickable = lambda item, when: item.retired_on is None or when < item.retired_on  # noqa: E731
        for index, when in ticks:
            item = items[index % len(items)]
            if tickable(item, when):
                set_tick(journal, item.id, when, True)
        item, when = items[toggle[0] % len(items)], on(toggle[1])
        assume(tickable(item, when))
        was_ticked = (item.id, when) in ticks_between(journal, when, when)

        before = figures(journal, starts)
        set_tick(journal, item.id, when, not was_ticked)
        toggled = figures(journal, starts)
        its_week = starts.index(week_start(when))
        assert [f for week, f in enumerate(toggled) if week != its_week] == [
            f for week, f in enumerate(before) if week != its_week
        ], "no other week's figure moves"
        set_tick(journal, item.id, when, was_ticked)
        assert figures(journal, starts) == before, "a tick and an untick leave every figure as it was"
        assert list_items(journal) == items, "ticks never change an item's start, retirement or targets"


def test_importing_a_tick_before_an_item_began_leaves_its_start(journal, tmp_path, today, monday):
    from journal.io.csv_export import export_ticks
    from journal.io.csv_import import read_path
    from journal.store.transfer import import_bundle

    strides = list_items(journal)[3]
    early = monday - dt.timedelta(days=14)
    set_tick(journal, strides.id, early, True)
    path = tmp_path / "checklist.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        export_ticks(journal, early, today, out)
    with open_journal(tmp_path / "other.db") as other:
        items = list_items(other)
        import_bundle(other, read_path(path))
        assert set(ticks_between(other, early, today)) == {(strides.id, early)}
        assert list_items(other) == items, "an imported tick moves no start either"
        assert completion_history(other, monday, 3) == [0.5, None, 0.0]


def test_the_weekly_review_lists_what_a_week_asked_for_or_had_done(journal, today, monday):
    from journal.store.insights import weekly_review

    last_monday = monday - dt.timedelta(days=7)
    assert weekly_review(journal, last_monday, today).completion.items == [], "the items were added this week"
    strides = list_items(journal)[3]
    set_tick(journal, strides.id, last_monday, True)
    review = weekly_review(journal, last_monday, today).completion
    assert [(p.item.title, p.done, p.target) for p in review.items] == [("Strides", 1, 2)]
    assert review.ratio == load_week(journal, last_monday).completion.ratio == 0.5
    assert len(weekly_review(journal, monday, today).completion.items) == len(list_items(journal))


def test_a_kind_changes_to_or_from_rest_only_before_the_item_has_a_past_week(journal, today):
    from journal.store.checklist import add_item, update_item

    old = next(item for item in list_items(journal) if item.kind == "strength")
    with pytest.raises(InvalidInput, match="has past weeks"):
        update_item(journal, old.id, kind="rest", today=today + dt.timedelta(days=7))
    assert next(item for item in list_items(journal) if item.id == old.id).kind == "strength"
    update_item(journal, old.id, kind="mind", today=today + dt.timedelta(days=7))  # other kinds count alike
    new = add_item(journal, "Easy day", kind="mind", target=1, today=today)
    assert update_item(journal, new.id, kind="rest", today=today).kind == "rest"  # still in its first week
