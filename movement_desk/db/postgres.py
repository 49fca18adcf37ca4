"""The server mode (issue 17): a PostgreSQL database behind the same ``db`` proxy.

``--db postgresql://user@host:port/dbname`` (or ``$MOVEMENT_DESK_DB``) opens a PostgreSQL 15+
database through peewee with the optional driver (``pip install movement-desk[server]``:
psycopg2-binary, or psycopg 3). Everything that differs from SQLite lives here, so services,
reports and migrations are written once:

- Statements written for SQLite are translated on their way to the server: ``?`` parameters,
  ``INSERT OR IGNORE``, ``PRAGMA user_version``/``application_id``/``table_info`` (kept in the
  table ``md_schema``/``information_schema``), ``INTEGER`` (64-bit, as SQLite's), text compared
  byte for byte (``COLLATE "C"``: the stored Vietnamese sort keys give the same order as on
  SQLite), the triggers (change marker, audit guards) as plpgsql.
- The FTS5 trigram tables become pg_trgm indexes over the same stored, folded search keys;
  the search uses ``LIKE`` on the key (see ``services.search``), which those indexes serve.
- Dates and timestamps are stored as the same ISO text as on SQLite (the columns are TEXT on
  both), booleans as 0/1.
- ``atomic("IMMEDIATE")`` (SQLite: take the write lock now) takes a transaction-level advisory
  lock, so the writers that asked for it queue the same way.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from urllib.parse import urlsplit, urlunsplit

import peewee
from peewee import PostgresqlDatabase

from movement_desk import vietnamese
from movement_desk.db import migrations
from movement_desk.db.errors import DatabaseOpenError, ForeignDatabaseError
from movement_desk.db.migrations import APPLICATION_ID

SERVER_SCHEMES = ("postgresql://", "postgres://")
# pg_advisory_xact_lock key of "write lock" transactions ("MVDK").
WRITE_LOCK_KEY = 0x4D56444B
SCHEMA_TABLE = "md_schema"

DRIVER_MISSING = (
    "Chưa cài trình kết nối PostgreSQL. Hãy cài: pip install 'movement-desk[server]' "
    "(gói psycopg2-binary), rồi thử lại."
)


def is_server_url(value: object) -> bool:
    return isinstance(value, str) and value.strip().lower().startswith(SERVER_SCHEMES)


def display_url(url: str) -> str:
    """The URL without its password, for messages and logs."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)
    user = parts.username or ""
    return urlunsplit(parts._replace(netloc=f"{user}:***@{netloc[-1]}"))


def server_location(url: str) -> str:
    """``host:port/dbname``: the same database whoever connects (installation identity)."""
    parts = urlsplit(url)
    return f"{parts.hostname or 'localhost'}:{parts.port or 5432}{parts.path or '/'}"


def is_server(database: object) -> bool:
    """Whether ``database`` (a peewee database or the ``db`` proxy) is a server database."""
    obj = getattr(database, "obj", database)
    return isinstance(obj, PostgresqlDatabase)


# -- values -----------------------------------------------------------------------------------
_adapters_done = False


def _register_adapters() -> None:
    """Dates as ISO text and booleans as 0/1, exactly as SQLite stores them (TEXT/INTEGER
    columns on both backends)."""
    global _adapters_done
    if _adapters_done:
        return
    try:
        import psycopg2.extensions as ext
    except ImportError:  # pragma: no cover - psycopg 3
        _register_adapters_psycopg3()
        _adapters_done = True
        return
    ext.register_adapter(datetime, lambda value: ext.QuotedString(str(value)))
    ext.register_adapter(date, lambda value: ext.QuotedString(value.isoformat()))
    ext.register_adapter(bool, lambda value: ext.AsIs("1" if value else "0"))
    _adapters_done = True


def _register_adapters_psycopg3() -> None:  # pragma: no cover - psycopg2 is the tested driver
    import psycopg
    from psycopg.adapt import Dumper

    class _TextDumper(Dumper):
        oid = 0  # unknown: the server casts the text to the column's type

        def dump(self, obj):
            return (str(obj) if isinstance(obj, datetime) else obj.isoformat()).encode()

    class _BoolDumper(Dumper):
        oid = 20

        def dump(self, obj):
            return b"1" if obj else b"0"

    psycopg.adapters.register_dumper(datetime, _TextDumper)
    psycopg.adapters.register_dumper(date, _TextDumper)
    psycopg.adapters.register_dumper(bool, _BoolDumper)


# -- statements -------------------------------------------------------------------------------
_QUOTED_OR_MARK = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|\?|%")
_TRIGGER = re.compile(
    r"CREATE\s+TRIGGER\s+IF\s+NOT\s+EXISTS\s+(\w+)\s+(BEFORE|AFTER)\s+(INSERT|UPDATE|DELETE)"
    r"(?:\s+OF\s+[\w\s,]+?)?\s+ON\s+(\w+)(?:\s+WHEN\s+(.*?))?\s+BEGIN\s+(.*?)\s*END\s*$",
    re.IGNORECASE | re.DOTALL,
)
_RAISE = re.compile(r"RAISE\s*\(\s*ABORT\s*,\s*'((?:[^']|'')*)'\s*\)", re.IGNORECASE)
_PRAGMA = re.compile(r"^\s*PRAGMA\s+(\w+)\s*(?:=\s*(-?\w+)|\((\w+)\))?\s*;?\s*$", re.IGNORECASE)
_FTS_TABLE = re.compile(
    r"CREATE\s+VIRTUAL\s+TABLE\s+IF\s+NOT\s+EXISTS\s+(\w+)_fts\s+USING\s+fts5", re.IGNORECASE
)
_CROSS_JOIN_ON = re.compile(r"\bCROSS\s+JOIN\s+(\w+(?:\s+(?!ON\b)\w+)?)\s+ON\b", re.I)
_BUMP = (
    "UPDATE data_change SET writes = writes + 1, "
    "mark = (random() * 9007199254740991)::bigint WHERE id = 1"
)


def _placeholders(sql: str) -> str:
    """``?`` parameters as ``%s`` outside quoted text, and every literal ``%`` doubled, inside
    quoted text too: the driver formats the whole statement (``'5%'`` would be read as a
    parameter)."""

    def swap(match: re.Match) -> str:
        text = match.group(0)
        if text == "?":
            return "%s"
        if text == "%":
            return "%%"
        return text.replace("%", "%%")

    return _QUOTED_OR_MARK.sub(swap, sql)


def _column_types(sql: str) -> str:
    """SQLite column declarations as PostgreSQL's: 64-bit integers, byte-order text."""
    sql = re.sub(r"\bINTEGER\s+PRIMARY\s+KEY\b", "BIGSERIAL PRIMARY KEY", sql, flags=re.I)
    sql = re.sub(r"\bINTEGER\b", "BIGINT", sql, flags=re.I)
    # The type after a column's name (a column may itself be called "text").
    sql = re.sub(r"(?<=\w)(\s+)TEXT\b(?!\s+COLLATE)", r'\1TEXT COLLATE "C"', sql, flags=re.I)
    return re.sub(r"\)\s*WITHOUT\s+ROWID\s*$", ")", sql, flags=re.I)


def _trigger_statements(match: re.Match) -> list[str]:
    name, timing, event, table, when, body = match.groups()
    raised = _RAISE.search(body)
    if raised:
        message = raised.group(1)
        function = f"md_{name}"
        return [
            f"""CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION '{message}' USING ERRCODE = 'integrity_constraint_violation'; END $$""",
            f"CREATE OR REPLACE TRIGGER {name} {timing} {event} ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {function}()",
        ]
    if "data_change" in body:
        condition = ""
        if when:
            pg_when = re.sub(r"\bIS\s+NOT\s+(?=new\.)", "IS DISTINCT FROM ", when, flags=re.I)
            condition = f" WHEN ({pg_when})"
        # Deferred to the commit, once per transaction (md_bump_change): the marker's one row
        # is locked only while a transaction commits, so a long import does not hold up the
        # others' saves (issue 17: "a package import runs while others keep entering data").
        return [
            f"DROP TRIGGER IF EXISTS {name} ON {table}",
            f"CREATE CONSTRAINT TRIGGER {name} {timing} {event} ON {table} "
            f"DEFERRABLE INITIALLY DEFERRED FOR EACH ROW{condition} "
            "EXECUTE FUNCTION md_bump_change()",
        ]
    raise NotImplementedError(f"trigger {name}: no PostgreSQL translation")


_TEMP_TABLE = re.compile(r"CREATE\s+TEMP(ORARY)?\s+TABLE\b", re.I)
# SQLite's schema of a connection's temporary tables ("temp.x"), PostgreSQL's "pg_temp".
_TEMP_SCHEMA = re.compile(r"\btemp\.(?=[\"\w])")


def translate(sql: str) -> list[str] | None:
    """The PostgreSQL statements for one statement written for SQLite; None when only the
    parameters need translating (``_placeholders``)."""
    text = sql.strip()
    head = text[:40].upper()
    if head.startswith("CREATE TRIGGER"):
        if re.search(r"_fts_(insert|update|delete)\b", text):
            return []  # the trigram index of PostgreSQL follows the column by itself
        match = _TRIGGER.match(text)
        if match is None:
            raise NotImplementedError(f"trigger not understood for PostgreSQL: {text[:80]}")
        return _trigger_statements(match)
    if head.startswith("CREATE VIRTUAL TABLE"):
        fts = _FTS_TABLE.match(text)
        if fts:
            table = fts.group(1)
            return [
                f"CREATE INDEX IF NOT EXISTS {table}_search_trgm ON {table} "
                "USING gin (search_key gin_trgm_ops)"
            ]
        raise NotImplementedError(f"virtual table not supported on PostgreSQL: {text[:80]}")
    if re.search(r"\w_fts(_insert|_update|_delete)?\b", text):
        return []  # rebuilding or dropping pieces of an FTS index: nothing on the server
    if head.startswith(("CREATE TABLE", "ALTER TABLE")) or _TEMP_TABLE.match(text):
        return [_column_types(text)]
    if re.match(r"INSERT\s+OR\s+IGNORE\s+INTO", text, re.I):
        rest = re.sub(r"^INSERT\s+OR\s+IGNORE\s+INTO", "INSERT INTO", text, flags=re.I)
        return [rest.rstrip("; \n") + " ON CONFLICT DO NOTHING"]
    return None


def _pragma(sql: str) -> tuple[str, tuple] | None:
    match = _PRAGMA.match(sql)
    if match is None:
        return None
    name, value, argument = match.group(1).lower(), match.group(2), match.group(3)
    if name in ("user_version", "application_id"):
        if value is None:
            return (
                f"SELECT coalesce((SELECT value FROM {SCHEMA_TABLE} WHERE key = %s), 0)",
                (name,),
            )
        return (
            f"INSERT INTO {SCHEMA_TABLE} (key, value) VALUES (%s, %s) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (name, int(value)),
        )
    if name == "table_info" and argument:
        return (
            "SELECT ordinal_position - 1, column_name, data_type, "
            "CASE WHEN is_nullable = 'NO' THEN 1 ELSE 0 END, column_default, 0 "
            "FROM information_schema.columns WHERE table_schema = current_schema() "
            "AND table_name = %s ORDER BY ordinal_position",
            (argument,),
        )
    if name in ("quick_check", "integrity_check"):
        return ("SELECT 'ok'", ())
    if name == "foreign_key_check":
        return ("SELECT 1 WHERE false", ())
    # Connection settings of SQLite (busy_timeout, foreign_keys, cache_size …): none here.
    return ("SELECT 0", ())


class _Cursor:
    """A driver cursor that accepts the statements written for SQLite."""

    def __init__(self, cursor, database: ServerDatabase):
        self._cursor = cursor
        self._database = database

    def execute(self, sql, params=None):
        statements, params = self._database.translate_statement(sql, params)
        for statement in statements:
            self._cursor.execute(statement, params)
        return self

    def fetchone(self):
        return self._cursor.fetchone() if self._cursor.description else None

    def fetchall(self):
        return self._cursor.fetchall() if self._cursor.description else []

    def executemany(self, sql, rows):
        statements, _ = self._database.translate_statement(sql, ())
        rows = list(rows)
        # psycopg2's executemany is one round trip per row: pages of 200 rows each (a package
        # import, a bulk import) cut the waiting on the network. psycopg 3 pipelines its own.
        batch = None
        if type(self._cursor).__module__.startswith("psycopg2"):
            from psycopg2.extras import execute_batch as batch
        for statement in statements:
            if rows and batch is not None:
                batch(self._cursor, statement, rows, page_size=200)
            elif rows:
                self._cursor.executemany(statement, rows)
        return self

    def __iter__(self):
        return iter(self._cursor)

    def __getattr__(self, name):
        return getattr(self._cursor, name)


def give_peewee_its_driver() -> None:
    """psycopg2 set where peewee looks for it, as peewee's own import would have set it: the
    package loads peewee without it (``movement_desk._WithoutPostgresDriver``), to keep it out of
    every command's start-up. Nothing to do when peewee has it, or without psycopg2 (psycopg 3
    is found by peewee on its own)."""
    if peewee.psycopg2 is not None:
        return
    try:
        import psycopg2
        from psycopg2 import extensions
        from psycopg2.extras import Json, register_uuid
    except ImportError:
        return
    register_uuid()
    peewee.pg_extensions = extensions
    peewee.pg_register_uuid = register_uuid
    peewee.Json_pg2 = Json
    adapter = peewee.Psycopg2Adapter
    adapter.txn_idle = extensions.TRANSACTION_STATUS_IDLE
    adapter.txn_inerror = extensions.TRANSACTION_STATUS_INERROR
    adapter.txn_unknown = extensions.TRANSACTION_STATUS_UNKNOWN
    peewee.psycopg2 = psycopg2


class ServerDatabase(PostgresqlDatabase):
    """PostgreSQL with the translation of SQLite statements (see the module's notes)."""

    def __init__(self, *args, **kwargs) -> None:
        give_peewee_its_driver()  # before peewee picks its driver's adapter
        super().__init__(*args, **kwargs)

    def translate_statement(self, sql: str, params) -> tuple[list[str], tuple | list | None]:
        pragma = _pragma(sql)
        if pragma is not None:
            return [pragma[0]], pragma[1]
        translated = translate(sql)
        statements = [sql] if translated is None else translated
        if "GROUP BY NULL" in sql:  # one group (and none without rows), as on SQLite
            statements = [s.replace("GROUP BY NULL", "GROUP BY NULL::text") for s in statements]
        if "temp." in sql:
            statements = [_TEMP_SCHEMA.sub("pg_temp.", s) for s in statements]
        if "CROSS JOIN" in sql:  # SQLite's join-order hint "CROSS JOIN … ON": a plain join
            statements = [_CROSS_JOIN_ON.sub(r"JOIN \1 ON", s) for s in statements]
        if "?" in sql:
            statements = [_placeholders(statement) for statement in statements]
            if params is None:
                params = ()  # the driver formats (and un-doubles each %) only with parameters
        elif not params:
            params = None  # a literal % stays as written
        return statements, params

    def cursor(self, named_cursor=None):
        return _Cursor(super().cursor(named_cursor), self)

    def begin(self, isolation_level=None):
        # SQLite's lock types: IMMEDIATE and EXCLUSIVE take the write lock now.
        lock = isinstance(isolation_level, str) and isolation_level.upper() in (
            "IMMEDIATE",
            "EXCLUSIVE",
        )
        if isinstance(isolation_level, str) and isolation_level.upper() in (
            "IMMEDIATE",
            "EXCLUSIVE",
            "DEFERRED",
        ):
            isolation_level = None
        super().begin(isolation_level)
        if lock:
            super().execute_sql("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK_KEY,))

    def register_function(self, *args, **kwargs):  # SQLite only; the server has its own
        return None


def build_server_database(url: str) -> ServerDatabase:
    """A configured but unopened server database for ``url``."""
    try:
        import psycopg2  # noqa: F401
    except ImportError:
        try:
            import psycopg  # noqa: F401
        except ImportError as exc:
            raise DatabaseOpenError(DRIVER_MISSING) from exc
    _register_adapters()
    url = url.strip()
    if url.lower().startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    return ServerDatabase(url, application_name="movement_desk")


# -- search ---------------------------------------------------------------------------------------
def like_pattern(text: str) -> str:
    """``%text%`` with LIKE's own characters escaped (backslash is PostgreSQL's escape)."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def key_contains(column, text: str):
    """The condition "``column`` holds ``text``" as LIKE, which the pg_trgm index serves."""
    return peewee.Expression(column, "LIKE", like_pattern(text))


def count_key_matches(database, table: str, text: str, at_most: int) -> int:
    """How many rows of ``table`` have ``text`` in their search key, counting up to ``at_most``."""
    return database.execute_sql(
        f"SELECT count(*) FROM (SELECT 1 FROM {table} WHERE search_key LIKE %s "
        f"LIMIT {int(at_most)}) AS hits",
        (like_pattern(text),),
    ).fetchone()[0]


# -- what the schema needs besides the tables ----------------------------------------------------
def _fold_map() -> tuple[str, str]:
    """The letters ``vietnamese.fold`` turns into another single letter: the arguments of
    ``translate()``, so the server folds like the program (upper and lower case, since
    ``lower()`` under the "C" collation only lowers ASCII)."""
    source, target = [], []
    for code in list(range(0xC0, 0x250)) + list(range(0x1E00, 0x1F00)):
        char = chr(code)
        folded = vietnamese.fold(char)
        if len(folded) == 1 and folded != char and folded.isascii():
            source.append(char)
            target.append(folded)
    return "".join(source), "".join(target)


def support_statements() -> list[str]:
    """Functions and extension the translated schema uses; safe to run again."""
    source, target = _fold_map()
    return [
        "CREATE EXTENSION IF NOT EXISTS pg_trgm",
        f"""CREATE TABLE IF NOT EXISTS {SCHEMA_TABLE} (
            key TEXT COLLATE "C" PRIMARY KEY, value BIGINT NOT NULL)""",
        """CREATE OR REPLACE FUNCTION instr(text, text) RETURNS integer
            LANGUAGE sql IMMUTABLE PARALLEL SAFE AS 'SELECT strpos($1, $2)'""",
        """CREATE OR REPLACE FUNCTION md_total_add(double precision, bigint)
            RETURNS double precision LANGUAGE sql IMMUTABLE AS
            'SELECT $1 + coalesce($2, 0)'""",
        """DO $$ BEGIN
            IF to_regprocedure('total(bigint)') IS NULL THEN
                CREATE AGGREGATE total(bigint) (
                    sfunc = md_total_add, stype = double precision, initcond = '0');
            END IF;
        END $$""",
        # SQLite counts a comparison as 0/1: SUM(result = 'dat').
        """CREATE OR REPLACE FUNCTION md_sum_bool(bigint, boolean) RETURNS bigint
            LANGUAGE sql IMMUTABLE AS 'SELECT $1 + CASE WHEN $2 THEN 1 ELSE 0 END'""",
        """DO $$ BEGIN
            IF to_regprocedure('sum(boolean)') IS NULL THEN
                CREATE AGGREGATE sum(boolean) (
                    sfunc = md_sum_bool, stype = bigint, initcond = '0');
            END IF;
        END $$""",
        f"""CREATE OR REPLACE FUNCTION vn_fold(text) RETURNS text
            LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
            SELECT btrim(regexp_replace(lower(translate(coalesce($1, ''), '{source}', '{target}')),
                                        '\\s+', ' ', 'g')) $$""",
        """CREATE OR REPLACE FUNCTION vn_search_key(VARIADIC text[]) RETURNS text
            LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
            SELECT '|' || string_agg(
                ' ' || btrim(regexp_replace(vn_fold(part), '[^0-9a-z]+', ' ', 'g')) || ' ',
                '|' ORDER BY n) || '|'
            FROM unnest($1) WITH ORDINALITY AS t(part, n) $$""",
        # The catalogue as SQLite names it ("is there a table x_fts?"): tables, indexes, triggers.
        """CREATE OR REPLACE VIEW sqlite_master AS
            SELECT 'table'::text AS type, tablename::text AS name, tablename::text AS tbl_name,
                   NULL::text AS sql
            FROM pg_catalog.pg_tables WHERE schemaname = current_schema()
            UNION ALL
            SELECT 'index', indexname::text, tablename::text, indexdef
            FROM pg_catalog.pg_indexes WHERE schemaname = current_schema()
            UNION ALL
            SELECT 'trigger', t.tgname::text, c.relname::text, NULL
            FROM pg_catalog.pg_trigger t JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid
            WHERE NOT t.tgisinternal AND c.relnamespace = current_schema()::regnamespace""",
        # Run at commit (deferred triggers), the marker bumped once per transaction.
        f"""CREATE OR REPLACE FUNCTION md_bump_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF coalesce(current_setting('movement_desk.bumped', true), '') <> '1' THEN
                    PERFORM set_config('movement_desk.bumped', '1', true);
                    {_BUMP};
                END IF;
                RETURN NULL;
            END $$""",
        # Databases made before: their change triggers become the deferred ones.
        """DO $$ DECLARE t record; BEGIN
            FOR t IN SELECT tr.tgname, tr.tgrelid::regclass AS tbl,
                            pg_get_triggerdef(tr.oid) AS def
                     FROM pg_catalog.pg_trigger tr
                     WHERE tr.tgfoid = 'md_bump_change'::regproc AND NOT tr.tgisinternal
                       AND tr.tgconstraint = 0
            LOOP
                EXECUTE format('DROP TRIGGER %I ON %s', t.tgname, t.tbl);
                EXECUTE regexp_replace(
                    regexp_replace(t.def, '^CREATE TRIGGER', 'CREATE CONSTRAINT TRIGGER'),
                    'FOR EACH (ROW|STATEMENT)', 'DEFERRABLE INITIALLY DEFERRED FOR EACH ROW');
            END LOOP;
        END $$""",
    ]


def has_schema(database: ServerDatabase) -> bool:
    row = database.execute_sql("SELECT to_regclass(%s) IS NOT NULL", (SCHEMA_TABLE,)).fetchone()
    return bool(row[0])


# Raised when ``support_statements`` changes: a server database gets the new ones on opening.
SUPPORT_VERSION = 4


def ensure_support(database: ServerDatabase) -> None:
    """Create the helper functions once per version of them (the application's role, which may
    not create anything, finds them made by ``server init`` or the owner's last opening)."""
    if has_schema(database):
        row = database.execute_sql(
            f"SELECT value FROM {SCHEMA_TABLE} WHERE key = 'support_version'"
        ).fetchone()
        if (row and row[0] >= SUPPORT_VERSION) or not _owns(database):
            return  # up to date, or for the owner's next opening
    with database.atomic():
        for statement in support_statements():
            database.execute_sql(statement)
        database.execute_sql(
            f"INSERT INTO {SCHEMA_TABLE} (key, value) VALUES ('support_version', %s) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (SUPPORT_VERSION,),
        )


def user_tables(database: ServerDatabase) -> list[str]:
    return [
        row[0]
        for row in database.execute_sql(
            "SELECT tablename FROM pg_catalog.pg_tables WHERE schemaname = current_schema() "
            "ORDER BY tablename"
        ).fetchall()
    ]


def _owns(database: ServerDatabase) -> bool:
    row = database.execute_sql(
        "SELECT pg_has_role(current_user, (SELECT relowner FROM pg_class "
        "WHERE oid = to_regclass(%s)), 'USAGE')",
        (SCHEMA_TABLE,),
    ).fetchone()
    return bool(row and row[0])


def open_server(url: str, *, migrate: bool = True) -> ServerDatabase:
    """Connect to ``url``, check the database is ours and bring its schema up to date."""
    database = build_server_database(url)
    shown = display_url(url)
    try:
        database.connect(reuse_if_open=True)
    except peewee.DatabaseError as exc:
        database.close()
        detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise DatabaseOpenError(
            f"Không kết nối được máy chủ cơ sở dữ liệu {shown} ({detail}). Hãy kiểm tra địa "
            "chỉ, tên người dùng, mật khẩu (biến PGPASSWORD hoặc tệp .pgpass) và mạng."
        ) from exc
    try:
        tables = [t for t in user_tables(database) if t != SCHEMA_TABLE]
        if tables and not has_schema(database):
            raise ForeignDatabaseError(
                f"Cơ sở dữ liệu {shown} đã có bảng của một chương trình khác, không phải "
                "movement_desk. Hãy dùng một cơ sở dữ liệu trống."
            )
        if tables:  # before anything is written into another program's database
            application_id = database.execute_sql("PRAGMA application_id").fetchone()[0]
            if application_id not in (0, APPLICATION_ID):
                raise ForeignDatabaseError(
                    f"Cơ sở dữ liệu {shown} là của một chương trình khác, không phải movement_desk."
                )
        ensure_support(database)
        version = migrations.check_version(database)
        if migrate and tables and version < migrations.latest_version() and not _owns(database):
            raise DatabaseOpenError(
                f"Cơ sở dữ liệu {shown} cần nâng cấp lược đồ ({version} → "
                f"{migrations.latest_version()}) cho phiên bản chương trình này, nhưng tài khoản "
                "máy chủ đang dùng không phải chủ sở hữu. Hãy nhờ người quản trị mở nó một lần "
                "bằng tài khoản chủ sở hữu (sau khi sao lưu bằng pg_dump); dữ liệu chưa bị thay đổi."
            )
        if migrate:
            migrations.migrate(database)
            if not tables:
                database.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")
    except BaseException:
        database.close()
        raise
    return database
