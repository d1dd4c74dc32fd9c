"""The committed timeline.db is what `liveline ingest --manifest examples/sources.toml --fresh` builds."""

from __future__ import annotations

from liveline.timeline.store import content_digest, open_db
from tests.conftest import REPO

REBUILD = "liveline ingest --manifest examples/sources.toml --db timeline.db --fresh"


def test_committed_timeline_matches_the_examples_and_the_code(example_db):
    committed = open_db(REPO / "timeline.db")  # also refuses a stale schema version
    assert content_digest(committed) == content_digest(open_db(example_db)), (
        f"timeline.db is out of date with the examples or the code; rebuild it with: {REBUILD}"
    )
