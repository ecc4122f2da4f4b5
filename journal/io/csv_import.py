"""Reading CSV back in: what `journal export` writes, or a runner's own spreadsheet in the same columns.

Every row is checked with the same validation the command line and the app
use; every bad row is reported with its line number and reason, and nothing
is written unless every row of every file is good. A cell that export
neutralised (a leading apostrophe before a formula character) gets its text back.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import uuid
from collections.abc import Callable
from pathlib import Path

from journal.dates import parse_iso_date
from journal.domain.bundle import Bundle, DecisionRow, GoalRow, OveruseRow, PlanRow, SessionRow, Tick
from journal.domain.checklist import (
    ChecklistItem,
    parse_kind,
    parse_target,
    parse_title,
)
from journal.domain.distance import parse_km
from journal.domain.entries import DayEntry, Site, check_cramps, check_hrv, parse_value
from journal.domain.goals import (
    MEASURE_USAGE,
    Goal,
    Measure,
    check_measure,
    parse_category,
    parse_goal_note,
    parse_goal_title,
    parse_looks_back_on,
    parse_status,
)
from journal.domain.scales import (
    DEVICE_FIELDS,
    LABEL_MAX,
    NOTE_MAX,
    SHORT_TEXT_MAX,
    SIDES,
    WELLNESS_FIELDS,
    parse_cramps,
    parse_day_type,
    parse_pain_score,
    parse_side,
    parse_site_name,
    parse_sleep_hours,
    parse_text,
    parse_wellness,
)
from journal.domain.sessions import (
    PainDuring,
    Session,
    parse_minutes,
    parse_rpe,
    parse_session_kind,
    parse_session_note,
)
from journal.errors import BadRows, InvalidInput
from journal.io.csv_export import (
    ASSESSMENT_HEADER,
    DECISION_HEADER,
    ENTRY_HEADER,
    GOAL_HEADER,
    GOAL_LATER_COLUMNS,
    ITEM_HEADER,
    KINDS,
    OVERUSE_HEADER,
    PAIN_HEADER,
    PLAN_HEADER,
    SCALE_HEADER,
    SESSION_HEADER,
    SESSION_KIND_HEADER,
    SESSION_LATER_COLUMNS,
    SETTING_HEADER,
    SITE_HEADER,
    SOURCE_HEADER,
    TICK_HEADER,
)
from journal.io.export_files import check_folder
from journal.store.schema import DECISION_COLUMNS

IMPORTABLE = tuple(kind for kind in KINDS if kind != "scales")
_NEUTRALISED = re.compile(r"'+[=+\-@\t\r]")
_PAIN_COLUMN = re.compile(r"pain_([a-z][a-z0-9-]*?)(?:_(left|right))?")


def restore(text: str) -> str:
    """The text before export neutralised it: one leading apostrophe off a formula."""
    return text[1:] if _NEUTRALISED.match(text) else text


# -- reading the files ---------------------------------------------------------------


HEADERS = {
    "settings": SETTING_HEADER,
    "sites": SITE_HEADER,
    "items": ITEM_HEADER,
    "pain": PAIN_HEADER,
    "checklist": TICK_HEADER,
    "sessions": SESSION_HEADER,
    "session-kinds": SESSION_KIND_HEADER,
    "sources": SOURCE_HEADER,
    "plans": PLAN_HEADER,
    "decisions": DECISION_HEADER,
    "overuse": OVERUSE_HEADER,
    "goals": GOAL_HEADER,
    "assessments": ASSESSMENT_HEADER,
    "scales": SCALE_HEADER,
}


def kind_of(header: list[str]) -> str | None:
    """The kind of file a header belongs to: its columns, in any order."""
    columns = set(header)
    if len(columns) != len(header):
        return None
    for kind, expected in HEADERS.items():
        if columns == set(expected):
            return kind
    if set(GOAL_HEADER) - set(GOAL_LATER_COLUMNS) <= columns <= set(GOAL_HEADER):
        return "goals"  # an older export, written before goals had a uid
    if columns == set(SESSION_HEADER) - set(SESSION_LATER_COLUMNS):
        return "sessions"  # an older export, written before a session said which app it came from
    known = set(ENTRY_HEADER)
    if (
        "date" in columns
        and len(columns) > 1
        and all(column in known or _PAIN_COLUMN.fullmatch(column) for column in columns)
    ):
        return "entries"  # a day's columns, any of them: the ones left out are not logged
    return None


def expected_columns(kind: str) -> str:
    if kind == "entries":
        return "date and any of " + ", ".join(ENTRY_HEADER[1:]) + ", pain_SITE, pain_SITE_SIDE"
    return ", ".join(HEADERS[kind])


def read_path(path: Path, kind: str | None = None, *, today: dt.date = dt.date.max) -> Bundle:
    """A file (its kind from `kind` or its header), or a folder that `export --what all` wrote.

    Nothing dated after `today` is taken, as the command line takes no day in the future.
    """
    bundle = Bundle(today=today)
    problems: list[str] = []
    if path.is_dir():
        chosen = [
            (each_kind, name)
            for each_kind, (name, _) in KINDS.items()
            if (kind is None or kind == each_kind) and (path / name).exists() and each_kind in IMPORTABLE
        ]
        if not chosen:
            raise InvalidInput(f"{path} holds none of the files `journal export --what all` writes")
        for _, name in chosen:
            _check_regular(path / name)
        wanted = {
            name
            for each_kind, (name, _) in KINDS.items()
            if (kind is None or kind == each_kind) and each_kind in IMPORTABLE
        }
        check_folder(path, [name for _, name in chosen], wanted.__contains__)
        for each_kind, name in chosen:
            _read_file(path / name, each_kind, bundle, problems)
    elif path.is_file():
        _read_file(path, kind, bundle, problems)
    elif path.exists():
        _check_regular(path)
    elif not str(path):
        raise InvalidInput("give the file or folder to import")
    else:
        raise InvalidInput(f"there is no file or folder {path}")
    if problems:
        raise BadRows(problems)
    _check_pain_agrees(bundle, path)
    return bundle


def _check_regular(path: Path) -> None:
    """Refuse a pipe or a device before it is opened: reading one waits, or never ends."""
    from journal.files import NotAFile, check_regular

    try:
        check_regular(path)
    except NotAFile as error:
        raise InvalidInput(f"{path} is {error.kind}, not a CSV file") from None


def _read_file(path: Path, kind: str | None, bundle: Bundle, problems: list[str]) -> None:
    try:
        with path.open(encoding="utf-8-sig", newline="") as file:
            reader = csv.reader(file, strict=True)
            header = next(reader, None)
            if header is None:
                problems.append(f"{path.name}: the file is empty (a CSV file starts with its header)")
                return
            found = kind_of(header)
            if found == "scales":
                problems.append(f"{path.name}: scales.csv says what the numbers mean, for reading; it is not imported")
                return
            if found is None or (kind is not None and found != kind):
                wanted = (
                    f"the columns of {kind}: {expected_columns(kind)}"
                    if kind
                    else ("the columns of one kind of export (see the README's CSV format); they may come in any order")
                )
                problems.append(f"{path.name} line 1: not a header journal import knows: it should hold {wanted}")
                return
            if found == "sessions":
                bundle.session_sources = "source" in header
            if found == "entries":
                bundle.entry_fields = tuple(column for column in header if column in ENTRY_HEADER[1:])
                for column in header:
                    if match := _PAIN_COLUMN.fullmatch(column):
                        bundle.pain_columns.setdefault((match[1], match[2] or ""), f"{path.name} line 1")
            reading = READERS[found]
            ended = reader.line_num  # a row is named by its first line: a quoted cell may hold several
            for row in reader:
                first, ended = ended + 1, reader.line_num
                if not any(cell.strip() for cell in row):
                    continue  # a blank line
                where = bundle.line = f"{path.name} line {first}"
                if len(row) != len(header):
                    cells = f"{len(row)} cell{'s' if len(row) != 1 else ''}"
                    problems.append(f"{where}: {cells} where the header has {len(header)}")
                    continue
                try:
                    reading(dict(zip(header, row, strict=True)), bundle)
                except InvalidInput as problem:
                    problems.append(f"{where}: {problem}")
                except json.JSONDecodeError:
                    problems.append(f"{where}: measure_data is not a measure as the journal writes it")
                except (ValueError, KeyError, TypeError) as problem:
                    problems.append(f"{where}: cannot read it ({problem})")
    except UnicodeDecodeError:
        problems.append(f"{path.name}: not UTF-8 text")
        return
    except csv.Error as problem:
        problems.append(f"{path.name}: not CSV ({problem})")
        return
    except OSError as problem:
        problems.append(f"{path.name}: cannot read it ({problem.strerror})")
        return
    if found not in bundle.kinds:
        bundle.kinds.append(found)


def _optional_date(text: str, what: str) -> dt.date | None:
    return parse_iso_date(text, what) if text.strip() else None


def _int(text: str, what: str, low: int = 0, high: int = 10**9) -> int:
    raw = text.strip()
    if not re.fullmatch(r"[0-9]{1,10}", raw) or not low <= int(raw) <= high:
        bounds = f"from {low} to {high}" if high < 10**9 else f"from {low}"
        raise InvalidInput(f"{what} must be a whole number {bounds}, got {text!r}")
    return int(raw)


def _text(value: str, what: str, limit: int = NOTE_MAX) -> str:
    return parse_text(restore(value), what, limit)


def _entry(row: dict[str, str], bundle: Bundle) -> None:
    day = bundle.dated(row["date"])
    if day in bundle.entries:
        raise InvalidInput(f"{day} appears twice")
    entry = DayEntry(day, day_type=parse_day_type(row.get("day_type") or "normal"))
    if row.get("sleep_hours", "").strip():
        entry.sleep_hours = parse_sleep_hours(row["sleep_hours"])
    for name in WELLNESS_FIELDS:
        if row.get(name, "").strip():
            setattr(entry, name, parse_wellness(name, row[name]))
    if row.get("cramps", "").strip():
        entry.cramps = parse_cramps(row["cramps"])
    if site := row.get("cramp_site", "").strip():
        entry.cramp_site = parse_site_name(site)  # a site the journal has, or the import brings: checked there
    if "cramps" in row:
        check_cramps(entry)
    for name in DEVICE_FIELDS:
        if row.get(name, "").strip():
            setattr(entry, name, parse_value(name, row[name]))
    if "hrv" in row or "hrv_method" in row:
        check_hrv(entry)
    entry.note = _text(row.get("note", ""), "the note")
    for column, value in row.items():
        if column in ENTRY_HEADER:
            continue
        match = _PAIN_COLUMN.fullmatch(column)
        if not match:
            raise InvalidInput(f"unknown column {column!r}: pain columns are pain_SITE or pain_SITE_SIDE")
        if value.strip():
            site, side = match[1], match[2] or ""
            entry.pain[(site, side)] = parse_pain_score(value, where=f"pain at {site}{' ' + side if side else ''}")
    if entry.is_empty:
        raise InvalidInput("the row holds nothing to log")
    bundle.entries[day] = entry
    bundle.where[("entries", day)] = bundle.line


def _pain(row: dict[str, str], bundle: Bundle) -> None:
    site, side = _site_and_side(row)
    day = bundle.dated(row["date"])
    bundle.pain_rows.append((day, site, side, parse_pain_score(row["score"], where=f"pain at {site}")))
    bundle.where[("pain", day, site, side)] = bundle.line


def _tick(row: dict[str, str], bundle: Bundle) -> None:
    tick = Tick(
        _int(row["item_id"], "item_id", 1), bundle.dated(row["date"]), _text(row["note"], "the note", SHORT_TEXT_MAX)
    )
    bundle.ticks.append(tick)
    bundle.where[("checklist", tick.item_id, tick.date)] = bundle.line


def _session(row: dict[str, str], bundle: Bundle) -> None:
    """A session as sessions.csv writes it; the week and the load are the reader's and are not read."""
    from journal.domain.imported import SESSION_SOURCES

    uid = _uid(row["uid"])
    if uid:
        if ("sessions", uid) in bundle.where:
            raise InvalidInput(f"the session {uid} appears twice (first at {bundle.where[('sessions', uid)]})")
        bundle.where[("sessions", uid)] = bundle.line
    for_plan = row["for_plan"].strip()
    if for_plan not in ("0", "1"):
        raise InvalidInput(f"for_plan is 1 (the return-to-run plan's session of the day) or 0, got {row['for_plan']!r}")
    ticked = row["ticked"].split(";") if row["ticked"].strip() else []
    session = Session(
        day=bundle.dated(row["date"]),
        kind=parse_session_kind(row["kind"]),
        minutes=parse_minutes(row["minutes"]),
        km=parse_km(row["km"]) if row["km"].strip() else None,
        rpe=parse_rpe(row["rpe"]) if row["rpe"].strip() else None,
        pain=_pain_during(row["pain"]),
        note=parse_session_note(restore(row["note"])),
        for_plan=for_plan == "1",
        id=_int(row["id"], "id", 1) if row["id"].strip() else None,
    )
    numbers = tuple(_int(number, "each number in ticked (a checklist item's)", 1) for number in ticked)
    bundle.sessions.append(
        SessionRow(session, uid, numbers, bundle.line, _source(row.get("source", ""), SESSION_SOURCES))
    )


def _source(text: str, sources: tuple[str, ...]) -> str | None:
    """The app a value or a session came from, as the journal names it, one of `sources` (the apps that bring
    such a thing); empty: the runner's own."""
    source = text.strip().lower()
    if source and source not in sources:
        raise InvalidInput(f"source is one of {', '.join(sources)}, or empty for your own, got {text!r}")
    return source or None


def _entry_source(row: dict[str, str], bundle: Bundle) -> None:
    from journal.domain.imported import DAY_SOURCES, IMPORTED_FIELDS

    day = bundle.dated(row["date"])
    field = row["field"].strip()
    if field not in (*IMPORTED_FIELDS, "note"):
        raise InvalidInput(f"field is a day's value an app brings ({', '.join(IMPORTED_FIELDS)}, note), got {field!r}")
    source = (
        _source(row["source"], DAY_SOURCES) or ""
    )  # empty: an app brought it, and the runner set or cleared it since
    key = ("sources", day, field)
    if key in bundle.where:
        raise InvalidInput(f"{day}'s {field} appears twice (first at {bundle.where[key]})")
    bundle.where[key] = bundle.line
    bundle.sources.append((day, field, source))


def _pain_during(text: str) -> tuple[PainDuring, ...]:
    """`knee=3;shin:left=2`: the pain during a session as the command line's --pain takes it, `;` between readings.

    The sites are checked against the journal when it is written (after sites.csv of the same import)."""
    pain: dict[tuple[str, str], int] = {}
    for reading in text.split(";"):
        if not reading.strip():
            continue
        where, sep, score = reading.partition("=")
        if not sep or not where.strip():
            raise InvalidInput(
                f"pain is SITE=SCORE or SITE:SIDE=SCORE, readings separated by ';' (knee=3;shin:left=2), got {text!r}"
            )
        site_text, colon, side_text = where.partition(":")
        site = parse_site_name(site_text)
        side = parse_side(side_text) if colon else ""
        label = f"pain at {site}{':' + side if side else ''}"
        if (site, side) in pain:
            raise InvalidInput(f"{label} is given twice")
        pain[(site, side)] = parse_pain_score(score, where=label)
    return tuple((site, side, score) for (site, side), score in pain.items())


def _goal(row: dict[str, str], bundle: Bundle) -> None:
    measure = None
    if row["measure_data"].strip():
        measure = _measure(row["measure_data"])
    status = parse_status(row["status"])
    done = _optional_date(row["done"], "done")
    uid = _uid(row.get("uid", ""))
    if uid and any(seen.goal.uid == uid for seen in bundle.goals):
        raise InvalidInput(f"the goal {uid} appears twice")
    assessed_on = _optional_date(row.get("assessment_date", ""), "assessment_date")
    looks_back_on = parse_looks_back_on(restore(row.get("assessment", "")))
    if looks_back_on and assessed_on is None:
        raise InvalidInput("assessment needs its assessment_date")
    goal = Goal(
        title=parse_goal_title(_text(row["title"], "the title")),
        category=parse_category(row["category"]),
        status=status,
        due=_optional_date(row["due"], "due"),
        note=parse_goal_note(restore(row["note"]), "the note"),
        measure=measure,
        id=_int(row["id"], "id", 1),
        position=_int(row["position"], "position"),
        created_on=bundle.dated(row["created"], "created"),
        done_on=done,
        uid=uid,
    )
    bundle.goals.append(GoalRow(goal, (assessed_on.isoformat(), looks_back_on) if assessed_on else None, bundle.line))


def _uid(text: str) -> str:
    """A goal's or a session's uid as the journal writes it; empty in an older export or a runner's own file."""
    if not text.strip():
        return ""
    try:
        return str(uuid.UUID(text.strip()))
    except ValueError:
        raise InvalidInput(f"uid must be a UUID as the journal writes it, got {text!r}") from None


_MEASURE_FIELDS = frozenset(Measure.__dataclass_fields__)


def _measure(text: str) -> Measure:
    """measure_data as the journal writes it: a JSON object of a measure's fields, each of its own type."""
    data = json.loads(text)  # a JSONDecodeError is reported with the line
    if not isinstance(data, dict) or "kind" not in data or not set(data) <= _MEASURE_FIELDS:
        raise InvalidInput("measure_data is not a measure as the journal writes it")

    def whole(value: object) -> bool:
        return isinstance(value, int) and not isinstance(value, bool)

    kinds_of: dict[str, Callable[[object], bool]] = {
        "kind": lambda value: isinstance(value, str),
        "site": lambda value: isinstance(value, str),
        "day_type": lambda value: isinstance(value, str),
        "level": lambda value: whole(value) or isinstance(value, float),
        "weeks": whole,
        "count": whole,
        "items": lambda value: isinstance(value, list) and all(isinstance(each, str) for each in value),
        "item_ids": lambda value: isinstance(value, list) and all(whole(each) for each in value),
    }
    wrong = sorted(name for name, value in data.items() if not kinds_of[name](value))
    if wrong:
        raise InvalidInput(
            f"measure_data holds {', '.join(wrong)} of the wrong kind (a measure as the journal"
            " writes it has text, whole numbers and lists of them)"
        )
    try:
        return check_measure(Measure.from_json(text))  # the levels and counts the command line would take
    except ValueError as error:
        raise InvalidInput(f"measure_data holds {error} ({MEASURE_USAGE})") from None


def _item(row: dict[str, str], bundle: Bundle) -> None:
    targets = []
    for part in filter(None, row["targets"].split(";")):
        since, _, target = part.partition("=")
        targets.append((parse_iso_date(since, "a target's date"), parse_target(target)))
    bundle.items.append(
        ChecklistItem(
            title=parse_title(_text(row["title"], "the title")),
            kind=parse_kind(row["kind"]),
            target=parse_target(row["target"]),
            description=_text(row["description"], "the description", SHORT_TEXT_MAX),
            id=_int(row["id"], "id", 1),
            position=_int(row["position"], "position"),
            created_on=bundle.dated(row["created"], "created"),
            retired_on=_optional_date(row["retired"], "retired"),
            targets=tuple(targets),
        )
    )
    bundle.where[("items", bundle.items[-1].id)] = bundle.line


def _site(row: dict[str, str], bundle: Bundle) -> None:
    sided = row["sided"].strip()
    if sided not in ("0", "1"):
        raise InvalidInput(f"sided is 1 (left and right) or 0, got {row['sided']!r}")
    label = _text(row["label"], "the label").strip()
    if not label or len(label) > LABEL_MAX:
        raise InvalidInput(f"a site label is 1 to {LABEL_MAX} characters")
    bundle.sites.append(Site(parse_site_name(row["name"]), label, sided == "1", _int(row["position"], "position")))
    bundle.where[("sites", bundle.sites[-1].name)] = bundle.line


def _setting(row: dict[str, str], bundle: Bundle) -> None:
    from journal.store.settings import SETTINGS

    key = row["key"].strip()
    if key not in SETTINGS:
        raise InvalidInput(f"no setting {key!r}; the settings are: {', '.join(SETTINGS)}")
    if key == "theme":  # remembered, not checked against the themes of this machine
        from journal.config.themes import parse_remembered_theme

        bundle.settings[key] = parse_remembered_theme(restore(row["value"]))
        return
    bundle.settings[key] = SETTINGS[key][1](restore(row["value"]))


def _assessment(row: dict[str, str], bundle: Bundle) -> None:
    flags = []
    for name in ("faded", "hit_wall", "back_or_hips", "cramping"):
        if row[name].strip() not in ("0", "1"):
            raise InvalidInput(f"{name} is 1 (yes) or 0 (no), got {row[name]!r}")
        flags.append(int(row[name]))
    sites = ",".join(parse_site_name(name) for name in row["pain_sites"].split(",") if name.strip())
    bundle.assessments.append(
        (
            bundle.dated(row["date"]).isoformat(),
            parse_looks_back_on(restore(row["looks_back_on"])),
            flags[0],
            sites,
            flags[1],
            flags[2],
            flags[3],
            parse_goal_note(restore(row["note"]), "the note"),
        )
    )


def _session_kind(row: dict[str, str], bundle: Bundle) -> None:
    from journal.domain.checklist import ITEM_KINDS

    kind = parse_session_kind(row["kind"])
    if kind in bundle.session_kinds:
        raise InvalidInput(f"the session kind {kind} appears twice (first at {bundle.at(('session-kinds', kind))})")
    ticks = row["ticks"].strip().lower()
    if ticks and ticks not in ITEM_KINDS:
        raise InvalidInput(f"ticks is a checklist item kind ({', '.join(ITEM_KINDS)}) or empty, got {row['ticks']!r}")
    bundle.session_kinds[kind] = ticks or None
    bundle.where[("session-kinds", kind)] = bundle.line


def _site_and_side(row: dict[str, str]) -> tuple[str, str]:
    side = row["side"].strip().lower()
    if side not in ("", *SIDES):
        raise InvalidInput(f"side must be left, right or empty, got {row['side']!r}")
    return parse_site_name(row["site"]), side


def _plan(row: dict[str, str], bundle: Bundle) -> None:
    """A plan as plans.csv writes it: the ladder a stage a line, each DESCRIPTION=RUN_MINUTES."""
    from journal.domain.plan import Plan, check_ladder, parse_stage_number, parse_stage_text

    uid = _uid(row["uid"])
    if uid:
        if ("plans", uid) in bundle.where:
            raise InvalidInput(f"the plan {uid} appears twice (first at {bundle.where[('plans', uid)]})")
        bundle.where[("plans", uid)] = bundle.line
    site, side = _site_and_side(row)
    # A stage a line: split at line ends only, so that any other control character is refused as text.
    lines = restore(row["ladder"]).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    ladder = check_ladder(parse_stage_text(line) for line in lines if line.strip())
    started = bundle.dated(row["started"], "started")
    ended = {name: bundle.dated(row[name], name) if row[name].strip() else None for name in ("stopped", "completed")}
    for name, day in ended.items():
        if day is not None and day < started:
            raise InvalidInput(f"{name} {day} is before the plan started ({started})")
    if ended["stopped"] and ended["completed"]:
        raise InvalidInput("a plan is stopped or completed, not both")
    stage = parse_stage_number(row["stage"], len(ladder))
    if ended["completed"] and stage != len(ladder):
        raise InvalidInput(f"a completed plan is at its top stage, {len(ladder)}, got stage {stage}")
    plan = Plan(
        site,
        side,
        ladder,
        stage,
        started,
        ended["stopped"],
        ended["completed"],
        _int(row["id"], "id", 1) if row["id"].strip() else None,
    )
    bundle.plans.append(PlanRow(plan, uid, bundle.line))


def _decision(row: dict[str, str], bundle: Bundle) -> None:
    """A plan's decision as plan-decisions.csv writes it; `plan` (the plan in words) is the reader's."""
    from journal.domain.plan import OUTCOMES, STAGES_MAX
    from journal.domain.scales import PAIN_MAX

    plan_uid = _uid(row["plan_uid"])
    if not plan_uid:
        raise InvalidInput("plan_uid names the decision's plan (its uid in plans.csv)")
    outcome = row["outcome"].strip().lower()
    if outcome not in OUTCOMES:
        raise InvalidInput(f"outcome is one of {', '.join(OUTCOMES)}, got {row['outcome']!r}")
    top = _int(row["top"], "top", 1, STAGES_MAX)
    stages = [_int(row[name], name, 1, top) for name in ("from_stage", "to_stage")]
    if row["completes"].strip() not in ("0", "1"):
        raise InvalidInput(f"completes is 1 (the plan's top stage was passed) or 0, got {row['completes']!r}")
    _check_move(outcome, stages[0], stages[1], top, completes=row["completes"].strip() == "1")
    pain = [
        None if name == "pain_before" and not row[name].strip() else _int(row[name], name, 0, PAIN_MAX)
        for name in ("pain_during", "pain_before", "pain_after")
    ]
    means = [_mean(row[name], name) for name in ("week_mean", "week_before_mean")]
    day = bundle.dated(row["date"])
    decided_on = bundle.dated(row["decided_on"], "decided_on")
    if decided_on <= day:
        raise InvalidInput(f"decided_on {decided_on} is not after the session's day ({day}): its next morning decides")
    session_uid = _uid(row["session_uid"])
    values = (
        day.isoformat(),
        outcome,
        *stages,
        top,
        int(row["completes"]),
        *pain,
        *means,
        _reason(row["reason"]),
        decided_on.isoformat(),
    )
    assert len(values) == len(DECISION_COLUMNS)
    key = ("decisions", plan_uid, session_uid or row["session"].strip())
    if key in bundle.where:
        raise InvalidInput(f"the plan's decision on that session appears twice (first at {bundle.where[key]})")
    bundle.where[key] = bundle.line
    bundle.decisions.append(DecisionRow(plan_uid, session_uid, _int(row["session"], "session", 1), values, bundle.line))


def _check_move(outcome: str, from_stage: int, to_stage: int, top: int, *, completes: bool) -> None:
    """The stage a decision moves to is the one its outcome says (as the journal decides): next is one up (from the
    top stage, none: the plan is complete), repeat stays, back is one down (the first stays)."""
    from journal.domain.plan import BACK, NEXT

    if outcome == NEXT:
        expected = min(from_stage + 1, top)
    else:
        expected = max(1, from_stage - 1) if outcome == BACK else from_stage
    if to_stage != expected:
        raise InvalidInput(
            f"a {outcome} from stage {from_stage} of {top} goes to stage {expected}, got to_stage {to_stage}"
        )
    if completes != (outcome == NEXT and from_stage == top):
        raise InvalidInput("completes is 1 for a next from the top stage, which completes the plan, and 0 otherwise")


def _reason(text: str) -> str:
    reason = parse_text(restore(text), "the reason", NOTE_MAX)
    if not reason.strip():
        raise InvalidInput("a decision says its reason")
    return reason


def _mean(text: str, what: str) -> float | None:
    from journal.domain.scales import PAIN_MAX

    if not text.strip():
        return None
    try:
        value = float(text)
    except ValueError:
        raise InvalidInput(f"{what} is a number from 0 to {PAIN_MAX} or empty, got {text!r}") from None
    if not 0 <= value <= PAIN_MAX:
        raise InvalidInput(f"{what} is a number from 0 to {PAIN_MAX} or empty, got {text!r}")
    return value


def _overuse(row: dict[str, str], bundle: Bundle) -> None:
    """A week's overuse answers as overuse.csv writes them; the score and the verdict are the reader's."""
    from journal.domain.overuse import parse_answers

    site, side = _site_and_side(row)
    week = bundle.dated(row["week"], "week")
    key = ("overuse", week, site, side)
    if key in bundle.where:
        raise InvalidInput(f"the answers of the week of {week} for {site} appear twice (first at {bundle.where[key]})")
    bundle.where[key] = bundle.line
    answers = parse_answers(row["participation"], row["volume"], row["performance"], row["pain"])
    bundle.overuse.append(OveruseRow(week, site, side, answers, bundle.line))


READERS = {
    "settings": _setting,
    "sites": _site,
    "items": _item,
    "entries": _entry,
    "pain": _pain,
    "checklist": _tick,
    "sessions": _session,
    "session-kinds": _session_kind,
    "sources": _entry_source,
    "plans": _plan,
    "decisions": _decision,
    "overuse": _overuse,
    "goals": _goal,
    "assessments": _assessment,
}


def _check_pain_agrees(bundle: Bundle, path: Path) -> None:
    """A folder's pain.csv and entries.csv carry the same readings: they must agree."""
    if "entries" not in bundle.kinds or "pain" not in bundle.kinds:
        return
    from_entries = {
        (day, site, side, score) for day, entry in bundle.entries.items() for (site, side), score in entry.pain.items()
    }
    if from_entries != set(bundle.pain_rows):
        differ = min(from_entries ^ set(bundle.pain_rows))
        raise InvalidInput(
            f"pain.csv and entries.csv in {path} disagree (first at {differ[0]} {differ[1]}):"
            " edit one of them and remove the other, or import them one at a time"
        )
    bundle.pain_rows = []  # the entries carry them
