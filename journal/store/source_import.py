"""Writing what another app's export brought (a `SourceBatch`): all of it in one transaction, or none of it.

The rules, for every day's field and every session:
- nothing there yet: the import's value is added, and the journal notes its source;
- the same value: unchanged, so the same file imported twice changes nothing;
- a value the same source brought before: the import's replaces it (a newer export knows better);
- a value the runner typed (or another app brought): kept, unless `on_conflict` is `replace`
  (`fail` refuses the whole import and lists them).
A session is found again by a uid made from the source and its own id for the activity; one the runner
changed since is theirs. Text for a day's note (Daylio's) is added below the note, once. Sessions tick
the checklist as sessions logged by hand do. Nothing dated after today is taken.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import uuid
from collections import Counter
from dataclasses import dataclass, field, replace

from journal.domain.entries import DayEntry, check_hrv
from journal.domain.imported import DayValues, ImportedSession, SourceBatch
from journal.domain.scales import NOTE_MAX
from journal.errors import BadRows, InvalidInput
from journal.store.db import Journal
from journal.store.entries import read_days, write_day

CONFLICTS = ("skip", "replace", "fail")
EXAMPLES = 3  # rows shown for each kind and outcome
_NAMESPACE = uuid.UUID("6f1d2c4e-8a1b-4c6d-9e2f-0a1b2c3d4e5f")  # the journal's own, for the uids of imported sessions
_OUTCOMES = {
    "added": ("added", "would add"),
    "replaced": ("updated", "would update"),
    "kept": ("kept the journal's", "would keep the journal's"),
    "overwritten": ("replaced yours", "would replace yours"),
    "unchanged": ("already there", "already there"),
}


def session_uid(source: str, source_id: str) -> str:
    """The uid of the session an app's activity makes: the same activity, imported again, finds it."""
    return str(uuid.uuid5(_NAMESPACE, f"{source}:{source_id}"))


@dataclass
class SourceReport:
    """What an import of another app's file did (or, in a dry run, would do): counts and a few examples."""

    source: str
    dry_run: bool = False
    counts: dict[str, Counter[str]] = field(default_factory=dict)
    examples: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    mapping: dict[str, str] = field(default_factory=dict)

    def note(self, kind: str, outcome: str, example: str) -> None:
        self.counts.setdefault(kind, Counter())[outcome] += 1
        shown = self.examples.setdefault((kind, outcome), [])
        if len(shown) < EXAMPLES:
            shown.append(example)

    def lines(self) -> list[str]:
        out = []
        for kind, counter in self.counts.items():
            parts = [
                f"{_OUTCOMES[outcome][self.dry_run]} {counter[outcome]}" for outcome in _OUTCOMES if counter[outcome]
            ]
            out.append(f"{kind}: {', '.join(parts)}")
            for outcome in _OUTCOMES:
                if outcome != "unchanged" and (shown := self.examples.get((kind, outcome))):
                    more = counter[outcome] - len(shown)
                    out.extend(f"  {_OUTCOMES[outcome][self.dry_run]}: {line}" for line in shown)
                    if more > 0:
                        out.append(f"  ... and {more} more")
        if self.mapping:
            out.append("kinds: " + ", ".join(f"{theirs} -> {ours}" for theirs, ours in self.mapping.items()))
        if not self.counts:
            out.append("nothing in the file for the journal")
        if self.dry_run:
            out.append("a dry run: nothing was written")
        return out


class _DryRun(Exception):
    """Raised inside the transaction to roll a dry run back."""


def import_source(
    journal: Journal, batch: SourceBatch, *, today: dt.date, on_conflict: str = "skip", dry_run: bool = False
) -> SourceReport:
    """Write `batch` by the rules above; a file with lines that could not be read is refused whole (BadRows)."""
    if on_conflict not in CONFLICTS:
        raise InvalidInput(f"--on-conflict is one of {', '.join(CONFLICTS)}")
    if batch.problems:
        raise BadRows(batch.problems)
    report = SourceReport(batch.source, dry_run=dry_run, mapping=dict(batch.mapping))
    try:
        with journal.transaction() as conn:
            writer = _Writer(conn, batch.source, on_conflict, report, today)
            writer.days(batch.days)
            writer.sessions(batch.sessions)
            if writer.problems:
                raise BadRows(writer.problems)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return report


# A field and the ones that go with it: an HRV and its method are taken or kept together.
_TOGETHER = {"hrv": ("hrv", "hrv_method"), "hrv_method": ()}
_SHOWN = {
    "sleep_hours": "sleep {} h",
    "resting_hr": "resting HR {}",
    "hrv": "HRV {} ms",
    "sleep_quality": "sleep quality {}",
    "fatigue": "fatigue {}",
    "soreness": "soreness {}",
    "stress": "stress {}",
    "mood": "mood {}",
}


def _shown(name: str, value: object) -> str:
    """'sleep 7.5 h', 'resting HR 48': a day's value as the report names it."""
    return _SHOWN.get(name, name + " {}").format(f"{value:g}" if isinstance(value, float) else value)


class _Writer:
    def __init__(self, conn: sqlite3.Connection, source: str, on_conflict: str, report: SourceReport, today: dt.date):
        self.conn, self.source, self.on_conflict, self.report, self.today = conn, source, on_conflict, report, today
        self.problems: list[str] = []

    def outcome(self, theirs: bool, exists: bool, same: bool, where: str, what: str) -> str | None:
        """What happens to one value (None: a conflict to refuse): added, unchanged, replaced, kept, overwritten."""
        if not exists:
            return "added"
        if same:
            return "unchanged"
        if theirs:
            return "replaced"
        if self.on_conflict == "replace":
            return "overwritten"
        if self.on_conflict == "skip":
            return "kept"
        self.problems.append(
            f"{where}: {what} is already in the journal, typed by you or from another app"
            " (--on-conflict skip keeps it, replace takes the file's)"
        )
        return None

    def days(self, days: list[DayValues]) -> None:
        by_day: dict[dt.date, list[DayValues]] = {}
        for values in days:
            if values.day > self.today:
                self.problems.append(f"{values.where}: {values.day} has not happened yet")
                continue
            by_day.setdefault(values.day, []).append(values)
        for day, found in sorted(by_day.items()):
            self._day(day, found)

    def _day(self, day: dt.date, found: list[DayValues]) -> None:
        iso = day.isoformat()
        stored_days = read_days(self.conn, iso, iso)
        stored = stored_days[0] if stored_days else DayEntry(day)
        sources = dict(self.conn.execute("SELECT field, source FROM entry_sources WHERE date = ?", [iso]).fetchall())
        entry = replace(stored, pain=dict(stored.pain))
        taken: list[str] = []
        for values in found:
            for name, value in values.values.items():
                together = _TOGETHER.get(name, (name,))
                if not together:
                    continue  # taken with its field
                new = {each: values.values.get(each) for each in together}
                old = {each: getattr(stored, each) for each in together}
                # A value is there when the day holds one, or when the runner cleared what an app brought.
                exists = any(value is not None for value in old.values()) or sources.get(name) == ""
                shown = _shown(name, value)
                outcome = self.outcome(
                    sources.get(name) == self.source, exists, new == old, values.where, f"{iso}'s {name}"
                )
                if outcome is None:
                    continue
                if outcome == "kept":  # what the journal keeps, and what the file said
                    mine = getattr(stored, name)
                    shown = f"{_shown(name, mine)} (the file's: {shown})" if mine is not None else f"{shown} (cleared)"
                self.report.note("values of days", outcome, f"{iso} {shown}")
                if outcome in ("added", "replaced", "overwritten"):
                    for each, each_value in new.items():
                        setattr(entry, each, each_value)
                    taken.extend(together)
            if values.note:
                self._note(entry, values, sources.get("note"), taken)
        if entry == stored:
            return
        try:
            check_hrv(entry)
        except InvalidInput as problem:
            self.problems.append(f"{found[0].where}: {problem}")
            return
        write_day(self.conn, entry)
        self.conn.executemany(
            "INSERT INTO entry_sources (date, field, source) VALUES (?, ?, ?)"
            " ON CONFLICT (date, field) DO UPDATE SET source = excluded.source",
            [(iso, name, self.source) for name in taken],
        )

    def _note(self, entry: DayEntry, values: DayValues, source: str | None, taken: list[str]) -> None:
        """Add the lines of the file's note the day's note lacks, below it; a note the runner changed after an
        import is theirs (kept, unless asked)."""
        iso = entry.date.isoformat()
        first = values.note.splitlines()[0][:50]
        if source == "" and self.on_conflict != "replace":
            if self.on_conflict == "fail":
                self.problems.append(f"{values.where}: {iso}'s note was changed by you after an import")
            else:
                self.report.note("notes", "kept", f"{iso} your note (the file's: {first})")
            return
        have = set(entry.note.splitlines())
        missing = [line for line in values.note.splitlines() if line.strip() and line not in have]
        if not missing:
            self.report.note("notes", "unchanged", iso)
            return
        added = "\n".join(missing)
        note = f"{entry.note}\n\n{added}" if entry.note else added
        if len(note) > NOTE_MAX:
            self.problems.append(f"{values.where}: {iso}'s note would pass {NOTE_MAX:,} characters")
            return
        entry.note = note
        taken.append("note")
        self.report.note("notes", "added", f"{iso} {missing[0][:50]}")

    def sessions(self, sessions: list[ImportedSession]) -> None:
        from journal.store.sessions import insert_session, move_ticks, read_sessions, session_values

        for imported in sessions:
            session = imported.session
            if session.day > self.today:
                self.problems.append(f"{imported.where}: {session.day} has not happened yet")
                continue
            uid = session_uid(self.source, imported.source_id)
            row = self.conn.execute("SELECT id, source FROM sessions WHERE uid = ?", [uid]).fetchone()
            shown = f"{session.day} {session.kind} {session.minutes} min" + (
                f" {session.km:g} km" if session.km is not None else ""
            )
            removed = row is None and self.conn.execute("SELECT 1 FROM removed_imports WHERE uid = ?", [uid]).fetchone()
            if removed:  # the runner removed the session this activity made: it stays removed, unless asked
                outcome = self.outcome(
                    False, True, False, imported.where, f"the session of {shown}, which you removed,"
                )
                if outcome is None:
                    continue
                if outcome == "kept":
                    self.report.note("sessions", "kept", f"{shown} (you removed it)")
                    continue
                self.conn.execute("DELETE FROM removed_imports WHERE uid = ?", [uid])
            if row is None:
                self.report.note("sessions", "overwritten" if removed else "added", shown)
                added = insert_session(self.conn, session, uid=uid)
                self.conn.execute("UPDATE sessions SET source = ? WHERE id = ?", [self.source, added.number])
                continue
            [stored] = read_sessions(self.conn, "id = ?", (row[0],))
            same = session_values(stored)[:6] == session_values(session)[:6]  # its plan mark and pain are the runner's
            outcome = self.outcome(row[1] == self.source, True, same, imported.where, f"the session of {shown}")
            if outcome is None:
                continue
            self.report.note("sessions", outcome, shown)
            if outcome in ("replaced", "overwritten"):
                self.conn.execute(
                    "UPDATE sessions SET date = ?, kind = ?, minutes = ?, km = ?, rpe = ?, note = ?, source = ?,"
                    " updated_at = strftime('%Y-%m-%dT%H:%M:%S', 'now') WHERE id = ?",
                    [*session_values(session)[:6], self.source, stored.number],
                )
                if (session.day, session.kind) != (stored.day, stored.kind):
                    move_ticks(self.conn, stored.number, session.day, session.kind)
