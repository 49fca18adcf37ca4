"""A SQLite file on a network folder is refused for writing; --allow-network-file overrides."""

from __future__ import annotations

import pytest

from movement_desk.db import network
from tests.conftest import run_cli

MOUNTS = r"""/dev/sda1 / ext4 rw,relatime 0 0
proc /proc proc rw 0 0
//fileserver/phong\040PV05 /mnt/share cifs rw,vers=3.0 0 0
nas:/export/data /srv/nfs nfs4 rw 0 0
tmpfs /mnt/share/local tmpfs rw 0 0
"""


@pytest.mark.parametrize(
    ("path", "network_fs"),
    [
        ("/mnt/share/movement_desk.sqlite3", "cifs"),
        ("/mnt/share/sub/folder/db.sqlite3", "cifs"),
        ("/srv/nfs/db.sqlite3", "nfs4"),
        ("/home/user/db.sqlite3", None),
        ("/mnt/shared/db.sqlite3", None),  # a name that only starts like the mount point
        ("/mnt/share/local/db.sqlite3", None),  # a local mount inside the share wins
    ],
)
def test_linux_mount_table_decides(path, network_fs):
    where = network.network_location(path, platform="linux", mounts_text=MOUNTS)
    if network_fs is None:
        assert where is None
    else:
        assert network_fs in where


def test_mount_table_escapes_are_read():
    where = network.network_location("/mnt/share/a.sqlite3", platform="linux", mounts_text=MOUNTS)
    assert "//fileserver/phong PV05" in where


@pytest.mark.parametrize(
    ("path", "remote"),
    [
        (r"\\fileserver\PV05\movement_desk.sqlite3", True),
        ("//fileserver/PV05/movement_desk.sqlite3", True),
        (r"\\?\UNC\fileserver\PV05\db.sqlite3", True),
        (r"\\?\C:\data\db.sqlite3", False),
        (r"Z:\data\db.sqlite3", True),  # mapped to a share
        (r"C:\Users\canbo\db.sqlite3", False),
    ],
)
def test_windows_unc_and_mapped_drives(path, remote):
    def drive_type(root: str) -> int:
        return network.DRIVE_REMOTE if root.upper().startswith("Z:") else 3  # 3: fixed disk

    where = network.network_location(path, platform="win32", drive_type=drive_type)
    assert (where is not None) is remote


def test_refusal_names_the_server_mode_and_the_override(monkeypatch):
    with pytest.raises(network.NetworkFileError) as caught:
        network.check_local("/mnt/share/db.sqlite3", platform="linux", mounts_text=MOUNTS)
    message = str(caught.value)
    assert "thư mục mạng" in message
    assert "postgresql://" in message and "docs/server.md" in message
    assert "--allow-network-file" in message
    network.allow(True)
    try:
        network.check_local("/mnt/share/db.sqlite3", platform="linux", mounts_text=MOUNTS)
    finally:
        network.allow(False)
    monkeypatch.setenv(network.ALLOW_ENV_VAR, "1")
    network.check_local("/mnt/share/db.sqlite3", platform="linux", mounts_text=MOUNTS)


@pytest.fixture
def share(tmp_path, monkeypatch):
    """tmp_path seen as a cifs share in the mount table."""
    table = f"/dev/sda1 / ext4 rw 0 0\n//server/share {tmp_path.resolve()} cifs rw 0 0\n"
    monkeypatch.setattr(network, "_read_mounts", lambda: table)
    monkeypatch.setattr(network.sys, "platform", "linux")
    return tmp_path


def test_command_line_refuses_a_file_on_a_share_and_writes_nothing(share):
    path = share / "office.sqlite3"
    result = run_cli("user", "list", db=path)
    assert result.returncode == 1
    assert "thư mục mạng" in result.stderr and "--allow-network-file" in result.stderr
    assert "Traceback" not in result.stderr and "không mong đợi" not in result.stderr
    assert not path.exists()


def test_allow_network_file_opens_it_knowingly(share):
    path = share / "office.sqlite3"
    result = run_cli(
        "user", "add", "quantri", "--role", "administrator", "--unit", "06",
        "--allow-network-file", db=path, env={"MOVEMENT_DESK_NEW_PASSWORD": "demo12345"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert path.exists()
    # The override lasts for that command only.
    again = run_cli("user", "list", db=path)
    assert again.returncode == 1 and "thư mục mạng" in again.stderr
