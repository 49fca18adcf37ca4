"""A printed certificate is frozen: what it says cannot be changed afterwards.

Once a commendation's certificate has been printed (a row in ``certificate_print``), its
recipient's name and its decision, and the decision's number, date, form, title and
issuer, are what the paper and its signed QR code say. No form, import file or package may
change them; a correction is a revocation and a new commendation (both stay in the register).
``check_update`` is called by ``records.update`` and by the package merge.
"""

from __future__ import annotations

from collections.abc import Iterable

from movement_desk.db.connection import db
from movement_desk.db.models import Commendation, Decision
from movement_desk.services.core.errors import FieldError, ValidationError

COMMENDATION_FIELDS = {
    "recipient_name": "Tên người, tập thể được khen",
    "decision": "Quyết định",
}
DECISION_FIELDS = {
    "number": "Số quyết định",
    "decided_on": "Ngày quyết định",
    "form": "Hình thức khen thưởng",
    "emulation_title": "Danh hiệu thi đua",
    "authority": "Cơ quan, người ban hành",
}
ADVICE = (
    "giấy khen đã in thì không sửa được nội dung; hãy thu hồi khen thưởng này (ghi lý do) rồi "
    "khen thưởng lại với nội dung đúng."
)


def printed_commendation_ids(ids: Iterable[int]) -> set[int]:
    """The commendations among ``ids`` whose certificate has been printed at least once."""
    wanted = sorted({int(i) for i in ids if i is not None})
    found: set[int] = set()
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        marks = ",".join("?" * len(chunk))
        found.update(
            row[0]
            for row in db.execute_sql(
                "SELECT DISTINCT c.commendation_id FROM certificate c JOIN certificate_print p "
                f"ON p.certificate_id = c.id WHERE c.commendation_id IN ({marks})",
                chunk,
            )
        )
    return found


def decisions_with_prints(ids: Iterable[int]) -> set[int]:
    """The decisions among ``ids`` with at least one printed certificate."""
    wanted = sorted({int(i) for i in ids if i is not None})
    found: set[int] = set()
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        marks = ",".join("?" * len(chunk))
        found.update(
            row[0]
            for row in db.execute_sql(
                "SELECT DISTINCT m.decision_id FROM commendation m JOIN certificate c "
                "ON c.commendation_id = m.id JOIN certificate_print p ON p.certificate_id = c.id "
                f"WHERE m.decision_id IN ({marks})",
                chunk,
            )
        )
    return found


def _plain(value):
    value = getattr(value, "id", value)
    return getattr(value, "value", value)


def changed_fields(fields: dict[str, str], before: dict, after: dict) -> list[str]:
    return [
        name
        for name in fields
        if name in after and str(_plain(before.get(name))) != str(_plain(after.get(name)))
    ]


def check_update(model: type, record_id: int | None, before: dict, after: dict) -> None:
    """Refuse (ValidationError naming the fields) a change of what a printed certificate says."""
    if record_id is None:
        return
    if model is Commendation:
        fields, printed = COMMENDATION_FIELDS, printed_commendation_ids([record_id])
    elif model is Decision:
        fields, printed = DECISION_FIELDS, decisions_with_prints([record_id])
    else:
        return
    if not printed:
        return
    changed = changed_fields(fields, before, after)
    if changed:
        raise ValidationError([FieldError(name, fields[name], ADVICE) for name in changed])
