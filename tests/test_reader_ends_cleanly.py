"""The reader meets a damaged timeline after it has opened: it ends with the same one line
the command prints, not a traceback (a real terminal, as a user runs it)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from bench.terminal import Terminal


def test_a_timeline_damaged_under_an_open_reader_ends_it_with_one_line(example_db, tmp_path):
    damaged = tmp_path / "damaged.db"
    shutil.copy(example_db, damaged)
    pages = damaged.stat().st_size // 4096
    with damaged.open("r+b") as handle:  # the second half of the pages overwritten past their headers
        for page in range(pages // 2, pages - 1):
            handle.seek(page * 4096 + 50)
            handle.write(b"\xde\xad\xbe\xef" * 200)
    reader = Terminal([str(Path(sys.executable).parent / "liveline"), "--db", str(damaged)], cols=100, rows=30)
    try:
        reader.wait_for("liveline: error:", timeout=60)  # when the reader first reads the damage
        reader.process.wait(30)
        reader.settle(0.5, 5)
    finally:
        reader.close()
    shown = reader.output.decode("utf-8", "replace")
    assert reader.process.returncode == 1
    assert "Traceback" not in shown
    assert "is damaged: database disk image is malformed" in " ".join(shown.split())
