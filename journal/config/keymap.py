"""The runner's own keys: a TOML file of binding id = "key", read when the app starts.

    # ~/.config/offseason/keys.toml
    "today.save" = "ctrl+w"
    "checklist.add_item" = "plus"

Every binding of the app has an id (the help screen, f1, lists them). An entry
with an unknown id or a key that cannot be one is named and skipped; the others
apply. Nothing here imports Textual.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Callable
from pathlib import Path

from journal.files import NotAFile, TooLarge, read_text

# One key or several, comma-separated: "ctrl+w", "f5", "shift+left", "plus,equals_sign".
_KEYS = re.compile(r"[a-z0-9_]+(\+[a-z0-9_]+)*(,[a-z0-9_]+(\+[a-z0-9_]+)*)*")
KEYS_FILE_LIMIT = 64 * 1024  # a keymap is a few lines: anything far larger is not one


def keys_file() -> Path:
    from platformdirs import user_config_path

    from journal.config import APP_NAME

    return user_config_path(APP_NAME, appauthor=False) / "keys.toml"


def read_keymap(known: Callable[[], set[str]], path: Path | None = None) -> tuple[dict[str, str], list[str]]:
    """The keymap in the file (empty when there is none), and a line for each entry skipped; `known` gives
    every binding id, asked for only when there is a file to check."""
    path = path or keys_file()
    if not os.path.lexists(path):
        return {}, []
    try:
        data = tomllib.loads(read_text(path, limit=KEYS_FILE_LIMIT))
    except (NotAFile, TooLarge) as error:
        return {}, [f"{error}; the usual keys apply"]
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as error:
        return {}, [f"{path}: not read ({error}); the usual keys apply"]
    keymap, problems = {}, []
    ids = known()
    for binding_id, keys in data.items():
        if binding_id not in ids:
            problems.append(f"{path}: no binding {binding_id!r} (f1 lists them)")
        elif not isinstance(keys, str) or not _KEYS.fullmatch(keys.strip().lower()):
            problems.append(f'{path}: {binding_id} = {keys!r} is not a key like "ctrl+w"')
        else:
            keymap[binding_id] = keys.strip().lower()
    return keymap, problems
