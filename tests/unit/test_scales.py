import pytest

from journal.domain.entries import DEFAULT_SITES, DayEntry, EntryChange, parse_clear, parse_pain_setting, resolve_site
from journal.domain.scales import (
    parse_day_type,
    parse_pain_score,
    parse_site_name,
    parse_sleep_hours,
    parse_wellness,
)
from journal.errors import InvalidInput

SITES = list(DEFAULT_SITES)


@pytest.mark.parametrize(("text", "hours"), [("0", 0.0), ("24", 24.0), ("7.5", 7.5), ("7,5", 7.5), (" 8 ", 8.0)])
def test_sleep_hours_accepted(text, hours):
    assert parse_sleep_hours(text) == hours


@pytest.mark.parametrize("text", ["-1", "24.1", "abc", "", "nan", "inf", "1e1", "1_0", "7.5.1", "7.125"])
def test_sleep_hours_refused(text):
    with pytest.raises(InvalidInput, match="sleep"):
        parse_sleep_hours(text)


@pytest.mark.parametrize("field", ["sleep_quality", "fatigue", "soreness", "stress", "mood"])
def test_wellness_is_one_to_five(field):
    assert parse_wellness(field, "1") == 1
    assert parse_wellness(field, "5") == 5
    for bad in ("0", "6", "3.5", "x", ""):
        with pytest.raises(InvalidInput, match=r"1 .* to 5"):
            parse_wellness(field, bad)


def test_wellness_message_says_which_end_is_best():
    with pytest.raises(InvalidInput, match=r"mood must be a whole number from 1 \(very low\) to 5 \(very good\)"):
        parse_wellness("mood", "6")


def test_pain_is_zero_to_ten():
    assert parse_pain_score("0") == 0
    assert parse_pain_score("10") == 10
    for bad in ("-1", "11", "2.5", "a"):
        with pytest.raises(InvalidInput, match=r"0 .* 10"):
            parse_pain_score(bad)


def test_day_types():
    assert parse_day_type(" Race ") == "race"
    with pytest.raises(InvalidInput, match="normal, rest, race, injured, sick"):
        parse_day_type("holiday")


def test_site_names_are_normalised_or_refused():
    assert parse_site_name("Upper Back") == "upper-back"
    assert parse_site_name("it_band") == "it-band"
    for bad in ("", "1knee", "x" * 31, "knee!"):
        with pytest.raises(InvalidInput):
            parse_site_name(bad)


def test_pain_settings_with_and_without_side():
    assert parse_pain_setting("knee=3", SITES) == (("knee", ""), 3)
    assert parse_pain_setting("shin:left=2", SITES) == (("shin", "left"), 2)
    assert parse_pain_setting("shin:R=2", SITES) == (("shin", "right"), 2)
    assert parse_pain_setting("lower back=4", SITES) == (("lower-back", ""), 4)
    assert parse_pain_setting("Achilles / calf=1", SITES) == (("achilles", ""), 1)


def test_unknown_site_suggests_the_closest():
    with pytest.raises(InvalidInput, match=r"unknown body site 'kne' \(did you mean knee\?\)"):
        parse_pain_setting("kne=3", SITES)
    with pytest.raises(InvalidInput, match="no left or right"):
        parse_pain_setting("lower-back:left=3", SITES)
    with pytest.raises(InvalidInput, match="SITE=SCORE"):
        parse_pain_setting("knee", SITES)
    assert resolve_site("KNEE", SITES).name == "knee"


def test_entry_change_keeps_what_it_does_not_name(today):
    entry = DayEntry(today, sleep_hours=7.0, mood=4, note="easy", pain={("knee", "left"): 3, ("knee", ""): 1})
    change = EntryChange(values={"mood": 2})
    parse_clear("note", SITES, change)
    parse_clear("pain:knee:left", SITES, change)
    changed = change.apply(entry)
    assert (changed.sleep_hours, changed.mood, changed.note) == (7.0, 2, "")
    assert changed.pain == {("knee", ""): 1}
    assert entry.pain == {("knee", "left"): 3, ("knee", ""): 1}, "the original entry is not modified"


def test_clearing_a_site_removes_every_side(today):
    change = EntryChange()
    parse_clear("pain:knee", SITES, change)
    entry = DayEntry(today, pain={("knee", "left"): 3, ("knee", ""): 1, ("shin", ""): 2})
    assert change.apply(entry).pain == {("shin", ""): 2}


def test_clear_refuses_unknown_targets():
    with pytest.raises(InvalidInput, match="cannot clear 'mod' \\(did you mean mood\\?\\)"):
        parse_clear("mod", SITES, EntryChange())


def test_an_entry_with_nothing_logged_is_empty(today):
    assert DayEntry(today).is_empty
    assert not DayEntry(today, day_type="rest").is_empty
    assert not DayEntry(today, pain={("knee", ""): 0}).is_empty, "a pain of 0 is a reading"
