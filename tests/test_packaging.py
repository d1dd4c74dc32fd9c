"""What `pip install .` ships: one top-level name, `liveline`, with every module and data file.

The test suite runs from an editable install, which would hide a file the wheel leaves out
(a stylesheet, an example source).
"""

from __future__ import annotations

import subprocess
import sys
import zipfile

from tests.conftest import REPO

# The repository folders that are installed, and the name each is installed under.
INSTALLED = ("liveline/ingest", "liveline/timeline", "liveline/tui", "liveline/examples", "liveline/cli")


def test_the_wheel_holds_only_liveline_and_every_file_of_its_folders(tmp_path):
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp_path), str(REPO)],
        capture_output=True, text=True,
    )
    assert built.returncode == 0, built.stderr
    (wheel,) = tmp_path.glob("liveline-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {name.split("/")[0] for name in names} == {"liveline", f"{wheel.name.split('-')[0]}-{wheel.name.split('-')[1]}.dist-info"}
    for folder in INSTALLED:
        for path in (REPO / folder).rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                assert path.relative_to(REPO).as_posix() in names, f"{path.relative_to(REPO)} is not in the wheel"
