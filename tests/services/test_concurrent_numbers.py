"""Many people at once (issue 17, item 3): certificate serials, period locks and decision
numbers stay unique and correct when several clients act at the same instant.

Each client is a thread with a connection of its own (as a computer of its own would have),
all released together by a barrier; the same tests run on a SQLite file and, with
``--backend=postgresql``, on the server. Nobody sees an error for having been second: serials
come out distinct and gap-free, one period lock wins and the others get the plain Vietnamese
"already locked" sentence, one decision number wins and the other gets the field's message.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable

import pytest

from movement_desk.db import concurrency
from movement_desk.db.account_tables import PeriodLock
from movement_desk.db.connection import close_database
from movement_desk.db.models import Certificate
from movement_desk.services.certificates import printing as certificates
from movement_desk.services.core import period_locks
from movement_desk.services.core.actor import Actor
from movement_desk.services.core.errors import ServiceError, ValidationError
from movement_desk.services.records import commendations

CLIENTS = 4


def decision_raw(number: str) -> dict:
    return {
        "decision_number": number,
        "decision_date": "15/01/2024",
        "form": "Giấy khen",
        "authority": "Giám đốc Công an tỉnh Bắc Kạn",
        "unit_code": "06",
        "signer_title": "GIÁM ĐỐC",
        "signer_name": "Đại tá Hoàng Văn Thắng",
        "place": "Bắc Kạn",
        "achievement": "Đã có thành tích xuất sắc",
    }


def recipients(prefix: str, count: int = 3) -> list[dict]:
    return [
        {"recipient_kind": "individual", "recipient_name": f"{prefix} Nguyễn Văn {i}"}
        for i in range(1, count + 1)
    ]


def at_once(jobs: list[Callable[[], object]]) -> list[tuple[str, object]]:
    """Run each job in a thread of its own (its own connection), all started at the same
    instant; ("ok", result) or ("error", exception) per job, in order."""
    barrier = threading.Barrier(len(jobs))
    outcomes: list[tuple[str, object]] = [("missing", None)] * len(jobs)

    def client(index: int) -> None:
        try:
            barrier.wait(timeout=30)
            outcomes[index] = ("ok", jobs[index]())
        except Exception as exc:  # kept for the assertions
            exc.text = traceback.format_exc()  # type: ignore[attr-defined]
            outcomes[index] = ("error", exc)
        finally:
            close_database()  # this thread's own connection

    threads = [threading.Thread(target=client, args=(i,)) for i in range(len(jobs))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a client never finished"
    return outcomes


def unexpected(outcomes) -> list[str]:
    return [getattr(value, "text", repr(value)) for kind, value in outcomes if kind != "ok"]


@pytest.fixture(params=["locked", "retry-only"])
def allocation(request, monkeypatch):
    """ "locked": as shipped. "retry-only": without the allocators' lock, so that on the server
    two clients really read the same last number and the unique constraint plus the retry
    alone must sort it out."""
    if request.param == "retry-only":
        monkeypatch.setattr(concurrency, "serialize", lambda *args, **kwargs: None)
    return request.param


def test_serials_printed_at_the_same_instant_are_distinct_and_gap_free(database, actor, allocation):
    decisions = [
        commendations.save_decision(decision_raw(f"{i}/QĐ-CAT"), recipients(f"QĐ{i}"), actor)
        for i in range(1, CLIENTS + 1)
    ]
    chosen = [certificates.select_recipients(d)[0] for d in decisions]
    clerks = [Actor(username=f"clerk{i}") for i in range(CLIENTS)]
    jobs = [
        (lambda d=d, c=c, who=who: [x.serial for x in certificates.prepare(d, c, who)])
        for d, c, who in zip(decisions, chosen, clerks, strict=True)
    ]
    outcomes = at_once(jobs)
    assert unexpected(outcomes) == [], "\n".join(unexpected(outcomes))
    serials = [serial for _ok, batch in outcomes for serial in batch]
    assert len(serials) == len(set(serials)) == 3 * CLIENTS
    sequences = sorted(Certificate.select(Certificate.sequence).scalars())
    assert sequences == list(range(1, 3 * CLIENTS + 1))  # no gap, no repeat
    for _ok, batch in outcomes:  # each decision's recipients got consecutive numbers
        numbers = [int(serial.rsplit("-", 1)[1]) for serial in batch]
        assert numbers == list(range(numbers[0], numbers[0] + len(numbers)))


def test_the_same_recipients_printed_twice_at_once_keep_one_serial(database, actor, allocation):
    decision = commendations.save_decision(decision_raw("9/QĐ-CAT"), recipients("A"), actor)
    chosen = certificates.select_recipients(decision)[0]
    clerks = [Actor(username=f"clerk{i}") for i in range(3)]
    jobs = [
        (lambda who=who: [x.serial for x in certificates.prepare(decision, chosen, who)])
        for who in clerks
    ]
    outcomes = at_once(jobs)
    assert unexpected(outcomes) == [], "\n".join(unexpected(outcomes))
    assert {tuple(batch) for _ok, batch in outcomes} == {tuple(outcomes[0][1])}
    assert Certificate.select().count() == 3


def test_a_period_locked_by_several_at_once_is_locked_once(database, actor, allocation):
    leads = [Actor(username=f"lead{i}", display_name=f"Lãnh đạo {i}") for i in range(CLIENTS)]
    jobs = [
        (lambda who=who: period_locks.lock_period("061", "2024-03", who).locked_by) for who in leads
    ]
    outcomes = at_once(jobs)
    won = [value for kind, value in outcomes if kind == "ok"]
    refused = [value for kind, value in outcomes if kind == "error"]
    assert len(won) == 1, unexpected(outcomes)
    assert len(refused) == CLIENTS - 1
    for exc in refused:
        assert type(exc) is ServiceError, exc.text
        assert str(exc).startswith("Kỳ ") and " của Huyện Ba Bể " in str(exc)
        assert str(exc).endswith(f"đã được khóa bởi {won[0]}.")
        assert "Traceback" not in str(exc)
    assert PeriodLock.select().where(PeriodLock.unlocked_at.is_null()).count() == 1
    # Unlocked, the same period can be locked again: only the locks in force are unique.
    period_locks.unlock_period("061", "2024-03", actor, reason="Bổ sung số liệu")
    period_locks.lock_period("061", "2024-03", actor)
    assert PeriodLock.select().count() == 2


def test_the_database_itself_refuses_a_second_lock_in_force(database, actor):
    """The unique index, not only the check in Python: a second lock written straight into
    the table is refused."""
    from peewee import IntegrityError

    from movement_desk.db.connection import db

    lock = period_locks.lock_period("061", "2024-03", actor)
    with pytest.raises(IntegrityError), db.atomic():
        PeriodLock.create(
            unit=lock.unit_id, starts_on=lock.starts_on, ends_on=lock.ends_on, locked_by="x"
        )


def test_the_same_decision_number_saved_at_once_is_saved_once(database, actor):
    clerks = [Actor(username=f"clerk{i}") for i in range(CLIENTS)]
    jobs = [
        (lambda who=who: commendations.save_decision(decision_raw("77/QĐ-CAT"), recipients(who.username), who).uuid)
        for who in clerks
    ]  # fmt: skip
    outcomes = at_once(jobs)
    assert [kind for kind, _ in outcomes].count("ok") == 1, unexpected(outcomes)
    for kind, exc in outcomes:
        if kind == "error":
            assert type(exc) is ValidationError, exc.text
            assert "đã có quyết định số 77/QĐ-CAT" in str(exc)
    assert commendations.Decision.live().count() == 1


def test_recognition_serials_printed_at_the_same_instant_are_distinct_and_gap_free(
    small_demo, actor, allocation
):
    from movement_desk.db.models import RecognitionCertificate, SafetyRating
    from movement_desk.services.certificates import recognition

    RecognitionCertificate.delete().execute()  # the demo printed some: start the year afresh
    passed = [r for r in SafetyRating.live().order_by(SafetyRating.id) if r.decision_date]
    year = passed[0].decision_date.year
    passed = [r for r in passed if r.decision_date.year == year][: 3 * CLIENTS]
    assert len(passed) >= 2 * CLIENTS, "the demo has recognised subjects"
    groups = [passed[i::CLIENTS] for i in range(CLIENTS)]
    jobs = [
        (lambda group=group: [x.serial for x in recognition.prepare(group, actor)])
        for group in groups
    ]
    outcomes = at_once(jobs)
    assert unexpected(outcomes) == [], "\n".join(unexpected(outcomes))
    serials = [serial for _ok, batch in outcomes for serial in batch]
    assert len(serials) == len(set(serials)) == len(passed)
    sequences = sorted(
        RecognitionCertificate.select(RecognitionCertificate.sequence)
        .where(RecognitionCertificate.year == year)
        .scalars()
    )
    assert sequences == list(range(1, len(passed) + 1))
