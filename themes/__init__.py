"""The built-in themes: installed as the package journal.themes (see pyproject.toml)."""
