"""A server database's address from its parts, and a look at it before opening (issue 17).

The window's "Open database" dialog builds ``postgresql://user:password@host:port/dbname`` from
the fields a user fills in (every part percent-encoded, so a password with ``@``, ``:`` or
``/`` stays a password) and tests it: connect, nothing written, then say in words what is
wrong (server unreachable, wrong password, no such database, not a movement_desk database
yet: ``server init``, a schema from a newer program), or what was found.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

import peewee

from movement_desk.db import migrations, postgres
from movement_desk.db.errors import DatabaseOpenError, ForeignDatabaseError, SchemaTooNewError
from movement_desk.db.migrations import APPLICATION_ID

DEFAULT_PORT = 5432
# libpq's modes, weakest first; "prefer" is libpq's own default (TLS when the server offers it).
SSL_MODES = ("disable", "allow", "prefer", "require", "verify-ca", "verify-full")
DEFAULT_SSL_MODE = "prefer"
# How long a test waits for a server that does not answer (seconds).
CONNECT_TIMEOUT_S = 8


class ServerUnreachableError(DatabaseOpenError):
    """No server answers at that address (refused, unknown host, timed out)."""


class ServerLoginError(DatabaseOpenError):
    """The server answered but refused the user name or password (or this computer)."""


class ServerNotInitialisedError(DatabaseOpenError):
    """An empty database: ``movement-desk server init`` has not been run on it."""


@dataclass(frozen=True)
class ServerParts:
    """What the dialog's fields hold; the password is never kept anywhere else."""

    host: str = ""
    port: int = DEFAULT_PORT
    dbname: str = ""
    user: str = ""
    password: str = ""
    sslmode: str = DEFAULT_SSL_MODE
    # The CA certificate that signed the server's (verify-ca, verify-full); libpq's own
    # default when empty: root.crt in the user's postgresql folder.
    sslrootcert: str = ""


def _host_part(host: str) -> str:
    host = host.strip()
    if ":" in host and not host.startswith("["):  # an IPv6 address
        return f"[{host}]"
    return quote(host, safe=".-_~[]:")


def build_url(parts: ServerParts, *, with_password: bool = True) -> str:
    """``postgresql://user:password@host:port/dbname?sslmode=…``, each part percent-encoded."""
    user = quote(parts.user.strip(), safe="")
    credentials = user
    if with_password and parts.password:
        credentials += ":" + quote(parts.password, safe="")
    netloc = f"{credentials}@" if credentials else ""
    netloc += f"{_host_part(parts.host or 'localhost')}:{int(parts.port or DEFAULT_PORT)}"
    options = {}
    if parts.sslmode and parts.sslmode != DEFAULT_SSL_MODE:
        options["sslmode"] = parts.sslmode
    if parts.sslrootcert.strip():
        options["sslrootcert"] = parts.sslrootcert.strip()
    query = urlencode(options, quote_via=quote)
    return urlunsplit(("postgresql", netloc, "/" + quote(parts.dbname.strip(), safe=""), query, ""))


def parse_url(url: str) -> ServerParts:
    """The fields of a server URL (a remembered one, or ``--db``), password included if any."""
    split = urlsplit(url.strip())
    query = dict(parse_qsl(split.query))  # sslmode and sslrootcert: the options shown
    try:
        port = split.port or DEFAULT_PORT
    except ValueError:
        port = DEFAULT_PORT
    return ServerParts(
        host=unquote(split.hostname or ""),
        port=port,
        dbname=unquote(split.path.lstrip("/")),
        user=unquote(split.username or ""),
        password=unquote(split.password or ""),
        sslmode=query.get("sslmode", DEFAULT_SSL_MODE)
        if query.get("sslmode") in SSL_MODES
        else DEFAULT_SSL_MODE,
        sslrootcert=query.get("sslrootcert", ""),
    )


def driver_installed() -> bool:
    """Whether a PostgreSQL driver is installed (``pip install movement-desk[server]``)."""
    try:
        postgres.build_server_database("postgresql://localhost/x")
    except DatabaseOpenError:
        return False
    return True


@dataclass(frozen=True)
class ServerStatus:
    """What a test of the connection found on a movement_desk server database."""

    location: str
    schema_version: int
    latest_version: int
    owner: bool
    accounts: int

    @property
    def needs_upgrade(self) -> bool:
        return self.schema_version < self.latest_version


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0].strip() if text else type(exc).__name__


def connection_error(exc: BaseException, parts: ServerParts) -> DatabaseOpenError:
    """The driver's refusal to connect, said in words a user can act on."""
    text = str(exc).lower()
    where = f"{parts.host or 'localhost'}:{parts.port or DEFAULT_PORT}"
    detail = _first_line(exc)
    if "password authentication failed" in text or "no password supplied" in text:
        return ServerLoginError(
            f"Máy chủ {where} từ chối đăng nhập: sai tên người dùng “{parts.user}” hoặc mật "
            "khẩu. Hãy kiểm tra lại (chữ hoa, chữ thường) rồi thử lại."
        )
    if "role" in text and "does not exist" in text:
        return ServerLoginError(
            f"Máy chủ {where} không có người dùng “{parts.user}”. Hãy kiểm tra tên người dùng "
            "(người quản trị máy chủ tạo nó, xem docs/server.md)."
        )
    if "database" in text and "does not exist" in text:
        return DatabaseOpenError(
            f"Máy chủ {where} không có cơ sở dữ liệu “{parts.dbname}”. Hãy kiểm tra tên cơ sở "
            "dữ liệu, hoặc nhờ người quản trị tạo nó (createdb) rồi chạy "
            "“movement-desk server init” (xem docs/server.md)."
        )
    if "pg_hba.conf" in text:
        return ServerLoginError(
            f"Máy chủ {where} không cho máy này hoặc người dùng “{parts.user}” kết nối (chưa có "
            "dòng cho phép trong pg_hba.conf, hoặc cần bật SSL). Hãy nhờ người quản trị máy "
            f"chủ thêm quyền ({detail})."
        )
    if "does not support ssl" in text:
        return DatabaseOpenError(
            f"Máy chủ {where} không bật mã hóa (SSL), mà chế độ “{parts.sslmode}” đòi mã hóa. "
            "Hãy nhờ người quản trị máy chủ bật SSL (xem docs/server.md), hoặc chọn chế độ "
            "“prefer” nếu mạng nội bộ cho phép."
        )
    if "ssl" in text or "certificate" in text:
        return DatabaseOpenError(
            f"Không thiết lập được kết nối mã hóa (SSL) với máy chủ {where}: {detail}. Với "
            "chế độ verify-ca/verify-full, máy này cần chứng chỉ gốc (CA) đã ký chứng chỉ của "
            "máy chủ (chọn ở ô “Chứng chỉ gốc”, hoặc tệp root.crt trong thư mục postgresql "
            "của người dùng), và tên máy chủ phải đúng như trong chứng chỉ."
        )
    if "could not translate host name" in text or "name or service not known" in text:
        return ServerUnreachableError(
            f"Không tìm thấy máy chủ “{parts.host}” trên mạng. Hãy kiểm tra tên hoặc địa chỉ "
            "IP của máy chủ."
        )
    if (
        "connection refused" in text
        or "timeout expired" in text
        or "could not connect" in text
        or "no route to host" in text
        or "network is unreachable" in text
        or "timed out" in text
    ):
        return ServerUnreachableError(
            f"Không kết nối được máy chủ {where}: không có máy chủ cơ sở dữ liệu nào trả lời "
            "ở địa chỉ và cổng này. Hãy kiểm tra địa chỉ, cổng, mạng (VPN) và máy chủ "
            f"PostgreSQL đã chạy chưa ({detail})."
        )
    return DatabaseOpenError(f"Không kết nối được máy chủ {where} ({detail}).")


def probe(url: str, *, timeout_s: int = CONNECT_TIMEOUT_S) -> ServerStatus:
    """Connect to ``url`` and look, writing nothing; raise a DatabaseOpenError (or one of the
    subclasses above, ``SchemaTooNewError``, ``ForeignDatabaseError``) saying what is wrong."""
    parts = parse_url(url)
    shown = postgres.server_location(url)
    database = postgres.build_server_database(url)  # DRIVER_MISSING without the driver
    database.connect_params["connect_timeout"] = timeout_s
    try:
        database.connect()
    except peewee.DatabaseError as exc:
        database.close()
        raise connection_error(exc, parts) from exc
    try:
        tables = [t for t in postgres.user_tables(database) if t != postgres.SCHEMA_TABLE]
        if not tables:
            raise ServerNotInitialisedError(
                f"Cơ sở dữ liệu {shown} còn trống: chưa phải cơ sở dữ liệu của movement_desk. "
                "Người quản trị cần chạy một lần “movement-desk server init URL --admin TÊN "
                "--unit MÃ” (xem docs/server.md), hoặc chuyển dữ liệu của một tệp lên bằng "
                "“movement-desk copy --from TỆP --to URL”."
            )
        if not postgres.has_schema(database):
            raise ForeignDatabaseError(
                f"Cơ sở dữ liệu {shown} đã có bảng của một chương trình khác, không phải "
                "movement_desk."
            )
        application_id = database.execute_sql("PRAGMA application_id").fetchone()[0]
        if application_id not in (0, APPLICATION_ID):
            raise ForeignDatabaseError(
                f"Cơ sở dữ liệu {shown} là của một chương trình khác, không phải movement_desk."
            )
        version = migrations.check_version(database)  # SchemaTooNewError
        owner = postgres._owns(database)
        if version < migrations.latest_version() and not owner:
            raise DatabaseOpenError(
                f"Cơ sở dữ liệu {shown} cần nâng cấp lược đồ ({version} → "
                f"{migrations.latest_version()}) cho phiên bản chương trình này, nhưng tài khoản "
                "máy chủ đang dùng không phải chủ sở hữu. Hãy nhờ người quản trị mở nó một lần "
                "bằng tài khoản chủ sở hữu (sau khi sao lưu bằng pg_dump)."
            )
        accounts = 0
        if "user_account" in tables:
            accounts = database.execute_sql("SELECT count(*) FROM user_account").fetchone()[0]
        return ServerStatus(shown, version, migrations.latest_version(), owner, int(accounts))
    except peewee.DatabaseError as exc:
        raise DatabaseOpenError(
            f"Không đọc được cơ sở dữ liệu {shown} ({_first_line(exc)})."
        ) from exc
    finally:
        database.close()


__all__ = [
    "DEFAULT_PORT",
    "SSL_MODES",
    "SchemaTooNewError",
    "ServerLoginError",
    "ServerNotInitialisedError",
    "ServerParts",
    "ServerStatus",
    "ServerUnreachableError",
    "build_url",
    "parse_url",
    "probe",
]
