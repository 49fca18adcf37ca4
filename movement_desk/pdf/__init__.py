"""PDF renderers: a plain dataclass in, PDF bytes out (no Qt, no database)."""

import contextlib
import re
import sys

from reportlab import rl_config

from movement_desk import LoadedOnceWithin

# ReportLab checks every attribute set on a drawing's shapes (the report's charts) against its
# declared type, a developer's aid (``shapeChecking``, read when reportlab.graphics loads) that
# costs 5 ms of each report for shapes whose values are ours; the pages are the same without.
rl_config.shapeChecking = 0

# ReportLab compiles, as it loads, three patterns that cost ~40 ms together, a tenth of a
# report's processor time, and serve nothing these documents do: paragraph.py's pattern of web
# addresses (``uri_pat``, case-insensitive over \xa1-\uffff: ~35 ms; used only to hyphenate an
# address that overflows a line, with ``uriWasteReduce`` and ``hyphenationLang``, never set
# here), textsplit.py's CJK character class (used by ``cjkwrap`` alone) and PyFontify's Python
# syntax pattern (code listings). They are compiled when first used instead: ``platypus``
# loads with those patterns left for later (``_patterns_later``).
URI_PATTERN_START = "(^(?:[a-z0-9\\.\\-\\+]*)://)"
LATER_PREFIXES = (
    URI_PATTERN_START,
    "([\u2e80-\uffff])",
    "#[^\\n]*|(^|[^a-zA-Z0-9_.\\\"'])(as|assert|",
)


class LazyPattern:
    """A compiled pattern made on first use; every attribute is the compiled pattern's."""

    def __init__(self, pattern: str, flags: int) -> None:
        self._source = (pattern, flags)
        self._compiled: re.Pattern | None = None

    def __getattr__(self, name: str):
        if self._compiled is None:
            self._compiled = re.compile(*self._source)
        return getattr(self._compiled, name)


@contextlib.contextmanager
def _patterns_later():
    """While ``reportlab.platypus`` loads: ``LATER_PREFIXES``' patterns made ``LazyPattern``;
    ``re.compile`` is itself again once it has loaded."""
    compile_now = re.compile

    def compile_later(pattern, flags=0):
        if isinstance(pattern, str) and pattern.startswith(LATER_PREFIXES):
            return LazyPattern(pattern, flags)
        return compile_now(pattern, flags)

    re.compile = compile_later
    try:
        yield
    finally:
        re.compile = compile_now


# Asked first for ``reportlab.platypus`` (once, when a renderer that uses it loads: not for
# the modules here that need none of ReportLab).
if "reportlab.platypus" not in sys.modules:
    sys.meta_path.insert(0, LoadedOnceWithin("reportlab.platypus", _patterns_later))
