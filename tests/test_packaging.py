"""What `pip install .` ships: every non-Python file the packages need is declared package data.

The test suite runs from an editable install, which would hide a missing stylesheet.
"""

from __future__ import annotations

import fnmatch
import tomllib

from tests.conftest import REPO


def test_every_data_file_of_a_package_is_declared():
    config = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]
    for package in config["packages"]:
        patterns = config.get("package-data", {}).get(package, [])
        folder = REPO / config.get("package-dir", {}).get(package, package)
        for path in folder.iterdir():
            if path.is_file() and path.suffix != ".py":
                assert any(fnmatch.fnmatch(path.name, p) for p in patterns), f"{package}/{path.name} is not package data"
