"""Whatever is typed after `journal`, it answers with exit 0 or one clear refusal that changes nothing.

The command lines come from the command line's own tree of commands, options
and arguments, so a new command or option is fuzzed the day it is added. Values
mix what each parameter expects with what a runner or a shell can hand over:
any Unicode text, undecodable bytes, huge and negative numbers, digits of other
scripts, empty strings and the ends of the calendar. Each line runs in process
(`journal.cli.main`) on its own journal, with stdin not a terminal.
`tests/unit/test_fuzz.py` covers the parsers one by one; this covers the commands
that use them.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, note, settings
from hypothesis import strategies as st

from journal.cli import main
from journal.domain.entries import DayEntry
from journal.domain.goals import Goal, Measure
from journal.domain.overuse import Answers
from journal.domain.sessions import Session
from journal.io.csv_export import export_entries, writers
from journal.io.export_files import write_folder
from journal.store import open_journal
from journal.store.backup import backup_journal
from journal.store.checklist import add_item, list_items, retire_item, set_tick
from journal.store.entries import save_entries
from journal.store.goals import add_goal
from journal.store.overuse import save_answers
from journal.store.plans import make_decisions, start_plan
from journal.store.sessions import save_sessions
from journal.store.sites import add_site
from tests.content import journal_content as content
from tests.unit.cli_tree import Word, command_tree, command_words

DAY = dt.timedelta(days=1)


# The bare `journal` opens the app (it needs a terminal) and is not here.
COMMANDS = [(words, command_words(words, command)) for words, command in command_tree()]

# -- values -------------------------------------------------------------------------

# What a shell hands Python: any text, and bytes that are not UTF-8 as lone surrogates
# U+DC80-U+DCFF (surrogateescape). argv cannot hold NUL or other surrogates.
undecodable = st.characters(min_codepoint=0xDC80, max_codepoint=0xDCFF, categories=["Cs"])
characters = st.characters(exclude_categories=("Cs",), exclude_characters="\x00") | undecodable
any_text = st.text(characters, max_size=20)
OTHER_DIGITS = "²٣１𝟑۳৩"
nasty = st.sampled_from(
    [
        "",
        " ",
        "-",
        "--",
        "-1",
        "0",
        "99999999999999999999",
        "-99999999999999999999",
        "1e308",
        "nan",
        "inf",
        *OTHER_DIGITS,
        "٣.٥",
        "1_000",
        "0x10",
        "\udcff",
        "a\udcc3b",
        "\u202e",
        "x" * 300,
        "=1+1",
        "'",
        '"',
        ",",
    ]
)
DATES = [
    "today",
    "yesterday",
    "tomorrow",
    "monday",
    "last sunday",
    "20 nov",
    "29 feb",
    "2026-11-26",
    "2026-02-30",
    "0001-01-01",
    "9999-12-31",
    "1899-12-31",
    "1900-01-01",
    "2024-02-29",
    "99999 years ago",
    "in 99999 years",
    "99999 days ago",
    "0 days ago",
    "٢٠٢٦-١١-٢٦",
    "2026-11-26T10:00",
    "26/11/2026",
]
WEEKS = [
    "this",
    "last",
    "next",
    "this week",
    "2026-W48",
    "2026-W53",
    "2020-W53",
    "0000-W01",
    "0001-W01",
    "1900-W01",
    "9999-W52",
    "9999-W53",
    "2026-W00",
    "2026W48",
    *DATES,
]
NUMBERS = [
    "0",
    "1",
    "3",
    "5",
    "7",
    "8",
    "10",
    "24",
    "7.5",
    "7,5",
    "+3",
    " 3 ",
    "-1",
    "11",
    "25",
    "520",
    "521",
    "100",
    "101",
    "99999999999999999999",
    *OTHER_DIGITS,
]
POOLS = {
    "date": DATES,
    "start": DATES,
    "end": DATES,
    "due": [*DATES, "none"],
    "week": [*WEEKS, "list"],
    "sleep": NUMBERS,
    "sleep_quality": NUMBERS,
    "fatigue": NUMBERS,
    "soreness": NUMBERS,
    "stress": NUMBERS,
    "mood": NUMBERS,
    "target": NUMBERS,
    "place": NUMBERS,
    "weeks": NUMBERS,
    "years": NUMBERS,
    "seed": NUMBERS,
    "pain": [
        "knee=3",
        "shin:left=2",
        "lower-back=4",
        "lower-back:left=1",
        "knee=11",
        "knee=²",
        "knee=٣",
        "kne=3",
        "groin:right=0",
        "knee",
        "=3",
        "knee:middle=2",
        "0",
        "1",
        "3",
    ],
    "pain_sites": ["knee", "knee,shin", "none", "", "kne", "groin"],
    "cramps": [*NUMBERS, "50", "51"],
    "cramp_site": ["calf", "achilles", "hamstring", "groin", "Lower back", "kne", "back", ""],
    "day_type": ["normal", "rest", "race", "injured", "sick", "Rest", "holiday"],
    "clear": [
        "mood",
        "note",
        "day-type",
        "pain",
        "pain:knee",
        "pain:shin:left",
        "pain:lower-back:left",
        "moood",
        "cramps",
        "cramp-site",
        "cramp_site",
    ],
    "item": [
        "1",
        "2",
        "3",
        "4",
        "9",
        "10",
        "0",
        "99",
        "99999999999999999999",
        "strides",
        "Strength",
        "s",
        "",
        *OTHER_DIGITS,
    ],
    "goal_id": ["1", "2", "3", "0", "99", "99999999999999999999", "-1", *OTHER_DIGITS],
    "kind": ["strength", "rest", "other", "Strength", "bogus", "run", "cross", "walk"],
    "minutes": ["40", "1:30", "0", "1440", "1441", "24:00", "0:59", "٤٠", *NUMBERS],
    "km": ["8", "8.5", "8,25", "0", "1000", "1000.001", "8.1234", "-1", "١"],
    "miles": ["5", "3.1", "3,25", "0", "621.37", "621.38", "3.125", "-1", "٥"],
    "rpe": NUMBERS,
    "number": ["1", "2", "3", "4", "0", "99", "99999999999999999999", "-1", *OTHER_DIGITS],
    "setting": ["run=strides", "technique=none", "walk=rest", "run", "=none", "bogus=strength", "run=bogus", "run="],
    "site": ["knee", "knee:left", "knee:right", "groin", "groin:left", "kne", "shin", "lower-back:left", ""],
    "stage": ["1", "3", "10", "11", "0", "٣", *OTHER_DIGITS],
    "stages": [
        "10 x 1 min run / 1 min walk",
        "20 min continuous",
        "hills=20",
        "hills",
        "=5",
        "walk=0",
        "walk=301",
        "x" * 201,
    ],
    "participation": ["0", "1", "2", "3", "4", *OTHER_DIGITS],
    "volume": ["0", "1", "2", "3", "4", "5", *OTHER_DIGITS],
    "performance": ["0", "1", "2", "3", "4", "5", *OTHER_DIGITS],
    "category": ["health", "rehab", "other", "Health", "bogus"],
    "status": ["todo", "doing", "done", "dropped", "to do", "Doing", "later"],
    "measure": [
        "checklist:strides:80%:8w",
        "checklist:1,4:100%:52w",
        "checklist:strides:0%:8w",
        "ticks:1:8",
        "ticks:strides:1001",
        "pain:knee:2",
        "pain:groin:0",
        "pain:nowhere:2",
        "sleep:8",
        "sleep:25",
        "sleep:nan",
        "days:rest:10",
        "days:rest:²",
        "cramps:0",
        "cramps:1.5",
        "cramps:100",
        "ticks:²:8",
        "none",
        "",
    ],
    "title": ["Blood work", "Hill sprints", "Strides", "x" * 80, "x" * 81, "Drills: A-skips, B-skips"],
    "name": ["knee", "groin", "Left Calf", "hip_flexor", "a" * 31, "9lives", "Lower back"],
    "new_name": ["calf", "knee", "shin-splint", "a" * 31],
    "key": ["week_start", "sleep_need", "theme", "distance_unit", "bogus"],
    "value": ["monday", "sunday", "someday", "8", "8.5", "4", "12.5", "٨", "offseason-dark", "nope", "mi", "km", "yd"],
    "theme": ["offseason-dark", "nope", ""],
    "note": ["easy run", "Half marathon, 1:32", '=1+2, "quoted"\nline', "ünïcödé 🏃", "\udcff", "x" * 201, ""],
    "description": ["hops and bounds", "", "x" * 201],
    "label": ["Groin / adductor", "", "x" * 41],
    "looks_back_on": ["Valencia marathon", ""],
}
# Where a command reads or writes: only here (each run's own folder) or in the test's HOME.
PATHS = [
    "out.csv",
    "out",
    "exp",
    "in.csv",
    "bad.csv",
    "backup.db",
    "journal.db",
    "missing/x.csv",
    "~/x.csv",
    ".",
    "",
    " ",
    "out.md",
]
safe_path_text = any_text.filter(lambda text: "/" not in text and not text.startswith("~") and ".." not in text)
NUMERIC = {
    "sleep",
    "sleep_quality",
    "fatigue",
    "soreness",
    "stress",
    "mood",
    "target",
    "place",
    "weeks",
    "years",
    "seed",
    "goal_id",
    "pain",
    "minutes",
    "km",
    "miles",
    "rpe",
    "number",
    "stage",
    "participation",
    "volume",
    "performance",
    "cramps",
}


def values(param: Word) -> st.SearchStrategy[str]:
    if param.name in ("output", "path"):
        return st.sampled_from(PATHS) | safe_path_text
    expected = [*POOLS.get(param.name, []), *param.choices]
    # Mostly what the parameter expects, so that lines get past the first check to the journal.
    return st.one_of(*[st.sampled_from(expected)] * 4 if expected else [], nasty, any_text)


@st.composite
def command_lines(draw) -> tuple[list[str], dict[str, list[str]], set[str]]:
    """A command line after `journal --db FILE`, the values it gave each parameter, and which take one value."""
    words, params = draw(st.sampled_from(COMMANDS))
    given: dict[str, list[str]] = {}
    options: list[list[str]] = []
    arguments: list[str] = []
    for param in params:  # the run's own journal is given once, before the command: --db is not among them
        if not param.flags:
            if draw(st.sampled_from([True] * 7 + [False] if param.required else [True, False])):
                arguments.append(draw(values(param)))
                given[param.name] = [arguments[-1]]
        elif not param.takes_value:
            spellings = [None, *param.flags]
            for _ in range(draw(st.sampled_from([1, 1, 1, 2]))):
                if (flag := draw(st.sampled_from(spellings))) is not None:
                    options.append([flag])
        else:
            times = draw(st.sampled_from([1, 1, 1, 0, 2] if param.required else [0, 0, 1, 1, 1, 2]))
            for _ in range(times + (draw(st.integers(0, 2)) if param.repeatable else 0)):
                value = draw(values(param))
                spelling = draw(st.sampled_from(param.flags))
                options.append(
                    [f"{spelling}={value}"] if spelling.startswith("--") and draw(st.booleans()) else [spelling, value]
                )
                given.setdefault(param.name, []).append(value)
    options = draw(st.permutations(options))
    extra = draw(st.sampled_from([[]] * 8 + [["--bogus"], ["extra"], ["--help"], ["-h"]]))
    separator = ["--"] if arguments and draw(st.booleans()) else []
    before = draw(st.sampled_from([[]] * 8 + [["--theme", "offseason-dark"], ["--theme", "nope"], ["--version"]]))
    line = [*before, *words, *(token for option in options for token in option), *extra, *separator, *arguments]
    single = {param.name for param in params if not param.repeatable}
    return line, given, single


# -- the journal each line runs on ------------------------------------------------------


def write_file(path: Path, writer) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer(out)


def make_template(folder: Path, today: dt.date) -> None:
    """A journal with a bit of everything, and the files a command line may name beside it."""
    folder.mkdir()
    with open_journal(folder / "journal.db") as journal:
        add_site(journal, "groin", label="Groin / adductor")
        save_entries(
            journal,
            [
                DayEntry(
                    today - n * DAY,
                    day_type="rest" if n == 3 else "normal",
                    sleep_hours=7.5,
                    mood=1 + n % 5,
                    note='=1+1, "quoted"\nline' if n == 1 else "",
                    pain={("knee", "left"): n % 4, ("groin", ""): 1},
                    cramps=n % 3 if n % 2 else None,
                    cramp_site="groin" if n % 6 == 1 else None,  # on days with a cramp
                )
                for n in range(10)
            ],
        )
        items = list_items(journal)
        for n in range(6):
            set_tick(journal, items[n % 4].id, today - n * DAY, True, note="felt sharp" if n == 2 else "")
        drills = add_item(journal, "Drills: A-skips", kind="technique", target=2, today=today)
        retire_item(journal, items[-1].id, today=today)
        add_goal(journal, Goal("Settle the knee", "rehab", measure=Measure("pain", site="knee", level=2)), today=today)
        add_goal(
            journal,
            Goal(
                "Strides twice a week",
                "strength",
                due=today + 30 * DAY,
                measure=Measure(
                    "checklist", items=("Strides", drills.title), item_ids=(items[3].id, drills.id), level=0.8, weeks=8
                ),
            ),
            today=today,
        )
        # Sessions (some ticking items, two for a plan the mornings have judged) and a week's overuse answers.
        start_plan(journal, "knee", "left", today=today - 6 * DAY, stage=2)
        save_sessions(
            journal,
            [
                Session(
                    today - n * DAY,
                    ("run", "strength", "strides", "run", "rehab", "run")[n],
                    30 + n,
                    km=5.5 if n in (0, 3, 5) else None,
                    rpe=n + 2 if n != 4 else None,
                    pain=(("knee", "left", n % 4),) if n in (0, 3, 5) else (),
                    note="hills" if n == 3 else "",
                    for_plan=n in (3, 5),
                )
                for n in range(6)
            ],
        )
        make_decisions(journal, today=today)
        save_answers(journal, today - 7 * DAY, "knee", "left", Answers(1, 2, 1, 1), today=today)
        write_folder(folder / "exp", writers(journal, dt.date.min, today, {}))
        write_file(folder / "in.csv", lambda out: export_entries(journal, dt.date.min, today, out))
        backup_journal(journal.conn, journal.path, folder / "backup.db")
    (folder / "bad.csv").write_bytes(b"date,mood\r\n2026-11-26,9\r\n")


@pytest.fixture(scope="module")
def template(tmp_path_factory, today) -> Path:
    folder = tmp_path_factory.mktemp("cli-fuzz") / "template"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JOURNAL_TODAY", today.isoformat())
        make_template(folder, today)
    return folder


def run(argv: list[str], patch: pytest.MonkeyPatch) -> tuple[int, str, str]:
    """`journal ARGV` in process: (exit code, stdout, stderr).

    The streams are a process's own in a UTF-8 locale: stdout strict, stderr
    backslash-escaping what it cannot encode (what a shell's redirection gets).
    """
    out, err = io.BytesIO(), io.BytesIO()
    patch.setattr(sys, "stdin", io.StringIO(""))  # no terminal, nothing typed
    patch.setattr(sys, "stdout", io.TextIOWrapper(out, encoding="utf-8", errors="strict", write_through=True))
    patch.setattr(sys, "stderr", io.TextIOWrapper(err, encoding="utf-8", errors="backslashreplace", write_through=True))
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    code = exit_info.value.code
    return (0 if code is None else code), out.getvalue().decode("utf-8"), err.getvalue().decode("utf-8")


# Three times the profile's examples: each line is cheap (a copied journal and one command).
@settings(
    max_examples=settings.default.max_examples * 3,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    line=command_lines(),
    journal_kind=st.sampled_from(["full"] * 6 + ["new", "none"]),
    clock=st.sampled_from(["today"] * 8 + ["0001-01-01", "9999-12-31"]),
)
def test_any_command_line_is_done_or_refused_in_one_line_without_a_change(
    template, tmp_path, today, line, journal_kind, clock
):
    argv_tail, given, single = line
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    if journal_kind == "none":
        shutil.copytree(template, folder, dirs_exist_ok=True, ignore=shutil.ignore_patterns("journal.db"))
    else:
        shutil.copytree(template, folder, dirs_exist_ok=True)
        if journal_kind == "new":
            (folder / "journal.db").unlink()
            open_journal(folder / "journal.db").close()
    db = folder / "journal.db"
    argv = ["--db", str(db), *argv_tail]
    clock = today.isoformat() if clock == "today" else clock
    note(f"JOURNAL_TODAY={clock} journal {' '.join(map(repr, argv))}")
    before = content(db)
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(folder)
        patch.setenv("JOURNAL_TODAY", clock)
        code, out, err = run(argv, patch)
    event(f"exit {code}")
    note(f"exit {code}\nstdout: {out[:2000]!r}\nstderr: {err[:2000]!r}")
    assert "Traceback" not in out + err
    assert code in (0, 1, 2)
    if code == 1:
        assert err == "journal: stopped\n", "exit 1 is kept for a question that was not answered"
    if code == 2:
        assert err.startswith("journal: ")
        assert content(db) == before, "refused, but the journal changed"
    asks_for_help = any(token in ("--help", "-h", "--version") for token in argv_tail)
    if code == 0 and not asks_for_help:
        twice = {name: spelled for name, spelled in given.items() if name in single and len(set(spelled)) > 1}
        assert not twice, f"given twice with different values, and one was quietly dropped: {twice}"
        other_digits = {
            name: spelled
            for name, spelled in given.items()
            if name in NUMERIC and any(char.isdigit() and not char.isascii() for value in spelled for char in value)
        }
        assert not other_digits, f"a number in digits the journal never shows was taken: {other_digits}"
    shutil.rmtree(folder, ignore_errors=True)
