"""Where liveline keeps its files, and the environment variables that move them or tune it.

Every path and environment variable liveline reads is named here, so the README, the
command's help and the code cannot disagree about them. Read at call time, never at
import, so a test (or a shell) that sets a variable is obeyed.
"""

from __future__ import annotations

import math
import os
from pathlib import Path

from liveline.timeline.errors import LivelineError

APP_NAME = "liveline"
DB_ENV = "LIVELINE_DB"  # the timeline a command uses when --db is not given
DEFAULT_DB = "timeline.db"  # ... and when $LIVELINE_DB is not set either, in the working directory
FETCH_TIMEOUT_ENV = "LIVELINE_FETCH_TIMEOUT"  # seconds for fetching a page; tests shorten it
# Lets `follow --every` go below its floor (which spares outlets' servers): for a server of your own.
ALLOW_FAST_POLL_ENV = "LIVELINE_ALLOW_FAST_POLL"
# The reader rings the terminal bell when a speaker in its filter is heard anew; 0 (or off, no,
# false) silences it, for a shared room or a terminal whose bell is a flash.
BELL_ENV = "LIVELINE_BELL"
EXAMPLE_DB = "example.db"
# Where the reader keeps each timeline's read position (a per-user file, never the timeline:
# a committed or read-only timeline is not written by reading it). Unset or empty: the user's
# state directory ($XDG_STATE_HOME/liveline, else ~/.local/state/liveline on Linux).
STATE_DIR_ENV = "LIVELINE_STATE_DIR"
# 0 (or off, no, false) keeps the reader from remembering anything: for scripts and shared
# accounts, and for tests that must not write into the user's home.
REMEMBER_ENV = "LIVELINE_REMEMBER"
READING_MARKS_FILE = "reading-marks.json"
# Seconds a writer (ingest, follow) waits its turn for another writer before it says the
# timeline is busy.
LOCK_TIMEOUT_ENV = "LIVELINE_LOCK_TIMEOUT"
# The longest single write measured is the merge of a 200k-paragraph story (settling
# speakers, events and order in one transaction: 30-90 s, bench/HISTORY.md); ten minutes
# outlasts it several times over, and Ctrl-C stops a wait sooner.
DEFAULT_LOCK_TIMEOUT = 600.0
# Readers never wait for writers (WAL), only for a checkpoint or a recovery: they keep a
# short wait so a stuck file is reported instead of hanging the reader.
READ_LOCK_TIMEOUT = 3.0


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


def reading_marks_path() -> Path | None:
    """The file holding the reader's read positions: $LIVELINE_STATE_DIR/reading-marks.json,
    else in the user's state directory; None when $LIVELINE_REMEMBER turns remembering off."""
    if _is_off(REMEMBER_ENV):
        return None
    folder = os.environ.get(STATE_DIR_ENV)
    if not folder:
        # Imported here, as for the example: only the reader needs it.
        from platformdirs import user_state_path

        return user_state_path(APP_NAME, appauthor=False) / READING_MARKS_FILE
    return Path(folder) / READING_MARKS_FILE


# An hour: no page takes longer to come, and a value past it is a slip (1e400 is infinity).
MAX_FETCH_TIMEOUT = 3600.0


def fetch_timeout() -> float | None:
    """$LIVELINE_FETCH_TIMEOUT in seconds, or None (unset, empty or 0) for the built-in timeouts;
    LivelineError for a value that is not a number of seconds from 0 to MAX_FETCH_TIMEOUT."""
    value, seconds = _seconds(FETCH_TIMEOUT_ENV)
    if value is None:
        return None
    if not 0 <= seconds <= MAX_FETCH_TIMEOUT:  # NaN fails this too
        raise LivelineError(f"${FETCH_TIMEOUT_ENV} must be a number of seconds from 0 to {MAX_FETCH_TIMEOUT:g} (it is {value!r})")
    return seconds or None


def fast_poll_allowed() -> bool:
    """Whether $LIVELINE_ALLOW_FAST_POLL lifts the floor on `follow --every`."""
    return bool(os.environ.get(ALLOW_FAST_POLL_ENV))


def bell_wanted() -> bool:
    """Whether $LIVELINE_BELL leaves the reader's bell on (it is, unless set to 0, off, no or false)."""
    return not _is_off(BELL_ENV)


def _is_off(variable: str) -> bool:
    """Whether a switch that is on by default is set to 0, off, no or false."""
    return os.environ.get(variable, "").strip().lower() in ("0", "off", "no", "false")


def lock_timeout() -> float:
    """$LIVELINE_LOCK_TIMEOUT in seconds (the default when unset or empty); LivelineError
    for a value that is not a finite number of seconds, zero or more."""
    value, seconds = _seconds(LOCK_TIMEOUT_ENV)
    if value is None:
        return DEFAULT_LOCK_TIMEOUT
    if not 0 <= seconds < math.inf:
        raise LivelineError(f"${LOCK_TIMEOUT_ENV} must be a number of seconds, 0 or more (it is {value!r})")
    return seconds


def read_lock_timeout() -> float:
    """How long a reader waits for the file: short, and never more than a writer would."""
    return min(lock_timeout(), READ_LOCK_TIMEOUT)


def _seconds(variable: str) -> tuple[str | None, float]:
    """A variable's text (None when unset or empty) and its number of seconds (NaN when it is no number)."""
    value = os.environ.get(variable) or None
    try:
        return value, float(value) if value is not None else math.nan
    except ValueError:
        return value, math.nan
