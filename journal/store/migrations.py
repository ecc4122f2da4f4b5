"""The journal's schema, one sqlite-utils migration per version.

Every later change to the schema is a new function at the end of this file,
and its name is added to `KNOWN_MIGRATIONS` in `journal.store.db`. Migrations
run inside the caller's transaction: an upgrade lands whole or not at all.
A table is named with `db.table(name)`, a Table: `db[name]` may also be a View,
and the schema has none.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import uuid
from collections.abc import Callable

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from journal import clock
from journal.domain.checklist import DEFAULT_ITEMS
from journal.domain.entries import DEFAULT_SITES
from journal.domain.scales import (
    CRAMPS_MAX,
    CRAMPS_MIN,
    HRV_MAX,
    HRV_METHODS,
    HRV_MIN,
    PAIN_MAX,
    PAIN_MIN,
    RESTING_HR_MAX,
    RESTING_HR_MIN,
    SLEEP_MAX,
    SLEEP_MIN,
    WELLNESS,
    WELLNESS_MAX,
    WELLNESS_MIN,
)
from journal.domain.sessions import SESSION_KINDS, SESSION_TICKS
from journal.store.schema import APPLICATION_ID, MIGRATION_SET

migrations = Migrations(MIGRATION_SET)


@migrations()
def m001_journal_core(db: Database) -> None:
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.table("entries").create(
        {
            "date": str,  # ISO date, one row per day
            "day_type": str,
            "sleep_hours": float,
            "sleep_quality": int,
            "fatigue": int,
            "soreness": int,
            "stress": int,
            "mood": int,
            "note": str,
            "updated_at": str,
        },
        pk="date",
        not_null=["day_type", "note"],
        defaults={"day_type": "normal", "note": ""},
        strict=True,
    )
    db.table("sites").create(
        {"id": int, "name": str, "label": str, "sided": int, "position": int},
        pk="id",
        not_null=["name", "label", "sided", "position"],
        strict=True,
    )
    db.table("sites").create_index(["name"], unique=True)
    db.table("pain").create(
        {"date": str, "site_id": int, "side": str, "score": int},
        pk=("date", "site_id", "side"),
        not_null=["side", "score"],
        defaults={"side": ""},
        foreign_keys=[("date", "entries", "date"), ("site_id", "sites", "id")],
        strict=True,
    )
    db.table("pain").create_index(["site_id", "date"])
    db.table("sites").insert_all(
        {"name": site.name, "label": site.label, "sided": int(site.sided), "position": position}
        for position, site in enumerate(DEFAULT_SITES)
    )
    # The direction of every scale is stored with the data it describes.
    db.table("scales").create(
        {"field": str, "low": float, "high": float, "best": str, "meaning": str}, pk="field", strict=True
    )
    db.table("scales").insert_all(
        [
            {
                "field": "sleep_hours",
                "low": SLEEP_MIN,
                "high": SLEEP_MAX,
                "best": "need",
                "meaning": "hours slept; athletes often need 8 or more",
            },
            *(
                {
                    "field": item.field,
                    "low": WELLNESS_MIN,
                    "high": WELLNESS_MAX,
                    "best": "high",
                    "meaning": f"1 = {item.low}, 5 = {item.high}",
                }
                for item in WELLNESS
            ),
            {
                "field": "pain",
                "low": PAIN_MIN,
                "high": PAIN_MAX,
                "best": "low",
                "meaning": "0 = no pain, 10 = worst imaginable; above 5 is too much to train through",
            },
        ]
    )
    db.table("settings").create({"key": str, "value": str}, pk="key", strict=True)


@migrations()
def m002_checklist(db: Database) -> None:
    db.table("checklist_items").create(
        {
            "id": int,
            "title": str,
            "kind": str,
            "description": str,
            "target": int,  # times a week
            "position": int,
            "created_on": str,  # ISO date: the item counts from this day
            "retired_on": str,  # ISO date or NULL: gone from this day on, history kept
        },
        pk="id",
        not_null=["title", "kind", "description", "target", "position", "created_on"],
        defaults={"description": ""},
        strict=True,
    )
    db.table("ticks").create(
        {"item_id": int, "date": str, "note": str},
        pk=("item_id", "date"),
        not_null=["note"],
        defaults={"note": ""},
        foreign_keys=[("item_id", "checklist_items", "id")],
        strict=True,
    )
    db.table("ticks").create_index(["date"])
    # A target holds from its day on: changing it leaves the weeks before as they were.
    db.table("item_targets").create(
        {"item_id": int, "since": str, "target": int},
        pk=("item_id", "since"),
        not_null=["target"],
        foreign_keys=[("item_id", "checklist_items", "id")],
        strict=True,
    )
    try:
        start = clock.today()
    except ValueError:
        start = dt.date.today()
    db.table("checklist_items").insert_all(
        {
            "title": item.title,
            "kind": item.kind,
            "description": item.description,
            "target": item.target,
            "position": position,
            "created_on": start.isoformat(),
        }
        for position, item in enumerate(DEFAULT_ITEMS)
    )
    db.execute("INSERT INTO item_targets (item_id, since, target) SELECT id, created_on, target FROM checklist_items")


@migrations()
def m003_goals(db: Database) -> None:
    db.table("assessments").create(
        {
            "id": int,
            "date": str,
            "looks_back_on": str,
            "faded": int,
            "pain_sites": str,
            "hit_wall": int,
            "back_or_hips": int,
            "cramping": int,
            "note": str,
        },
        pk="id",
        not_null=["date", "looks_back_on", "faded", "pain_sites", "hit_wall", "back_or_hips", "cramping", "note"],
        strict=True,
    )
    db.table("goals").create(
        {
            "id": int,
            "title": str,
            "category": str,
            "status": str,
            "due": str,
            "note": str,
            "measure": str,
            "position": int,
            "created_on": str,
            "done_on": str,
            "assessment_id": int,
        },
        pk="id",
        not_null=["title", "category", "status", "note", "position", "created_on"],
        defaults={"note": ""},
        foreign_keys=[("assessment_id", "assessments", "id")],
        strict=True,
    )


@migrations()
def m004_numbers_for_ever(db: Database) -> None:
    """Goal and checklist item numbers are never given twice; each goal gets a uid that imports match on.

    A number names one goal or item in every command, so a removed one's number
    must not come back on the next one added: AUTOINCREMENT keeps the highest
    number ever given. SQLite takes it only when a table is made, so both tables
    are made again with their rows. The ticks and targets that refer to an item
    are checked when the upgrade commits, with every item back in place.
    """
    db.execute("PRAGMA defer_foreign_keys = ON")
    _remake(
        db,
        "checklist_items",
        """
        "id" INTEGER PRIMARY KEY AUTOINCREMENT,
        "title" TEXT NOT NULL,
        "kind" TEXT NOT NULL,
        "description" TEXT NOT NULL DEFAULT '',
        "target" INTEGER NOT NULL,
        "position" INTEGER NOT NULL,
        "created_on" TEXT NOT NULL,
        "retired_on" TEXT""",
    )
    _remake(
        db,
        "goals",
        """
        "id" INTEGER PRIMARY KEY AUTOINCREMENT,
        "title" TEXT NOT NULL,
        "category" TEXT NOT NULL,
        "status" TEXT NOT NULL,
        "due" TEXT,
        "note" TEXT NOT NULL DEFAULT '',
        "measure" TEXT,
        "position" INTEGER NOT NULL,
        "created_on" TEXT NOT NULL,
        "done_on" TEXT,
        "assessment_id" INTEGER REFERENCES "assessments"("id"),
        "uid" TEXT NOT NULL UNIQUE""",
        new_column=("uid", lambda: str(uuid.uuid4())),
    )


@migrations()
def m005_trend_indexes(db: Database) -> None:
    """Indexes for reading years of trends: each week's ticks, item included, and its off days.

    The ticks' index on their day also holds their item, so counting a week's ticks of each
    item reads the index alone; the off days (rest, injured, sick: the checklist's
    OFF_DAY_TYPES) have an index of their own, a few rows in every seven. Either may be there
    already, in a journal whose record of upgrades was set back by hand.
    """
    db.execute("DROP INDEX IF EXISTS idx_ticks_date")
    db.execute("CREATE INDEX IF NOT EXISTS idx_ticks_date_item ON ticks (date, item_id)")
    db.execute(
        "CREATE INDEX IF NOT EXISTS idx_entries_off_days ON entries (date)"
        " WHERE day_type IN ('rest', 'injured', 'sick')"
    )


@migrations()
def m006_sessions(db: Database) -> None:
    """Training sessions, the pain felt during each, and the checklist ticks a session made.

    A session's tick is the runner's tick as any other; `session_ticks` only says which
    session made it, so that removing the session takes back that tick and no other. An
    untick (or the item's removal) takes the record with it. `session_kinds` says, for
    each session kind, the checklist item kind it ticks (none: it ticks nothing).
    """
    db.execute(
        """CREATE TABLE sessions (
        "id" INTEGER PRIMARY KEY AUTOINCREMENT,
        "date" TEXT NOT NULL,
        "kind" TEXT NOT NULL,
        "minutes" INTEGER NOT NULL,
        "km" REAL,
        "rpe" INTEGER,
        "note" TEXT NOT NULL DEFAULT '',
        "for_plan" INTEGER NOT NULL DEFAULT 0,
        "uid" TEXT NOT NULL UNIQUE,
        "updated_at" TEXT NOT NULL
        ) STRICT"""
    )
    db.execute("CREATE INDEX idx_sessions_date ON sessions (date)")
    db.execute(
        """CREATE TABLE session_pain (
        "session_id" INTEGER NOT NULL REFERENCES sessions ("id") ON DELETE CASCADE,
        "site_id" INTEGER NOT NULL REFERENCES sites ("id"),
        "side" TEXT NOT NULL DEFAULT '',
        "score" INTEGER NOT NULL,
        PRIMARY KEY ("session_id", "site_id", "side")
        ) STRICT"""
    )
    db.execute("CREATE INDEX idx_session_pain_site ON session_pain (site_id)")
    db.execute(
        """CREATE TABLE session_ticks (
        "session_id" INTEGER NOT NULL REFERENCES sessions ("id") ON DELETE CASCADE,
        "item_id" INTEGER NOT NULL,
        "date" TEXT NOT NULL,
        PRIMARY KEY ("item_id", "date"),
        FOREIGN KEY ("item_id", "date") REFERENCES ticks ("item_id", "date") ON DELETE CASCADE
        ) STRICT"""
    )
    db.execute("CREATE INDEX idx_session_ticks_session ON session_ticks (session_id)")
    db.execute('CREATE TABLE session_kinds ("kind" TEXT PRIMARY KEY, "item_kind" TEXT) STRICT')
    db.conn.executemany(
        "INSERT INTO session_kinds (kind, item_kind) VALUES (?, ?)",
        [(kind, SESSION_TICKS.get(kind)) for kind in SESSION_KINDS],
    )


@migrations()
def m007_plans_and_overuse(db: Database) -> None:
    """Return-to-run plans with their ladders and decisions, and the weekly overuse answers.

    A plan is for one site and side ('' none); at most one per site and side runs at a
    time (stopped and completed plans are kept as history). Its ladder is its own copy
    of the stages, numbered from 1. A decision is stored once per plan session, with
    the pain it was judged on and the day it was made, so a past week reads the same
    for ever; the session it judged is named by number only, as a removed session
    leaves an older decision standing.
    The overuse answers are one set per week (its first day), site and side; the score
    is computed from them, never stored.
    """
    db.execute(
        """CREATE TABLE plans (
        "id" INTEGER PRIMARY KEY AUTOINCREMENT,
        "site_id" INTEGER NOT NULL REFERENCES sites ("id"),
        "side" TEXT NOT NULL DEFAULT '',
        "stage" INTEGER NOT NULL CHECK ("stage" >= 1),
        "started_on" TEXT NOT NULL,
        "stopped_on" TEXT,
        "completed_on" TEXT
        ) STRICT"""
    )
    db.execute(
        "CREATE UNIQUE INDEX idx_plans_running ON plans (site_id, side)"
        " WHERE stopped_on IS NULL AND completed_on IS NULL"
    )
    db.execute(
        """CREATE TABLE plan_stages (
        "plan_id" INTEGER NOT NULL REFERENCES plans ("id") ON DELETE CASCADE,
        "stage" INTEGER NOT NULL CHECK ("stage" >= 1),
        "description" TEXT NOT NULL,
        "run_minutes" INTEGER NOT NULL CHECK ("run_minutes" >= 1),
        PRIMARY KEY ("plan_id", "stage")
        ) STRICT"""
    )
    db.execute(
        """CREATE TABLE plan_decisions (
        "plan_id" INTEGER NOT NULL REFERENCES plans ("id") ON DELETE CASCADE,
        "session_id" INTEGER NOT NULL,
        "day" TEXT NOT NULL,
        "outcome" TEXT NOT NULL CHECK ("outcome" IN ('next', 'repeat', 'back')),
        "from_stage" INTEGER NOT NULL,
        "to_stage" INTEGER NOT NULL,
        "top" INTEGER NOT NULL,
        "completes" INTEGER NOT NULL DEFAULT 0,
        "pain_during" INTEGER NOT NULL,
        "pain_before" INTEGER,
        "pain_after" INTEGER NOT NULL,
        "week_mean" REAL,
        "week_before_mean" REAL,
        "reason" TEXT NOT NULL,
        "decided_on" TEXT NOT NULL,
        PRIMARY KEY ("plan_id", "session_id")
        ) STRICT"""
    )
    db.execute("CREATE INDEX idx_plan_decisions_decided ON plan_decisions (decided_on)")
    # The answers' numbers, 0 = no problem: participation and pain have four answers, the others five.
    db.execute(
        """CREATE TABLE overuse_answers (
        "week" TEXT NOT NULL,
        "site_id" INTEGER NOT NULL REFERENCES sites ("id"),
        "side" TEXT NOT NULL DEFAULT '',
        "participation" INTEGER NOT NULL CHECK ("participation" BETWEEN 0 AND 3),
        "volume" INTEGER NOT NULL CHECK ("volume" BETWEEN 0 AND 4),
        "performance" INTEGER NOT NULL CHECK ("performance" BETWEEN 0 AND 4),
        "pain" INTEGER NOT NULL CHECK ("pain" BETWEEN 0 AND 3),
        PRIMARY KEY ("week", "site_id", "side")
        ) STRICT"""
    )
    db.execute("CREATE INDEX idx_overuse_answers_site ON overuse_answers (site_id, week)")


@migrations()
def m008_cramps(db: Database) -> None:
    """A day's cramps: how many (0 to 50), and where, a body site by its name (a renamed site takes its cramps
    along; a site with cramps is not removed). A site needs a count of 1 or more. Nothing already logged changes:
    the new columns start empty. The scales table says what the count means."""
    db.execute(
        f'ALTER TABLE entries ADD COLUMN "cramps" INTEGER CHECK ("cramps" BETWEEN {CRAMPS_MIN} AND {CRAMPS_MAX})'
    )
    db.execute(
        'ALTER TABLE entries ADD COLUMN "cramp_site" TEXT REFERENCES sites ("name") ON UPDATE CASCADE'
        ' CHECK ("cramp_site" IS NULL OR "cramps" >= 1)'
    )
    db.execute("CREATE INDEX idx_entries_cramp_site ON entries (cramp_site) WHERE cramp_site IS NOT NULL")
    db.execute(
        "INSERT OR IGNORE INTO scales (field, low, high, best, meaning) VALUES ('cramps', ?, ?, 'low', ?)",
        [CRAMPS_MIN, CRAMPS_MAX, "cramps in the day, counted; cramp_site says where"],
    )


@migrations()
def m009_plan_uids(db: Database) -> None:
    """Each plan gets a uid, its identity across journals: an import matches plans by it, as it does goals and
    sessions. The plans already kept get theirs now; nothing else changes."""
    db.execute("""ALTER TABLE plans ADD COLUMN "uid" TEXT NOT NULL DEFAULT ''""")
    for (plan_id,) in db.execute("SELECT id FROM plans ORDER BY id").fetchall():
        db.execute("UPDATE plans SET uid = ? WHERE id = ?", [str(uuid.uuid4()), plan_id])
    db.execute("CREATE UNIQUE INDEX idx_plans_uid ON plans (uid)")


@migrations()
def m010_device_values_and_sources(db: Database) -> None:
    """What a watch measures, in the daily entry: the resting heart rate (beats a minute) and the HRV
    (milliseconds) with its method, RMSSD or SDNN, which are not comparable. And where a value came from:
    `entry_sources` names the app an imported day's field came from (no row: the runner typed it), and a
    session's `source` the app it was imported from (NULL: logged or changed by the runner). A field an app
    brought that the runner then set or cleared keeps its row with the source '' (the runner's), even once the
    day is cleared, and `removed_imports` holds the uids of imported sessions the runner removed: an import
    never brings back what the runner changed, cleared or removed, unless asked. Nothing already logged
    changes: the new columns start empty."""
    db.execute(
        f'ALTER TABLE entries ADD COLUMN "resting_hr" INTEGER'
        f' CHECK ("resting_hr" BETWEEN {RESTING_HR_MIN} AND {RESTING_HR_MAX})'
    )
    db.execute(f'ALTER TABLE entries ADD COLUMN "hrv" REAL CHECK ("hrv" BETWEEN {HRV_MIN} AND {HRV_MAX})')
    methods = ", ".join(f"'{method}'" for method in HRV_METHODS)
    db.execute(
        f'ALTER TABLE entries ADD COLUMN "hrv_method" TEXT'
        f' CHECK (("hrv_method" IS NULL) = ("hrv" IS NULL) AND ("hrv_method" IS NULL OR "hrv_method" IN ({methods})))'
    )
    db.execute(
        """CREATE TABLE entry_sources (
        "date" TEXT NOT NULL,
        "field" TEXT NOT NULL,
        "source" TEXT NOT NULL,
        PRIMARY KEY ("date", "field")
        ) STRICT"""
    )
    # The days a watch measured, for Trends to ask at once whether a range has any.
    db.execute("CREATE INDEX idx_entries_device ON entries (date) WHERE resting_hr IS NOT NULL OR hrv IS NOT NULL")
    db.execute('ALTER TABLE sessions ADD COLUMN "source" TEXT')
    db.execute('CREATE TABLE removed_imports ("uid" TEXT PRIMARY KEY, "source" TEXT NOT NULL) STRICT')
    db.conn.executemany(
        "INSERT OR IGNORE INTO scales (field, low, high, best, meaning) VALUES (?, ?, ?, ?, ?)",
        [
            ("resting_hr", RESTING_HR_MIN, RESTING_HR_MAX, "low", "resting heart rate, beats a minute"),
            ("hrv", HRV_MIN, HRV_MAX, "high", "heart rate variability, milliseconds; hrv_method says rmssd or sdnn"),
        ],
    )


def _remake(db: Database, table: str, columns: str, new_column: tuple[str, Callable[[], str]] | None = None) -> None:
    """Make `table` again with `columns` and its rows, a value made for each row in a new column."""
    names = [column.name for column in db.table(table).columns]
    db.execute(f"CREATE TABLE _{table}_rows AS SELECT * FROM {table}")
    db.execute(f"DROP TABLE {table}")
    db.execute(f"CREATE TABLE {table} ({columns}\n) STRICT")
    rows = db.execute(f"SELECT {', '.join(names)} FROM _{table}_rows ORDER BY id").fetchall()
    if new_column:
        names.append(new_column[0])
        rows = [(*row, new_column[1]()) for row in rows]
    db.conn.executemany(f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})", rows)
    db.execute(f"DROP TABLE _{table}_rows")


def apply_migrations(conn: sqlite3.Connection) -> None:
    """Apply every pending migration on `conn`, inside its open transaction."""
    db = Database(conn, recursive_triggers=False, execute_plugins=False)
    migrations.apply(db)
