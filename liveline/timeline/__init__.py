"""liveline's shared core: the database schema, queries, time marks and the CLI.

Headless: nothing here imports Textual, so the CLI and export start fast.
"""

__version__ = "0.1.0"
