"""Transcript turns as event anchors: what a live blog or an article quotes from the
official record joins the turn it quotes.

A turn of a transcript (a post of a source of kind "transcript"; its paragraphs are
`Item.record`) is one moment: something said in the chamber, at the time the record
gives it. A report quoting it, word for word or with a few words changed (record_match.py
decides which), reports that moment. Words shared with a turn bring reports to it already
(merging's own rules treat the record as one more outlet); this step makes the turn the
event and catches the reports whose wording around the quote is their own:

- One turn, one event: the events holding paragraphs of one turn are joined, and the
  turn's other paragraphs are in it too. Reports of the statement's opening and of its
  last announcement report one moment, and borrow one time. (On the development story
  with a record, bench/stories/debate-day, events per turn score merge F1 0.77, P 0.70 /
  R 0.86; events per record paragraph 0.63, P 0.84 / R 0.50, hardly above no anchoring
  at all, 0.61: a statement's reports split over its paragraphs. The precision lost was
  earlier merges' mistakes, a preview post "she will make a statement" matched by its
  words, carried into the turn; previews are now kept apart (previews.py): P 0.96.)
- Two turns are two moments: an event never holds two turns. Merging's rules can put
  them together (a question and its answer share their words; `exchanges_follow` joins
  a person's run across posts), so such an event keeps one turn (the one most of its
  reports quote) and each other turn leaves as an event of its own with the reports
  quoting it.
- A paragraph whose first quote found in the record is a turn's joins that turn's event
  (starting one when the turn is in none). It leaves the event it was in only when that
  event holds no turn: an event anchored to a turn by its words is not broken up on one
  quote, which a formula ("I refer the hon. Member to the answer I gave some moments
  ago") can match in another turn. When every quote found among an unanchored event's
  members is of one turn, the whole event joins it: its members report one moment (that
  is what made them one event), and those that paraphrase borrow the turn's time too.
- A paragraph quoting two turns ("Philp asked '...'; Cooper replied '...'") goes with the
  first: it tells an exchange, and an exchange stands in the timeline where it starts; a
  paragraph holds one place, so it can be in one event only.

No paraphrase rule beyond merging's own: measured on debate-day (IDF-weighted share of a
report's content words found in its nearest turn paragraph), every report with half or
more is in an event by its words already but one, "Marr added that families had been
'badly let down'" (two content words: too few to tell a paraphrase from chance); and a
share that high is no proof: a preview, "She is expected to announce an independent
review", has 0.52 with the statement it announces.

A date without record paragraphs is left exactly as it was, at no cost: most timelines
have no record.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Hashable, Sequence

from liveline.ingest.events.items import Item
from liveline.ingest.events.previews import cluster_previews, preview_flags
from liveline.timeline.record_match import CLOSE, SHORT_QUOTE_MIN_WORDS, VERBATIM, RecordIndex, direct_quotes

Labels = dict[int, int]  # item index -> its cluster (an item index, as merging labels clusters)

# Verdicts that tie a report to a turn: an absent quote says nothing about which turn.
ANCHORING = (VERBATIM, CLOSE)


def record_paragraphs(items: list[Item]) -> list[int]:
    """Indices of the record's speech paragraphs (its headings, if any, are not said)."""
    return [i for i, item in enumerate(items) if item.record and item.part == "body"]


def quoting(texts: Sequence[str], record: Sequence[str], said_by: Sequence[Collection[Hashable]] | None = None,
            record_speakers: Sequence[Collection[Hashable]] | None = None) -> dict[int, tuple[int, float]]:
    """For each of `texts` with a quote found in the `record` passages (verbatim or close):
    the passage its first found quote stands in, and how alike the quote is to the
    record's words (1.0 verbatim). A short quote counts only when `said_by` (the speakers
    of each text) names a member whose turns (`record_speakers`) hold it word for word
    (record_match.RecordIndex.check). The record is indexed only when a quote needs it."""
    index: RecordIndex | None = None
    found: dict[int, tuple[int, float]] = {}
    for n, text in enumerate(texts):
        for quote in direct_quotes(text, SHORT_QUOTE_MIN_WORDS):
            index = index or RecordIndex(record, record_speakers)
            match = index.check(quote.text, said_by[n] if said_by else ())
            if match is not None and match.verdict in ANCHORING and match.passage is not None:
                found[n] = (match.passage, match.likeness)
                break
    return found


def quoted_turns(items: list[Item], record: list[int], candidates: list[int] | None = None) -> dict[int, tuple[int, float]]:
    """For each non-record paragraph (of `candidates`, else all) with a quote found in the
    record paragraphs `record`: the record paragraph its first found quote stands in, and
    the quote's likeness."""
    if not record:
        return {}
    reports = [i for i in (range(len(items)) if candidates is None else candidates) if not items[i].record]
    found = quoting([items[i].text for i in reports], [items[r].text for r in record],
                    [items[i].speakers for i in reports], [items[r].speakers for r in record])
    return {reports[n]: (record[passage], likeness) for n, (passage, likeness) in found.items()}


def one_turn_each(items: list[Item], label: Labels, anchors: dict[int, tuple[int, float]] | None = None) -> Labels:
    """`label` with no cluster holding record paragraphs of two turns. The turn most of the
    cluster's reports quote stays (then the one with most paragraphs there, then the
    earlier); each other turn leaves as an event of its own, taking along the reports
    quoting it (`anchors`: report -> the record paragraph it quotes, and how alike)."""
    turns: dict[int, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))  # cluster -> turn -> members
    for index, cluster in label.items():
        if items[index].record:
            turns[cluster][items[index].post_id].append(index)
    out = label
    for cluster, by_turn in turns.items():
        if len(by_turn) < 2:
            continue
        quoters: dict[int, list[int]] = defaultdict(list)  # turn -> the cluster's reports quoting it
        for index, (turn_paragraph, _) in (anchors or {}).items():
            if label.get(index) == cluster and label.get(turn_paragraph) == cluster:
                quoters[items[turn_paragraph].post_id].append(index)
        keep = max(by_turn, key=lambda turn: (len(quoters[turn]), len(by_turn[turn]), -min(by_turn[turn])))
        out = dict(out) if out is label else out
        leaving = [by_turn[turn] + quoters[turn] for turn in by_turn if turn != keep]
        left = {index for group in leaving for index in group}
        staying = [index for index, c in label.items() if c == cluster and index not in left]
        # Cluster ids are member indices: each part is named by its first member (the
        # cluster's own id may be a leaving paragraph's).
        for group in [*leaving, staying]:
            out.update({index: min(group) for index in group})
    return out


def whole_turns(items: list[Item], label: Labels, strength: dict[int, float] | None = None) -> Labels:
    """`label` with one event per turn: the clusters holding paragraphs of one turn joined,
    and the turn's other paragraphs in it too (the turn is one moment, said in one go).
    Each cluster holds one turn at most already (`one_turn_each`)."""
    turns = _turns(items)
    home: dict[int, int] = {}  # turn -> its cluster
    rename: dict[int, int] = {}
    for index, cluster in sorted(label.items()):
        if items[index].record:
            turn = items[index].post_id
            if turn in home and home[turn] != cluster:
                rename[cluster] = home[turn]
            home.setdefault(turn, cluster)
    out = {index: rename.get(cluster, cluster) for index, cluster in label.items()}
    for turn, cluster in home.items():
        for index in turns[turn]:
            out[index] = cluster
            _tie(strength, index, 1.0)
    return out


def _turns(items: list[Item]) -> dict[int, list[int]]:
    """Each turn's speech paragraphs (a turn is a post of the record)."""
    turns: dict[int, list[int]] = defaultdict(list)
    for index in record_paragraphs(items):
        turns[items[index].post_id].append(index)
    return turns


def _tie(strength: dict[int, float] | None, index: int, value: float) -> None:
    if strength is not None:
        strength[index] = max(strength.get(index, 0.0), round(value, 4))


def anchor_to_record(items: list[Item], label: Labels, strength: dict[int, float] | None = None,
                     movable: Callable[[int], bool] | None = None, candidates: list[int] | None = None,
                     previews: Sequence[bool] | None = None) -> Labels:
    """`label` with reports joined to the record turns they quote (the module says how).

    `strength` (each paragraph's similarity that brought it in, as merging keeps it) gets
    the quote's likeness for a quoting paragraph, and 1.0 for a turn's own paragraphs: a
    turn is the authority on its moment, the last thing a conflict in the order undoes.
    `movable`: which paragraphs may change cluster (a follower's new ones, attach.py);
    None: any, as a full merge, which also makes each turn one event (`one_turn_each`,
    `whole_turns`). `candidates`: the paragraphs whose quotes are looked up (None: all).
    A preview (`previews`: `is_preview`), or an event of previews, never joins a turn: it
    was written before the turn was said, however much of it it quotes.
    Returns `label` itself when the date has no record paragraphs."""
    record = record_paragraphs(items)
    if not record:
        return label
    previews = preview_flags(items) if previews is None else previews
    anchors = {i: found for i, found in quoted_turns(items, record, candidates).items() if not previews[i]}
    if movable is None:
        label = whole_turns(items, one_turn_each(items, label, anchors), strength)
    if not anchors:
        return label
    may_move = movable or (lambda _: True)
    out = dict(label)
    turns = _turns(items)
    recorded = {cluster for index, cluster in label.items() if items[index].record}
    of_previews = cluster_previews(previews, label)
    members: dict[int, list[int]] = defaultdict(list)
    for index, cluster in label.items():
        members[cluster].append(index)

    def target(turn_paragraph: int) -> int:
        """The turn's event: the one its paragraphs are in, else one it starts (cluster ids
        are member indices: its first paragraph's)."""
        turn = turns[items[turn_paragraph].post_id]
        return next((out[i] for i in [turn_paragraph, *turn] if i in out), min(turn))

    def seat(turn_paragraph: int) -> int:
        """The turn's event, with the turn's paragraphs in it."""
        cluster = target(turn_paragraph)
        for index in turns[items[turn_paragraph].post_id]:
            if index not in out and may_move(index):
                out[index] = cluster
                _tie(strength, index, 1.0)
        return cluster

    by_cluster: dict[int | None, list[int]] = defaultdict(list)
    for index in sorted(anchors):
        by_cluster[label.get(index)].append(index)
    for home, quoters in by_cluster.items():
        if home is not None and (home in recorded or of_previews[home]):
            continue  # anchored by its words already: not broken up on a quote; or a preview
        targets = {target(anchors[i][0]) for i in quoters}
        whole = home is not None and len(targets) == 1 and all(may_move(i) for i in members[home])
        moving = members[home] if home is not None and whole else [i for i in quoters if may_move(i)]
        for index in sorted(moving, key=lambda i: i not in anchors):  # the quoting ones seat the turn first
            if index in anchors:
                turn_paragraph, likeness = anchors[index]
                out[index] = seat(turn_paragraph)
                _tie(strength, index, likeness)
            else:
                out[index] = next(iter(targets))
    return out
