"""The installed command starts with the collector held off, and always hands it back."""

import os
import subprocess
import sys

SCRIPT = """
import gc, sys
import journal.__main__ as entry
from journal import startup
sys.argv = ["journal", *sys.argv[1:]]
try:
    entry.main()
except SystemExit as done:
    code = done.code
print(code, gc.isenabled(), gc.get_freeze_count() > 1000, file=sys.stderr)
"""


def run(db_path, *args):
    return subprocess.run(
        [sys.executable, "-c", SCRIPT, *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "JOURNAL_DB": str(db_path)},
    )


def test_a_command_runs_with_the_collector_on_and_what_starting_made_set_aside(db_path):
    result = run(db_path, "add", "--mood", "4")
    assert result.stderr.splitlines()[-1] == "0 True True", result.stderr


def test_release_does_nothing_when_nothing_was_held():
    import gc

    from journal.startup import release_collector

    frozen = gc.get_freeze_count()
    release_collector()
    assert gc.isenabled() and gc.get_freeze_count() == frozen
