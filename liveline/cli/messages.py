"""What the command says on stderr beside its output: notes, warnings and errors, one line each.

Messages quote untrusted text (outlets, file names, a page's words), so each is made
inert, and one line, here, whatever its caller passed.
"""

from __future__ import annotations

import sys

from liveline.timeline.text import strip_controls

PROG = "liveline"


def _line(message: str) -> str:
    return " ".join(strip_controls(message).split())


def note(message: str) -> None:
    print(f"{PROG}: {_line(message)}", file=sys.stderr)


def warn(message: str) -> None:
    print(f"{PROG}: warning: {_line(message)}", file=sys.stderr)


def error(message: str) -> None:
    print(f"{PROG}: error: {_line(message)}", file=sys.stderr)
