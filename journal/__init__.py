"""Offseason: a terminal training journal for a runner's offseason."""

__version__ = "0.1.0"
