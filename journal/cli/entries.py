"""The days: `journal add` and `journal show`, and what the days say: `journal flags` and `journal week`."""

from __future__ import annotations

from pathlib import Path

from journal.cli.common import (
    FileName,
    JournalFile,
    argument,
    command,
    deciding,
    echo,
    echo_lines,
    option,
    parse_day,
    parse_range,
    today,
)
from journal.errors import InvalidInput


@command(
    argument("date", required=False),
    option("--sleep", metavar="HOURS", help="Hours slept, 0-24 (7.5)."),
    option("--sleep-quality", metavar="1-5", help="Sleep quality, 5 = excellent."),
    option("--fatigue", metavar="1-5", help="Fatigue, 5 = fresh."),
    option("--soreness", metavar="1-5", help="Muscle soreness, 5 = none."),
    option("--stress", metavar="1-5", help="Stress, 5 = relaxed."),
    option("--mood", metavar="1-5", help="Mood, 5 = very good."),
    option("--pain", action="append", default=[], metavar="SITE[:SIDE]=0-10", help="Pain at a body site (repeatable)."),
    option("--cramps", metavar="0-50", help="How many cramps you had that day."),
    option("--cramp-site", metavar="SITE", help="Where the cramps were: a body site (calf, hamstring, foot)."),
    option("--resting-hr", metavar="BPM", help="Resting heart rate, beats a minute (20-150)."),
    option("--hrv", metavar="MS", help="Heart rate variability, milliseconds (give --hrv-method the first time)."),
    option("--hrv-method", metavar="METHOD", help="How the HRV was measured: rmssd or sdnn (as your watch says)."),
    option("--day", dest="day_type", metavar="TYPE", help="Day type: normal, rest, race, injured, sick."),
    option("--note", help="A note for the day (replaces the old one)."),
    option(
        "--clear",
        action="append",
        default=[],
        metavar="FIELD",
        help="Clear a field, pain / pain:SITE / pain:SITE:SIDE, or all of the day (repeatable).",
    ),
)
def add(
    journal_file: JournalFile,
    date: str | None,
    sleep: str | None,
    sleep_quality: str | None,
    fatigue: str | None,
    soreness: str | None,
    stress: str | None,
    mood: str | None,
    pain: list[str],
    cramps: str | None,
    cramp_site: str | None,
    resting_hr: str | None,
    hrv: str | None,
    hrv_method: str | None,
    day_type: str | None,
    note: str | None,
    clear: list[str],
) -> None:
    """Log or change a day (default today).
    Fields you do not give keep their value.

    journal add --sleep 7.5 --mood 4 --pain knee=3 --pain shin:left=2
    journal add yesterday --day race --note "Half marathon, 1:32"
    journal add --cramps 2 --cramp-site calf
    journal add --resting-hr 48 --hrv 62 --hrv-method rmssd
    journal add "20 nov" --clear mood --clear pain:knee --clear cramps
    journal add 2026-11-20 --clear all       # the whole day
    """
    from journal.dates import describe_day
    from journal.domain.entries import (
        DEFAULT_SITES,
        DayEntry,
        EntryChange,
        check_cramps,
        check_hrv,
        parse_clear,
        parse_cramp_site,
        parse_pain_setting,
        parse_value,
    )
    from journal.render.day import summarise
    from journal.store.entries import get_entry, update_entry
    from journal.store.sites import list_sites

    day = parse_day(date, default=today(), allow_future=True)
    # Everything is checked before a new journal is created: bad input leaves no file behind.
    journal = journal_file.existing()
    if day > today() and (journal is None or get_entry(journal, day).is_empty):
        # Only a day already dated ahead (a clock that was ahead once) can be changed or cleared.
        raise InvalidInput(f"{day.isoformat()} is in the future: the journal records days that have happened")
    sites = list_sites(journal) if journal else list(DEFAULT_SITES)
    change = EntryChange()
    given = {
        "sleep_hours": sleep,
        "sleep_quality": sleep_quality,
        "fatigue": fatigue,
        "soreness": soreness,
        "stress": stress,
        "mood": mood,
        "cramps": cramps,
        "resting_hr": resting_hr,
        "hrv": hrv,
        "hrv_method": hrv_method,
        "day_type": day_type,
        "note": note,
    }
    for name, text in given.items():
        if text is not None:
            change.values[name] = parse_value(name, text)
    if cramp_site is not None:
        change.values["cramp_site"] = parse_cramp_site(cramp_site, sites)
    for target in clear:
        parse_clear(target, sites, change)
    for setting in pain:
        key, score = parse_pain_setting(setting, sites)
        if key in change.pain:
            raise InvalidInput(f"pain at {key[0]}{':' + key[1] if key[1] else ''} is given twice: give it once")
        change.pain[key] = score
    overlap = change.cleared & change.values.keys()
    if overlap:
        raise InvalidInput(f"{', '.join(sorted(overlap))} is both set and cleared: choose one")
    if change.is_empty():
        raise InvalidInput("nothing to log: give a field such as --sleep 7.5, --mood 4 or --pain knee=3")
    if journal is None:  # checked again as the day is written; here, before a new journal is made for it
        check_cramps(change.apply(DayEntry(day)))
        check_hrv(change.apply(DayEntry(day)))
    journal = journal or journal_file.open()
    with deciding(journal, today()) as decisions:  # a morning's pain may decide a return-to-run plan's session
        entry = update_entry(journal, day, change)
    echo(f"{describe_day(day, today())}: {summarise(entry, sites)}")
    echo_lines(decisions)


@command(
    argument("date", required=False),
    option("--from", dest="start", metavar="DATE", help="First day of a range."),
    option("--to", dest="end", metavar="DATE", help="Last day of a range (default today)."),
)
def show(journal_file: JournalFile, date: str | None, start: str | None, end: str | None) -> None:
    """Show a day (default today), or the days from --from to --to as a table.

    journal show yesterday
    journal show --from "2 weeks ago"
    """
    from journal.render.day import day_view, table_view
    from journal.store.entries import entries_between, get_entry
    from journal.store.sites import list_sites

    journal = journal_file.open(create=False)
    sites = list_sites(journal)
    if start or end:
        first, last = parse_range(date, start, end, days_default=None)
        entries = entries_between(journal, first, last)
        echo(table_view(entries, sites) if entries else f"nothing logged from {first} to {last}")
    else:
        day = parse_day(date, default=today(), allow_future=True)  # a day logged ahead of the clock can be seen
        echo(day_view(get_entry(journal, day), sites, today()))


@command(
    argument("week", required=False),
    option("--markdown", action="store_true", help="Write the review as a Markdown document."),
    option("-o", "--output", type=FileName(), help="Write to a file instead of stdout."),
)
def week(journal_file: JournalFile, week: str | None, markdown: bool, output: Path | None) -> None:
    """The weekly review (default this week): averages, flags, training, plans, overuse, checklist, goals, notes.
    WEEK is 2026-W48, this, last or a date in it.

    journal week
    journal week last --markdown -o review.md
    """
    from journal.dates import parse_week
    from journal.render.review import review_markdown, review_text
    from journal.store.insights import weekly_review
    from journal.store.settings import first_weekday

    now = today()
    journal = journal_file.open(create=False)
    start = parse_week(week or "this", today=now, first_weekday=first_weekday(journal))
    review = weekly_review(journal, start, now)
    text = review_markdown(review) if markdown else review_text(review)
    if output is None:
        echo(text, end="")
        return
    from journal.io.export_files import write_atomically

    write_atomically(output, lambda out: out.write(text), journal.path)
    echo(f"wrote {output}", err=True)


@command(option("--date", metavar="DATE", help="The day (default today)."))
def flags(journal_file: JournalFile, date: str | None) -> None:
    """The flags active on a day: pain that lasts or rises, sleep debt, post-race nights, cramps rising, low days.
    They say what was seen and what to consider; they never diagnose.

    journal flags
    journal flags --date yesterday
    """
    from journal.dates import describe_day
    from journal.store.insights import active_flags

    day = parse_day(date, default=today())
    found = active_flags(journal_file.open(create=False), day)
    if not found:
        echo(f"no flags on {describe_day(day, today())}")
        return
    for flag in found:
        echo(f"{flag.level:<5}  {flag.text}")
