from journal.domain.scales import DAY_TYPES, parse_day_type
from journal.ui.widgets.score_sheet import Cell


def test_a_choice_cell_cycles_by_space_and_by_first_letter():
    cell = Cell("day_type", parse_day_type, choices=DAY_TYPES)
    assert cell.choose("normal", " ") == "rest"
    assert cell.choose("sick", " ") == "normal", "space wraps round"
    assert cell.choose("normal", "r") == "rest"
    assert cell.choose("rest", "r") == "race"
    assert cell.choose("race", "R") == "rest"
    assert cell.choose("race", "i") == "injured"
    assert cell.choose("race", "x") == "race", "a letter that starts no choice changes nothing"


def test_keys_that_arrive_together_are_taken_in_order(db_path, today):
    """A burst of keys (typed fast, or sent at once by a terminal) lands field by field."""
    from textual import events

    from tests.ui.helpers import drive, make_app, sheet

    seen = {}

    async def scenario(pilot):
        scores = sheet(pilot)
        scores.move_to("sleep_hours")
        for key, character in (("7", "7"), ("enter", "\r"), ("4", "4"), ("enter", "\r"), ("3", "3")):
            pilot.app.post_message(events.Key(key, character))  # all queued before any is handled
        await pilot.pause()
        seen.update({name: scores.values[name] for name in ("sleep_hours", "sleep_quality", "fatigue")})

    drive(make_app(db_path, today), scenario)
    assert seen == {"sleep_hours": "7", "sleep_quality": "4", "fatigue": "3"}
