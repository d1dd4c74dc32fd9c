"""Headless code never imports Textual, so the CLI and export start fast.

`lint-imports` (tests/test_architecture.py) proves it from the source, lazy imports
included; this proves it at run time, the way a user meets it.
"""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO

# Every module of the headless packages, so a new one is checked without being listed.
HEADLESS = sorted(
    ".".join((prefix, *path.relative_to(REPO / folder).with_suffix("").parts)).removesuffix(".__init__")
    for folder, prefix in (("liveline/ingest", "liveline.ingest"), ("liveline/timeline", "liveline.timeline"), ("bench", "bench"))
    for path in (REPO / folder).rglob("*.py")
)


def test_ingest_timeline_and_bench_do_not_import_textual():
    assert "liveline.ingest.events.merging" in HEADLESS  # the walk reaches the stage folders
    code = "import importlib, sys\n" + "".join(f"importlib.import_module({m!r})\n" for m in HEADLESS)
    code += "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\nprint(bad)\nsys.exit(1 if bad else 0)\n"
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_command_line_help_does_not_load_the_reader():
    code = "import sys\nfrom liveline.cli.main import build_parser\nbuild_parser()\nsys.exit(1 if 'textual' in sys.modules else 0)\n"
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
