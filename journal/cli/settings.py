"""Setting the journal up: `journal sites`, `journal settings`, `journal themes` and `journal demo`."""

from __future__ import annotations

from journal.cli.common import JournalFile, Switch, Whole, argument, command, echo, group, option, today
from journal.errors import InvalidInput


@group()
def sites(journal_file: JournalFile, subcommand: str | None) -> None:
    """List body sites; add, rename or remove one."""
    if subcommand is None:
        from journal.store.sites import list_sites

        for site in list_sites(journal_file.open(create=False)):
            sides = "left/right" if site.sided else "no sides"
            echo(f"{site.name:<14} {site.label:<20} {sides}")


@sites.command(
    "add",
    argument("name"),
    option("--label", help="How the site is shown (default: from NAME)."),
    option(
        "--sided",
        "--no-sides",
        action=Switch,
        default=True,
        help="Whether the site has a left and a right (default yes).",
    ),
)
def sites_add(journal_file: JournalFile, name: str, label: str | None, sided: bool) -> None:
    """Add a body site, for example `journal sites add groin --label "Groin"`."""
    from journal.domain.scales import parse_site_name
    from journal.store.sites import add_site

    parse_site_name(name)  # checked before a new journal is created
    site = add_site(journal_file.open(), name, label=label, sided=sided)
    echo(f"added {site.name} ({site.label}{', left/right' if site.sided else ''})")


@sites.command(
    "rename",
    argument("name"),
    argument("new_name", required=False),
    option("--label", help="A new label (default: from NEW_NAME)."),
)
def sites_rename(journal_file: JournalFile, name: str, new_name: str | None, label: str | None) -> None:
    """Rename a body site or change its label; its readings follow it.

    journal sites rename left-knee knee-brace --label "Knee brace"
    journal sites rename hip --label "Hip / glute"
    """
    from journal.store.sites import rename_site

    if not new_name and not label:
        raise InvalidInput("give a new name, a --label, or both")
    site = rename_site(journal_file.open(create=False), name, new_name, label=label)
    echo(f"renamed to {site.name} ({site.label})")


@sites.command("remove", argument("name"))
def sites_remove(journal_file: JournalFile, name: str) -> None:
    """Remove a body site that has no pain readings (one with readings is kept)."""
    from journal.store.sites import remove_site

    site = remove_site(journal_file.open(create=False), name)
    echo(f"removed {site.name}")


@command(argument("key", required=False), argument("value", required=False))
def settings(journal_file: JournalFile, key: str | None, value: str | None) -> None:
    """Show the settings, or set one: `journal settings week_start sunday`."""
    from journal.store.settings import SETTINGS, get_setting, set_setting

    if key is not None and key not in SETTINGS:
        raise InvalidInput(f"no setting {key!r}; the settings are: {', '.join(SETTINGS)}")
    if value is None:
        journal = journal_file.open(create=False)
        for name in [key] if key else SETTINGS:
            echo(f"{name} = {get_setting(journal, name)}")
        return
    assert key is not None  # KEY is filled before VALUE
    SETTINGS[key][1](value)  # checked before a journal is created
    echo(f"{key} = {set_setting(journal_file.open(), key, value)}")


@command()
def themes(journal_file: JournalFile) -> None:
    """List the themes: the built-in ones and yours, the one in use marked with *.

    journal themes
    journal --theme trailhead       # open the app in one (it is remembered)
    """
    from journal.config.themes import TEXTUAL_THEMES, all_themes, user_themes_dir
    from journal.store.settings import get_setting

    journal = journal_file.existing()
    current = get_setting(journal, "theme") if journal else None
    found, problems = all_themes()
    listed = [(theme.name, theme.dark, str(theme.source)) for theme in found]
    names = {name for name, _, _ in listed}
    listed += [(name, dark, "Textual") for name, dark in TEXTUAL_THEMES.items() if name not in names]
    for name, dark, source in listed:
        mark = "*" if name == current else " "
        echo(f"{mark} {name:<20} {'dark ' if dark else 'light'}  {source}")
    echo(f"Your own themes go in {user_themes_dir()} (one .toml file a theme; see the README).")
    for problem in problems:
        echo(f"skipped {problem}", err=True)


@command(
    option("--weeks", type=Whole(1, 520), default=12, show_default=True, help="How many weeks of days."),
    option("--years", type=Whole(1, 100), help="How many years of days (instead of --weeks)."),
    option("--seed", type=Whole(), default=1, show_default=True, help="The same seed gives the same journal."),
)
def demo(journal_file: JournalFile, weeks: int, years: int | None, seed: int) -> None:
    """Fill an empty journal with a realistic offseason, to try the journal out.

    journal --db /tmp/demo.db demo
    journal --db /tmp/long.db demo --years 10
    """
    from journal.store.demo import fill_demo
    from journal.store.entries import count_entries

    journal = journal_file.open()
    existing = count_entries(journal)
    if existing:
        raise InvalidInput(
            f"{journal.path} already has {existing} logged days; the demo fills only an empty journal"
            " (choose another file with --db)"
        )
    days = round(years * 365.25) if years else weeks * 7
    count, ticks = fill_demo(journal, today(), days, seed=seed)
    echo(f"wrote {count} demo days and {ticks} checklist ticks to {journal.path}")
