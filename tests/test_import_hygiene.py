"""Headless code never imports Textual, so the CLI and export start fast."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO

# Every module of the headless packages, so a new one is checked without being listed.
HEADLESS = sorted(
    f"{package}.{path.stem}"
    for package in ("ingest", "timeline", "bench")
    for path in (REPO / package).glob("*.py")
    if path.stem != "__init__"
)


def test_ingest_timeline_and_bench_do_not_import_textual():
    code = "import importlib, sys\n" + "".join(f"importlib.import_module({m!r})\n" for m in HEADLESS)
    code += "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\nprint(bad)\nsys.exit(1 if bad else 0)\n"
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
