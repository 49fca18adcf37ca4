"""Installed as the package ``movement_desk.resources`` (see setup.py): fonts, data, i18n, icons, guide.

This folder stays the one source of the program's resources; ``movement_desk.paths`` reads it
through ``importlib.resources`` so a wheel, an editable install and the desktop bundle all work.
"""
