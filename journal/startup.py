"""Starting the journal with Python's cyclic garbage collector held off.

Starting makes tens of thousands of objects that live as long as the process
(modules, classes, the app's widgets and styles), and the collector would walk
them all several times while they are made, finding nothing to free. The
installed command holds it off (`hold_collector`) until the command runs, or
until the app has drawn its first frame (`release_collector`); then the objects
made so far are set aside for good (gc.freeze), so that later collections, in a
pane switch say, no longer walk them either. Once the hidden panes are built, in the
first idle seconds, their widgets are set aside likewise (`set_aside`): otherwise each
full collection walks them all again, a pause of tens of milliseconds in a pane switch.
"""

from __future__ import annotations

import gc

_held = False
_frozen = False  # what existed at the first frame was set aside


def hold_collector() -> None:
    global _held
    if gc.isenabled():
        gc.disable()
        _held = True


def release_collector() -> None:
    """Start the collector again, with what exists now set aside; nothing when it was not held here."""
    global _held, _frozen
    if _held:
        _held = False
        _frozen = True
        gc.freeze()
        gc.enable()


def set_aside() -> None:
    """Set aside what exists now (the app's panes, built), as `release_collector` did; nothing when it did not."""
    if _frozen:
        gc.freeze()
