"""The `liveline` command: the composition root, the only package that imports ingest, timeline and tui."""
