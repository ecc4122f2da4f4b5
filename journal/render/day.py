"""A day as text: one line for `journal add`, a sheet and a table for `journal show`."""

from __future__ import annotations

import datetime as dt

from journal.dates import describe_day
from journal.domain.entries import DayEntry, Site
from journal.domain.scales import WELLNESS


def pain_label(key: tuple[str, str], sites: list[Site]) -> str:
    site, side = key
    label = next((s.label for s in sites if s.name == site), site)
    return f"{label} ({side})" if side else label


def cramps_text(entry: DayEntry, sites: list[Site]) -> str | None:
    """'2', '2 (Achilles / calf)', or None when no cramps are logged."""
    if entry.cramps is None:
        return None
    if entry.cramp_site is None:
        return str(entry.cramps)
    return f"{entry.cramps} ({pain_label((entry.cramp_site, ''), sites)})"


def hrv_text(entry: DayEntry) -> str | None:
    """'62 ms (RMSSD)', or None when no HRV is logged."""
    if entry.hrv is None:
        return None
    method = f" ({entry.hrv_method.upper()})" if entry.hrv_method else ""
    return f"{entry.hrv:g} ms{method}"


SOURCE_NAMES = {"strava": "Strava", "apple-health": "Apple Health", "intervals": "intervals.icu", "daylio": "Daylio"}


def device_text(entry: DayEntry, sources: dict[str, str]) -> str:
    """'Resting HR 48 bpm · HRV 62 ms (RMSSD) · from Apple Health': what a watch measured that day."""
    parts = []
    if entry.resting_hr is not None:
        parts.append(f"Resting HR {entry.resting_hr} bpm")
    if (hrv := hrv_text(entry)) is not None:
        parts.append(f"HRV {hrv}")
    came_from = sorted(
        {SOURCE_NAMES.get(sources[name], sources[name]) for name in ("resting_hr", "hrv") if name in sources}
    )
    if came_from:
        parts.append("from " + " and ".join(came_from))
    return " · ".join(parts)


def summarise(entry: DayEntry, sites: list[Site]) -> str:
    """One line: 'race · sleep 7.5 h · mood 4 · pain Knee (left) 3'."""
    parts = [] if entry.day_type == "normal" else [entry.day_type]
    if entry.sleep_hours is not None:
        parts.append(f"sleep {entry.sleep_hours:g} h")
    for item in WELLNESS:
        value = getattr(entry, item.field)
        if value is not None:
            parts.append(f"{item.label} {value}")
    for key, score in entry.pain.items():
        parts.append(f"pain {pain_label(key, sites)} {score}")
    if (cramps := cramps_text(entry, sites)) is not None:
        parts.append(f"cramps {cramps}")
    if entry.resting_hr is not None:
        parts.append(f"resting HR {entry.resting_hr}")
    if (hrv := hrv_text(entry)) is not None:
        parts.append(f"HRV {hrv}")
    if entry.note:
        parts.append(f"note: {entry.note.splitlines()[0][:40]}")
    return " · ".join(parts) if parts else "nothing logged"


def _value(value: object, unit: str = "") -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:g}{unit}"
    return f"{value}{unit}"


def day_view(entry: DayEntry, sites: list[Site], today: dt.date) -> str:
    """Every field of one day, one per line."""
    lines = [describe_day(entry.date, today)]
    if entry.is_empty:
        lines.append("  nothing logged")
        return "\n".join(lines)
    lines.append(f"  {'day type':<14} {entry.day_type}")
    lines.append(f"  {'sleep':<14} {_value(entry.sleep_hours, ' h')}")
    for item in WELLNESS:
        value = getattr(entry, item.field)
        lines.append(f"  {item.label:<14} {_value(value)}{'/5' if value is not None else ''}")
    if entry.pain:
        lines.append("  pain (0-10)")
        for key, score in entry.pain.items():
            lines.append(f"    {pain_label(key, sites):<22} {score}")
    else:
        lines.append(f"  {'pain':<14} none logged")
    lines.append(f"  {'cramps':<14} {cramps_text(entry, sites) or '-'}")
    lines.append(f"  {'resting HR':<14} {_value(entry.resting_hr, ' bpm')}")
    lines.append(f"  {'HRV':<14} {hrv_text(entry) or '-'}")
    if entry.note:
        note_lines = entry.note.splitlines() or [""]
        lines.append(f"  {'note':<14} {note_lines[0]}")
        lines.extend(f"  {'':<14} {line}" for line in note_lines[1:])
    return "\n".join(lines)


def table_view(entries: list[DayEntry], sites: list[Site]) -> str:
    """A table of days: one row each, the scales as columns, worst pain, cramps and the note."""
    headers = ["date", "day", "sleep", "qual", "fatig", "sore", "stress", "mood", "pain", "cramps", "note"]
    rows = []
    for entry in entries:
        worst = max(entry.pain.items(), key=lambda item: item[1], default=None)
        pain = f"{worst[1]} {pain_label(worst[0], sites)}" if worst else "-"
        note = entry.note.replace("\n", " ")
        rows.append(
            [
                f"{entry.date:%a %Y-%m-%d}",
                entry.day_type,
                _value(entry.sleep_hours),
                *(_value(getattr(entry, item.field)) for item in WELLNESS),
                pain,
                _value(entry.cramps),
                note if len(note) <= 32 else note[:31] + "…",
            ]
        )
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows, strict=True)]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(headers, widths, strict=True)).rstrip()]
    lines.extend("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in rows)
    return "\n".join(lines)
