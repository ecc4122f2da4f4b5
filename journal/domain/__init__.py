"""The journal's rules: scales, validation and the daily entry, with no I/O and no UI."""
