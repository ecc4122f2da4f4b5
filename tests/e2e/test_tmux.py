"""The real `journal` command in a real terminal (tmux), as a runner uses it."""

from __future__ import annotations

import datetime as dt
import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from journal.store import open_journal
from journal.store.entries import get_entry

pytestmark = pytest.mark.e2e
DAY = dt.timedelta(days=1)


def on_screen(day: dt.date) -> str:
    """A day as the journal names it on screen: 'Thu 26 Nov 2026'."""
    return f"{day:%a} {day.day} {day:%b %Y}"


def journal_command() -> list[str]:
    script = Path(sys.executable).with_name("journal")
    return [str(script)] if script.exists() else [sys.executable, "-m", "journal"]


@pytest.fixture
def tmux(tmp_path):
    if shutil.which("tmux") is None:
        if os.environ.get("CI"):
            pytest.fail("tmux is required for the end-to-end tests (.ci/run installs it)")
        pytest.skip("tmux is not installed")
    socket = f"journal-test-{uuid.uuid4().hex[:8]}"

    def tmux(*args: str) -> str:
        result = subprocess.run(["tmux", "-L", socket, "-f", "/dev/null", *args], capture_output=True, text=True)
        return result.stdout

    yield tmux
    tmux("kill-server")


def wait_for(tmux, text: str, timeout: float = 20.0) -> str:
    deadline = time.monotonic() + timeout
    screen = ""
    while time.monotonic() < deadline:
        screen = tmux("capture-pane", "-p", "-t", "journal")
        if text in screen:
            return screen
        time.sleep(0.1)
    raise AssertionError(f"{text!r} never appeared on screen:\n{screen}")


def keys(tmux, *names: str) -> None:
    """Send keys one at a time, at a person's pace."""
    for name in names:
        tmux("send-keys", "-t", "journal", name)
        time.sleep(0.08)


def wait_until_gone(tmux, text: str, timeout: float = 20.0) -> str:
    deadline = time.monotonic() + timeout
    screen = text
    while text in screen and time.monotonic() < deadline:
        time.sleep(0.1)
        screen = tmux("capture-pane", "-p", "-t", "journal")
    assert text not in screen, f"{text!r} stayed on screen:\n{screen}"
    return screen


def launch(tmux, db_path, home, today, size=("100", "30"), *args: str, clock: str | None = None) -> Path:
    """Run `journal ARGS` in a tmux window on `today`; returns a file made when it exits.

    With `clock` ('2026-11-26 23:59:30'), the journal runs on the computer's clock
    set to that moment (libfaketime), and time goes on from there.
    """
    done = db_path.with_name("exited")
    env = {
        "JOURNAL_TODAY": today.isoformat(),
        "JOURNAL_DB": str(db_path),
        "HOME": str(home),
        "TERM": "xterm-256color",
        "PATH": os.environ.get("PATH", ""),
    }
    faked = []
    if clock is not None:
        del env["JOURNAL_TODAY"]
        env["TZ"] = "UTC"
        # Not even from the tests' own environment, which tmux passes on: the clock alone says the date.
        faked = ["env", "-u", "JOURNAL_TODAY", "faketime", shlex.quote(clock)]
    command = " ".join([*(f"{key}={value!r}" for key, value in env.items()), *faked, *journal_command(), *args])
    tmux("new-session", "-d", "-x", size[0], "-y", size[1], "-s", "journal", f"{command}; touch {done}; sleep 60")
    return done


def start_journal(tmux, db_path, home, today, size=("100", "30")) -> Path:
    """Start `journal` in a tmux window on `today`; returns a file made when it exits.

    A new journal opens with the welcome, which is dismissed as a runner would: with escape.
    """
    first_start = not db_path.exists()
    done = launch(tmux, db_path, home, today, size)
    if first_start:
        wait_for(tmux, "Welcome to Offseason")
        keys(tmux, "Escape")
        wait_until_gone(tmux, "Welcome to Offseason")
    wait_for(tmux, f"{on_screen(today)} (today)")
    return done


def wait_exited(done: Path, why: str) -> None:
    deadline = time.monotonic() + 20
    while not done.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert done.exists(), why


def quit_journal(tmux, done: Path) -> None:
    keys(tmux, "C-q")
    wait_exited(done, "the journal quits on ctrl+q")


def test_log_a_day_in_the_terminal_and_quit(tmux, tmp_path, isolated, today):
    db_path = tmp_path / "journal.db"
    done = start_journal(tmux, db_path, isolated, today)
    keys(tmux, "Down", "8", ".", "5", "Enter", "4", "Enter", "3")
    screen = wait_for(tmux, "unsaved")
    assert "8.5" in screen
    keys(tmux, "C-s")
    wait_for(tmux, "✓ saved")
    quit_journal(tmux, done)
    with open_journal(db_path) as journal:
        entry = get_entry(journal, today)
    assert (entry.sleep_hours, entry.sleep_quality, entry.fatigue) == (8.5, 4, 3)


def test_tick_the_checklist_in_the_terminal(tmux, tmp_path, isolated, today):
    db_path = tmp_path / "journal.db"
    done = start_journal(tmux, db_path, isolated, today)
    keys(tmux, "F3")
    wait_for(tmux, f"{today:%G-W%V}")
    keys(tmux, "Space")  # Strength session, today (Thursday): where the cursor starts
    screen = wait_for(tmux, "1/2")
    assert "✓" in screen
    quit_journal(tmux, done)
    from journal.store.checklist import ticks_between

    with open_journal(db_path) as journal:
        assert [day for _, day in ticks_between(journal, today, today)] == [today]


def test_log_a_strength_session_and_see_the_tick_on_the_checklist(tmux, tmp_path, isolated, today):
    db_path = tmp_path / "journal.db"
    done = start_journal(tmux, db_path, isolated, today)
    keys(tmux, "C-e")
    wait_for(tmux, "Pain during")
    keys(tmux, "Enter", "Down", "Down", "Down", "Enter")  # the kind: run, intervals, strides, strength
    wait_for(tmux, "strength")
    keys(tmux, "Tab", "4", "5", "Enter")  # 45 minutes, and save
    screen = wait_for(tmux, "strength · 45 min")
    assert "Pain during" not in screen, "the form closed"
    keys(tmux, "F3")
    screen = wait_for(tmux, f"{today:%G-W%V}")
    strength = next(line for line in wait_for(tmux, "1/2").splitlines() if "Strength session" in line)
    assert "✓" in strength, screen
    quit_journal(tmux, done)
    from journal.store.sessions import sessions_between, ticked_by

    with open_journal(db_path) as journal:
        (session,) = sessions_between(journal, today, today)
        assert (session.kind, session.minutes) == ("strength", 45)
        assert list(ticked_by(journal, today, today).values()) == [session.number]


def test_the_installed_command_reports_bad_input_in_one_line(tmp_path, today):
    result = subprocess.run(
        [*journal_command(), "add", "--mood", "6", "--db", str(tmp_path / "j.db")],
        capture_output=True,
        text=True,
        env={**os.environ, "JOURNAL_TODAY": today.isoformat()},
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("journal: mood must be a whole number") and result.stderr.count("\n") == 1


def test_python_dash_m_runs_the_same_command_line():
    result = subprocess.run([sys.executable, "-m", "journal", "--version"], capture_output=True, text=True)
    assert result.returncode == 0
    assert result.stdout.startswith("journal, version ")


def test_the_assessment_asks_its_questions_in_a_terminal(tmux, tmp_path, isolated, today):
    db_path = tmp_path / "journal.db"
    done = launch(tmux, db_path, isolated, today, ("100", "30"), "assess")
    for prompt, answer in (
        ("look back on", "Valencia"),
        ("fade in the last miles", "y"),
        ("Where", "knee"),
        ("hit the wall", "n"),
        ("hips", "n"),
        ("cramping", "n"),
    ):
        screen = wait_for(tmux, prompt)
        assert "[]" not in screen, "a question with no default shows none"
        tmux("send-keys", "-t", "journal", "-l", answer)
        keys(tmux, "Enter")
    for asked in range(1, 7):  # six proposals: keep every one but the scan
        deadline = time.monotonic() + 20
        screen = ""
        while screen.count("Keep this goal?") < asked and time.monotonic() < deadline:
            time.sleep(0.05)
            screen = tmux("capture-pane", "-p", "-t", "journal")
        # The proposal stands between the question before and this one (it may wrap).
        proposal = screen.rsplit("Keep this goal?", 2)[-2]
        tmux("send-keys", "-t", "journal", "-l", "n" if "scan" in proposal else "y")
        keys(tmux, "Enter")
    wait_for(tmux, "added 5 goals to the board")
    # A new journal is put in its place as the command ends, just after it says so.
    wait_exited(done, "the assessment ends once the goals are added")
    from journal.store.goals import list_goals

    with open_journal(db_path) as journal:
        titles = [goal.title for goal in list_goals(journal)]
    assert titles[:2] == ["Build strength and a finishing kick", "Settle the knee pain"]
    assert not any("scan" in title for title in titles)


def test_a_flag_on_the_day_then_its_trend_and_the_week(tmux, tmp_path, isolated, today):

    from journal.domain.entries import DayEntry
    from journal.store.entries import save_entries

    db_path = tmp_path / "journal.db"
    with open_journal(db_path) as journal:
        save_entries(
            journal, [DayEntry(today - n * DAY, sleep_hours=7.5, pain={("knee", "left"): 3}) for n in range(1, 7)]
        )
    done = start_journal(tmux, db_path, isolated, today)
    screen = wait_for(tmux, f" days to {today.day} {today:%b}")
    assert "hurt on" not in screen, "six days of pain is not yet a flag"
    keys(tmux, *["Down"] * 8, "Right", "4", "C-s")  # past the cramps, the left knee, today
    screen = wait_for(tmux, "Knee has hurt on 7 days in a row")
    knee = next(line for line in screen.splitlines() if line.lstrip().startswith("Knee  "))
    assert "▃▃▃▃▃▃▄" in knee, "the knee's trend ends with today's 4"
    keys(tmux, "F5")
    wait_for(tmux, "Pain: Knee")
    keys(tmux, "F6")
    wait_for(tmux, "Flags this week")
    quit_journal(tmux, done)


def test_a_first_start_explains_and_opens_the_demo_in_a_file_of_its_own(tmux, tmp_path, isolated, today):
    from journal.store.demo import demo_path
    from journal.store.entries import count_entries

    db_path = tmp_path / "journal.db"
    done = launch(tmux, db_path, isolated, today, ("80", "24"))
    wait_for(tmux, "Welcome to Offseason")
    screen = wait_for(tmux, "Start my journal")  # the answers may be drawn a frame after the welcome
    assert "Try the demo" in screen and "Welcome to Offseason" in screen, "the welcome and its answers fit in 80x24"
    keys(tmux, "d")
    wait_for(tmux, "The demo journal")
    wait_for(tmux, "9.25")  # the demo's day on screen, drawn in the same start (a busy machine may split the frames)
    quit_journal(tmux, done)
    with open_journal(db_path) as journal:
        assert count_entries(journal) == 0, "the runner's own journal stays empty"
    with open_journal(demo_path()) as demo:  # in the user-data folder, beside the default journal
        assert 0 < count_entries(demo) <= 12 * 7  # 12 weeks, with a few days left unlogged as in life


def start_before_midnight(tmux, db_path, home, today) -> Path:
    """Start `journal` on the clock of `today` (a Thursday), 23:59:45, on a journal with a day logged.

    Fifteen seconds: room for a slow start and a few keys before midnight, and a short wait after."""
    if shutil.which("faketime") is None:
        if os.environ.get("CI"):
            pytest.fail("faketime is required for the end-to-end tests (.ci/run installs it)")
        pytest.skip("faketime is not installed")
    from journal.domain.entries import DayEntry
    from journal.store.entries import save_entry

    with open_journal(db_path) as journal:  # a journal in use: no welcome
        save_entry(journal, DayEntry(today - DAY, mood=3))
    done = launch(tmux, db_path, home, today, clock=f"{today.isoformat()} 23:59:45")
    screen = wait_for(tmux, f"{on_screen(today)} (today)", timeout=14)
    assert on_screen(today + DAY) not in screen, "the app took so long to start that midnight came first"
    return done


def test_left_open_past_midnight_the_morning_goes_to_the_new_day(tmux, tmp_path, isolated, today):
    db_path = tmp_path / "journal.db"
    done = start_before_midnight(tmux, db_path, isolated, today)
    wait_for(tmux, f"{on_screen(today + DAY)} (today)", timeout=90)  # no key pressed: midnight moved it on
    keys(tmux, "Down", "7", "C-s")  # the next morning's sleep
    wait_for(tmux, "✓ saved")
    quit_journal(tmux, done)
    with open_journal(db_path) as journal:
        assert get_entry(journal, today + DAY).sleep_hours == 7.0
        assert get_entry(journal, today).is_empty


def test_typed_before_midnight_the_day_stays_and_says_it_is_yesterday(tmux, tmp_path, isolated, today):
    db_path = tmp_path / "journal.db"
    done = start_before_midnight(tmux, db_path, isolated, today)
    keys(tmux, *["Down"] * 6, "4")  # the mood, typed on Thursday
    wait_for(tmux, "● unsaved")
    screen = wait_for(tmux, "this day is now yesterday", timeout=90)
    assert f"{on_screen(today)} (yesterday)" in screen
    keys(tmux, "C-s")  # saved where the bar says: Thursday; then on to today
    wait_for(tmux, f"{on_screen(today + DAY)} (today)")
    keys(tmux, "Up", "Up", "Up", "Up", "Up", "8", "C-s")  # the morning's sleep (the cursor stays on its row)
    wait_for(tmux, "✓ saved")
    quit_journal(tmux, done)
    with open_journal(db_path) as journal:
        assert get_entry(journal, today).mood == 4
        assert get_entry(journal, today).sleep_hours is None
        assert get_entry(journal, today + DAY).sleep_hours == 8.0
