"""The errors the journal reports to a person as one clear line."""


class JournalError(Exception):
    """Something the user can fix: bad input or an unusable journal file.

    The message is one line, written for the runner, and is shown as it is: on
    the command line with exit code 2, in the app as a visible notification.
    """


class InvalidInput(JournalError):
    """A value, date or name that the journal does not accept; nothing was changed."""


class JournalFileError(JournalError):
    """A file that is not a journal, or is from a newer version; it was left untouched."""


class ChangedElsewhere(JournalError):
    """A day changed in another window or command after it was opened here; nothing was saved."""


class WeekGoneBy(JournalError):
    """An undo or redo that would change what a week gone by holds as history (a plan's decision); nothing was."""


class BadRows(InvalidInput):
    """Rows an import cannot take: each as 'file line N: reason'; the first 50 are listed in full."""

    LISTED = 50

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        more = f"\n... and {len(problems) - self.LISTED} more" if len(problems) > self.LISTED else ""
        super().__init__("\n".join(problems[: self.LISTED]) + more)


def closest(name: str, known: list[str]) -> str:
    """' (did you mean x?)' for the nearest known name, or '' when none is near."""
    import difflib  # only needed when something was mistyped

    match = difflib.get_close_matches(name, known, n=1, cutoff=0.5)
    return f" (did you mean {match[0]}?)" if match else ""
