"""Cheap tests in front of costly regular expressions.

Python's `re` tries every branch of an alternation at every position of a paragraph, so a
search for a dozen words ignoring case costs about 14 µs a paragraph (most paragraphs hold
none of them); `str.lower` and a few substring tests, loops in C, answer the same in 2 µs.
"""

from __future__ import annotations

import re

# The only characters outside ASCII that `re`, ignoring case, matches to an ASCII letter,
# or that `str.lower` turns into one (found by testing every code point). A text holding
# one is searched with the regex itself, so the answer is always the regex's.
_FOLDS_TO_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")


class WordsIgnoringCase:
    """Whether a text holds any of some lower-case ASCII words, in any case, anywhere (inside
    longer words too): `re.search("(?i)w1|w2|...", text)`, answered by substring tests."""

    def __init__(self, words: tuple[str, ...]) -> None:
        if not all(word.isascii() and word == word.lower() for word in words):
            raise ValueError("lower-case ASCII words only")
        self.words = words
        self.pattern = re.compile("|".join(re.escape(word) for word in words), re.I)

    def found_in(self, text: str) -> bool:
        if not text.isascii() and _FOLDS_TO_ASCII.search(text):
            return self.pattern.search(text) is not None
        lower = text.lower()
        for word in self.words:
            if word in lower:
                return True
        return False
