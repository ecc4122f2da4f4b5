"""What marks a file as a journal, the schema versions this program knows, and the columns that more than one
module names.

The schema itself is built by `journal.store.migrations`. This module imports nothing: every command that
opens a journal reads it (journal.store.db), and the export's columns come from here.
"""

# Written into the SQLite header of every journal (PRAGMA application_id): "OFSN".
APPLICATION_ID = 0x4F46534E
MIGRATION_SET = "offseason"
# The names of every migration this version knows, oldest first. A journal that
# has applied one not in this list was written by a newer version.
KNOWN_MIGRATIONS = (
    "m001_journal_core",
    "m002_checklist",
    "m003_goals",
    "m004_numbers_for_ever",
    "m005_trend_indexes",
    "m006_sessions",
    "m007_plans_and_overuse",
    "m008_cramps",
    "m009_plan_uids",
    "m010_device_values_and_sources",
)
BUSY_TIMEOUT_MS = 5000
SQLITE_HEADER = b"SQLite format 3\x00"
# The columns of a plan's decision (plan_decisions) after its plan and session, as the journal keeps them: the
# export writes them, an import reads and stores them.
DECISION_COLUMNS = (
    "day",
    "outcome",
    "from_stage",
    "to_stage",
    "top",
    "completes",
    "pain_during",
    "pain_before",
    "pain_after",
    "week_mean",
    "week_before_mean",
    "reason",
    "decided_on",
)
