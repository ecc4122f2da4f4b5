"""Offseason: a terminal training journal for a runner's offseason.

The version is the installed package's (pyproject.toml): `journal --version`.
"""
