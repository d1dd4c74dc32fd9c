"""The house keeps its shape: the import contracts, the linter and the type checker all pass.

They run as tests so that `pytest` (the README's test command, and so CI) fails on an
upward import, an import cycle, Textual in headless code, a lint error or a type error,
rather than leaving it to a step someone may skip. Their configuration is in pyproject.toml.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO

BIN = Path(sys.executable).parent


def _run(tool: str, *args: str) -> subprocess.CompletedProcess[str]:
    exe = BIN / tool if (BIN / tool).exists() else shutil.which(tool)
    assert exe, f"{tool} is not installed: install the test extras (pip install -e '.[test]')"
    return subprocess.run([str(exe), *args], cwd=REPO, capture_output=True, text=True)


def test_imports_flow_one_way_without_cycles_and_headless_code_never_imports_textual():
    done = _run("lint-imports", "--no-cache")
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr


def test_ruff_finds_nothing():
    done = _run("ruff", "check", "--no-cache", "--output-format", "concise", ".")
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr


def test_mypy_finds_nothing_and_the_core_is_strictly_typed():
    done = _run("mypy", "--no-incremental", "-p", "liveline")
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr


def test_the_design_cards_top_level_folders_open_the_package_folders():
    for folder in ("ingest", "timeline", "tui", "examples"):
        link = REPO / folder
        assert link.is_symlink() and link.resolve() == (REPO / "liveline" / folder).resolve()
