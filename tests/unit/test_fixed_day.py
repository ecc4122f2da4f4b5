"""Every test runs on the `today` fixture's day; a test or a module that asks for another day gets it, clock and all."""

import datetime as dt

import pytest

from journal.cli import main
from journal.clock import EARLIEST, LATEST
from journal.store import open_journal
from journal.store.entries import entries_between


@pytest.mark.parametrize("today", [dt.date(2027, 2, 4)])  # another Thursday, in another month and year
def test_journal_add_without_a_date_logs_the_day_the_test_asked_for(db_path, today):
    with pytest.raises(SystemExit) as exit_info:
        main(["add", "--mood", "3", "--db", str(db_path)])
    assert exit_info.value.code == 0
    with open_journal(db_path) as journal:
        assert [(entry.date, entry.mood) for entry in entries_between(journal, EARLIEST, LATEST)] == [(today, 3)]
