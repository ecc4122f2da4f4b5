"""Writing what `journal import` read: all of it in one transaction, or none of it.

Records are matched by their key (a date, a site's name, an item's number, a goal's or a
session's uid, an assessment's date and what it looked back on). One that is already in the journal
with the same values is left as it is, so importing a file twice changes nothing. One
with other values is a conflict: `fail` (the default) refuses the whole import, `skip`
keeps the journal's, `replace` takes the file's. A journal with nothing logged yet takes
the file's body sites and checklist items in place of the ones it started with.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from journal.domain.bundle import (
    AssessmentRow,
    Bundle,
    DecisionRow,
    GoalRow,
    OveruseRow,
    PainRow,
    PlanRow,
    SessionRow,
    Tick,
)
from journal.domain.checklist import ChecklistItem
from journal.domain.entries import DayEntry, PainKey, Site, check_cramps
from journal.domain.goals import Goal
from journal.domain.plan import Plan
from journal.domain.plan import where as where_words
from journal.domain.sessions import Session
from journal.errors import BadRows, InvalidInput
from journal.store.db import Journal, SqlValue
from journal.store.entries import read_days, write_day
from journal.store.schema import DECISION_COLUMNS

CONFLICT_CHOICES = ("fail", "skip", "replace")
_NOUNS = {
    "settings": "setting",
    "sites": "body site",
    "items": "checklist item",
    "entries": "day",
    "pain": "pain reading",
    "checklist": "tick",
    "sessions": "session",
    "session-kinds": "session kind",
    "sources": "app of a day's value",
    "plans": "return-to-run plan",
    "decisions": "plan decision",
    "overuse": "overuse answer set",
    "goals": "goal",
    "assessments": "assessment",
}


@dataclass
class Report:
    """What an import did (or, in a dry run, would do), per kind."""

    counts: dict[str, Counter[str]] = field(default_factory=dict)
    dry_run: bool = False

    def count(self, kind: str, outcome: str) -> None:
        self.counts.setdefault(kind, Counter())[outcome] += 1

    def lines(self) -> list[str]:
        verb = {
            "added": "would add" if self.dry_run else "added",
            "replaced": "would replace" if self.dry_run else "replaced",
            "skipped": "would skip" if self.dry_run else "skipped",
            "unchanged": "already there",
        }
        out = []
        for kind, counter in self.counts.items():
            noun = _NOUNS[kind]
            parts = [f"{verb[outcome]} {number}" for outcome in verb if (number := counter[outcome])]
            total = sum(counter.values())
            out.append(f"{kind}: {total} {noun}{'s' if total != 1 else ''} ({', '.join(parts)})")
        if self.dry_run:
            out.append("a dry run: nothing was written")
        return out


class _DryRun(Exception):
    """Raised inside the transaction to roll a dry run back."""


def import_bundle(journal: Journal, bundle: Bundle, *, on_conflict: str = "fail", dry_run: bool = False) -> Report:
    if on_conflict not in CONFLICT_CHOICES:
        raise InvalidInput(f"--on-conflict is one of {', '.join(CONFLICT_CHOICES)}")
    report = Report(dry_run=dry_run)
    try:
        with journal.transaction() as conn:
            _Writer(conn, on_conflict, report).write(bundle)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return report


class _Writer:
    def __init__(self, conn: sqlite3.Connection, on_conflict: str, report: Report) -> None:
        self.conn = conn
        self.on_conflict = on_conflict
        self.report = report
        self.problems: list[str] = []
        self.ticks_added: set[tuple[int, dt.date]] = set()  # the ticks this import made: its sessions may own them
        self.plan_lines: dict[int, str] = {}  # plan number -> where this import wrote it
        self.session_lines: dict[int, str] = {}  # session number -> where this import wrote it

    def decide(self, kind: str, where: str, same: bool, exists: bool, line: str = "") -> bool:
        """Whether to write a record; counts what happens to it."""
        if not exists:
            self.report.count(kind, "added")
            return True
        if same:
            self.report.count(kind, "unchanged")
            return False
        if self.on_conflict == "skip":
            self.report.count(kind, "skipped")
            return False
        if self.on_conflict == "replace":
            self.report.count(kind, "replaced")
            return True
        self.problems.append(
            f"{line + ': ' if line else ''}{where} is already in the journal with other values"
            " (--on-conflict skip keeps the journal's, replace takes the file's)"
        )
        return False

    def write(self, bundle: Bundle) -> None:
        self.bundle = bundle
        conn = self.conn
        fresh = not any(
            conn.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone()
            for table in ("entries", "ticks", "sessions", "goals", "assessments", "plans", "overuse_answers")
        )
        self.fresh = fresh
        # A file of sites or items, empty too, is the whole list: a fresh journal takes it instead of its defaults.
        if fresh and "sites" in bundle.kinds:
            conn.execute("DELETE FROM sites")
        if fresh and "items" in bundle.kinds:
            conn.execute("DELETE FROM item_targets")
            conn.execute("DELETE FROM checklist_items")
        self.settings(bundle.settings)
        self.sites(bundle.sites)
        self.items(bundle.items)
        self.pain_columns(bundle.pain_columns)
        self.entries(bundle.entries)
        self.pain(bundle.pain_rows)
        self.entry_sources(bundle.sources)  # after the days whose values they name
        self.session_kinds(bundle.session_kinds)  # before the sessions that tick by them
        self.ticks(bundle.ticks)
        self.sessions(bundle.sessions)  # after the sites they hurt at and the ticks they may have made
        self.plans(bundle.plans)
        self.decisions(bundle.decisions)  # after the plans and the sessions they name
        self.overuse(bundle.overuse)
        self.assessments(bundle.assessments)
        self.goals(bundle.goals)  # after the assessments they link to
        self.plan_sessions_hold()  # once the plans, the sessions and the decisions are all written
        if self.problems:
            raise BadRows(self.problems)

    def settings(self, settings: dict[str, str]) -> None:
        for key, value in settings.items():
            row = self.conn.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
            if self.decide("settings", f"setting {key}", row is not None and row[0] == value, row is not None):
                self.conn.execute(
                    "INSERT INTO settings (key, value) VALUES (?, ?)"
                    " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    [key, value],
                )

    def sites(self, sites: list[Site]) -> None:
        for site in sites:
            row = self.conn.execute("SELECT label, sided, position FROM sites WHERE name = ?", [site.name]).fetchone()
            same = row is not None and tuple(row) == (site.label, int(site.sided), site.position)
            if row is not None and row[1] and not site.sided and not same and self.on_conflict == "replace":
                sided_readings = self.conn.execute(
                    "SELECT (SELECT count(*) FROM pain WHERE site_id = sites.id AND side != '')"
                    " + (SELECT count(*) FROM session_pain WHERE site_id = sites.id AND side != '')"
                    " FROM sites WHERE name = ?",
                    [site.name],
                ).fetchone()[0]
                if sided_readings:
                    self.problems.append(
                        f"{self.bundle.at(('sites', site.name))}: {site.name} has {sided_readings} left or right"
                        f" reading{'s' if sided_readings != 1 else ''} in the journal: it keeps its sides"
                    )
                    continue
            line = self.bundle.at(("sites", site.name))
            if self.decide("sites", f"body site {site.name}", same, row is not None, line):
                self.conn.execute(
                    "INSERT INTO sites (name, label, sided, position) VALUES (?, ?, ?, ?) ON CONFLICT (name)"
                    " DO UPDATE SET label = excluded.label, sided = excluded.sided, position = excluded.position",
                    [site.name, site.label, int(site.sided), site.position],
                )

    def items(self, items: list[ChecklistItem]) -> None:
        from journal.store.checklist import read_item, write_target

        for item in items:
            try:
                stored = read_item(self.conn, item.number)
            except InvalidInput:
                stored = None
            line = self.bundle.at(("items", item.id))
            if stored is not None and stored != item and item.retired_on is not None and self.on_conflict == "replace":
                after = self.conn.execute(
                    "SELECT count(*) FROM ticks WHERE item_id = ? AND date > ?", [item.id, item.retired_on.isoformat()]
                ).fetchone()[0]
                if after:  # a retirement never comes before the ticks the item already has
                    self.problems.append(
                        f"{line}: {stored.title} has {after} tick{'s' if after != 1 else ''} after"
                        f" {item.retired_on}, so it cannot be retired then"
                    )
                    continue
            if self.decide("items", f"checklist item {item.id}", stored == item, stored is not None, line):
                self.conn.execute(
                    "INSERT INTO checklist_items (id, title, kind, description, target, position, created_on,"
                    " retired_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
                    " title = excluded.title, kind = excluded.kind, description = excluded.description,"
                    " target = excluded.target, position = excluded.position, created_on = excluded.created_on,"
                    " retired_on = excluded.retired_on",
                    [
                        item.id,
                        item.title,
                        item.kind,
                        item.description,
                        item.target,
                        item.position,
                        item.created_on.isoformat(),
                        item.retired_on.isoformat() if item.retired_on else None,
                    ],
                )
                self.conn.execute("DELETE FROM item_targets WHERE item_id = ?", [item.id])
                for since, target in item.targets or ((item.created_on, item.target),):
                    write_target(self.conn, item.number, since, target)

    def _site_names(self) -> dict[str, bool]:
        return {name: bool(sided) for name, sided in self.conn.execute("SELECT name, sided FROM sites")}

    def pain_columns(self, columns: dict[tuple[str, str], str]) -> None:
        """A pain column names a known site (and a side only where it has sides), readings or not."""
        sites = self._site_names()
        for (site, side), line in columns.items():
            self._check_pain(line, [(site, side)], sites)

    def _check_pain(self, line: str, pain: Iterable[PainKey], sites: dict[str, bool]) -> bool:
        good = True
        for site, side in pain:
            if site not in sites:
                self.problems.append(
                    f"{line}: unknown body site {site!r} (add it with journal sites add, or import sites.csv with it)"
                )
                good = False
            elif side and not sites[site]:
                self.problems.append(f"{line}: {site} has no left or right side")
                good = False
        return good

    def entries(self, entries: dict[dt.date, DayEntry]) -> None:
        sites = self._site_names()
        for day, entry in entries.items():
            line = self.bundle.at(("entries", day))
            if self.bundle.pain_columns:  # checked once, by column
                known = all(site in sites for site, _ in entry.pain)
            else:
                known = self._check_pain(line, entry.pain, sites)
            if not known:
                continue
            found = read_days(self.conn, day.isoformat(), day.isoformat())
            stored = found[0] if found else None
            taken = entry if stored is None else self._columns_of_file(stored, entry)
            if not self._check_cramps(line, taken, sites):
                continue
            if self.decide("entries", str(day), stored == taken, stored is not None, line):
                write_day(self.conn, taken)

    def _columns_of_file(self, stored: DayEntry, entry: DayEntry) -> DayEntry:
        """The stored day with what the file's columns say in place: a column the file does not have keeps its value."""
        columns = self.bundle.pain_columns
        pain = {key: score for key, score in stored.pain.items() if key not in columns}
        pain.update(entry.pain)
        taken = replace(stored, pain=pain, **{name: getattr(entry, name) for name in self.bundle.entry_fields})
        if "cramp_site" not in self.bundle.entry_fields and not taken.cramps:
            taken.cramp_site = None  # the file's count says there were none: a site of none says nothing
        return taken

    def _check_cramps(self, line: str, entry: DayEntry, sites: dict[str, bool]) -> bool:
        """A cramp site is a site the journal has (or the import brings), on a day with cramps."""
        if entry.cramp_site is not None and entry.cramp_site not in sites:
            self.problems.append(
                f"{line}: unknown body site {entry.cramp_site!r} for the cramps (add it with journal sites add,"
                " or import sites.csv with it)"
            )
            return False
        try:
            check_cramps(entry)
        except InvalidInput as problem:
            self.problems.append(f"{line}: {problem}")
            return False
        return True

    def pain(self, rows: list[PainRow]) -> None:
        sites = self._site_names()
        for day, site, side, score in rows:
            line = self.bundle.at(("pain", day, site, side))
            if not self._check_pain(line, [(site, side)], sites):
                continue
            found = read_days(self.conn, day.isoformat(), day.isoformat())
            stored = found[0] if found else DayEntry(day)
            before = stored.pain.get((site, side))
            if self.decide(
                "pain", f"{day} {site}{' ' + side if side else ''}", before == score, before is not None, line
            ):
                write_day(self.conn, replace(stored, pain={**stored.pain, (site, side): score}))

    def ticks(self, ticks: list[Tick]) -> None:
        from journal.store.checklist import read_item

        for tick in ticks:
            line = self.bundle.at(("checklist", tick.item_id, tick.date))
            try:
                item = read_item(self.conn, tick.item_id)
            except InvalidInput:
                self.problems.append(f"{line}: no checklist item {tick.item_id} (import items.csv with it)")
                continue
            # A tick on the day of the retirement was made before it (the journal takes none after).
            if item.retired_on is not None and tick.date > item.retired_on:
                self.problems.append(
                    f"{line}: {item.title} was retired on {item.retired_on}: it cannot be ticked after"
                )
                continue
            row = self.conn.execute(
                "SELECT note FROM ticks WHERE item_id = ? AND date = ?", [tick.item_id, tick.date.isoformat()]
            ).fetchone()
            where = f"the tick of {item.title} on {tick.date}"
            if self.decide("checklist", where, row is not None and row[0] == tick.note, row is not None, line):
                if row is None:
                    self.ticks_added.add((tick.item_id, tick.date))
                self.conn.execute(
                    "INSERT INTO ticks (item_id, date, note) VALUES (?, ?, ?) ON CONFLICT (item_id, date)"
                    " DO UPDATE SET note = excluded.note",
                    [tick.item_id, tick.date.isoformat(), tick.note],
                )

    def sessions(self, rows: list[SessionRow]) -> None:
        """Sessions matched by uid, each keeping its number where this journal never gave it (as goals do); a row
        without a uid is the journal's session of that day with the same values, if there is one.

        A new session ticks as when it is logged, unless the import brings its own checklist ticks: then those
        are the ticks, the session makes none, and it is given the ones its `ticked` names that this import
        added (a tick the journal had is the runner's, and stays so). A replaced session keeps its ticks; moved
        to another day or kind, it no longer owns them, and they stay as the runner's: an import never takes a
        tick away, nor makes one twice.
        """
        from journal.store.sessions import insert_session, read_sessions, session_values

        conn = self.conn
        sites = self._site_names()
        site_ids = {name: id_ for id_, name in conn.execute("SELECT id, name FROM sites")}
        by_uid: dict[str, int] = dict(conn.execute("SELECT uid, id FROM sessions").fetchall())
        uids = [row.uid for row in rows if row.uid in by_uid]
        stored_by_id = {
            session.number: session
            for session in read_sessions(conn, "uid IN (SELECT value FROM json_each(?))", (json.dumps(uids),))
        }
        given = conn.execute(
            "SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'sessions'), 0),"
            " coalesce((SELECT max(id) FROM sessions), 0))"
        ).fetchone()[0]
        matched: set[int] = set()  # journal sessions a row without a uid has matched
        added: list[tuple[SessionRow, Session]] = []
        for row in rows:
            session, line = row.session, row.line
            if not self._check_pain(line, [(site, side) for site, side, _ in session.pain], sites):
                continue
            if row.uid:
                found = by_uid.get(row.uid)
                stored = None if found is None else stored_by_id[found]
            else:
                stored = next(
                    (
                        other
                        for other in read_sessions(conn, "date = ?", (session.day.isoformat(),))
                        if other.number not in matched and _same(other, session)
                    ),
                    None,
                )
                if stored is not None:
                    matched.add(stored.number)
            where = (
                f"session {stored.number} ({stored.kind} on {stored.day})"
                if stored
                else f"session of {session.day} ({session.kind})"
            )
            sources = self.bundle.session_sources  # an older sessions.csv says nothing of where sessions came from
            same_source = not sources or stored is None or self._source_of(stored.number) == row.source
            same = stored is not None and _same(stored, session) and same_source
            if not self.decide("sessions", where, same, bool(stored), line):
                continue
            if stored is None:
                added.append((row, session))
                continue
            conn.execute(
                "UPDATE sessions SET date = ?, kind = ?, minutes = ?, km = ?, rpe = ?, note = ?, for_plan = ?,"
                " updated_at = strftime('%Y-%m-%dT%H:%M:%S', 'now') WHERE id = ?",
                [*session_values(session), stored.number],
            )
            if sources:
                conn.execute("UPDATE sessions SET source = ? WHERE id = ?", [row.source, stored.number])
            conn.execute("DELETE FROM session_pain WHERE session_id = ?", [stored.number])
            conn.executemany(
                "INSERT INTO session_pain (session_id, site_id, side, score) VALUES (?, ?, ?, ?)",
                [(stored.number, site_ids[site], side, score) for site, side, score in session.pain],
            )
            if (session.day, session.kind) != (stored.day, stored.kind):
                conn.execute("DELETE FROM session_ticks WHERE session_id = ?", [stored.number])
            self.session_lines[stored.number] = line
        # Numbers the file keeps go in first, so a renumbered session cannot take one of them.
        kept: dict[int, SessionRow] = {}
        for row, session in added:
            if session.id is not None and session.id > given and session.id not in kept:
                kept[session.id] = row
        keeps = [kept.get(session.id) is row if session.id is not None else False for row, session in added]
        ordered = [pair for pair, keep in zip(added, keeps, strict=True) if keep] + [
            pair for pair, keep in zip(added, keeps, strict=True) if not keep
        ]
        own_ticks = "checklist" in self.bundle.kinds
        for row, session in ordered:
            inserted = insert_session(
                conn,
                session,
                uid=row.uid or None,
                number=session.id if session.id is not None and kept.get(session.id) is row else None,
                tick=not own_ticks,
            )
            self.session_lines[inserted.number] = row.line
            if row.source is not None:
                conn.execute("UPDATE sessions SET source = ? WHERE id = ?", [row.source, inserted.number])
            for item_id in row.ticked if own_ticks else ():
                if (item_id, session.day) in self.ticks_added:
                    self.ticks_added.discard((item_id, session.day))  # a tick has one maker
                    conn.execute(
                        "INSERT INTO session_ticks (session_id, item_id, date) VALUES (?, ?, ?)",
                        [inserted.number, item_id, session.day.isoformat()],
                    )

    def plan_sessions_hold(self) -> None:
        """Every plan session this import wrote is one the journal would have taken (a run, on a day a plan
        ran, on alternate days), and a session a decision judged is still the plan's session of that day: a
        decision is history, and an import never moves what it judged."""
        from journal.store.sessions import plan_session_problem, read_session

        conn = self.conn
        written = json.dumps(list(self.session_lines))
        for (session_id,) in conn.execute(  # the plan's sessions only: a whole journal's others ask nothing
            "SELECT id FROM sessions WHERE for_plan AND id IN (SELECT value FROM json_each(?)) ORDER BY id", [written]
        ).fetchall():
            if problem := plan_session_problem(conn, read_session(conn, session_id), session_id):
                self.problems.append(f"{self.session_lines[session_id]}: for_plan is 1, but {problem[0]}")
        judged = conn.execute(
            "SELECT sessions.id, plan_decisions.day, plan_decisions.decided_on FROM plan_decisions"
            " JOIN sessions ON sessions.id = plan_decisions.session_id"
            " WHERE sessions.date != plan_decisions.day OR NOT sessions.for_plan"
        )
        for session_id, day, decided in judged:
            if session_id in self.session_lines:
                line = self.session_lines[session_id]
                self.problems.append(
                    f"{line}: session {session_id} was judged by its return-to-run plan on {decided}: it stays the"
                    f" plan's session of {day} (change it in the journal, which judges it again while it may)"
                )

    def session_kinds(self, kinds: dict[str, str | None]) -> None:
        """Which checklist item kind each session kind ticks. A journal with nothing logged yet takes the file's
        (as it takes its sites and items): each is added, not a conflict with the one it started with."""
        for kind, item_kind in kinds.items():
            row = self.conn.execute("SELECT item_kind FROM session_kinds WHERE kind = ?", [kind]).fetchone()
            stored = None if row is None else row[0]
            exists = row is not None and not self.fresh
            if self.decide(
                "session-kinds",
                f"what a {kind} session ticks",
                stored == item_kind,
                exists,
                self.bundle.at(("session-kinds", kind)),
            ):
                self.conn.execute(
                    "INSERT INTO session_kinds (kind, item_kind) VALUES (?, ?)"
                    " ON CONFLICT (kind) DO UPDATE SET item_kind = excluded.item_kind",
                    [kind, item_kind],
                )

    def plans(self, rows: list[PlanRow]) -> None:
        """Plans matched by uid (a row without one: the journal's plan of that site, side and first day), each with
        its ladder. A new plan keeps its number where this journal never gave it. At most one plan runs for a site
        and side, as when one is started."""
        import uuid

        conn = self.conn
        sites = self._site_names()
        given = conn.execute(
            "SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'plans'), 0),"
            " coalesce((SELECT max(id) FROM plans), 0))"
        ).fetchone()[0]
        claimed: set[int] = set()
        for row in rows:
            plan, line = row.plan, row.line
            if not self._check_pain(line, [(plan.site, plan.side)], sites):
                continue
            stored = self._stored_plan(row, claimed)
            if stored is not None:
                claimed.add(stored.number)
            where = f"the plan for the {plan.where} started {plan.started}"
            same = stored is not None and replace(stored, id=None) == replace(plan, id=None)
            if not self.decide("plans", where, same, stored is not None, line):
                continue
            moved = stored is not None and (stored.site, stored.side, stored.started) != (
                plan.site,
                plan.side,
                plan.started,
            )
            if stored is not None and moved:
                decided = conn.execute(
                    "SELECT count(*) FROM plan_decisions WHERE plan_id = ?", [stored.number]
                ).fetchone()[0]
                if decided:
                    self.problems.append(
                        f"{line}: the plan for the {stored.where} has {decided} decision{'s' if decided != 1 else ''}:"
                        f" its site, side and first day ({stored.started}) stay as they are"
                    )
                    continue
            if plan.running and (clash := self._running_clash(plan, stored)):
                other, imported = clash
                if imported:
                    self.problems.append(
                        f"{line}: two plans would run for the {other.where} (the other at {imported}):"
                        " import one of them stopped"
                    )
                else:
                    self.problems.append(
                        f"{line}: a plan is already running for the {other.where} in the journal: stop it first"
                        " (journal plan stop), or import this one stopped"
                    )
                continue
            if not plan.running and (clash := self._overlap(plan, stored)):
                other, imported = clash
                self.problems.append(
                    f"{line}: the plan for the {plan.where} from {plan.started} to {plan.stopped or plan.completed}"
                    f" would overlap the one from {other.started}{f' (at {imported})' if imported else ''}:"
                    " one plan runs at a time for a site and side"
                )
                continue
            ended = [None if day is None else day.isoformat() for day in (plan.stopped, plan.completed)]
            values = [plan.side, plan.stage, plan.started.isoformat(), *ended, plan.site]
            if stored is None:
                number = plan.id if plan.id is not None and plan.id > given and plan.id not in claimed else None
                plan_id = conn.execute(
                    "INSERT INTO plans (id, uid, site_id, side, stage, started_on, stopped_on, completed_on)"
                    " SELECT ?, ?, id, ?, ?, ?, ?, ? FROM sites WHERE name = ?",
                    [number, row.uid or str(uuid.uuid4()), *values],
                ).lastrowid
                assert plan_id is not None
                claimed.add(plan_id)
            else:
                plan_id = stored.number
                conn.execute(
                    "UPDATE plans SET site_id = (SELECT id FROM sites WHERE name = ?), side = ?, stage = ?,"
                    " started_on = ?, stopped_on = ?, completed_on = ? WHERE id = ?",
                    [plan.site, *values[:-1], plan_id],
                )
                conn.execute("DELETE FROM plan_stages WHERE plan_id = ?", [plan_id])
            self.plan_lines[plan_id] = line
            conn.executemany(
                "INSERT INTO plan_stages (plan_id, stage, description, run_minutes) VALUES (?, ?, ?, ?)",
                [
                    (plan_id, number, stage.description, stage.run_minutes)
                    for number, stage in enumerate(plan.stages, 1)
                ],
            )

    def _stored_plan(self, row: PlanRow, claimed: set[int]) -> Plan | None:
        from journal.store.plans import read_plans

        if row.uid:
            found = read_plans(self.conn, "plans.uid = ?", (row.uid,))
        else:
            found = read_plans(
                self.conn,
                "sites.name = ? AND side = ? AND started_on = ?",
                (row.plan.site, row.plan.side, row.plan.started.isoformat()),
            )
        return next((plan for plan in found if plan.number not in claimed), None)

    def _running_clash(self, plan: Plan, stored: Plan | None) -> tuple[Plan, str] | None:
        """The running plan in the journal (another than `stored`) that a running `plan` would clash with, and
        where this import wrote it ('' for one the journal had)."""
        from journal.store.plans import read_plans

        running = "stopped_on IS NULL AND completed_on IS NULL AND sites.name = ?"
        for other in read_plans(self.conn, running, (plan.site,)):
            if (stored is None or other.number != stored.number) and (
                other.side == plan.side or not other.side or not plan.side
            ):
                return other, self.plan_lines.get(other.number, "")
        return None

    def _overlap(self, plan: Plan, stored: Plan | None) -> tuple[Plan, str] | None:
        """A plan in the journal (another than `stored`) for the same site and side whose days overlap the ended
        `plan`'s, and where this import wrote it: one may start the day the other stopped, never before."""
        from journal.store.plans import read_plans

        last = plan.stopped or plan.completed or dt.date.max
        for other in read_plans(self.conn, "sites.name = ?", (plan.site,)):
            if stored is not None and other.number == stored.number:
                continue
            other_last = other.stopped or other.completed or dt.date.max
            if (other.side == plan.side or not other.side or not plan.side) and (
                plan.started < other_last and other.started < last
            ):
                return other, self.plan_lines.get(other.number, "")
        return None

    def decisions(self, rows: list[DecisionRow]) -> None:
        """Decisions matched by their plan and session: a decision is history, kept as it was made (its day,
        its numbers and its reason); the journal decides only the sessions no decision has judged."""
        conn = self.conn
        columns = ", ".join(DECISION_COLUMNS)
        for row in rows:
            plan = conn.execute(
                "SELECT id, started_on, coalesce(stopped_on, completed_on, '9999-12-31') FROM plans WHERE uid = ?",
                [row.plan_uid],
            ).fetchone()
            if plan is None:
                self.problems.append(
                    f"{row.line}: the plan {row.plan_uid} is not in the journal (import plans.csv with it)"
                )
                continue
            day = str(row.values[0])
            if not plan[1] <= day <= plan[2]:
                self.problems.append(f"{row.line}: the session of {day} is outside the plan's days (from {plan[1]})")
                continue
            session = row.session
            if row.session_uid:
                found = conn.execute(
                    "SELECT id, date, for_plan FROM sessions WHERE uid = ?", [row.session_uid]
                ).fetchone()
                if found is None:
                    self.problems.append(
                        f"{row.line}: the session {row.session_uid} is not in the journal (import sessions.csv with it)"
                    )
                    continue
                if (found[1], found[2]) != (day, 1):
                    self.problems.append(
                        f"{row.line}: the session {row.session_uid} is not a plan session of {day} in the journal"
                    )
                    continue
                session = found[0]
            elif conn.execute("SELECT 1 FROM sessions WHERE id = ?", [session]).fetchone():
                self.problems.append(
                    f"{row.line}: session {session} is in the journal: a decision names the session it judged by its"
                    " session_uid (empty only for a session removed since)"
                )
                continue
            key = [plan[0], session]
            stored = conn.execute(
                f"SELECT {columns} FROM plan_decisions WHERE plan_id = ? AND session_id = ?", key
            ).fetchone()
            where = f"the plan decision on the session of {row.values[0]}"
            if self.decide("decisions", where, stored == row.values, stored is not None, row.line):
                conn.execute(
                    f"INSERT INTO plan_decisions (plan_id, session_id, {columns})"
                    f" VALUES (?, ?, {', '.join('?' * len(DECISION_COLUMNS))}) ON CONFLICT (plan_id, session_id)"
                    f" DO UPDATE SET {', '.join(f'{name} = excluded.{name}' for name in DECISION_COLUMNS)}",
                    [*key, *row.values],
                )
        # A removed session's number stays given: no new session may take one that a decision still names.
        named = conn.execute("SELECT max(session_id) FROM plan_decisions").fetchone()[0]
        if named is not None:
            conn.execute(
                "INSERT INTO sqlite_sequence (name, seq) SELECT 'sessions', 0"
                " WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'sessions')"
            )
            conn.execute("UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = 'sessions'", [named])

    def overuse(self, rows: list[OveruseRow]) -> None:
        """A week's answers for a site and side, matched by the week holding the row's day (its first day under
        the journal's `week_start`; a journal keeps answers saved under an earlier setting by the day they were
        saved under, and so does the import), the site and the side: at most one set a week."""
        from journal.dates import WEEKDAY_NAMES, parse_weekday, week_start

        sites = self._site_names()
        setting = self.conn.execute("SELECT value FROM settings WHERE key = 'week_start'").fetchone()
        first = parse_weekday(setting[0] if setting else "monday")
        seen: dict[tuple[dt.date, str, str], OveruseRow] = {}
        for row in rows:
            if not self._check_pain(row.line, [(row.site, row.side)], sites):
                continue
            begins = week_start(row.week, first)
            site = where_words(row.site, row.side)
            if (other := seen.setdefault((begins, row.site, row.side), row)) is not row:
                self.problems.append(
                    f"{row.line}: {other.line} already answers the week of {begins} for the {site}"
                    f" (weeks begin on {WEEKDAY_NAMES[first]})"
                )
                continue
            span = [begins.isoformat(), (begins + dt.timedelta(days=6)).isoformat(), row.side, row.site]
            stored = self.conn.execute(
                "SELECT week, participation, volume, performance, pain FROM overuse_answers"
                " WHERE week BETWEEN ? AND ? AND side = ? AND site_id = (SELECT id FROM sites WHERE name = ?)",
                span,
            ).fetchone()
            where = f"the set of overuse answers of the week of {begins} for the {site}"
            same = stored is not None and tuple(stored) == (row.week.isoformat(), *row.answers.numbers)
            if self.decide("overuse", where, same, stored is not None, row.line):
                self.conn.execute(
                    "DELETE FROM overuse_answers WHERE week BETWEEN ? AND ? AND side = ?"
                    " AND site_id = (SELECT id FROM sites WHERE name = ?)",
                    span,
                )
                self.conn.execute(
                    "INSERT INTO overuse_answers (week, site_id, side, participation, volume, performance, pain)"
                    " SELECT ?, id, ?, ?, ?, ?, ? FROM sites WHERE name = ?",
                    [row.week.isoformat(), row.side, *row.answers.numbers, row.site],
                )

    def _source_of(self, session_id: int) -> str | None:
        found: str | None = self.conn.execute("SELECT source FROM sessions WHERE id = ?", [session_id]).fetchone()[0]
        return found

    def entry_sources(self, rows: list[tuple[dt.date, str, str]]) -> None:
        """Which app a day's value came from: the day must hold that value (in the journal, or from the import)."""
        for day, name, source in rows:
            line = self.bundle.at(("sources", day, name))
            iso = day.isoformat()
            found = read_days(self.conn, iso, iso)
            if source and (not found or getattr(found[0], name) is None):
                self.problems.append(f"{line}: {iso} has no {name} in the journal (import entries.csv with it)")
                continue
            row = self.conn.execute(
                "SELECT source FROM entry_sources WHERE date = ? AND field = ?", [iso, name]
            ).fetchone()
            where = f"where {iso}'s {name} came from"
            if self.decide("sources", where, row is not None and row[0] == source, row is not None, line):
                self.conn.execute(
                    "INSERT INTO entry_sources (date, field, source) VALUES (?, ?, ?)"
                    " ON CONFLICT (date, field) DO UPDATE SET source = excluded.source",
                    [iso, name, source],
                )

    def goals(self, rows: list[GoalRow]) -> None:
        """Goals matched by uid, each keeping its journal's number; a new one keeps the file's number only where
        this journal never gave it, so no number ever names two goals. A row of an older export (no uid) is the
        goal with the same title and created day, if the journal has one."""
        from journal.store.goals import new_uid

        conn = self.conn
        sites = self._site_names()
        items = {row[0] for row in conn.execute("SELECT id FROM checklist_items")}
        given = conn.execute(
            "SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'goals'), 0),"
            " coalesce((SELECT max(id) FROM goals), 0)"
        ).fetchone()
        claimed: set[int] = set()
        added: list[Goal] = []
        for row in rows:
            goal, line = row.goal, row.line
            measure = goal.measure
            if measure is not None and measure.kind == "pain" and measure.site not in sites:
                self.problems.append(f"{line}: the measure's body site {measure.site!r} is not in the journal")
                continue
            if measure is not None and not set(measure.item_ids) <= items:
                self.problems.append(
                    f"{line}: the measure's checklist items {sorted(set(measure.item_ids) - items)}"
                    " are not in the journal (import items.csv with them)"
                )
                continue
            assessment_id = None
            if row.assessment is not None:
                found = conn.execute(
                    "SELECT min(id) FROM assessments WHERE date = ? AND looks_back_on = ?", row.assessment
                ).fetchone()[0]
                if found is None:
                    self.problems.append(
                        f"{line}: the assessment of {row.assessment[0]} ({row.assessment[1]!r}) is not"
                        " in the journal (import assessments.csv with it)"
                    )
                    continue
                assessment_id = found
            stored = self._stored_goal(goal, claimed)
            if stored is not None:
                claimed.add(stored.number)
                goal = replace(goal, id=stored.id, uid=stored.uid)
            goal = replace(goal, uid=goal.uid or new_uid(), assessment_id=assessment_id)
            where = f"goal {stored.id} ({stored.title})" if stored else f"goal {goal.title}"
            if not self.decide("goals", where, stored == goal, stored is not None, line):
                continue
            if stored is None:
                added.append(goal)
                continue
            conn.execute(
                "UPDATE goals SET title = ?, category = ?, status = ?, due = ?, note = ?, measure = ?, position = ?,"
                " created_on = ?, done_on = ?, assessment_id = ? WHERE id = ?",
                [*_goal_values(goal)[1:-1], goal.id],
            )
        # Numbers the file keeps go in first, so a renumbered goal cannot take one of them.
        kept = {}
        for goal in added:
            if goal.id > max(given) and goal.id not in kept:
                kept[goal.id] = goal
        renumbered = [goal for goal in added if kept.get(goal.id) is not goal]
        for goal in [*kept.values(), *renumbered]:
            values = _goal_values(goal)
            conn.execute(
                "INSERT INTO goals (id, title, category, status, due, note, measure, position, created_on,"
                " done_on, assessment_id, uid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [goal.id if kept.get(goal.id) is goal else None, *values[1:]],
            )

    def _stored_goal(self, goal: Goal, claimed: set[int]) -> Goal | None:
        """The journal's goal a row is: the one with its uid; for a row without one, the same title and created day
        (its own number first), not already taken by another row."""
        from journal.store.goal_rows import GOAL_COLUMNS, goal_from_row

        if goal.uid:
            found = self.conn.execute(f"SELECT {GOAL_COLUMNS} FROM goals WHERE uid = ?", [goal.uid]).fetchone()
            return goal_from_row(found) if found else None
        for found in self.conn.execute(
            f"SELECT {GOAL_COLUMNS} FROM goals WHERE title = ? AND created_on = ? ORDER BY id != ?, id",
            [goal.title, goal.created_on.isoformat(), goal.id],
        ):
            if found[0] not in claimed:
                return goal_from_row(found)
        return None

    def assessments(self, rows: list[AssessmentRow]) -> None:
        columns = "date, looks_back_on, faded, pain_sites, hit_wall, back_or_hips, cramping, note"
        for row in rows:
            found = self.conn.execute(
                f"SELECT {columns} FROM assessments WHERE date = ? AND looks_back_on = ?", row[:2]
            ).fetchone()
            if self.decide("assessments", f"assessment {row[0]} {row[1]}", found == row, found is not None):
                if found is None:
                    self.conn.execute(f"INSERT INTO assessments ({columns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", row)
                else:  # goals may refer to it: changed in place
                    self.conn.execute(
                        "UPDATE assessments SET faded = ?, pain_sites = ?, hit_wall = ?, back_or_hips = ?,"
                        " cramping = ?, note = ? WHERE date = ? AND looks_back_on = ?",
                        [*row[2:], *row[:2]],
                    )


def _same(stored: Session, session: Session) -> bool:
    """Whether a row holds what the journal's session holds (its number and the order of its pain aside)."""
    from journal.store.sessions import session_values

    return (*session_values(stored), set(stored.pain)) == (*session_values(session), set(session.pain))


def _goal_values(goal: Goal) -> list[SqlValue]:
    """A goal's columns: id, title, category, status, due, note, measure, position, created_on, done_on,
    assessment_id, uid."""
    return [
        goal.id,
        goal.title,
        goal.category,
        goal.status,
        goal.due.isoformat() if goal.due else None,
        goal.note,
        goal.measure.to_json() if goal.measure else None,
        goal.position,
        goal.created_on.isoformat(),
        goal.done_on.isoformat() if goal.done_on else None,
        goal.assessment_id,
        goal.uid,
    ]
