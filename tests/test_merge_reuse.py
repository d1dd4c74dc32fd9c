"""Merging reads each word, text and centroid once and reuses it: what it reuses is what it
would have computed afresh, to the last bit and in the same order (ties are broken by order)."""

from __future__ import annotations

import random

from liveline.ingest.events.candidates import candidate_pairs, rarest_first
from liveline.ingest.events.features import idf_table, tokens, vector
from liveline.ingest.events.items import Item
from liveline.ingest.events.likeness import Vectors, centroids
from liveline.ingest.events.merging import merge, paragraph_words, vectors_of

WORDS = ("Lopez", "fund", "bus", "routes", "£40m", "40 million", "boards", "ferry", "Okafor", "ten", "review",
         "the", "said", "Home", "Office", "inquiries", "5.0 per cent", "12,000", "MPs", "statement")


def _texts(seed: int, n: int) -> list[str]:
    rng = random.Random(seed)
    texts = []
    for _ in range(n):
        words = [rng.choice(WORDS) for _ in range(rng.randint(3, 14))]
        stop = rng.choice((". ", ": ", ", ", " "))
        texts.append(" ".join(words[:3]) + stop + " ".join(words[3:]) + ".")
    return texts


def _plain_centroids(vectors: list[dict[str, float]], label: dict[int, int]) -> dict[int, dict[str, float]]:
    return centroids(list(vectors), label)


def test_a_word_read_again_counts_as_when_first_read() -> None:
    # A capitalised word counts as a name only in mid-sentence: the word's reading is
    # reused, its place in the sentence is not.
    first = tokens("Lopez said the fund. Lopez said ten buses")
    again = tokens("Lopez said the fund. Lopez said ten buses")
    assert list(first.items()) == list(again.items())
    assert first["@lopez"] == 0 and first["lopez"] == 2
    assert tokens("The fund: Lopez")["@lopez"] == 0
    assert tokens("The fund for Lopez")["@lopez"] == 1
    assert tokens("£40m and 40 million for ten")["#40m"] == 4


def test_kept_centroids_equal_fresh_ones_as_events_grow_and_join() -> None:
    counts = [tokens(text) for text in _texts(7, 60)]
    idf = idf_table(counts)
    kept = Vectors([vector(c, idf) for c in counts])
    label = {i: i - i % 5 for i in range(0, 30)}  # six events of five
    steps = [
        dict(label),
        {**label, 31: 0, 32: 5},  # grown: members added after the others
        {**label, 31: 0, 32: 5, 40: 0},
        {i: (0 if c == 5 else c) for i, c in {**label, 31: 0, 32: 5, 40: 0}.items()},  # joined
        {i: c for i, c in label.items() if c != 10},  # a subset (the headline rule's)
    ]
    for step in steps:
        mine, fresh = centroids(kept, step), _plain_centroids(kept, step)
        assert list(mine) == list(fresh)
        for cluster in fresh:
            assert list(mine[cluster].items()) == list(fresh[cluster].items())


def test_paragraphs_with_one_text_share_their_words() -> None:
    texts = _texts(3, 20)
    items = [Item(n, n % 3, n, "post", texts[n % 10], "body") for n in range(20)]
    own, matched = paragraph_words(items, frozenset())
    assert own[0] is own[10] and own[0] == tokens(texts[0])
    idf = idf_table(matched)
    vectors = vectors_of(matched, idf)
    assert vectors[0] is vectors[10]
    assert [list(v.items()) for v in vectors] == [list(vector(c, idf).items()) for c in matched]


def test_rarest_first_is_a_stable_sort_by_rarity() -> None:
    counts = [tokens(text) for text in _texts(11, 40)]
    idf = idf_table(counts)
    vectors = Vectors([vector(c, idf) for c in counts])
    ranked = rarest_first(vectors, idf)
    assert ranked == [sorted(v, key=lambda t: -idf.get(t, 0.0)) for v in vectors]
    assert rarest_first(vectors, idf) is ranked  # kept for the next step
    assert candidate_pairs(vectors, idf) == candidate_pairs(list(vectors), idf)


def test_merging_repeated_texts_gives_the_events_of_distinct_ones() -> None:
    # Two outlets wording one announcement alike: merging the same paragraphs with their
    # words read once or each read afresh (new Counter objects) finds the same events.
    text = "Transport Secretary Maria Lopez announces a £40m fund to save rural bus routes in 12 regions."
    other = "Lopez said the £40m fund would save rural bus routes across 12 regions, ministers said."
    items = [Item(1, 1, 10, "post", text, "body"), Item(2, 2, 20, "post", other, "body"),
             Item(3, 3, 30, "post", text, "body"), Item(4, 1, 11, "post", "Ferry timetables are a disgrace.", "body")]
    events = merge(items)
    assert [[i for i, _ in e.members] for e in events] == [[0, 1, 2]]
