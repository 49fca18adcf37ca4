"""Certificates: what to print and the print register (``printing``), certificates saved to a
file (``files``), recognition certificates of the ratings (``recognition``)."""
