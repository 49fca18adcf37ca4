"""Refusals a user meets by picking the wrong option: a package both by period and since the
last one, or written onto a folder; demo data of a size that does not exist or into a database
that has records; organisers of one kind (services/packages/export.py, admin/demo.py,
records/catalog.py)."""

from __future__ import annotations

import pytest

from movement_desk.db.choices import OrganizerKind
from movement_desk.services import packages
from movement_desk.services.admin import demo
from movement_desk.services.core.errors import ServiceError, ValidationError
from movement_desk.services.records import catalog, sessions


def test_a_package_is_by_period_or_since_the_last_one_not_both(database, actor, tmp_path):
    with pytest.raises(ValidationError) as caught:
        packages.export_package("06", tmp_path / "a.mdpkg", actor, period="2024", since_last=True)
    [error] = caught.value.errors
    assert (error.field, error.message) == (
        "period",
        "chọn một trong hai: theo kỳ hoặc từ lần gửi trước.",
    )
    folder = tmp_path / "goi"
    folder.mkdir()
    with pytest.raises(ServiceError, match="là một thư mục; hãy chọn tên tệp gói dữ liệu"):
        packages.export_package("06", folder, actor)
    assert list(folder.iterdir()) == [] and not (tmp_path / "a.mdpkg").exists()


def test_demo_data_of_an_unknown_size_or_into_a_database_with_records(database, actor):
    with pytest.raises(ServiceError, match="Không có cỡ dữ liệu mẫu “huge”"):
        demo.build_demo("huge")
    sessions.create_session(
        {
            "date": "05/03/2024",
            "unit_code": "01834",
            "kind": "launch",
            "organizer_kind": "police",
            "title": "Có sẵn",
        },
        actor,
    )
    with pytest.raises(ServiceError, match="đã có dữ liệu; dữ liệu mẫu chỉ tạo vào"):
        demo.build_demo("small")


def test_organisers_of_one_kind(database, actor):
    catalog.create_organizer({"kind": "police", "name": "Công an xã A", "unit_code": ""}, actor)
    catalog.create_organizer({"kind": "school", "name": "Trường B", "unit_code": ""}, actor)
    police = catalog.live_organizers(OrganizerKind.POLICE, actor=actor)
    assert "Công an xã A" in [o.name for o in police]
    assert all(o.kind is OrganizerKind.POLICE for o in police)
