"""What the application does, with no Qt: ``core/`` (who acts, rights, audit, settings, the
unit tree, periods, tables) under the feature packages ``records/``, ``certificates/``,
``admin/`` and the report and package modules. See docs/architecture.md."""
