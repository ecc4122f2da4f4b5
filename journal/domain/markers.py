"""Markers that stand for "no value given", typed so a checker tells them from every real value.

Each is the one member of its own enum (the sentinel idiom of PEP 484): a
parameter typed `X | Literal[Keep.KEEP]` can only be given the marker on purpose,
and `if value is Keep.KEEP` narrows it to `X` on the other branch.
"""

from __future__ import annotations

import enum


class Keep(enum.Enum):
    """An edit's value for a field it leaves as it is (where None already means "clear it")."""

    KEEP = "keep"
