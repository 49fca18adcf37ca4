"""The network-folder check's edges: a mount table it cannot fully read, a path under no
listed mount, a relative Windows path (judged where the current folder is), a path given as
a pure path object. Where it cannot tell, the file counts as local (the plain file rules
apply) rather than being refused."""

from __future__ import annotations

from pathlib import PurePosixPath

import pytest

from movement_desk.db import network

# A truncated line (a mount table being rewritten as it is read) and no root file system.
PARTIAL_MOUNTS = """//fileserver/PV05 /mnt/share cifs rw 0 0
tmpfs /run
"""


def test_a_truncated_mount_line_is_skipped_and_the_share_still_found():
    where = network.network_location(
        "/mnt/share/db.sqlite3", platform="linux", mounts_text=PARTIAL_MOUNTS
    )
    assert where == "//fileserver/PV05 (cifs, gắn tại /mnt/share)"
    # "/run" came with no type: not taken for a mount of its own.
    assert (
        network.network_location("/run/db.sqlite3", platform="linux", mounts_text=PARTIAL_MOUNTS)
        is None
    )


def test_a_path_under_no_listed_mount_or_with_no_mount_table_is_local():
    assert (
        network.network_location(
            "/home/canbo/db.sqlite3", platform="linux", mounts_text=PARTIAL_MOUNTS
        )
        is None
    )
    assert (
        network.network_location("/mnt/share/db.sqlite3", platform="linux", mounts_text="") is None
    )


def test_a_pure_path_is_judged_as_its_text():
    path = PurePosixPath("/mnt/share/sub/db.sqlite3")
    assert network.network_location(path, platform="linux", mounts_text=PARTIAL_MOUNTS) == (
        network.network_location(str(path), platform="linux", mounts_text=PARTIAL_MOUNTS)
    )
    assert "cifs" in network.network_location(path, platform="linux", mounts_text=PARTIAL_MOUNTS)


@pytest.mark.parametrize(
    ("cwd", "where"),
    [
        (r"Z:\Phong PV05", "ổ Z: (ổ mạng)"),  # started from a mapped share: refused
        (r"\\fileserver\PV05\du-lieu", r"\\fileserver\PV05"),
        (r"C:\Users\canbo", None),
    ],
)
def test_a_relative_windows_path_is_judged_where_the_current_folder_is(cwd, where):
    asked = []

    def drive_type(root: str) -> int:
        asked.append(root)
        return network.DRIVE_REMOTE if root.upper().startswith("Z:") else 3  # 3: fixed disk

    for path in (r"du-lieu\movement_desk.sqlite3", "movement_desk.sqlite3"):
        found = network.network_location(path, platform="win32", drive_type=drive_type, cwd=cwd)
        assert found == where
    assert asked == ([] if cwd.startswith("\\") else [cwd[:2] + "\\"] * 2)
