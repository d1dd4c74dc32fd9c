"""The example timeline that ships with liveline, for a first run with no database at hand."""

from __future__ import annotations

import tempfile
from importlib.resources import as_file, files
from pathlib import Path

from ingest.manifest import read_manifest
from ingest.pipeline import ingest
from timeline.errors import LivelineError
from timeline.store import open_db


def example_db_path() -> Path:
    """Where the bundled example is built: the user's data directory for liveline."""
    from platformdirs import user_data_path

    return user_data_path("liveline", appauthor=False) / "example.db"


def build_example(path: Path | None = None) -> tuple[Path, bool]:
    """The bundled example's database, built if missing or written by another liveline.
    Returns (path, whether it was built now)."""
    path = path or example_db_path()
    if path.exists():
        try:
            open_db(path).conn.close()
            return path, False
        except LivelineError:
            pass  # another schema version: rebuild it below
    path.parent.mkdir(parents=True, exist_ok=True)
    # Built beside the target and moved into place, so an interrupted build leaves nothing half-made.
    with tempfile.TemporaryDirectory(dir=path.parent) as scratch, as_file(files("liveline_examples")) as examples:
        built = Path(scratch) / path.name
        ingest(read_manifest(Path(examples) / "sources.toml"), built)
        open_db(built).conn.close()  # folds the WAL back into the file before moving it
        for suffix in ("-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        built.replace(path)
    return path, True
