"""PDF renderers: a plain dataclass in, PDF bytes out (no Qt, no database)."""

from reportlab import rl_config

# ReportLab checks every attribute set on a drawing's shapes (the report's charts) against its
# declared type, a developer's aid (``shapeChecking``, read when reportlab.graphics loads) that
# costs 5 ms of each report for shapes whose values are ours; the pages are the same without.
rl_config.shapeChecking = 0
