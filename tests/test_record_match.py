"""Finding a live blog's direct quotes in the official record: verbatim, close (a word
diff), or not there at all; which quoted phrases count as quotes, and where a short one
pinned on a member is looked for."""

from __future__ import annotations

import random

from liveline.timeline.record_match import (
    ABSENT,
    CLOSE,
    QUOTE_MIN_WORDS,
    SHORT_QUOTE_MIN_WORDS,
    VERBATIM,
    RecordIndex,
    direct_quotes,
)

RECORD = [
    "With permission, Madam Deputy Speaker, I will make a statement on the grooming gangs inquiry.",
    "The victims of these appalling crimes were failed by the very institutions that should have protected them. "
    "We will not stand by and let this happen again, and we will act on every recommendation of the inquiry.",
    "I thank the Home Secretary for advance sight of her statement. Let us start by remembering the victims of this scandal.",
    "Order. The shadow Home Secretary will be heard.",
]


def test_a_quote_in_the_record_word_for_word_is_verbatim_whatever_the_punctuation_and_case():
    match = RecordIndex(RECORD).find("we will not stand by — and let this happen again")
    assert match.verdict == "verbatim" and match.passage == 1 and match.likeness == 1.0
    assert match.wording == "We will not stand by and let this happen again"
    assert all(op == "=" for op, _ in match.diff)


def test_quote_marks_apostrophes_and_dashes_are_folded_but_spelling_is_not():
    index = RecordIndex(["We don't accept a long-term plan that is organised chaos, said the member."])
    assert index.find("we don’t accept a long term plan that is organised chaos").verdict == "verbatim"
    spelt = index.find("a long-term plan that is organized chaos")
    assert spelt.verdict == "close"
    assert ("-", "organised") in spelt.diff and ("+", "organized") in spelt.diff


def test_an_elided_quote_is_verbatim_when_each_part_is_in_order_in_one_passage():
    index = RecordIndex(RECORD)
    match = index.find("We will not stand by ... we will act on every recommendation")
    assert match.verdict == "verbatim" and match.passage == 1
    assert match.wording == "We will not stand by … we will act on every recommendation"
    assert index.find("The victims of these appalling crimes […] will act").verdict == "verbatim"
    # The parts out of order, or from two turns, are not what was said.
    assert index.find("we will act on every recommendation … We will not stand by").verdict != "verbatim"
    assert index.find("remembering the victims of this scandal … the shadow Home Secretary will be heard").verdict != "verbatim"


def test_a_quote_with_a_word_or_two_changed_is_close_with_the_changes_as_a_diff():
    match = RecordIndex(RECORD).find("we will act on every recommendation of the report")
    assert match.verdict == "close" and match.passage == 1
    assert match.wording == "we will act on every recommendation of the inquiry"
    assert match.diff[-2:] == [("-", "inquiry"), ("+", "report")]
    assert 0.8 <= match.likeness < 1

    changed = RecordIndex(RECORD).find("We will not stand by and allow this to happen again")
    assert changed.verdict == "close"
    assert [pair for pair in changed.diff if pair[0] != "="] == [("-", "let"), ("+", "allow"), ("+", "to")]


def test_a_quote_nobody_said_or_a_paraphrase_in_quote_marks_is_absent():
    index = RecordIndex(RECORD)
    absent = index.find("The government has utterly failed the victims of grooming gangs")
    assert absent.verdict == ABSENT and absent.passage is None and absent.wording is None and absent.diff == []
    # Half the words changed: a paraphrase, not a close quote.
    assert index.find("we shall never again let this sort of thing happen to victims").verdict == ABSENT
    assert RecordIndex([]).find("we will not stand by").verdict == ABSENT


def test_direct_quotes_in_the_styles_of_several_languages():
    text = (
        "She said: “We will not stand by and let this happen.” He called it \"a total and utter failure\" "
        "while Le Monde quoted « on ne lâchera rien du tout » and Die Zeit „wir schaffen das schon bald“."
    )
    quotes = [q.text for q in direct_quotes(text)]
    assert quotes == [
        "We will not stand by and let this happen.",
        "a total and utter failure",
        "on ne lâchera rien du tout",
        "wir schaffen das schon bald",
    ]
    for quote in direct_quotes(text):
        assert text[quote.start : quote.end] == quote.text


def test_apostrophes_are_not_quote_marks_and_single_quotes_are():
    text = "Labour’s plan, the minister’s words: ‘we don’t know what happens next’, and Sunak's 'we are not going to give up now'."
    assert [q.text for q in direct_quotes(text)] == ["we don’t know what happens next", "we are not going to give up now"]
    assert direct_quotes("It's the workers' pay and the nurses’ pay that don't rise, Labour's chief said") == []


def test_scare_quotes_are_not_checked():
    text = "The “reset” of the “two-tier” policing row, a “Rwanda plan” for the “very worst offenders”."
    assert all(len(q.text.split()) >= QUOTE_MIN_WORDS for q in direct_quotes(text))
    assert [q.text for q in direct_quotes(text)] == []


def test_short_quotes_are_found_when_asked_for_counting_words_as_printed():
    text = "Marr said families had been “badly let down”, a “deeply sorry” board, Tory ‘lectures’ and “two-tier” policing."
    assert [q.text for q in direct_quotes(text, SHORT_QUOTE_MIN_WORDS)] == ["badly let down", "deeply sorry"]
    assert direct_quotes(text) == []


# A debate's turns, each with whom it is spoken by (the keys a caller matches attributions with).
TURNS = [
    "Families have been badly let down. My job is to put this right, and I commend this statement to the House.",
    "The Minister says families were let down. They were let down by her department, and she is deeply sorry for nothing.",
    "I say to them that we will not let them down twice. Any student who has deferred will be able to start this term or next.",
]
SPOKEN_BY = [{"marr"}, {"fenwick"}, {"marr"}]


def test_a_short_quote_pinned_on_a_member_is_looked_for_in_their_turns_only():
    index = RecordIndex(TURNS, SPOKEN_BY)
    said = index.check("badly let down", {"marr"})
    assert said is not None and (said.verdict, said.passage, said.wording) == ("verbatim", 0, "badly let down")
    # In the record, but Fenwick's words, not Marr's: put in Marr's mouth, it is absent.
    assert index.check("deeply sorry", {"fenwick"}).verdict == "verbatim"  # type: ignore[union-attr]
    assert index.check("deeply sorry", {"marr"}).verdict == ABSENT  # type: ignore[union-attr]
    # One word changed is not a short quote's "close": two words are too few to tell.
    assert index.check("badly let down", {"fenwick"}).verdict == ABSENT  # type: ignore[union-attr]
    # Somebody with no turns said none of the record's words.
    assert index.check("let down", {"the board"}).verdict == ABSENT  # type: ignore[union-attr]


def test_short_phrases_nobody_is_named_for_and_single_words_get_no_verdict():
    index = RecordIndex(TURNS, SPOKEN_BY)
    assert index.check("badly let down") is None  # found in the record, but nobody is named: a label
    assert index.check("lectures", {"marr"}) is None
    assert index.check("two-tier", {"marr"}) is None  # one word as printed
    # From four words on, the whole record is searched whoever is named.
    long = index.check("we will not let them down twice", {"fenwick"})
    assert long is not None and long.verdict == "verbatim" and long.passage == 2


def test_a_word_swapped_for_a_phrase_is_close_though_the_likeness_is_low():
    index = RecordIndex(TURNS)
    twice = index.find("We will not let them down a second time.")
    assert twice.verdict == "close" and twice.passage == 2 and twice.likeness < 0.8
    # The record's words stop at its sentence's end: "twice", not "twice. Any student".
    assert twice.wording == "we will not let them down twice"
    assert [pair for pair in twice.diff if pair[0] != "="] == [("-", "twice"), ("+", "a"), ("+", "second"), ("+", "time")]
    # A phrase for a phrase inside the quote, and a word dropped besides: two short edits.
    inside = RecordIndex(["We will act without delay on every single recommendation of the inquiry."])
    assert inside.find("we will act straight away on every recommendation of the inquiry").verdict == "close"


def test_made_up_sentences_sharing_words_with_a_turn_stay_absent():
    index = RecordIndex(TURNS + RECORD)
    for made_up in (
        "We will not let the board off the hook this time",  # a stock opening, then its own words
        "families have been let down by a board nobody was watching",  # a few words, not in place
        "this statement is about families and this House is let down",  # the turn's words, scrambled
        # The record's sentence but for a clause of its own: one run of four words is no small edit.
        "we will not let them down on any future occasion",
        # Ten words in thirteen the record's, but changed in three places: reworded, not misquoted.
        "We will not sit by and let this occur again, and we shall act",
        "We will not stand by and let this sort of thing happen to victims",
    ):
        assert index.find(made_up).verdict == ABSENT, made_up


def test_a_quote_continued_in_the_next_paragraph_runs_to_the_end_of_this_one():
    assert [q.text for q in direct_quotes("“We will act on every recommendation, and we will")] == [
        "We will act on every recommendation, and we will"
    ]


def test_a_long_record_and_thousands_of_quotes_are_checked():
    """2,000 passages, 5,000 quotes (a third exact, a third with a word changed, a third
    made up): each verdict as planted. Timed by the bench, not here."""
    rng = random.Random(7)
    vocabulary = [f"w{i}" for i in range(3000)] + ["the", "of", "and", "to", "a", "in"] * 200
    passages = [" ".join(rng.choice(vocabulary) for _ in range(rng.randint(30, 150))) for _ in range(2000)]
    index = RecordIndex(passages)
    for n in range(5000):
        words = rng.choice(passages).split()
        start = rng.randint(0, len(words) - 12)
        quote = words[start : start + 12]
        kind = n % 3
        if kind == 1:
            quote[6] = "changed"
        elif kind == 2:
            quote = [f"x{rng.randint(0, 10**6)}" for _ in quote]
        verdict = index.find(" ".join(quote)).verdict
        assert verdict == (VERBATIM, CLOSE, ABSENT)[kind], (n, quote)
