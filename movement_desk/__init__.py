"""movement_desk: records of the "Toàn dân bảo vệ an ninh Tổ quốc" movement, offline."""

import gc as _gc
import sys as _sys

__version__ = "0.1.0"
# The technical name: data folder, settings file, log file. Never changes, or users lose data.
APP_NAME = "movement_desk"
# What the user sees in window titles, the Start menu and the About dialog.
APP_DISPLAY_NAME = "Phong trào Toàn dân bảo vệ ANTQ"
APP_FULL_NAME = "Phong trào Toàn dân bảo vệ an ninh Tổ quốc"
# Qt settings (window sizes, last folders, language) are kept under this organisation.
ORGANIZATION_NAME = "TDBVANTQ"
# The desktop entry's name (movement-desk.desktop) and the executable's.
APP_ID = "movement-desk"

# Started as the program (``movement-desk``, ``python -m movement_desk.cli``), the collector
# waits until start-up is done (``startup_done``): collecting, over and over, the many objects
# that importing the program makes cost the window's start a tenth of a second and more.
# Imported by anything else (tests, a script), nothing changes.
_STARTED_WITHOUT_GC = bool(_sys.argv) and (
    _sys.argv[0] == "-m"
    or _sys.argv[0].replace("\\", "/").rsplit("/", 1)[-1].startswith("movement-desk")
)
if _STARTED_WITHOUT_GC:
    _gc.disable()
# The same test, kept: ``cli.main`` ends such a process without the interpreter's teardown.
STARTED_AS_PROGRAM = _STARTED_WITHOUT_GC

# Objects made before the collector's youngest generation is collected, once it runs again: 700
# by default, where a command's rows and pages make short-lived containers by the hundred
# thousand (a report: 80 collections, ~25 ms; this way 15, ~5 ms). Memory is still freed by
# reference counting as it goes; only cycles wait a little longer.
YOUNG_COLLECTION_THRESHOLD = 5000


def startup_done() -> None:
    """Start-up is over: what it made (modules, classes, the window) is set aside for good
    (``gc.freeze``, so later collections and the exit do not walk it again) and the collector
    runs again, less often (``YOUNG_COLLECTION_THRESHOLD``). Does nothing unless the program
    started without it."""
    global _STARTED_WITHOUT_GC
    if _STARTED_WITHOUT_GC:
        _STARTED_WITHOUT_GC = False
        _gc.freeze()
        _gc.set_threshold(YOUNG_COLLECTION_THRESHOLD, *_gc.get_threshold()[1:])
        _gc.enable()


class LoadedOnceWithin:
    """A finder, put first in ``sys.meta_path``, that is asked for module ``name`` once and
    has it execute inside ``within()`` (a context manager made for that one load): how a
    library is loaded with something of its start-up left out. ``skip()`` true when it is
    asked: loaded as usual. Left in place afterwards (another thread may be walking the
    finders), it then answers nothing."""

    def __init__(self, name: str, within, skip=lambda: False):
        self.name, self.within, self.skip = name, within, skip
        self.asked = False

    def find_spec(self, name, path=None, target=None):
        if name != self.name or self.asked:
            return None
        self.asked = True
        if self.skip():
            return None
        from importlib.machinery import PathFinder

        spec = PathFinder.find_spec(name, path)
        if spec is None or spec.loader is None or not hasattr(spec.loader, "exec_module"):
            return None
        load = spec.loader.exec_module

        def load_within(module):
            with self.within():
                load(module)

        spec.loader.exec_module = load_within
        return spec


class _WithoutPostgresDriver:
    """peewee imports the PostgreSQL driver as it loads (psycopg2, and ssl with it: ~12 ms of
    every command and of the window's start), though a server database is opened rarely: it
    loads as if psycopg2 were not installed, and ``db.postgres.ServerDatabase`` hands peewee
    the driver when a server database is made. Nothing changes when psycopg2 is loaded."""

    def __enter__(self):
        _sys.modules["psycopg2"] = None  # "import psycopg2" fails, as when not installed

    def __exit__(self, *exc):
        if _sys.modules.get("psycopg2", 0) is None:
            del _sys.modules["psycopg2"]


_PEEWEE_WITHOUT_DRIVER = LoadedOnceWithin(
    "peewee", _WithoutPostgresDriver, skip=lambda: "psycopg2" in _sys.modules
)
if "peewee" not in _sys.modules:
    _sys.meta_path.insert(0, _PEEWEE_WITHOUT_DRIVER)
