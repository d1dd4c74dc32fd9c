"""Cheap tests that let a reader skip a case-insensitive regex that cannot match a line.

A line is read by a dozen anchored regexes (is it a time? "Share"? a byline?) and nearly
every line is none of them: a test of its first or last character, or of a keyword it
must hold, rules most regexes out before they run. Such a test is only safe when it
admits every line the regex would match, and Python's re.IGNORECASE matches more than
str.lower() says: four characters outside ASCII match an ASCII letter ("İ" and "ı" match
"i", "ſ" matches "s", the Kelvin sign "K" matches "k"). The helpers here count them.
"""

from __future__ import annotations

import re

# Every character outside ASCII that re.IGNORECASE matches to an ASCII letter (found by
# trying every code point against every letter; tests/test_case_folds.py does it again).
ODD_FOLDS = {"i": "\u0130\u0131", "k": "\u212a", "s": "\u017f"}  # İ ı, the Kelvin sign K, ſ
_ODD = re.compile(f"[{''.join(ODD_FOLDS.values())}]")


def case_variants(letters: str) -> frozenset[str]:
    """Every character re.IGNORECASE matches to one of the ASCII `letters`."""
    return frozenset(
        variant for letter in letters.lower() for variant in (letter, letter.upper(), *ODD_FOLDS.get(letter, ""))
    )


def may_hold(line: str, words: tuple[str, ...]) -> bool:
    """False only when no case-insensitive regex for one of the lower-case ASCII `words`
    can match inside `line`: none of them is in its lower case, and it has none of the
    odd characters that would match one of their letters (such a line is left to the regex)."""
    folded = line.lower()
    for word in words:  # a loop, not any(): this runs on most lines, and a generator costs more than the tests
        if word in folded:
            return True
    return not line.isascii() and _ODD.search(line) is not None
