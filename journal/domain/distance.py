"""Distances: kept in kilometres, shown and typed in the runner's unit (the `distance_unit` setting, km or mi).

The journal stores every distance in km, to the metre (three decimals), whatever the
runner types: an export, an import and every sum stay in km. Miles are typed and shown
to two decimals (16 m), so a distance typed in miles shows back as typed: 5 mi is
stored as 8.047 km and shown as 5 mi again, never 4.99.
"""

from __future__ import annotations

import re

from journal.errors import InvalidInput

KM_PER_MILE = 1.609344  # the international mile
DISTANCE_UNITS = ("km", "mi")
MILE_DECIMALS = 2  # miles typed and shown: 0.01 mi is 16 m, the stored metre rounds back to it
KM_MAX = 1000.0

_KM = r"[0-9]{1,4}(?:[.,][0-9]{1,3})?"
_MILES = r"[0-9]{1,3}(?:[.,][0-9]{1,2})?"  # compiled (and cached by `re`) when first used
_UNIT_WORDS = {
    "km": "km",
    "kms": "km",
    "kilometre": "km",
    "kilometres": "km",
    "kilometer": "km",
    "kilometers": "km",
    "mi": "mi",
    "mile": "mi",
    "miles": "mi",
}


def parse_km(text: str | float) -> float:
    """Kilometres, 0-1000, up to three decimals (a comma works as the point)."""
    raw = str(text).strip()
    if not re.fullmatch(_KM, raw):
        raise InvalidInput(f"distance is kilometres like 8 or 8.5, got {raw!r}")
    km = float(raw.replace(",", "."))
    if not 0 <= km <= KM_MAX:
        raise InvalidInput(f"distance is 0-{KM_MAX:g} km, got {raw!r}")
    return km


def parse_distance_unit(text: str) -> str:
    """The `distance_unit` setting: km or mi (miles, kilometres and their like are taken too)."""
    unit = _UNIT_WORDS.get(text.strip().lower())
    if unit is None:
        raise InvalidInput(f"distance_unit is km or mi, got {text.strip()!r}")
    return unit


def unit_label(unit: str) -> str:
    """A distance's heading in the runner's unit: 'Km' or 'Miles'."""
    return "Miles" if unit == "mi" else "Km"


def in_unit(km: float, unit: str) -> float:
    """Kilometres as a figure in `unit`, unrounded (for sums and sparklines)."""
    return km / KM_PER_MILE if unit == "mi" else km


def _trimmed(figure: str) -> str:
    return figure.rstrip("0").rstrip(".") if "." in figure else figure


def distance_figure(km: float, unit: str) -> str:
    """A distance as a number in `unit`, as it would be typed: km to the metre (8.5, 8.047), miles to two
    decimals (5, 6.21); no trailing zeros."""
    if unit == "mi":
        return _trimmed(f"{km / KM_PER_MILE:.{MILE_DECIMALS}f}")
    return _trimmed(f"{km:.3f}")


def distance_text(km: float, unit: str) -> str:
    """'8.5 km' or '5.28 mi'."""
    return f"{distance_figure(km, unit)} {unit}"


def parse_miles(text: str) -> float:
    """Miles, up to two decimals (a comma works as the point), as the kilometres kept: rounded to the metre,
    which shows back as the miles typed."""
    raw = str(text).strip()
    if not re.fullmatch(_MILES, raw):
        raise InvalidInput(f"distance is miles like 5 or 3.25 (two decimals at most), got {raw!r}")
    km = round(float(raw.replace(",", ".")) * KM_PER_MILE, 3)
    if km > KM_MAX:
        raise InvalidInput(f"distance is 0-{distance_figure(KM_MAX, 'mi')} mi, got {raw!r}")
    return km


def parse_distance(text: str, unit: str) -> float:
    """A distance typed in `unit`, as the kilometres kept."""
    return parse_miles(text) if unit == "mi" else parse_km(text)
