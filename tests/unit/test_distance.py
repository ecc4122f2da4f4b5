"""Distances in the runner's unit: kept in km, shown and typed in km or miles, and what a mile typed shows back."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from journal.domain.distance import (
    KM_MAX,
    KM_PER_MILE,
    distance_figure,
    distance_text,
    parse_distance,
    parse_distance_unit,
    parse_km,
    parse_miles,
)
from journal.domain.sessions import Session, totals
from journal.domain.signals import DAY
from journal.domain.trends import scale_of, whole_weeks
from journal.errors import InvalidInput
from journal.render.review import review_text
from journal.render.sessions import session_line, totals_line
from journal.store.insights import weekly_review
from journal.store.sessions import add_session, get_session
from journal.store.settings import distance_unit, get_setting, set_setting
from journal.store.sites import list_sites
from journal.store.trends import training_rows

MILES_MAX_HUNDREDTHS = 62137  # 621.37 mi, the most below 1000 km


def typed(hundredths: int, style: int) -> str:
    """A distance in hundredths as a runner may type it: 5, 5.5, 5.50, 5,5."""
    whole, part = divmod(hundredths, 100)
    if style == 0 or (part == 0 and style == 1):
        return f"{whole}.{part:02d}" if part else str(whole)
    if style == 1:
        return f"{whole}.{part:02d}".rstrip("0")
    return f"{whole},{part:02d}"


def shown(hundredths: int) -> str:
    """The same distance as the journal writes it: no trailing zeros."""
    whole, part = divmod(hundredths, 100)
    return f"{whole}.{part:02d}".rstrip("0") if part else str(whole)


# -- the unit ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "unit"),
    [("km", "km"), ("mi", "mi"), (" MI ", "mi"), ("miles", "mi"), ("Mile", "mi"), ("kilometres", "km")],
)
def test_the_unit_is_km_or_mi_in_a_few_spellings(text, unit):
    assert parse_distance_unit(text) == unit


@pytest.mark.parametrize("text", ["yards", "", "m", "kilometre-ish", "ми"])
def test_any_other_unit_is_refused_saying_what_is_taken(text):
    with pytest.raises(InvalidInput, match="distance_unit is km or mi"):
        parse_distance_unit(text)


def test_the_unit_is_a_setting_km_by_default(journal):
    assert distance_unit(journal) == "km"
    assert set_setting(journal, "distance_unit", "miles") == "mi"
    assert distance_unit(journal) == "mi"
    with pytest.raises(InvalidInput):
        set_setting(journal, "distance_unit", "furlongs")
    assert get_setting(journal, "distance_unit") == "mi", "a refused value changes nothing"


# -- typed and shown ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "km"),
    [("5", 8.047), ("3.1", 4.989), ("3,25", 5.23), ("0", 0.0), ("26.22", 42.197), ("621.37", 999.998)],
)
def test_miles_are_kept_as_km_to_the_metre(text, km):
    assert parse_miles(text) == km
    assert parse_distance(text, "mi") == km


@pytest.mark.parametrize("text", ["621.38", "3.125", "-1", "", "1e2", "nan", "٥", "5 mi", "1000"])
def test_miles_refused(text):
    with pytest.raises(InvalidInput, match="distance is"):
        parse_miles(text)


@pytest.mark.parametrize(
    ("km", "unit", "figure"),
    [
        (8.047, "mi", "5"),
        (10.0, "mi", "6.21"),
        (42.195, "mi", "26.22"),
        (1.609, "mi", "1"),
        (0.0, "mi", "0"),
        (8.5, "km", "8.5"),
        (8.047, "km", "8.047"),
        (10.0, "km", "10"),
        (1000.0, "km", "1000"),
    ],
)
def test_a_distance_is_shown_in_the_unit_without_trailing_zeros(km, unit, figure):
    assert distance_figure(km, unit) == figure
    assert distance_text(km, unit) == f"{figure} {unit}"


@given(st.integers(0, MILES_MAX_HUNDREDTHS), st.integers(0, 2))
def test_a_distance_typed_in_miles_shows_back_as_typed(hundredths, style):
    km = parse_distance(typed(hundredths, style), "mi")
    assert distance_figure(km, "mi") == shown(hundredths)
    assert abs(km - hundredths / 100 * KM_PER_MILE) <= 0.0005 + 1e-9, "kept to the metre"
    # Kept in km as the journal keeps a km typed: an export (km, as %g) imports back to the same km.
    assert 0 <= km <= KM_MAX and parse_km(f"{km:g}") == km


@given(st.integers(0, 1_000_000))
def test_a_distance_typed_in_km_shows_back_as_typed(metres):
    text = shown(metres // 10) if metres % 10 == 0 else f"{metres // 1000}.{metres % 1000:03d}"
    assert distance_figure(parse_distance(text, "km"), "km") == text


def test_a_distance_in_km_is_read_as_km_always_were():
    assert parse_distance("8,5", "km") == parse_km("8.5") == 8.5
    with pytest.raises(InvalidInput, match="kilometres"):
        parse_distance("8.1234", "km")


# -- every place a distance is shown ---------------------------------------------------------


def test_a_session_and_a_week_s_totals_in_miles(journal, today):
    sites = list_sites(journal)
    run = Session(today, "run", 45, km=parse_miles("5"), rpe=4)
    other = Session(today, "run", 60, km=10.0)
    assert session_line(run, sites, unit="mi") == "run · 45 min · 5 mi · RPE 4 somewhat hard · load 180"
    assert session_line(run, sites, unit="km") == "run · 45 min · 8.047 km · RPE 4 somewhat hard · load 180"
    week = totals([run, other])
    assert totals_line(week, unit="mi") == "2 sessions · 105 min · 11.21 mi · load 180 (1 without an RPE)"
    assert totals_line(week, unit="km") == "2 sessions · 105 min · 18.047 km · load 180 (1 without an RPE)"


def test_a_session_typed_in_miles_is_stored_in_km(journal, today):
    added = add_session(journal, Session(today, "run", 45, km=parse_miles("3.1")), today=today)
    assert get_session(journal, added.number).km == 4.989


def test_the_weekly_review_shows_the_training_distance_in_the_unit(journal, today):
    monday = today - today.weekday() * DAY
    add_session(journal, Session(monday, "run", 40, km=16.0934, rpe=3), today=today)
    add_session(journal, Session(monday - 7 * DAY, "run", 40, km=8.047, rpe=3), today=today)
    in_km = review_text(weekly_review(journal, monday, today))
    set_setting(journal, "distance_unit", "mi")
    in_miles = review_text(weekly_review(journal, monday, today))
    assert [line.split() for line in in_km.splitlines() if line.strip().startswith("Km")] == [["Km", "16.1", "8.0"]]
    assert [line.split() for line in in_miles.splitlines() if "Miles" in line] == [["Miles", "10.0", "5.0"]]
    assert "Km" not in in_miles


def test_trends_draw_the_weekly_distance_in_miles_at_the_same_heights(journal, today):
    monday = today - today.weekday() * DAY
    for week in (1, 2):
        add_session(journal, Session(monday - 7 * week * DAY, "run", 40, km=16.093, rpe=3), today=today)
    weeks = whole_weeks(monday - 14 * DAY, today, 0, 100)
    in_km = training_rows(journal, weeks)[1]
    set_setting(journal, "distance_unit", "mi")
    in_miles = training_rows(journal, weeks)[1]
    assert (in_km.key, in_km.label, in_km.latest) == ("training:km", "Km / week", 16.093)
    assert (in_miles.key, in_miles.label) == ("training:mi", "Miles / week")
    assert in_miles.figure(in_miles.latest) == "10.0" and in_miles.figure(in_miles.maximum) == "10.0"
    assert in_miles.sparkline == in_km.sparkline, "a full bar at 100 km is a full bar at 62.14 mi"
    assert scale_of("training:mi") == pytest.approx((0, 62.137), abs=0.001)


def test_a_distance_unit_set_badly_in_the_file_shows_km(journal, today):
    with journal.transaction() as conn:
        conn.execute("INSERT INTO settings (key, value) VALUES ('distance_unit', 'furlongs')")
    assert distance_unit(journal) == "km"
