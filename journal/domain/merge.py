"""Something edited in a window put onto it as stored meanwhile: a day, a session, field by field.

Each is seen as its fields by key (a field not set is absent). `base` is what the
window opened, `mine` what it holds now, `theirs` what another window or a journal
command saved since. A field only one side changed takes that side's value; a field
both changed, to different values, is a clash: the runner is asked which to keep.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at every command's start
if TYPE_CHECKING:
    from typing import TypeVar

    Key = TypeVar("Key", bound=Hashable)

_ABSENT = object()


def clashes(base: Mapping[Key, object], mine: Mapping[Key, object], theirs: Mapping[Key, object]) -> list[Key]:
    """The fields changed both here and elsewhere since `base`, to different values, in the fields' order."""
    keys = dict.fromkeys([*base, *mine, *theirs])
    return [
        key
        for key in keys
        if mine.get(key) != base.get(key) and theirs.get(key) != base.get(key) and mine.get(key) != theirs.get(key)
    ]


def merged(base: Mapping[Key, object], mine: Mapping[Key, object], theirs: Mapping[Key, object]) -> dict[Key, object]:
    """`theirs` with every field changed here since `base` as it is here (on a clash too: mine is kept)."""
    fields = dict(theirs)
    for key in dict.fromkeys([*base, *mine]):
        value = mine.get(key, _ABSENT)
        if value == base.get(key, _ABSENT):
            continue
        if value is _ABSENT:
            fields.pop(key, None)
        else:
            fields[key] = value
    return fields
