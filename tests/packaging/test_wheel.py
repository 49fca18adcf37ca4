"""The wheel carries everything the program reads, and works installed outside the checkout.

One test, slow-ish (about 30 s): it builds the sdist from a copy of the sources and the wheel
from the sdist, installs the wheel (not editable) into a fresh virtual environment, then from
another folder builds a demo
database, prints certificates (fonts embedded), writes a report and opens the window offscreen
through ``scripts/smoke-test-install``. It needs no network: the wheel is built with
``--no-build-isolation`` and installed with ``--no-index --no-deps``; the dependencies come
from this test run's own environment through a ``.pth`` file (they are not what is tested).
"""

from __future__ import annotations

import runpy
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
SOURCES = ("movement_desk", "resources", "setup.py", "pyproject.toml", "README.md")


def _pip(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "pip", "--disable-pip-version-check", *args], check=True)


@pytest.mark.packaging
def test_the_wheel_installed_in_a_fresh_venv_runs_from_another_folder(tmp_path):
    source = tmp_path / "src"
    for name in SOURCES:
        path = ROOT / name
        if path.is_dir():
            ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.ts")
            shutil.copytree(path, source / name, ignore=ignore)
        else:
            shutil.copy2(path, source / name)
    # The sdist first, and the wheel from the sdist: both must carry the resources.
    sdists = tmp_path / "sdist"
    subprocess.run(
        [
            sys.executable,
            "-c",
            f"from setuptools import build_meta; build_meta.build_sdist({str(sdists)!r})",
        ],
        cwd=source,
        check=True,
        capture_output=True,
    )
    (sdist,) = sdists.glob("movement_desk-*.tar.gz")
    with tarfile.open(sdist) as archive:
        in_sdist = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    assert {
        "setup.py",
        "resources/fonts/LiberationSerif-Regular.ttf",
        "resources/guide/huong-dan-su-dung.pdf",
    } <= in_sdist
    wheels = tmp_path / "wheels"
    _pip(
        "wheel",
        "--no-deps",
        "--no-build-isolation",
        "--no-index",
        "-q",
        "-w",
        str(wheels),
        str(sdist),
    )
    (wheel,) = wheels.glob("movement_desk-*.whl")

    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in (
        "movement_desk/resources/fonts/LiberationSerif-Regular.ttf",
        "movement_desk/resources/fonts/LICENSE-LiberationFonts.txt",
        "movement_desk/resources/data/units-bac-kan-2023.csv",
        "movement_desk/resources/data/units-bac-kan-2025-merge.csv",
        "movement_desk/resources/i18n/movement_desk_vi.qm",
        "movement_desk/resources/i18n/qtbase_vi.qm",
        "movement_desk/resources/icons/movement-desk.ico",
        "movement_desk/resources/icons/movement-desk-256.png",
        "movement_desk/resources/guide/huong-dan-su-dung.pdf",
        "movement_desk/resources/linux/movement-desk.desktop",
        "movement_desk/resources/licenses/ReportLab-BSD.txt",
    ):
        assert needed in names, needed
    assert not any(name.startswith("resources/") for name in names)

    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
    _pip("--python", str(python), "install", "--no-index", "--no-deps", "-q", str(wheel))
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    # The dependencies (PySide6, ReportLab …) of this run's environment, after the wheel.
    Path(purelib, "_outer_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")

    elsewhere = tmp_path / "office"
    elsewhere.mkdir()
    where = subprocess.run(
        [str(python), "-c", "import movement_desk.paths as p; print(p.RESOURCES_DIR)"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert Path(where).is_relative_to(Path(purelib)), where

    program = env_dir / (
        "Scripts/movement-desk.exe" if sys.platform == "win32" else "bin/movement-desk"
    )
    smoke = runpy.run_path(str(ROOT / "scripts" / "smoke-test-install"))
    out = smoke["smoke_test"]([str(program)], elsewhere)
    assert "Phong trào Toàn dân bảo vệ ANTQ" in out["window"]
    assert "giấy khen" in out["certificates"].lower() or "bằng khen" in out["certificates"].lower()
