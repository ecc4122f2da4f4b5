"""Sessions as text: a line each (`journal session list`, the Today pane) and a week's totals."""

from __future__ import annotations

from journal.dates import short_day
from journal.domain.distance import distance_text
from journal.domain.entries import Site
from journal.domain.sessions import Session, WeekTotals, rpe_words, totals
from journal.render.day import pain_label


def pain_during(session: Session, sites: list[Site]) -> str:
    """'Knee 3, Shin (left) 2': the pain felt during the session, or '' when none was logged."""
    return ", ".join(f"{pain_label((site, side), sites)} {score}" for site, side, score in session.pain)


def session_line(session: Session, sites: list[Site], *, unit: str) -> str:
    """One line: 'run · 40 min · 8.5 km · RPE 5 hard · load 200 · pain Knee 3 · hills' (the distance in `unit`)."""
    parts = [session.kind, f"{session.minutes} min"]
    if session.km is not None:
        parts.append(distance_text(session.km, unit))
    if session.rpe is not None:
        parts.append(f"RPE {session.rpe} {rpe_words(session.rpe)} · load {session.load}")
    if session.pain:
        parts.append(f"pain {pain_during(session, sites)}")
    if session.for_plan:
        parts.append("the plan's session")
    if session.note:
        parts.append(session.note.splitlines()[0][:60])
    return " · ".join(parts)


def totals_line(week: WeekTotals, *, unit: str) -> str:
    """'4 sessions · 185 min · 24.5 km · load 820 (1 without an RPE)' (the distance in `unit`)."""
    if not week.sessions:
        return "no sessions"
    parts = [
        f"{week.sessions} session{'s' if week.sessions != 1 else ''}",
        f"{week.minutes} min",
        distance_text(week.km, unit),
        f"load {week.load}",
    ]
    line = " · ".join(parts)
    if week.without_rpe:
        line += f" ({week.without_rpe} without an RPE)"
    return line


def weeks_view(weeks: list[tuple[str, list[Session], bool]], sites: list[Site], *, unit: str) -> str:
    """`journal session list`: each week's title, its sessions numbered with their day, then their totals: the
    week's (`week:`) when the whole week is listed, else only the days listed (`shown:`)."""
    lines: list[str] = []
    width = max((len(str(session.id)) for _, sessions, _ in weeks for session in sessions), default=1)
    for title, sessions, whole in weeks:
        lines.append(title)
        for session in sessions:
            lines.append(
                f"  {session.id:>{width}}  {short_day(session.day):<10}  {session_line(session, sites, unit=unit)}"
            )
        lines.append(f"  {'':>{width}}  {'week' if whole else 'shown'}: {totals_line(totals(sessions), unit=unit)}")
    return "\n".join(lines)
