"""What marks a file as a journal, and the schema versions this program knows.

The schema itself is built by `journal.store.migrations`.
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
