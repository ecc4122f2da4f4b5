"""Every test runs on a fixed day, with its own journal, away from the user's files."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import settings
from hypothesis.configuration import set_hypothesis_home_dir

from journal.store import Journal, open_journal

# Property tests run Hypothesis's own number of examples (its "ci" profile on CI);
# HYPOTHESIS_PROFILE=thorough, or pytest --hypothesis-profile=thorough, runs ten times as many.
settings.register_profile("thorough", max_examples=1000)
if os.environ.get("HYPOTHESIS_PROFILE"):
    settings.load_profile(os.environ["HYPOTHESIS_PROFILE"])
# The examples Hypothesis keeps (to replay a failure first next time) live outside the checkout:
# no test writes into it. HYPOTHESIS_STORAGE_DIRECTORY chooses another place.
if not os.environ.get("HYPOTHESIS_STORAGE_DIRECTORY"):
    set_hypothesis_home_dir(Path(tempfile.gettempdir()) / f"offseason-hypothesis-{os.getuid()}")


@pytest.fixture(scope="session")
def today() -> dt.date:
    """The day every test runs on, Thursday 26 Nov 2026, and the journal's "today" (`isolated` sets JOURNAL_TODAY).

    A module moves its tests to another day with a fixture of its own named `today`, a single test with
    `@pytest.mark.parametrize("today", [day])`; the journal's clock follows either. Session-scoped because it is a
    constant: a Hypothesis test can take it without tripping the function_scoped_fixture health check.
    """
    return dt.date(2026, 11, 26)


@pytest.fixture(autouse=True)
def isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, today: dt.date) -> Path:
    """Fix the clock on `today` and point every user folder at the test's own directory."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("JOURNAL_TODAY", today.isoformat())
    monkeypatch.setenv("TZ", "UTC")  # times on screen are local: the same for every test machine
    time.tzset()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.delenv("JOURNAL_DB", raising=False)
    return home


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "journal.db"


@pytest.fixture
def journal(db_path: Path) -> Journal:
    opened = open_journal(db_path)
    yield opened
    opened.close()
