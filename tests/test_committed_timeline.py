"""The committed timeline.db is what `liveline ingest --manifest examples/sources.toml --fresh` builds."""

from __future__ import annotations

import sqlite3

from liveline.timeline.store import SCHEMA_VERSION, content_digest, open_db
from tests.conftest import REPO

REBUILD = "liveline ingest --manifest examples/sources.toml --db timeline.db --fresh"


def test_committed_timeline_matches_the_examples_and_the_code(example_db):
    # Read without opening it as a timeline first: an older schema would be migrated in
    # place (and a backup left in the checkout) rather than reported stale.
    probe = sqlite3.connect(f"file:{REPO / 'timeline.db'}?immutable=1", uri=True)
    try:
        (version,) = probe.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    finally:
        probe.close()
    assert version == str(SCHEMA_VERSION), f"timeline.db has schema {version}; rebuild it with: {REBUILD}"
    committed = open_db(REPO / "timeline.db")
    assert content_digest(committed) == content_digest(open_db(example_db)), (
        f"timeline.db is out of date with the examples or the code; rebuild it with: {REBUILD}"
    )
