"""The command line run in process, for the tests: `run(*ARGS)` gives (exit code, stdout, stderr); `ok` and
`refused` say what a success and a refusal look like."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from journal.cli import main

Result = tuple[int, str, str]


def runner(capsys: pytest.CaptureFixture[str], db_path: Path) -> Callable[..., Result]:
    """`journal ARGS --db <db_path>` in process."""

    def run(*args: str) -> Result:
        with pytest.raises(SystemExit) as exit_info:
            main([*args, "--db", str(db_path)])
        out, err = capsys.readouterr()
        code = exit_info.value.code
        return code if isinstance(code, int) else 0, out, err

    return run


def ok(result: Result) -> str:
    code, out, err = result
    assert (code, err) == (0, ""), err
    return out


def refused(result: Result, message: str) -> None:
    """One line on stderr holding `message`, exit code 2, nothing on stdout."""
    code, out, err = result
    assert code == 2, (out, err)
    assert out == ""
    assert err.startswith("journal: ") and err.count("\n") == 1, err
    assert message in err, err
