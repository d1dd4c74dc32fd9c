"""Where liveline keeps its files, and the environment variables that move them or tune it.

Every path and environment variable liveline reads is named here, so the README, the
command's help and the code cannot disagree about them. Read at call time, never at
import, so a test (or a shell) that sets a variable is obeyed.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "liveline"
DB_ENV = "LIVELINE_DB"  # the timeline a command uses when --db is not given
DEFAULT_DB = "timeline.db"  # ... and when $LIVELINE_DB is not set either, in the working directory
FETCH_TIMEOUT_ENV = "LIVELINE_FETCH_TIMEOUT"  # seconds for fetching a page; tests shorten it
# Lets `follow --every` go below its floor (which spares outlets' servers): for a server of your own.
ALLOW_FAST_POLL_ENV = "LIVELINE_ALLOW_FAST_POLL"
EXAMPLE_DB = "example.db"
# Seconds a command waits for another process's write lock before it says the timeline is busy.
LOCK_TIMEOUT_ENV = "LIVELINE_LOCK_TIMEOUT"
DEFAULT_LOCK_TIMEOUT = 3.0  # a follower's write of one poll takes well under this


def environment_db_path() -> Path | None:
    """$LIVELINE_DB, when it is set (an empty value counts as unset)."""
    value = os.environ.get(DB_ENV)
    return Path(value) if value else None


def default_db_path() -> Path:
    """The database a command uses when --db is not given: $LIVELINE_DB, else ./timeline.db."""
    return environment_db_path() or Path(DEFAULT_DB)


def example_db_path() -> Path:
    """Where the bundled example is built: the user's data directory for liveline."""
    # Imported here: only the first run without a database needs it.
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / EXAMPLE_DB


def fetch_timeout() -> float | None:
    """$LIVELINE_FETCH_TIMEOUT in seconds, or None (unset, empty or 0) for the built-in timeouts."""
    return float(os.environ.get(FETCH_TIMEOUT_ENV) or 0) or None


def fast_poll_allowed() -> bool:
    """Whether $LIVELINE_ALLOW_FAST_POLL lifts the floor on `follow --every`."""
    return bool(os.environ.get(ALLOW_FAST_POLL_ENV))


def lock_timeout() -> float:
    """$LIVELINE_LOCK_TIMEOUT in seconds; the default when unset or not a number."""
    try:
        return float(os.environ.get(LOCK_TIMEOUT_ENV) or DEFAULT_LOCK_TIMEOUT)
    except ValueError:
        return DEFAULT_LOCK_TIMEOUT
