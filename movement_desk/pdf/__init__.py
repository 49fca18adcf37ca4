"""PDF renderers: a plain dataclass in, PDF bytes out (no Qt, no database)."""
