"""The services' core: who acts, errors, validation, settings, audit, permissions, the unit tree
and scope, period-lock queries, periods, filters, search and tables. Imports only ``db`` and
itself (checked by tests/test_architecture.py)."""
