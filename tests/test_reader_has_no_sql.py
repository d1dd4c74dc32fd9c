"""The reader asks the core, it never writes SQL: every question it puts to the timeline
is a typed function of liveline.timeline, so a schema change is made in one place."""

from __future__ import annotations

import re

from tests.conftest import REPO

# Calls and statements that only SQL written in the reader would need (keywords as SQL spells them).
SQL = re.compile(r"\.execute\(|executemany|SELECT |PRAGMA|INSERT |UPDATE |DELETE ")


def test_the_reader_asks_the_core_and_never_writes_sql():
    files = sorted((REPO / "tui").rglob("*.py"))
    assert files, "the reader's modules were not found"
    found = [
        f"{path.relative_to(REPO)}:{number}: {line.strip()}"
        for path in files
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if SQL.search(line)
    ]
    assert not found, "SQL in the reader; give the core a function for it:\n" + "\n".join(found)
