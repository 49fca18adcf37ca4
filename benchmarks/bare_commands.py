"""Bare baselines for ``bench_commands``: the same work done with nothing but the libraries.

    python benchmarks/bare_commands.py NAME JOB.json

Each baseline is one process, as the command it stands beside, and imports only the standard
library, ReportLab or PySide6 (and, for the certificates, the signature and QR libraries whose
work is part of the page), never movement_desk: it is the honest minimum of the same work (the
same rows read and written, the same pages with border and QR code, the same statements).
``bench_commands`` writes the JOB file (paths, SQL, labels) before timing.
"""

from __future__ import annotations

import json
import sys
from datetime import UTC


def certificates(job: dict) -> None:
    """The decision's recipients read in one query; serials, the print register, the print
    counts and one audit entry per certificate written set-wise in one transaction; then one
    page each on a bare canvas: border form, heading, the texts in the embedded Liberation
    Serif, and the signed MD2 code of docs/certificate-code.md (the same fields, an Ed25519
    signature by ``cryptography``, so the same length) as a QR symbol from ``zxing-cpp``
    (level M, as the program asks), one rectangle per run of dark modules in one path.

    Beside ReportLab, the libraries the work itself needs: the signature and the symbol."""
    import base64
    import hashlib
    import re
    import sqlite3
    import unicodedata
    from datetime import datetime

    import zxingcpp
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    connection = sqlite3.connect(job["db"])
    rows = connection.execute(
        """SELECT c.id, c.uuid, c.recipient_name, c.recipient_position, c.recipient_unit,
                  c.achievement, d.number, d.decided_on, d.authority, d.signer_title,
                  d.signer_name, d.place
           FROM commendation c JOIN decision d ON d.id = c.decision_id
           WHERE d.id = ? AND c.deleted_at IS NULL AND c.revoked_at IS NULL
           ORDER BY c.position, c.id""",
        (job["decision_id"],),
    ).fetchall()
    year = int(rows[0][7][:4])
    now = datetime.now(UTC).isoformat(sep=" ")
    with connection:
        last = connection.execute(
            "SELECT coalesce(max(sequence), 0) FROM certificate WHERE year = ?", (year,)
        ).fetchone()[0]
        serials = [f"GK{year}-{last + i:06d}" for i in range(1, len(rows) + 1)]
        connection.executemany(
            "INSERT INTO certificate (serial, commendation_id, year, sequence, issued_at, "
            "issued_by) VALUES (?, ?, ?, ?, ?, 'bench')",
            [
                (s, r[0], year, last + i, now)
                for i, (s, r) in enumerate(zip(serials, rows, strict=True), 1)
            ],
        )
        connection.execute(
            "INSERT INTO certificate_print (certificate_id, printed_at, printed_by, paper, "
            "output) SELECT id, ?, 'bench', 'a4', ? FROM certificate WHERE year = ? "
            "AND sequence > ?",
            (now, job["out"], year, last),
        )
        ids = [r[0] for r in rows]
        marks = ", ".join("?" * len(ids))
        connection.execute(
            "UPDATE commendation SET print_count = print_count + 1, last_printed_at = ?, "
            f"first_printed_at = coalesce(first_printed_at, ?) WHERE id IN ({marks})",
            (now, now, *ids),
        )
        connection.executemany(
            "INSERT INTO audit_entry (at, username, action, table_name, record_uuid, "
            "record_label, summary) VALUES (?, 'bench', 'print', 'commendation', ?, ?, ?)",
            [
                (now, r[1], r[2], f"In giấy khen số hiệu {s} cho {r[2]}")
                for s, r in zip(serials, rows, strict=True)
            ],
        )
    connection.close()

    key = Ed25519PrivateKey.generate()
    public = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    key_id = base64.b32encode(hashlib.sha256(public).digest()).decode("ascii")[:16]

    def signed_code(fields: list[str]) -> str:
        fields = [" ".join(unicodedata.normalize("NFC", f).split()) for f in fields]
        digest = hashlib.sha256("\n".join(fields).encode()).digest()
        head = f"MD2:{fields[0]}:{key_id}:{base64.b32encode(digest).decode('ascii')[:26]}"
        signature = base64.b32encode(key.sign(head.encode("ascii"))).decode("ascii")
        return f"{head}:{signature.rstrip('=')}|" + "|".join(fields[1:])

    fonts = {}
    for style, file_name in (
        ("R", "LiberationSerif-Regular.ttf"),
        ("B", "LiberationSerif-Bold.ttf"),
        ("I", "LiberationSerif-Italic.ttf"),
    ):
        fonts[style] = f"Bare{style}"
        pdfmetrics.registerFont(TTFont(fonts[style], f"{job['fonts']}/{file_name}"))
    width, height = landscape(A4)
    canvas = Canvas(job["out"], pagesize=(width, height), pageCompression=1)
    mm = 72 / 25.4
    canvas.beginForm("border")
    canvas.setStrokeColorRGB(0.75, 0.1, 0.1)
    canvas.setLineWidth(2.2)
    canvas.rect(8 * mm, 8 * mm, width - 16 * mm, height - 16 * mm)
    canvas.setStrokeColorRGB(0.8, 0.65, 0.2)
    canvas.rect(14 * mm, 14 * mm, width - 28 * mm, height - 28 * mm)
    path = canvas.beginPath()
    step, r, band = 5 * mm, 0.9 * mm, 11 * mm
    for i in range(int((width - 2 * band) // step) + 1):
        for y in (band, height - band):
            x = band + i * step
            path.moveTo(x, y + r)
            path.lineTo(x + r, y)
            path.lineTo(x, y - r)
            path.lineTo(x - r, y)
            path.close()
    for i in range(1, int((height - 2 * band) // step)):
        for x in (band, width - band):
            y = band + i * step
            path.moveTo(x, y + r)
            path.lineTo(x + r, y)
            path.lineTo(x, y - r)
            path.lineTo(x - r, y)
            path.close()
    canvas.setFillColorRGB(0.8, 0.65, 0.2)
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.endForm()
    centre = width / 2
    dark_run = re.compile(rb"\x00+")  # zxing-cpp: 0 is a dark module
    for serial, row in zip(serials, rows, strict=True):
        _, uuid, name, position, unit, achievement, number, decided_on = row[:8]
        authority, signer_title, signer_name, place = row[8:]
        canvas.doForm("border")
        canvas.setFillColorRGB(0, 0, 0)
        canvas.setFont(fonts["B"], 13)
        canvas.drawCentredString(centre, height - 25 * mm, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
        canvas.drawCentredString(centre, height - 31 * mm, "Độc lập - Tự do - Hạnh phúc")
        canvas.line(centre - 35 * mm, height - 33 * mm, centre + 35 * mm, height - 33 * mm)
        canvas.setFillColorRGB(0.75, 0.1, 0.1)
        canvas.setFont(fonts["B"], 15)
        canvas.drawCentredString(centre, height - 45 * mm, authority.upper())
        canvas.setFillColorRGB(0, 0, 0)
        canvas.setFont(fonts["B"], 14)
        canvas.drawCentredString(centre, height - 54 * mm, "TẶNG")
        canvas.setFillColorRGB(0.75, 0.1, 0.1)
        canvas.setFont(fonts["B"], 40)
        canvas.drawCentredString(centre, height - 72 * mm, "GIẤY KHEN")
        canvas.setFillColorRGB(0, 0, 0)
        canvas.setFont(fonts["B"], 22)
        canvas.drawCentredString(centre, height - 90 * mm, name)
        canvas.setFont(fonts["R"], 14)
        canvas.drawCentredString(centre, height - 99 * mm, position)
        canvas.drawCentredString(centre, height - 106 * mm, unit)
        canvas.setFont(fonts["I"], 14)
        canvas.drawCentredString(centre, height - 116 * mm, achievement[:110])
        canvas.setFont(fonts["R"], 12)
        canvas.drawString(30 * mm, 40 * mm, f"Quyết định số {number}, ngày {decided_on}")
        canvas.drawString(30 * mm, 33 * mm, f"Số vào sổ: {serial}")
        canvas.drawCentredString(width - 75 * mm, 62 * mm, f"{place}, ngày {decided_on}")
        canvas.setFont(fonts["B"], 13)
        canvas.drawCentredString(width - 75 * mm, 55 * mm, signer_title)
        canvas.drawCentredString(width - 75 * mm, 25 * mm, signer_name)
        code = signed_code([serial, name, "GIẤY KHEN", number, decided_on, authority.upper()])
        image = zxingcpp.create_barcode(code, zxingcpp.BarcodeFormat.QRCode, ec_level="M").to_image(
            scale=1, add_quiet_zones=False
        )
        side = image.shape[1]
        pixels = bytes(memoryview(image))
        matrix = [pixels[i : i + side] for i in range(0, len(pixels), side)]
        size, x0, top = 24 * mm, 30 * mm, 72 * mm
        cell = size / len(matrix)
        qr = canvas.beginPath()
        for y, line in enumerate(matrix):
            for run in dark_run.finditer(line):
                start, end = run.span()
                qr.rect(x0 + start * cell, top - (y + 1) * cell, (end - start) * cell, cell)
        canvas.drawPath(qr, stroke=0, fill=1)
        canvas.setFont(fonts["R"], 7)
        canvas.drawString(x0 + size + 3 * mm, top - size / 2, code.split("|")[0][:44])
        canvas.showPage()
    canvas.save()


def report(job: dict) -> None:
    """The report's own statements (captured from the program) run raw, and their result rows
    (up to ``rows_per_table`` each, about the district rows the report shows) set as bare
    ReportLab tables in the embedded font family the report's pages carry (regular, bold,
    italic and bold italic: heading, header rows, captions, the signature's note); no charts."""
    import sqlite3

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import SimpleDocTemplate, Spacer, Table, TableStyle

    connection = sqlite3.connect(job["db"])
    results = [connection.execute(sql).fetchall() for sql in job["statements"]]
    connection.close()
    faces = {"R": "Regular", "B": "Bold", "I": "Italic", "BI": "BoldItalic"}
    for face, file_name in faces.items():
        path = f"{job['fonts']}/LiberationSerif-{file_name}.ttf"
        pdfmetrics.registerFont(TTFont(f"Bare{face}", path))
    style = TableStyle(
        [
            ("FONT", (0, 0), (-1, -1), "BareR", 9),
            ("FONT", (0, 0), (-1, 0), "BareB", 9),
            ("FONT", (0, -1), (0, -1), "BareI", 9),
            ("FONT", (-1, -1), (-1, -1), "BareBI", 9),
            ("GRID", (0, 0), (-1, -1), 0.3, "black"),
        ]
    )
    story = []
    for rows in results:
        cells = [[str(v)[:40] for v in row[:8]] for row in rows[: job["rows_per_table"]] if row]
        if cells:
            story += [Table(cells, style=style), Spacer(1, 12)]
    SimpleDocTemplate(job["out"], pagesize=A4).build(story or [Spacer(1, 12)])


def export(job: dict) -> None:
    """One raw SELECT of the live sessions with their unit code, choices as their labels, dates
    dd/mm/yyyy, through the csv writer into the same kind of file (UTF-8 with BOM)."""
    import csv
    import sqlite3

    connection = sqlite3.connect(job["db"])
    kinds, organizers = job["session_kinds"], job["organizer_kinds"]
    with open(job["out"], "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(job["headers"])
        for (
            uuid,
            day,
            code,
            kind,
            org_kind,
            org_name,
            title,
            people,
            tips,
            notes,
        ) in connection.execute(
            """SELECT s.uuid, s.held_on, u.code, s.kind, s.organizer_kind, s.organizer_name,
                          s.title, s.participants, s.tips, s.notes
                   FROM activity_session s JOIN admin_unit u ON u.id = s.unit_id
                   WHERE s.deleted_at IS NULL ORDER BY s.held_on DESC, s.id DESC"""
        ):
            writer.writerow(
                [uuid, f"{day[8:10]}/{day[5:7]}/{day[:4]}", code, kinds[kind],
                 organizers[org_kind], org_name, title, people, tips, notes]
            )  # fmt: skip
    connection.close()


def _fold(text: str) -> str:
    import unicodedata

    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def import_sessions(job: dict) -> None:
    """csv → executemany into the same schema (its full-text and change-marker triggers fire as
    for the program), in one transaction: the keys folded, the unit looked up by code."""
    import csv
    import sqlite3
    import uuid as uuid_module
    from datetime import datetime

    connection = sqlite3.connect(job["db"])
    unit_ids = dict(connection.execute("SELECT code, id FROM admin_unit"))
    now = datetime.now(UTC).isoformat(sep=" ")
    rows = []
    with open(job["file"], encoding="utf-8-sig", newline="") as handle:
        for line in csv.DictReader(handle):
            day = line["date"]
            if "/" in day:
                day = f"{day[6:10]}-{day[3:5]}-{day[0:2]}"
            title = line["title"].strip()
            rows.append(
                (str(uuid_module.uuid4()), now, now, day, unit_ids[line["unit_code"]],
                 line["organizer_kind"], line["organizer_name"], line["kind"], title,
                 int(line["participants"] or 0), int(line["tips"] or 0), line["notes"],
                 _fold(f"{title} {line['organizer_name']} {line['notes']}"), _fold(title))
            )  # fmt: skip
    with connection:
        connection.executemany(
            """INSERT INTO activity_session (uuid, created_at, updated_at, held_on, unit_id,
                   organizer_kind, organizer_name, kind, title, participants, tips, notes,
                   search_key, sort_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            rows,
        )
    connection.close()


def import_commendations(job: dict) -> None:
    """csv → executemany of the decisions (once each) and their recipients into the same
    tables (the full-text and change-marker triggers fire as for the program), in one
    transaction: the keys folded, the units looked up by code, the positions counted."""
    import csv
    import sqlite3
    import uuid as uuid_module
    from datetime import datetime

    connection = sqlite3.connect(job["db"])
    unit_ids = dict(connection.execute("SELECT code, id FROM admin_unit"))
    forms = {"Giấy khen": "giay_khen", "Bằng khen": "bang_khen", "Kỷ niệm chương": "ky_niem_chuong"}
    kinds = {"Cá nhân": "individual", "Tập thể": "collective", "Hộ gia đình": "household"}
    prefixes = ("KT.", "TM.", "Q.", "TL.")
    now = datetime.now(UTC).isoformat(sep=" ")
    decisions: dict[tuple, list] = {}
    recipients: list[tuple] = []
    with open(job["file"], encoding="utf-8-sig", newline="") as handle:
        for line in csv.DictReader(handle):
            number, authority = line["decision_number"].strip(), line["authority"].strip().upper()
            key = (_fold(authority), _fold(number).replace(" ", ""))
            decision = decisions.get(key)
            if decision is None:
                day = line["decision_date"]
                day = f"{day[6:10]}-{day[3:5]}-{day[0:2]}"
                title = line["signer_title"].strip()
                prefix = next((p for p in prefixes if title.upper().startswith(p)), "")
                decision = decisions[key] = [
                    str(uuid_module.uuid4()), now, now, number, key[1], day, authority, key[0],
                    unit_ids[line["unit_code"]], forms[line["form"]], prefix,
                    title[len(prefix):].strip(), line["signer_name"].strip(),
                    line["place"].strip(), line["achievement"].strip(),
                    _fold(f"{number} {authority} {line['achievement']}"), 0,
                ]  # fmt: skip
            decision[-1] += 1
            name, achievement = line["recipient_name"].strip(), line["achievement"].strip()
            recipients.append(
                (key, str(uuid_module.uuid4()), now, now, unit_ids[line["unit_code"]],
                 decision[-1], kinds[line["recipient_kind"]], name,
                 line["recipient_position"].strip(), line["recipient_unit"].strip(),
                 "" if achievement == decision[14] else achievement,
                 line["register_number"].strip(),
                 _fold(f"{name} {line['recipient_position']} {line['recipient_unit']} "
                       f"{line['register_number']}"), _fold(name))
            )  # fmt: skip
    with connection:
        ids = {}
        for key, decision in decisions.items():
            ids[key] = connection.execute(
                """INSERT INTO decision (uuid, created_at, updated_at, number, number_key,
                       decided_on, authority, authority_key, unit_id, form, signer_prefix,
                       signer_title, signer_name, place, achievement, search_key)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                decision[:-1],
            ).lastrowid
        connection.executemany(
            """INSERT INTO commendation (decision_id, uuid, created_at, updated_at, unit_id,
                   position, recipient_kind, recipient_name, recipient_position,
                   recipient_unit, achievement, register_number, search_key, sort_key)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            ((ids[key], *rest) for key, *rest in recipients),
        )
    connection.close()


REFERENCED = {"session": "activity_session"}  # a field named otherwise than its table


def package(job: dict) -> None:
    """The package's records (zip of JSON lines) inserted raw into the same tables: references
    resolved by code or uuid, the search and sort keys folded, the sync state written."""
    import hashlib
    import sqlite3
    import zipfile

    connection = sqlite3.connect(job["db"])
    connection.execute("PRAGMA foreign_keys = ON")
    unit_ids = dict(connection.execute("SELECT code, id FROM admin_unit"))
    meta = ("uuid", "created_at", "created_by", "updated_at", "updated_by", "deleted_at",
            "deleted_by", "revision", "origin")  # fmt: skip
    indexes_after = job.get("indexes_after", False)
    set_aside: list[str] = []
    if indexes_after:  # the same technique as ours (db/large_writes), by hand
        connection.execute("PRAGMA cache_size = -65536")
        connection.execute("BEGIN IMMEDIATE")
        for kind in [*job["kinds"], "sync_state"]:
            if kind in ("model_type", "decision"):
                continue  # ours keeps them: new records are first looked up by their key
            set_aside += [
                sql
                for (sql,) in connection.execute(
                    "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
                    "AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'",
                    (kind,),
                )
            ]
        for sql in set_aside:
            connection.execute(f"DROP INDEX {sql.split()[2]}")
    with zipfile.ZipFile(job["file"]) as archive, connection:
        for kind in job["kinds"]:
            member = f"records/{kind}.jsonl"
            if member not in archive.namelist():
                continue
            columns = {row[1] for row in connection.execute(f"PRAGMA table_info({kind})")}
            ids_of: dict[str, dict] = {}
            rows, states = [], []
            insert = None
            for line in archive.read(member).splitlines():
                record = json.loads(line)
                values = {k: record.get(k) for k in meta}
                for field, value in record["data"].items():
                    if f"{field}_id" in columns:
                        if field == "unit":
                            value = unit_ids.get(value)
                        else:
                            if field not in ids_of:
                                table = REFERENCED.get(field, field)
                                ids_of[field] = dict(
                                    connection.execute(f"SELECT uuid, id FROM {table}")
                                )
                            value = ids_of[field].get(value)
                        values[f"{field}_id"] = value
                    elif field in columns:
                        values[field] = value
                text = " ".join(str(v) for v in record["data"].values() if isinstance(v, str))
                if "search_key" in columns:
                    values["search_key"] = _fold(text)
                if "sort_key" in columns:
                    values["sort_key"] = _fold(text[:60])
                if kind == "decision":
                    values["number_key"] = _fold(values.get("number") or "")
                    values["authority_key"] = _fold(values.get("authority") or "")
                if insert is None:
                    names = list(values)
                    insert = (
                        f"INSERT INTO {kind} ({', '.join(names)}) "
                        f"VALUES ({', '.join('?' * len(names))})"
                    )
                rows.append(tuple(values.get(n) for n in names))
                states.append((kind, record["uuid"], hashlib.sha256(line).hexdigest(),
                               json.dumps(record.get("vector", {})), record["updated_at"]))  # fmt: skip
            fts = connection.execute(
                "SELECT sql FROM sqlite_master WHERE name = ?", (f"{kind}_fts_insert",)
            ).fetchone()
            if insert and indexes_after and fts:  # the search index filled in one statement
                last = connection.execute(f"SELECT coalesce(max(id), 0) FROM {kind}").fetchone()
                connection.execute(f"DROP TRIGGER {kind}_fts_insert")
                connection.executemany(insert, rows)
                connection.execute(
                    f"INSERT INTO {kind}_fts (rowid, search_key) "
                    f"SELECT id, search_key FROM {kind} WHERE id > ?",
                    last,
                )
                connection.execute(fts[0])
            elif insert:
                connection.executemany(insert, rows)
            connection.executemany(
                "INSERT OR REPLACE INTO sync_state (kind, uuid, content_hash, vector, received_at)"
                " VALUES (?, ?, ?, ?, ?)",
                states,
            )
    for sql in set_aside:  # after the commit, as ours
        connection.execute(sql)
    connection.close()


def window(job: dict) -> None:
    """A bare PySide6 main window with a table of the first page of sessions (read raw), shown;
    the process quits once it has painted."""
    import sqlite3

    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

    app = QApplication(sys.argv[:1])
    connection = sqlite3.connect(job["db"])
    rows = connection.execute(
        """SELECT s.held_on, u.name, s.kind, s.organizer_name, s.title, s.participants, s.tips
           FROM activity_session s JOIN admin_unit u ON u.id = s.unit_id
           WHERE s.deleted_at IS NULL ORDER BY s.held_on DESC, s.id DESC LIMIT 100"""
    ).fetchall()
    connection.close()
    model = QStandardItemModel(len(rows), 7)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            model.setItem(r, c, QStandardItem(str(value)))
    window_ = QMainWindow()
    table = QTableView()
    table.setModel(model)
    window_.setCentralWidget(table)
    window_.resize(1366, 768)

    class FirstPaint(QObject):
        def eventFilter(self, watched, event):  # noqa: N802
            if event.type() == QEvent.Type.Paint:
                watched.removeEventFilter(self)
                QTimer.singleShot(0, app.quit)
            return False

    probe = FirstPaint()
    window_.installEventFilter(probe)
    window_.show()
    app.exec()


BASELINES = {
    "certificates": certificates,
    "report": report,
    "export": export,
    "import": import_sessions,
    "commendations": import_commendations,
    "package": package,
    "window": window,
}

if __name__ == "__main__":
    with open(sys.argv[2], encoding="utf-8") as handle:
        BASELINES[sys.argv[1]](json.load(handle))
