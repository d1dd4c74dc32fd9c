"""What the command says on stderr beside its output: notes, warnings and errors, one line each."""

from __future__ import annotations

import sys

PROG = "liveline"


def note(message: str) -> None:
    print(f"{PROG}: {message}", file=sys.stderr)


def warn(message: str) -> None:
    # One line each, whatever line breaks the message was written with.
    print(f"{PROG}: warning: {' '.join(message.split())}", file=sys.stderr)


def error(message: str) -> None:
    print(f"{PROG}: error: {message}", file=sys.stderr)
