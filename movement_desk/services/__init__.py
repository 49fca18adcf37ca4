"""What the application does, with no Qt: validation, saving, import/export, reports' data."""
