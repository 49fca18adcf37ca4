"""Writing an output file when the disk says no: a sentence naming the file and what to do, no
half-written file, the old one kept."""

from __future__ import annotations

import builtins
import errno

import pytest

from movement_desk.services.core import output_files


@pytest.mark.parametrize(
    ("error", "said"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), "Ổ đĩa đầy: chưa ghi được bao-cao.pdf"),
        (OSError(errno.EFBIG, "File too large"), "Ổ đĩa đầy"),
        (PermissionError(errno.EACCES, "Permission denied"), "Không có quyền ghi"),
        (OSError(errno.EROFS, "Read-only file system"), "chỉ cho đọc; hãy chọn thư mục khác"),
    ],
    ids=["full", "too-big", "no-right", "read-only"],
)
def test_a_file_that_cannot_be_opened_is_said_in_words(tmp_path, monkeypatch, error, said):
    target = tmp_path / "bao-cao.pdf"
    target.write_bytes(b"old")
    real_open = builtins.open

    def refusing(file, *args, **kwargs):
        if str(file).endswith(".part"):
            raise error
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", refusing)
    with pytest.raises(output_files.OutputError) as caught:
        output_files.write_bytes(target, b"new")
    assert said in str(caught.value)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["bao-cao.pdf"]


def test_a_full_disk_while_writing_keeps_the_old_file(tmp_path):
    target = tmp_path / "bao-cao.pdf"
    target.write_bytes(b"old")
    with (
        pytest.raises(output_files.OutputError) as caught,
        output_files.open_output(target) as handle,
    ):
        handle.write(b"part")
        raise OSError(errno.ENOSPC, "No space left on device")
    assert "(tệp cũ vẫn nguyên)" in str(caught.value)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["bao-cao.pdf"]


def test_a_file_in_the_place_of_a_folder_is_named(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(output_files.OutputError) as caught:
        output_files.write_bytes(blocker / "năm 2025" / "bao-cao.pdf", b"new")
    assert f"“{blocker}” là một tệp, không phải thư mục" in str(caught.value)
    assert blocker.read_text() == "x"


def test_any_other_refusal_of_the_system_is_said_with_its_number(tmp_path, monkeypatch):
    real_open = builtins.open

    def failing(file, *args, **kwargs):
        if str(file).endswith(".part"):
            raise OSError(errno.EIO, "Input/output error")
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", failing)
    with pytest.raises(output_files.OutputError) as caught:
        output_files.write_bytes(tmp_path / "bao-cao.pdf", b"new")
    said = str(caught.value)
    assert said.startswith(f"Không ghi được {tmp_path / 'bao-cao.pdf'} (lỗi hệ thống {errno.EIO}")
    assert said.endswith("hãy chọn thư mục khác.")
    assert list(tmp_path.iterdir()) == []


def test_leftovers_of_finished_runs_are_cleaned_and_others_kept(tmp_path):
    import os

    gone = tmp_path / ".bao-cao.pdf.999999999.part"
    mine = tmp_path / f".bao-cao.pdf.{os.getpid()}.part"
    browser = tmp_path / "download.zip.part"
    for path in (gone, mine, browser):
        path.write_bytes(b"x")
    assert output_files.clean_leftovers(tmp_path) == [gone]
    assert mine.exists() and browser.exists()
    assert output_files.clean_leftovers(tmp_path / "missing") == []


def test_a_name_longer_than_the_disk_allows_is_said(tmp_path):
    with pytest.raises(output_files.OutputError) as caught:
        output_files.write_bytes(tmp_path / ("báo cáo " * 40 + ".pdf"), b"new")
    assert "quá dài; hãy chọn tên ngắn hơn" in str(caught.value)
    assert list(tmp_path.iterdir()) == []
