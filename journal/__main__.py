"""`python -m journal` runs the same command line as `journal`."""

from journal.cli import main

main()
