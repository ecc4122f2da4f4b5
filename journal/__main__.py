"""`journal` (the installed command) and `python -m journal`: the command line, started quickly."""


def main() -> None:
    from journal.startup import hold_collector

    hold_collector()  # until the command runs, or the app's first frame (journal.startup)
    from journal.cli import main as command_line

    command_line()


if __name__ == "__main__":
    main()
