"""How the journal is drawn as text, for the command line and the app's review (no Textual here).

One module a view, each imported only by the command that draws it:

    day.py        a day in a line (`journal add`), a day and a table of days (`journal show`)
    checklist.py  a week of the checklist (`journal checklist`)
    goals.py      the goals board (`journal goal list`) and its progress bars
    sessions.py   a session in a line (`journal session list`, the Today pane) and a week's totals
    review.py     the weekly review as lines, plain text or Markdown (`journal week`, the Week pane)
"""
