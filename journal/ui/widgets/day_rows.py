"""The rows of the day's sheet: day type, sleep, the five wellness items, cramps and a pain row per body site."""

from __future__ import annotations

from functools import partial

from journal.domain.entries import PainKey, Site
from journal.domain.scales import (
    CRAMPS_MAX,
    CRAMPS_MIN,
    DAY_TYPES,
    WELLNESS,
    parse_cramps,
    parse_day_type,
    parse_pain_score,
    parse_sleep_hours,
    parse_wellness,
)
from journal.ui.widgets.score_sheet import GAP, LABEL_WIDTH, Cell, Row

PAIN_COLUMNS = ("", "left", "right")  # no side, then left and right
PAIN_CELL_WIDTH = 3
PAIN_SCALE = "0 none … 10 worst"
CRAMPS_SPARK = (0.0, 5.0)  # a day's cramps drawn from none to 5, more at full height: most days have a few
CRAMP_SITE_WIDTH = 8  # the count, a gap and the site fill the room of the pain row's three cells


def pain_key(site: str, side: str) -> str:
    return f"pain:{site}:{side}"


def split_pain_key(key: str) -> PainKey:
    _, site, side = key.split(":")
    return site, side


def day_rows(sites: list[Site]) -> list[Row]:
    """Every row of a day's sheet, in the order a runner fills them in."""
    rows = [
        Row(
            "Day type",
            [Cell("day_type", parse_day_type, width=8, max_length=8, choices=DAY_TYPES)],
            hint="n normal · r rest/race · i injured · s sick (space cycles)",
            trend="caption",
        ),
        Row(
            "Sleep hours",
            [Cell("sleep_hours", parse_sleep_hours, width=5, max_length=5, characters="0123456789.,")],
            hint="0-24, like 7.5",
            trend="sleep_hours",
        ),
        *(
            Row(
                item.label.capitalize(),
                [Cell(item.field, partial(parse_wellness, item.field), width=5, max_length=1)],
                hint=f"1 {item.low} … 5 {item.high}",
                trend=item.field,
            )
            for item in WELLNESS
        ),
        cramps_row(sites),
        Row("", heading=""),
        Row("", heading=pain_heading()),
    ]
    rows.extend(pain_row(site) for site in sites)
    return rows


def cramps_row(sites: list[Site]) -> Row:
    """The day's cramps: how many, then where, a body site picked by its first letter (space cycles)."""
    return Row(
        "Cramps",
        [
            Cell("cramps", parse_cramps, width=PAIN_CELL_WIDTH, max_length=2),
            Cell("cramp_site", _site_name, width=CRAMP_SITE_WIDTH, choices=("", *(site.name for site in sites))),
        ],
        hint=f"how many ({CRAMPS_MIN}-{CRAMPS_MAX}), then where: a site's first letter, space cycles",
        scale=f"a whole count from {CRAMPS_MIN} to {CRAMPS_MAX}",
        trend="cramps",
    )


def _site_name(text: str) -> str:
    return text  # one of the cell's choices: a site the journal has


def pain_heading() -> str:
    columns = "".join(title.ljust(PAIN_CELL_WIDTH + GAP) for title in ("any", "L", "R"))
    return f"{'Pain 0-10'.ljust(LABEL_WIDTH)}{columns}{PAIN_SCALE}"


def pain_row(site: Site) -> Row:
    """A site's readings: one with no side, then left and right for a sided site."""
    cells = [
        Cell(pain_key(site.name, side), partial(_parse_pain, f"{site.label} {side}".strip()), width=PAIN_CELL_WIDTH)
        for side in (PAIN_COLUMNS if site.sided else ("",))
    ]
    return Row(site.label, cells, scale=PAIN_SCALE, trend=f"pain:{site.name}")


def _parse_pain(where: str, text: str) -> int:
    return parse_pain_score(text, where=f"pain at {where}")
