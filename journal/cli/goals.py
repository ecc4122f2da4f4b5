"""Offseason goals: `journal goal` and its subcommands, and `journal assess`, which proposes goals."""

from __future__ import annotations

import datetime as dt
import sys

from journal.cli.common import (
    JournalFile,
    Switch,
    argument,
    ask,
    command,
    confirm,
    echo,
    group,
    option,
    today,
)
from journal.errors import InvalidInput


def _due(text: str | None) -> dt.date | None:
    from journal.dates import parse_date

    return parse_date(text, today=today(), allow_future=True) if text else None


def goal_number(text: str) -> int:
    """A goal's number as typed (`journal goal edit 3`), or one line saying what a number is."""
    from journal.domain.scales import is_number

    if not is_number(text.strip()):
        raise InvalidInput(f"a goal is named by its number (see journal goal list), got {text!r}")
    return int(text)


@group(needs_subcommand=True)
def goal(journal_file: JournalFile, subcommand: str) -> None:
    """Offseason goals: add, edit, list, move, finish or remove them."""


@goal.command(
    "add",
    argument("title"),
    option(
        "--category",
        default="other",
        show_default=True,
        metavar="C",
        help="strength, technique, health, rehab, mind, endurance, nutrition or other.",
    ),
    option("--due", metavar="DATE", help="A due date (future dates welcome): 2027-01-15, friday, 20 dec."),
    option(
        "--measure",
        metavar="SPEC",
        help="Progress from the journal: checklist:ITEMS:80%:8w, pain:SITE:2, sleep:8, days:TYPE:10, ticks:ITEMS:8.",
    ),
    option("--note", default="", help="A note."),
)
def goal_add(
    journal_file: JournalFile, title: str, category: str, due: str | None, measure: str | None, note: str
) -> None:
    """Add a goal to do: `journal goal add "Blood work" --category health --due "20 dec"`."""
    from journal.domain.goals import Goal, parse_category, parse_goal_title, parse_measure
    from journal.store.goals import add_goal

    new = Goal(
        parse_goal_title(title),
        parse_category(category),
        due=_due(due),
        note=note,
        measure=parse_measure(measure) if measure is not None else None,
    )
    added = add_goal(journal_file.open(), new, today=today())
    echo(f"added goal {added.id}: {added.title}")


@goal.command(
    "edit",
    argument("goal_id", metavar="ID"),
    option("--title", help="A new title."),
    option("--category", metavar="C", help="A new category."),
    option("--due", metavar="DATE", help="A new due date; 'none' clears it."),
    option("--note", help="A new note."),
    option("--measure", metavar="SPEC", help="A new measure (as for goal add); 'none' clears it."),
)
def goal_edit(
    journal_file: JournalFile,
    goal_id: str,
    title: str | None,
    category: str | None,
    due: str | None,
    note: str | None,
    measure: str | None,
) -> None:
    """Change a goal: `journal goal edit 3 --due "15 jan" --measure sleep:8.5`."""
    from journal.domain.goals import parse_measure
    from journal.domain.markers import Keep
    from journal.store.goals import update_goal

    number = goal_number(goal_id)
    if all(value is None for value in (title, category, due, note, measure)):
        raise InvalidInput("nothing to change: give --title, --category, --due, --note or --measure")
    clear = ("none", "")
    new_due = Keep.KEEP if due is None else (None if due.strip().lower() in clear else _due(due))
    new_measure = (
        Keep.KEEP if measure is None else (None if measure.strip().lower() in clear else parse_measure(measure))
    )
    changed = update_goal(
        journal_file.open(create=False),
        number,
        title=title,
        category=category,
        due=new_due,
        note=note,
        measure=new_measure,
    )
    echo(f"goal {changed.id}: {changed.title}")


@goal.command("list", option("--status", metavar="S", help="Only todo, doing, done or dropped."))
def goal_list(journal_file: JournalFile, status: str | None) -> None:
    """The goals by column, with the progress the journal computes."""
    from journal.domain.goals import parse_status
    from journal.render.goals import goals_view
    from journal.store.goals import list_goals, with_progress

    wanted = parse_status(status) if status else None
    journal = journal_file.open(create=False)
    everything = list_goals(journal, wanted)
    goals = [goal for goal in everything if wanted or goal.status != "dropped"]
    if wanted and not goals and list_goals(journal):
        from journal.domain.goals import STATUS_LABELS

        echo(f"no goals in {STATUS_LABELS[wanted]} (journal goal list shows the board)")
        return
    echo(goals_view(with_progress(journal, goals, today()), today()))
    dropped = len(everything) - len(goals)
    if dropped:
        echo(f"({dropped} dropped: journal goal list --status dropped)")


@goal.command("move", argument("goal_id", metavar="ID"), argument("status"))
def goal_move(journal_file: JournalFile, goal_id: str, status: str) -> None:
    """Move a goal to todo, doing, done or dropped: `journal goal move 3 doing`."""
    _move_goal(journal_file, goal_id, status)


@goal.command("done", argument("goal_id", metavar="ID"))
def goal_done(journal_file: JournalFile, goal_id: str) -> None:
    """Mark a goal done: `journal goal done 3`."""
    _move_goal(journal_file, goal_id, "done")


def _move_goal(journal_file: JournalFile, goal_text: str, status_text: str) -> None:
    from journal.domain.goals import STATUS_LABELS, parse_status
    from journal.store.goals import get_goal, move_goal

    number, status = goal_number(goal_text), parse_status(status_text)
    journal = journal_file.open(create=False)
    if get_goal(journal, number).status == status:
        echo(f"goal {number} is already in {STATUS_LABELS[status]}")
        return
    moved = move_goal(journal, number, status, today=today())
    echo(f"goal {moved.id}: {moved.title} is now in {STATUS_LABELS[moved.status]}")


@goal.command("rm", argument("goal_id", metavar="ID"))
def goal_rm(journal_file: JournalFile, goal_id: str) -> None:
    """Delete a goal for good (move it to dropped to keep it): `journal goal rm 3`."""
    from journal.store.goals import remove_goal

    removed = remove_goal(journal_file.open(create=False), goal_number(goal_id))
    echo(f"removed goal {removed.id}: {removed.title}")


@command(
    option("--race", dest="looks_back_on", metavar="TEXT", help="The race or season you look back on."),
    option("--faded", "--no-faded", action=Switch, help="Did you fade in the last miles?"),
    option(
        "--pain",
        dest="pain_sites",
        metavar="SITES",
        help="Constant pain in feet, shins or knees: where (knee,shin); 'none' for no.",
    ),
    option("--wall", "--no-wall", dest="hit_wall", action=Switch, help="Did you hit the wall?"),
    option(
        "--back-hips",
        "--no-back-hips",
        dest="back_or_hips",
        action=Switch,
        help="Did your lower back or hips bother you?",
    ),
    option("--cramping", "--no-cramping", action=Switch, help="Was your cramping getting worse?"),
    option("--note", default="", help="A note on the race or season."),
    option("--dry-run", action="store_true", help="Show the proposed goals; add nothing."),
)
def assess(
    journal_file: JournalFile,
    looks_back_on: str | None,
    faded: bool | None,
    pain_sites: str | None,
    hit_wall: bool | None,
    back_or_hips: bool | None,
    cramping: bool | None,
    note: str,
    dry_run: bool,
) -> None:
    """Look back on a race or season; each "yes" proposes offseason goals for the board.

    journal assess --race "Valencia marathon" --faded --pain knee --no-wall --no-back-hips --no-cramping
    journal assess      (in a terminal: asks each question, then which goals to keep)
    """
    from journal.domain.entries import DEFAULT_SITES, resolve_site
    from journal.domain.goals import Assessment, parse_goal_note, parse_looks_back_on, propose, set_aside_met
    from journal.store.goals import propose_goals, refuse_a_second_assessment, save_assessment
    from journal.store.sites import list_sites

    answers = [faded, pain_sites, hit_wall, back_or_hips, cramping]
    asking = any(answer is None for answer in answers)
    if asking and not sys.stdin.isatty():
        raise InvalidInput(
            "answer every question with flags (--faded/--no-faded, --pain SITES or none,"
            " --wall/--no-wall, --back-hips/--no-back-hips, --cramping/--no-cramping), or run in a terminal"
        )
    note = parse_goal_note(note, "the assessment's note")
    if looks_back_on is not None:
        looks_back_on = parse_looks_back_on(looks_back_on)

    journal = journal_file.existing()
    sites = list_sites(journal) if journal else list(DEFAULT_SITES)

    def site_names(text: str) -> tuple[str, ...]:
        if text.strip().lower() in ("", "none", "no"):
            return ()
        return tuple(dict.fromkeys(resolve_site(name, sites).name for name in text.split(",") if name.strip()))

    def confirmed(given: bool | None, question: str) -> bool:
        return given if given is not None else confirm(question)  # asked only in a terminal (see above)

    if asking:
        looks_back_on = looks_back_on or ask(
            "Which race or season do you look back on (enter for none)",
            parse_looks_back_on,
            default="",
            show_default=False,
        )
    faded_answer = confirmed(faded, "Did you fade in the last miles?")
    if pain_sites is None:
        names = ask(
            "Constant pain in your feet, shins or knees? Where (knee,shin), or none", site_names, default="none"
        )
    wall_answer = confirmed(hit_wall, "Did you hit the wall?")
    back_or_hips_answer = confirmed(back_or_hips, "Did your lower back or hips bother you?")
    cramping_answer = confirmed(cramping, "Was your cramping getting worse?")
    if pain_sites is not None:
        names = site_names(pain_sites)
    assessment = Assessment(
        today(), looks_back_on or "", faded_answer, names, wall_answer, back_or_hips_answer, cramping_answer, note
    )
    if journal:
        # Refused before the proposals are listed, and in a dry run too: the same day and race twice is a mistake.
        refuse_a_second_assessment(journal.conn, assessment.day, assessment.looks_back_on)
        proposals = propose_goals(journal, assessment, today())
    else:  # no journal yet: nothing is logged to measure
        proposals = propose(assessment, today())
        set_aside_met(proposals, [None] * len(proposals))
    for number, proposal in enumerate(proposals, start=1):
        due = f", due {proposal.goal.due}" if proposal.goal.due else ""
        measured = f"; measured: {proposal.goal.measure.describe()}" if proposal.goal.measure else ""
        echo(f"{number}. {proposal.goal.title} [{proposal.goal.category}{due}] ({proposal.why}){measured}")
        if asking and not dry_run:
            proposal.keep = confirm("   Keep this goal?", default=proposal.keep)
    if dry_run:
        echo("(a dry run: nothing was added)")
        return
    kept = [proposal for proposal in proposals if proposal.keep]
    added = save_assessment(journal or journal_file.open(), assessment, kept, today=today())
    left_out = f"; {len(proposals) - len(kept)} left out" if len(kept) < len(proposals) else ""
    echo(f"added {len(added)} goal{'s' if len(added) != 1 else ''} to the board{left_out}")
