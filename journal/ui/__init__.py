"""The full-screen journal (Textual). Only `journal` with no command imports this."""
