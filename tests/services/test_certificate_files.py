"""Certificates saved to a file: serials and register only with the complete PDF."""

from __future__ import annotations

import errno

import pytest

from movement_desk.db.models import Certificate
from movement_desk.services.certificates import files as certificate_files
from movement_desk.services.certificates import printing as certificates
from movement_desk.services.core import output_files
from movement_desk.services.core.errors import ServiceError
from movement_desk.services.records import commendations
from tests.services.test_certificates import DECISION, RECIPIENTS


def _setup(actor):
    decision = commendations.save_decision(DECISION, RECIPIENTS, actor)
    options = certificates.print_options(None, None)
    return decision, commendations.decision_recipients(decision), options


def test_a_failed_write_gives_no_serial_and_no_register_line(
    database, actor, tmp_path, monkeypatch
):
    decision, recipients, options = _setup(actor)
    planned = certificate_files.plan(decision, recipients, actor)
    pdf = certificates.render(planned, options)

    def full(*args):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(output_files.os, "fsync", full)
    with pytest.raises(ServiceError, match="Ổ đĩa đầy"):
        certificate_files.commit_to_file(
            decision, recipients, actor, options, tmp_path / "c.pdf", planned, pdf
        )
    assert Certificate.select().count() == 0
    assert not list(tmp_path.glob("*c.pdf*"))


def test_serials_taken_meanwhile_mean_the_pdf_is_rendered_again(database, actor, tmp_path):
    decision, recipients, options = _setup(actor)
    planned = certificate_files.plan(decision, recipients[:1], actor)
    pdf = certificates.render(planned, options)
    # another clerk prints the second recipient first: the first gets the next serial
    certificate_files.save(decision, recipients[1:2], actor, options, tmp_path / "other.pdf")
    rendered = []

    def render(data):
        rendered.append([d.serial for d in data])
        return certificates.render(data, options)

    summary = certificate_files.commit_to_file(
        decision, recipients[:1], actor, options, tmp_path / "c.pdf", planned, pdf, render=render
    )
    assert rendered and rendered[0] != [d.serial for d in planned]
    assert summary.serials == rendered[0]
    assert Certificate.select().count() == 2
