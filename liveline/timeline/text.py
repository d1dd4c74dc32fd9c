"""Making untrusted source text inert for terminals.

Text from web pages and pasted copies may carry ANSI/OSC escape sequences or other
control characters that would move the cursor, change the title or hide text. They are
stripped at ingest and again at display (a database may come from elsewhere).
"""

import re

# CSI (ESC [ ... final), OSC (ESC ] ... BEL or ESC \), other two-byte ESC sequences,
# and the 8-bit C1 forms of CSI/OSC.
_ESCAPES = re.compile(
    r"""
    \x1b\[[0-?]*[ -/]*[@-~]          # CSI
  | \x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?  # OSC, terminated by BEL or ST (or cut off)
  | \x1b[PX^_][^\x1b]*(?:\x1b\\)?     # DCS, SOS, PM, APC
  | \x1b[@-Z\\-_]                    # two-byte sequences
  | \x9b[0-?]*[ -/]*[@-~]            # 8-bit CSI
  | \x9d[^\x07\x9c]*[\x07\x9c]?      # 8-bit OSC
    """,
    re.VERBOSE,
)
# Remaining C0/C1 controls except tab and newline, plus DEL and a lone ESC. Every
# sequence above starts with one of them, so text without any needs no work.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def strip_controls(text: str) -> str:
    """Remove terminal escape sequences and control characters, keeping tabs and newlines."""
    if not text or not _CONTROLS.search(text):
        return text
    return _CONTROLS.sub("", _ESCAPES.sub("", text))
