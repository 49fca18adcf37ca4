"""Administration: accounts and passwords, period locks, backup/restore/check (``maintenance``),
opening a database ready for use (``bootstrap``), About, demo data."""
