"""liveline: live blogs as one chronological, speaker-attributed timeline in SQLite.

The packages are `liveline.timeline` (the headless core), `liveline.ingest` (sources ->
rows), `liveline.tui` (the Textual reader) and `liveline.cli` (the command, the only
place that imports all three). The README's Layout section says why they share one name.
"""
