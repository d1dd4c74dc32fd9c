"""The cheap tests in front of attribution's regular expressions answer as the expressions do."""

from __future__ import annotations

import re

import pytest

from liveline.ingest.speakers.clauses import PARENTHESIS_END, RELATIVE_WHO, drop_parenthesis_end, drop_relative_who
from liveline.ingest.speakers.cue_patterns import (
    FIRST_PERSON,
    HEARD_FROM,
    HEARD_FROM_WORDS,
    INVERTED,
    INVERTED_VERBS,
    PASSIVE_BY,
    PASSIVE_BY_WORDS,
    PRONOUN_END,
    VERB,
)
from liveline.ingest.speakers.explicit_cues import _read_cues
from liveline.ingest.speakers.prechecks import WordsIgnoringCase

SAMPLES = [
    "Jane Doe, the home secretary, said the plan would go ahead.",
    "“We will not be cowed,” said the minister.",
    "The council was criticised by Anytown Residents Group for the delay.",
    "Asked by Ann Lee whether she would resign, Doe said no.",
    "We're now hearing from the chair, John Roe.",
    "According to Kent Police, the road is closed.",
    "There were 14 interventions in the first hour alone.",
    "Doe (Rochdale), who chairs the committee, said:",
    "The bill was issued by the clerk, she added, the minister said.",
    "QUESTION from the BBC: will the minister resign?",
    "Kelvin \u212a: aſk the ıntervıewed İnterviewees",
    "",
]


def test_words_ignoring_case_agrees_with_the_regex_whatever_the_letters() -> None:
    words = WordsIgnoringCase(("ask", "question", "turn", "press", "interviewed"))
    for text in [*SAMPLES, "TURN", "Pressing", "a\u212a", "aſk", "ıntervıewed", "nothing here", "ASK\n"]:
        assert words.found_in(text) == (words.pattern.search(text) is not None), text


def test_words_ignoring_case_takes_lower_case_ascii_words_only() -> None:
    with pytest.raises(ValueError):
        WordsIgnoringCase(("Ask",))


def test_each_word_list_holds_a_word_of_every_match_of_its_pattern() -> None:
    for text in SAMPLES:
        if HEARD_FROM.search(text):
            assert any(word in text for word in HEARD_FROM_WORDS), text
        if PASSIVE_BY.search(text):
            assert any(word in text for word in PASSIVE_BY_WORDS), text
        for m in INVERTED.finditer(text):
            verb = re.match(r"[,;:»\s]*(\w+)", m.group()).group(1)  # type: ignore[union-attr]
            assert verb in INVERTED_VERBS
            assert any(v.start() == m.start() + m.group().index(verb) for v in VERB.finditer(text)), text


def test_cues_read_with_prechecks_find_what_the_patterns_alone_find() -> None:
    exercised = set()
    for text in SAMPLES:
        read = _read_cues(text)
        if read.nothing:
            continue
        masked = read.masked
        heard = [(m.start(), m.group("ref")) for m in HEARD_FROM.finditer(masked)]
        passive = [(m.start(), m.group("ref")) for m in PASSIVE_BY.finditer(masked)] if " by " in masked else []
        assert list(read.agents) == heard + passive, text
        verbs = list(VERB.finditer(masked))
        inverted = [
            (m.start(), m.group("ref")) for m in INVERTED.finditer(masked)
            if verbs and not (PRONOUN_END.fullmatch(m.group("ref").strip()) or FIRST_PERSON.match(m.group("ref")))
        ]
        assert list(read.inverted) == inverted, text
        exercised |= {name for name, found in (("heard", heard), ("passive", passive), ("inverted", inverted)) if found}
    assert exercised == {"heard", "passive", "inverted"}


def test_dropping_endings_is_the_substitution() -> None:
    for text in [*SAMPLES, "Jane Doe (Rochdale)", "Jane Doe (Rochdale)\n", "Doe, who", "Doe, who\n", "who"]:
        assert drop_parenthesis_end(text) == PARENTHESIS_END.sub("", text)
        assert drop_relative_who(text) == RELATIVE_WHO.sub("", text)
