"""The desktop application: windows, dialogs, Qt item models and background tasks."""
