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
