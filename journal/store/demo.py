"""Filling a journal with the seeded demo offseason: days, then checklist ticks to match."""

from __future__ import annotations

import datetime as dt

from journal.domain.demo import demo_entries, demo_ticks
from journal.store.checklist import list_items, save_ticks
from journal.store.db import Journal
from journal.store.entries import save_entries


def fill_demo(journal: Journal, end: dt.date, days: int, seed: int = 1) -> tuple[int, int]:
    """Write `days` demo days ending on `end`; returns (days written, ticks written)."""
    entries = list(demo_entries(end, days, seed=seed))
    written = save_entries(journal, entries)
    ticks = save_ticks(journal, demo_ticks(entries, list_items(journal), seed=seed), items_from=entries[0].date)
    return written, ticks
