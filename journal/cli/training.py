"""Training: `journal session` (sessions and the ticks they make), `journal plan` (return to running after pain)
and `journal overuse` (the weekly overuse check, OSTRC-O2).

Every write of a session is followed, in the same command, by the plan decisions it
allows, in the same transaction (`journal.cli.common.deciding`), as `journal add` does when a day is saved.
"""

from __future__ import annotations

import datetime as dt

from journal.cli.common import (
    Choice,
    JournalFile,
    Switch,
    argument,
    command,
    decide_and_say,
    deciding,
    echo,
    echo_lines,
    group,
    option,
    parse_day,
    parse_range,
    today,
)
from journal.errors import InvalidInput

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing
if TYPE_CHECKING:
    from journal.domain.entries import Site
    from journal.domain.plan import Plan
    from journal.domain.sessions import SessionChange
    from journal.store import Journal

DAY = dt.timedelta(days=1)
LIST_WEEKS = 4  # `journal session list` without --from: this week and the three before


# -- decisions after a write ---------------------------------------------------------


# -- sessions --------------------------------------------------------------------------


def session_number(text: str) -> int:
    """A session's number as typed (`journal session edit 12`), or one line saying what a number is."""
    from journal.domain.scales import is_number

    if not is_number(text.strip()):
        raise InvalidInput(f"a session is named by its number (see journal session list), got {text!r}")
    return int(text)


def _distance(km: str | None, miles: str | None) -> float | None:
    """The distance given with --km or --miles (not both), as the km kept."""
    from journal.domain.distance import parse_distance

    if km is not None and miles is not None:
        raise InvalidInput("give the distance once: --km or --miles, not both")
    if km is not None:
        return parse_distance(km, "km")
    return None if miles is None else parse_distance(miles, "mi")


def _unit(journal: Journal) -> str:
    """The runner's unit for the distances shown: km or mi."""
    from journal.store.settings import distance_unit

    return distance_unit(journal)


def _typed_session(
    sites: list[Site], pain: list[str], *, km: str | None, miles: str | None, **given: str | None
) -> SessionChange:
    """What `journal session add` or `edit` was given, each value read and checked: the fields by name (kind,
    minutes, rpe or note; one given as None is not given), the distance in km or miles, and the pain during the
    session at each site."""
    from journal.domain.entries import parse_pain_setting
    from journal.domain.sessions import (
        SessionChange,
        parse_minutes,
        parse_rpe,
        parse_session_kind,
        parse_session_note,
    )

    parsers = {
        "kind": parse_session_kind,
        "minutes": parse_minutes,
        "rpe": parse_rpe,
        "note": parse_session_note,
    }
    typed = SessionChange({name: parsers[name](text) for name, text in given.items() if text is not None})
    if km is not None or miles is not None:
        typed.values["km"] = _distance(km, miles)
    for setting in pain:
        key, score = parse_pain_setting(setting, sites)
        if key in typed.pain:
            raise InvalidInput(f"pain at {key[0]}{':' + key[1] if key[1] else ''} is given twice: give it once")
        typed.pain[key] = score
    return typed


def _ticks_of(journal: Journal, session_id: int, day: dt.date) -> list[int]:
    """The checklist items whose tick on `day` the session made."""
    from journal.store.sessions import ticked_by

    return [item for (item, _), maker in ticked_by(journal, day, day).items() if maker == session_id]


def _item_titles(journal: Journal) -> dict[int, str]:
    from journal.store.checklist import list_items

    return {item.id: item.title for item in list_items(journal) if item.id is not None}


def _say_ticks(journal: Journal, session_id: int, before: list[tuple[int, dt.date]], now: dt.date | None) -> None:
    """Say which ticks the session made, took back, or left to another session of their day."""
    from journal.dates import short_day
    from journal.store.sessions import ticked_by

    after = [(item, now) for item in _ticks_of(journal, session_id, now)] if now else []
    if before == after:
        return
    titles = _item_titles(journal)
    for item, day in before:
        if (item, day) in after:
            continue
        heir = ticked_by(journal, day, day).get((item, day))
        if heir is not None:
            echo(f"the tick of {titles.get(item, item)} on {short_day(day)} stays: session {heir} made it too")
        else:
            echo(f"took back the tick of {titles.get(item, item)} on {short_day(day)}")
    for item, day in after:
        if (item, day) not in before:
            echo(f"ticked {titles.get(item, item)} on {short_day(day)}")


def _plans_for(journal: Journal | None, day: dt.date) -> list[Plan]:
    """The running plans a `--plan` session on `day` is for; none is a mistake."""
    from journal.dates import short_day
    from journal.store.plans import running_plans

    running = running_plans(journal) if journal else []
    if not running:
        raise InvalidInput(
            "no return-to-run plan is running, so there is no plan session to mark"
            " (journal plan start --site knee starts one)"
        )
    started = [plan for plan in running if plan.started <= day]
    if not started:
        first = min(plan.started for plan in running)
        raise InvalidInput(f"the plan started on {short_day(first)}: a session before that is not a plan session")
    return started


def _plan_pain_note(session_pain: tuple[tuple[str, str, int], ...], plans: list[Plan]) -> None:
    """A plan session judged without pain during at the plan's site counts 0 there: say so, in case it was left out."""
    from journal.domain.plan import worst_at

    for plan in plans:
        if worst_at(session_pain, plan.site, plan.side) is None:
            echo(f"no pain during the session at the {plan.where}: the {plan.where} plan counts it as 0")


@group(needs_subcommand=True)
def session(journal_file: JournalFile, subcommand: str) -> None:
    """Training sessions: add, list, edit or remove them, and choose which checklist item each kind ticks."""


@session.command(
    "add",
    argument("date", required=False),
    option(
        "--kind",
        required=True,
        metavar="KIND",
        help="run, intervals, strides, strength, plyometrics, technique, rehab, cross-training, walk or other.",
    ),
    option("--minutes", required=True, metavar="MIN", help="How long: 40, or 1:30 for an hour and a half (1-1440)."),
    option("--km", metavar="KM", help="Distance in km, up to three decimals (8.5)."),
    option("--miles", metavar="MI", help="Distance in miles, up to two decimals (5.25); kept in km."),
    option("--rpe", metavar="0-10", help="Session RPE half an hour after: 0 rest, 5 hard, 10 maximal."),
    option(
        "--pain", action="append", default=[], metavar="SITE[:SIDE]=0-10", help="Pain during the session (repeatable)."
    ),
    option("--note", default="", help="A note."),
    option("--plan", action="store_true", help="The return-to-run plan's session of the day."),
)
def session_add(
    journal_file: JournalFile,
    date: str | None,
    kind: str,
    minutes: str,
    km: str | None,
    miles: str | None,
    rpe: str | None,
    pain: list[str],
    note: str,
    plan: bool,
) -> None:
    """Log a training session (default today); a kind that ticks a checklist item ticks it.

    journal session add --kind run --minutes 40 --km 8 --rpe 5 --pain knee=3 --note "hills"
    journal session add --kind run --minutes 45 --miles 5 --rpe 4
    journal session add yesterday --kind strength --minutes 45 --rpe 6
    journal session add --kind run --minutes 20 --rpe 3 --pain knee=2 --plan
    """
    from journal.dates import describe_day
    from journal.domain.entries import DEFAULT_SITES
    from journal.domain.sessions import Session
    from journal.render.sessions import session_line
    from journal.store.sessions import add_session
    from journal.store.sites import list_sites

    now = today()
    day = parse_day(date, default=now)
    journal = journal_file.existing()
    sites = list_sites(journal) if journal else list(DEFAULT_SITES)
    typed = _typed_session(sites, pain, kind=kind, minutes=minutes, km=km, miles=miles, rpe=rpe, note=note)
    new = typed.applied_to(Session(day, kind="", minutes=0, for_plan=plan))  # --kind and --minutes are required
    plans = _plans_for(journal, day) if plan else []
    journal = journal or journal_file.open()
    with deciding(journal, now) as decisions:
        added = add_session(journal, new, today=now)
    echo(f"session {added.number}, {describe_day(added.day, now)}: {session_line(added, sites, unit=_unit(journal))}")
    _say_ticks(journal, added.number, [], added.day)
    _plan_pain_note(added.pain, plans)
    echo_lines(decisions)


@session.command(
    "list",
    option("--from", dest="start", metavar="DATE", help="First day (default: the start of the week 3 weeks ago)."),
    option("--to", dest="end", metavar="DATE", help="Last day (default today)."),
)
def session_list(journal_file: JournalFile, start: str | None, end: str | None) -> None:
    """The sessions week by week (default this week and the 3 before), numbered, each week's totals after it.

    journal session list
    journal session list --from 2026-09-01 --to 2026-10-31
    """
    from journal.dates import week_label, week_span, week_start
    from journal.render.sessions import weeks_view
    from journal.store.sessions import sessions_between
    from journal.store.settings import first_weekday
    from journal.store.sites import list_sites

    now = today()
    journal = journal_file.open(create=False)
    first_day = first_weekday(journal)
    if start or end:
        first, last = parse_range(None, start, end, days_default=None)
    else:
        first, last = week_start(now, first_day) - (LIST_WEEKS - 1) * 7 * DAY, now
    sessions = sessions_between(journal, first, last)
    if not sessions:
        since = "" if first == dt.date.min else f" from {first}"
        echo(f"no sessions{since} to {last} (journal session add logs one)")
        return
    weeks: dict[dt.date, list] = {}
    for each in sessions:
        weeks.setdefault(week_start(each.day, first_day), []).append(each)
    # A week the range cuts (its start, or its end before today) totals only the days listed.
    titled = [
        (
            f"{week_label(week, first_day)} · {week_span(week)}",
            listed,
            first <= week and min(week + 6 * DAY, now) <= last,
        )
        for week, listed in weeks.items()
    ]
    echo(weeks_view(titled, list_sites(journal), unit=_unit(journal)))


@session.command(
    "edit",
    argument("number", metavar="N"),
    option("--date", metavar="DATE", help="A new day."),
    option("--kind", metavar="KIND", help="A new kind."),
    option("--minutes", metavar="MIN", help="New minutes."),
    option("--km", metavar="KM", help="A new distance."),
    option("--miles", metavar="MI", help="A new distance in miles."),
    option("--rpe", metavar="0-10", help="A new session RPE."),
    option(
        "--pain",
        action="append",
        default=[],
        metavar="SITE[:SIDE]=0-10",
        help="Set pain during at a site (repeatable); other sites keep theirs.",
    ),
    option("--clear-pain", action="store_true", help="Remove the pain during the session (before any --pain)."),
    option(
        "--clear",
        action="append",
        default=[],
        type=Choice("km", "rpe", "note"),
        help="Clear km, rpe or note (repeatable).",
    ),
    option("--note", help="A new note."),
    option("--plan", "--not-plan", dest="for_plan", action=Switch, help="Whether it is the plan's session."),
)
def session_edit(
    journal_file: JournalFile,
    number: str,
    date: str | None,
    kind: str | None,
    minutes: str | None,
    km: str | None,
    miles: str | None,
    rpe: str | None,
    pain: list[str],
    clear_pain: bool,
    clear: list[str],
    note: str | None,
    for_plan: bool | None,
) -> None:
    """Change a session: fields you do not give keep their value; a new day or kind moves its tick.

    journal session edit 12 --minutes 45 --rpe 6
    journal session edit 12 --date yesterday --clear-pain --pain knee:left=2
    journal session edit 12 --clear km --not-plan
    """
    from journal.dates import describe_day
    from journal.render.sessions import session_line
    from journal.store.sessions import get_session, update_session
    from journal.store.sites import list_sites

    now = today()
    session_id = session_number(number)
    day = parse_day(date) if date is not None else None
    journal = journal_file.open(create=False)
    sites = list_sites(journal)
    change = _typed_session(sites, pain, kind=kind, minutes=minutes, km=km, miles=miles, rpe=rpe, note=note)
    change.clear_pain = clear_pain
    if day is not None:
        change.values["day"] = day
    if for_plan is not None:
        change.values["for_plan"] = for_plan
    for name in dict.fromkeys(clear):
        if name in change.values:
            raise InvalidInput(f"{name} is both set and cleared: choose one")
        change.values[name] = "" if name == "note" else None
    if change.is_empty:
        raise InvalidInput(
            "nothing to change: give --date, --kind, --minutes, --km, --miles, --rpe, --pain, --clear-pain, --clear,"
            " --note, --plan or --not-plan"
        )
    before = get_session(journal, session_id)
    after_day = change.values.get("day", before.day)
    assert isinstance(after_day, dt.date)
    # A plan session moved to another day is checked as one marked for the plan on that day.
    moved_in_plan = for_plan is None and before.for_plan and after_day != before.day
    plans = _plans_for(journal, after_day) if for_plan or moved_in_plan else []
    ticks_before = [(item, before.day) for item in _ticks_of(journal, session_id, before.day)]
    with deciding(journal, now) as decisions:
        changed = update_session(journal, session_id, change, today=now)
    line = session_line(changed, sites, unit=_unit(journal))
    echo(f"session {changed.number}, {describe_day(changed.day, now)}: {line}")
    _say_ticks(journal, session_id, ticks_before, changed.day)
    _plan_pain_note(changed.pain, plans)
    echo_lines(decisions)


@session.command("rm", argument("number", metavar="N"))
def session_rm(journal_file: JournalFile, number: str) -> None:
    """Remove a session for good, and the tick it made: `journal session rm 12`."""
    from journal.dates import describe_day
    from journal.render.sessions import session_line
    from journal.store.sessions import get_session, remove_session
    from journal.store.sites import list_sites

    now = today()
    session_id = session_number(number)
    journal = journal_file.open(create=False)
    found = get_session(journal, session_id)
    ticks_before = [(item, found.day) for item in _ticks_of(journal, session_id, found.day)]
    with deciding(journal, now) as decisions:
        removed = remove_session(journal, session_id)
    echo(
        f"removed session {session_id}, {describe_day(removed.day, now)}:"
        f" {session_line(removed, list_sites(journal), unit=_unit(journal))}"
    )
    _say_ticks(journal, session_id, ticks_before, None)
    echo_lines(decisions)


@session.command("kinds", argument("setting", required=False, metavar="KIND=ITEM_KIND"))
def session_kinds(journal_file: JournalFile, setting: str | None) -> None:
    """Which checklist item kind a session of each kind ticks; KIND=ITEM_KIND (or KIND=none) changes one.

    journal session kinds
    journal session kinds run=strides
    journal session kinds technique=none
    """
    from journal.store.sessions import session_kinds as read_kinds
    from journal.store.sessions import set_session_kind

    if setting is None:
        kinds = read_kinds(journal_file.open(create=False))
    else:
        kind, sep, item_kind = setting.partition("=")
        if not sep or not kind.strip() or not item_kind.strip():
            raise InvalidInput(f"give KIND=ITEM_KIND, like run=strides, or KIND=none, got {setting!r}")
        from journal.domain.sessions import parse_session_kind

        parse_session_kind(kind)  # checked before a new journal is made
        target = None if item_kind.strip().lower() == "none" else item_kind
        kinds = set_session_kind(journal_file.open(), kind, target)
        chosen = parse_session_kind(kind)
        ticks = f"tick {kinds[chosen]} items" if kinds[chosen] else "tick nothing"
        echo(f"{chosen} sessions now {ticks} (ticks made before stay)")
        return
    for each, ticks_kind in kinds.items():
        echo(f"{each:<15} {ticks_kind or '-'}")


# -- return-to-run plans ---------------------------------------------------------------


def _plan_named(journal: Journal, site: str | None) -> Plan:
    """The running plan `--site` names (`knee` names a plan for either knee when it is the only one), or the only
    plan running."""
    from journal.domain.entries import parse_pain_key
    from journal.domain.plan import where
    from journal.store.plans import running_plans

    running = running_plans(journal)
    if site is not None:
        name, side = parse_pain_key(site, _sites(journal))
        running = [plan for plan in running if plan.site == name and (not side or plan.side in (side, ""))]
        if not running:
            raise InvalidInput(
                f"no plan is running for the {where(name, side)} (journal plan start --site {site.strip()} starts one)"
            )
    if len(running) == 1:
        return running[0]
    if not running:
        raise InvalidInput("no plan is running (journal plan start --site knee starts one)")
    sites = ", ".join(f"--site {plan.site}{':' + plan.side if plan.side else ''}" for plan in running)
    raise InvalidInput(f"{len(running)} plans are running: name one with {sites}")


@group()
def plan(journal_file: JournalFile, subcommand: str | None) -> None:
    """Return to running after pain: each running plan's stage, today's session and every decision.

    journal plan
    journal plan start --site knee:left
    """
    if subcommand is not None:
        return
    from journal.render.plan import plan_text
    from journal.store.plans import plan_views

    now = today()
    journal = journal_file.open(create=False)
    decide_and_say(journal, now)
    views = plan_views(journal, today=now)
    if not views:
        echo("no plan is running (journal plan start --site knee starts one)")
        return
    echo("\n\n".join(plan_text(view) for view in views))


@plan.command(
    "start",
    option("--site", required=True, metavar="SITE[:SIDE]", help="The painful site: knee, or knee:left for one side."),
    option("--stage", metavar="N", help="The stage to start at (default 1)."),
)
def plan_start(journal_file: JournalFile, site: str, stage: str | None) -> None:
    """Start a return-to-run plan for a painful site, on the default ladder: `journal plan start --site knee`."""
    from journal.domain.entries import DEFAULT_SITES, parse_pain_key
    from journal.domain.plan import DEFAULT_LADDER, parse_stage_number
    from journal.store.plans import start_plan

    now = today()
    existing = journal_file.existing()
    parse_pain_key(site, list(DEFAULT_SITES) if existing is None else _sites(existing))
    parse_stage_number(stage or 1, len(DEFAULT_LADDER))  # checked before a new journal is made
    journal = existing or journal_file.open()
    with deciding(journal, now) as decisions:
        started = start_plan(journal, site, today=now, stage=stage or 1)
    stage_now = started.current
    echo(
        f"started a plan for the {started.where} at {started.label}: {stage_now.description}"
        f" ({stage_now.run_minutes} min running), on alternate days"
    )
    echo_lines(decisions)


def _sites(journal: Journal) -> list[Site]:
    from journal.store.sites import list_sites

    return list_sites(journal)


@plan.command("stop", option("--site", metavar="SITE[:SIDE]", help="The plan's site (needed when several run)."))
def plan_stop(journal_file: JournalFile, site: str | None) -> None:
    """Stop a running plan; its decisions stay: `journal plan stop --site knee`."""
    from journal.store.plans import stop_plan

    journal = journal_file.open(create=False)
    stopped = stop_plan(journal, _plan_named(journal, site).number, today=today())
    echo(f"stopped the plan for the {stopped.where} at {stopped.label}; its decisions stay")


@plan.command(
    "ladder",
    option("--site", metavar="SITE[:SIDE]", help="The plan's site (needed when several run)."),
    option(
        "--set",
        dest="stages",
        action="append",
        default=[],
        metavar="STAGE",
        help='A stage, "DESCRIPTION" or "DESCRIPTION=RUN_MINUTES", in order (repeat for each): replaces the ladder.',
    ),
)
def plan_ladder(journal_file: JournalFile, site: str | None, stages: list[str]) -> None:
    """A plan's stages (the default ladder when no plan runs); --set, once a stage, replaces them.

    journal plan ladder --site knee
    journal plan ladder --site knee --set "10 x 1 min run / 1 min walk" --set "15 min continuous" --set "hills=20"
    """
    from journal.domain.plan import DEFAULT_LADDER, parse_stage_text
    from journal.render.plan import ladder_lines
    from journal.store.plans import edit_ladder, running_plans

    new = [parse_stage_text(text) for text in stages]
    journal = journal_file.open(create=False)
    if not new and site is None and not running_plans(journal):
        echo("the default ladder (journal plan start uses it):")
        echo("\n".join(ladder_lines(DEFAULT_LADDER)))
        return
    chosen = _plan_named(journal, site)
    if new:
        chosen = edit_ladder(journal, chosen.number, new)
        echo(f"the {chosen.where} plan has a new ladder of {chosen.top} stages; it is at {chosen.label}:")
    else:
        echo(f"the {chosen.where} plan, at {chosen.label}:")
    echo("\n".join(ladder_lines(chosen.stages, chosen.stage)))


# -- the weekly overuse check ------------------------------------------------------------


def _questions(journal: Journal | None, week: dt.date | None) -> None:
    from journal.domain.overuse import QUESTIONS

    echo("The weekly overuse check (OSTRC-O2), for each body site with a problem; answer with the numbers:")
    for question in QUESTIONS:
        echo(f"--{question.key}  {question.text}")
        for number, answer in enumerate(question.answers):
            echo(f"    {number}  {answer}")
    echo("journal overuse --site knee --participation 1 --volume 1 --performance 0 --pain 1")
    if journal is not None and week is not None:
        from journal.render.day import pain_label
        from journal.store.overuse import sites_to_ask

        asked = sites_to_ask(journal, week)
        if asked:
            sites = _sites(journal)
            echo(f"Sites with pain this week and no answers yet: {', '.join(pain_label(key, sites) for key in asked)}")


@command(
    argument("week", required=False, metavar="WEEK|list"),
    option("--site", metavar="SITE[:SIDE]", help="The body site the answers are for."),
    option("--participation", metavar="0-3", help="Could you take part in training? 0 fully, 3 not at all."),
    option("--volume", metavar="0-4", help="How much did it cut your training? 0 not at all, 4 no training."),
    option("--performance", metavar="0-4", help="How much did it hold back your running? 0 not at all, 4 no running."),
    option("--pain", metavar="0-3", help="How much did it hurt while you trained? 0 none, 3 severe."),
    option("--questions", action="store_true", help="Show the four questions and their numbered answers."),
    option("--from", dest="start", metavar="DATE", help="With list: the first week (a date in it)."),
    option("--to", dest="end", metavar="DATE", help="With list: the last week (default this week)."),
)
def overuse(
    journal_file: JournalFile,
    week: str | None,
    site: str | None,
    participation: str | None,
    volume: str | None,
    performance: str | None,
    pain: str | None,
    questions: bool,
    start: str | None,
    end: str | None,
) -> None:
    """The weekly overuse check (OSTRC-O2): answer four questions for a site, or list each site's severity.
    WEEK is 2026-W48, this, last or a date in it (default this week); `list` lists the answers week by week.

    journal overuse --questions
    journal overuse --site knee:left --participation 1 --volume 2 --performance 1 --pain 1
    journal overuse last --site knee --participation 0 --volume 1 --performance 0 --pain 1
    journal overuse list --from "8 weeks ago" --site knee
    """
    answers_given = {
        "--participation": participation,
        "--volume": volume,
        "--performance": performance,
        "--pain": pain,
    }
    any_answer = any(value is not None for value in answers_given.values())
    if week is not None and week.strip().lower() == "list":
        if any_answer or questions:
            raise InvalidInput("journal overuse list lists the answers: give the answers without `list`")
        _overuse_list(journal_file, start, end, site)
        return
    if start is not None or end is not None:
        raise InvalidInput("--from and --to are for journal overuse list")
    if questions and any_answer:
        raise InvalidInput("give either --questions or the answers, not both")
    from journal.dates import parse_week

    if questions or not any_answer:
        existing = journal_file.existing()
        shown = None
        if existing is not None:
            from journal.store.settings import first_weekday

            shown = parse_week(week or "this", today=today(), first_weekday=first_weekday(existing))
        elif week is not None:
            parse_week(week, today=today())
        _questions(existing, shown)
        return
    missing = [name for name, value in answers_given.items() if value is None]
    if missing:
        raise InvalidInput(
            f"give all four answers: {', '.join(missing)} missing (journal overuse --questions lists them)"
        )
    if site is None:
        raise InvalidInput("give the site the answers are for: --site knee, or --site knee:left")
    from journal.dates import week_label, week_span
    from journal.domain.entries import DEFAULT_SITES, parse_pain_key
    from journal.domain.overuse import describe, parse_answers
    from journal.render.day import pain_label
    from journal.store.overuse import save_answers, week_answers
    from journal.store.settings import first_weekday

    assert participation is not None and volume is not None and performance is not None and pain is not None
    answers = parse_answers(participation, volume, performance, pain)
    now = today()
    existing = journal_file.existing()
    sites = _sites(existing) if existing else list(DEFAULT_SITES)
    name, side = parse_pain_key(site, sites)
    first_day = first_weekday(existing) if existing else 0
    start_day = parse_week(week or "this", today=now, first_weekday=first_day)
    if start_day > now:
        raise InvalidInput(
            f"the week of {start_day.isoformat()} has not started: answer for a week once it is under way"
        )
    journal = existing or journal_file.open()
    replaced = any((each.site, each.side) == (name, side) for each in week_answers(journal, start_day))
    saved = save_answers(journal, start_day, name, side, answers, today=now)
    again = " (the week's earlier answers replaced)" if replaced else ""
    label = pain_label((saved.site, saved.side), sites)
    echo(f"{label}, {week_label(saved.week, first_day)} ({week_span(saved.week)}): {describe(answers)}{again}")
    if saved.substantial:
        echo("A problem that cuts your training or your running is worth talking over with a doctor or physiotherapist")


def _overuse_list(journal_file: JournalFile, start: str | None, end: str | None, site: str | None) -> None:
    from journal import clock
    from journal.dates import week_label, week_span, week_start
    from journal.domain.entries import parse_pain_key
    from journal.domain.overuse import describe
    from journal.render.day import pain_label
    from journal.store.overuse import severities
    from journal.store.settings import first_weekday

    journal = journal_file.open(create=False)
    first_day = first_weekday(journal)
    first, last = parse_range(None, start, end, days_default=None)
    sites = _sites(journal)
    name, side = parse_pain_key(site, sites) if site is not None else (None, "")
    begin = max(week_start(first, first_day), clock.EARLIEST) if first > clock.EARLIEST else first
    found = severities(journal, begin, week_start(min(last, clock.LATEST), first_day), site=name, side=side or None)
    if not found:
        echo("no overuse answers in those weeks (journal overuse --questions shows the check)")
        return
    weeks: dict[dt.date, list] = {}
    for each in found:
        weeks.setdefault(each.week, []).append(each)
    for week, answered in weeks.items():
        echo(f"{week_label(week, first_day)} · {week_span(week)}")
        for each in answered:
            echo(f"  {pain_label((each.site, each.side), sites):<20} {describe(each.answers)}")
