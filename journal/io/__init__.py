"""Data in and out of the journal: CSV."""
