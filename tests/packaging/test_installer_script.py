"""scripts/check-installer-script: the Inno Setup script names only what the bundle has."""

from __future__ import annotations

import runpy
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
check = runpy.run_path(str(ROOT / "scripts" / "check-installer-script"))["check"]


def _linux_bundle(folder: Path) -> Path:
    (folder / "movement-desk").write_text("")
    guide = folder / "_internal/movement_desk/resources/guide/huong-dan-su-dung.pdf"
    guide.parent.mkdir(parents=True)
    guide.write_bytes(b"%PDF-")
    return folder


def test_the_installer_script_agrees_with_a_linux_bundle(tmp_path):
    assert check(_linux_bundle(tmp_path)) == []


def test_a_file_missing_from_the_bundle_is_named(tmp_path):
    bundle = _linux_bundle(tmp_path)
    (bundle / "_internal/movement_desk/resources/guide/huong-dan-su-dung.pdf").unlink()
    (bundle / "movement-desk").unlink()
    problems = check(bundle)
    assert any("huong-dan-su-dung.pdf" in problem for problem in problems)
    assert any("movement-desk.exe" in problem for problem in problems)


def test_the_installer_installs_per_user_and_keeps_the_data_folder():
    text = (ROOT / "packaging/windows/movement-desk.iss").read_text(encoding="utf-8-sig")
    assert "PrivilegesRequired=lowest" in text
    assert "{autodesktop}" in text and "{group}" in text  # desktop and Start-menu shortcuts
    section = text.split("[UninstallDelete]")[1].split("\n[")[0]
    deleted = [line for line in section.splitlines() if line.strip() and line[0] != ";"]
    assert deleted == ['Type: filesandordirs; Name: "{app}\\_internal"']
