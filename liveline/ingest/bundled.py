"""The example timeline that ships with liveline, for a first run with no database at hand."""

from __future__ import annotations

import hashlib
import tempfile
from importlib.resources import as_file, files
from pathlib import Path

from liveline.ingest.pipeline import ingest
from liveline.ingest.sources.manifest import read_manifest
from liveline.timeline.errors import LivelineError
from liveline.timeline.locations import example_db_path
from liveline.timeline.store import open_db


def build_example(path: Path | None = None) -> tuple[Path, bool]:
    """The bundled example's database, built if missing, written by another schema, or
    built from other sources or by other ingest code (an upgraded liveline reads and
    merges differently). Returns (path, whether it was built now)."""
    path = path or example_db_path()
    with as_file(files("liveline.examples")) as examples:
        fingerprint = _fingerprint(Path(examples))
        if path.exists():
            try:
                db = open_db(path)
                row = db.conn.execute("SELECT value FROM meta WHERE key = ?", (_FINGERPRINT,)).fetchone()
                db.conn.close()
                if row and row[0] == fingerprint:
                    return path, False
            except LivelineError:
                pass  # another schema version: rebuild it below
        path.parent.mkdir(parents=True, exist_ok=True)
        # Built beside the target and moved into place, so an interrupted build leaves nothing half-made.
        with tempfile.TemporaryDirectory(dir=path.parent) as scratch:
            built = Path(scratch) / path.name
            ingest(read_manifest(Path(examples) / "sources.toml"), built)
            db = open_db(built)
            with db.conn:
                db.conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (_FINGERPRINT, fingerprint))
            db.conn.close()  # folds the WAL back into the file before moving it
            for suffix in ("-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
            built.replace(path)
    return path, True


_FINGERPRINT = "example_fingerprint"


def _fingerprint(examples: Path) -> str:
    """What the example is built from: its sources and the code that reads and merges them."""
    import liveline.ingest as ingest_package

    digest = hashlib.sha256()
    for root in (examples, Path(ingest_package.__file__).parent):
        for file in sorted(root.rglob("*")):
            if file.is_file() and file.suffix in (".py", ".txt", ".toml", ".html"):
                digest.update(file.relative_to(root).as_posix().encode())
                digest.update(file.read_bytes())
    return digest.hexdigest()[:16]
