"""What the "Open database" dialog asks below Qt (services/admin/database_choice.py): a blank
choice or a folder is refused in words, two server addresses name one database whatever the
password typed, and a file that could not be opened says its own reason."""

from __future__ import annotations

import pytest

from movement_desk.db.errors import DatabaseOpenError
from movement_desk.services.admin import database_choice


@pytest.mark.parametrize("blank", ["", "   "])
def test_no_file_chosen_is_refused(blank):
    with pytest.raises(DatabaseOpenError, match="^Hãy chọn một tệp cơ sở dữ liệu.$"):
        database_choice.check_file(blank)


def test_a_folder_is_not_a_database_file(tmp_path):
    with pytest.raises(DatabaseOpenError) as caught:
        database_choice.check_file(str(tmp_path))
    assert str(caught.value) == f"{tmp_path} là một thư mục, không phải tệp cơ sở dữ liệu."


@pytest.mark.parametrize(
    ("other", "same"),
    [
        ("postgresql://canbo:khac@10.0.0.5:5432/phongtrao", True),  # another password typed
        ("postgresql://canbo@10.0.0.5/phongtrao", True),  # the default port
        ("postgresql://canbo:mk@10.0.0.5:5432/khac", False),
        ("postgresql://quantri:mk@10.0.0.5:5432/phongtrao", False),
        ("postgresql://canbo:mk@10.0.0.6:5432/phongtrao", False),
    ],
)
def test_two_server_addresses_name_one_database_by_host_port_database_and_user(other, same):
    assert (
        database_choice.same_database("postgresql://canbo:mk@10.0.0.5:5432/phongtrao", other)
        is same
    )


def test_a_file_that_could_not_be_opened_says_its_own_reason(tmp_path):
    reason = "Tệp này không phải cơ sở dữ liệu của chương trình."
    error = DatabaseOpenError(reason)
    assert database_choice.open_error_text(error, tmp_path / "khac.sqlite3") == reason
