"""Whether a return-to-run plan may have a decision to make or to make again: one query, no rules.

`journal add` runs every morning, and a plan usually waits (for the next
morning's pain) or has nothing new to judge. This check reads the journal the
way `journal.store.plans.make_decisions` does, without importing the rules:
when it says no, `make_decisions` would make nothing and take nothing back, so
the caller need not import them. It may say yes when nothing comes of it; it
never says no when something would.

What `make_decisions` can do for a running plan, and what the query asks:

- judge the first plan session after the plan's latest decision (on or after
  its first day) that no decision judged (one judged in a week gone by may have
  been moved later since): it can be judged only once the morning after it is
  logged;
- make a decision again: only those made this week (the runner's week) can be,
  so any decision made this week or later counts; a plan completed this week
  counts too, as the decision that completed it may no longer hold.
"""

from __future__ import annotations

import datetime as dt

from journal.dates import week_start
from journal.store.db import Journal
from journal.store.settings import first_weekday

_DUE = """
SELECT 1 FROM plans AS plan
WHERE plan.stopped_on IS NULL AND (plan.completed_on IS NULL OR plan.completed_on >= :this_week)
  AND (
    EXISTS (SELECT 1 FROM plan_decisions WHERE plan_id = plan.id AND decided_on >= :this_week)
    OR EXISTS (
      SELECT 1 FROM entries WHERE date = (
        SELECT date(min(date), '+1 day') FROM sessions
        WHERE for_plan = 1 AND date >= plan.started_on
          AND date > coalesce((SELECT max(day) FROM plan_decisions WHERE plan_id = plan.id), '')
          AND id NOT IN (SELECT session_id FROM plan_decisions WHERE plan_id = plan.id)
      )
    )
  )
LIMIT 1
"""


def decisions_may_be_due(journal: Journal, *, today: dt.date) -> bool:
    """Whether `make_decisions(journal, today=today)` may make or take back a decision (see the module's text)."""
    this_week = week_start(today, first_weekday(journal))
    return journal.conn.execute(_DUE, {"this_week": this_week.isoformat()}).fetchone() is not None
