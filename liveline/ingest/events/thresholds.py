"""The numbers merging decides by: how alike reports must be to become, grow or join an event.

Chosen on the development gold (../shared/gold), precision first; the README section
"Merging" has the table. Measured there, pairwise over cross-source line pairs, as
precision / recall: the chosen settings 0.99 / 0.80. A value's comment gives what moving
it did where the table measured it.
"""

from __future__ import annotations

import datetime as dt

# Seeding: pairs that start an event.
# 0.35 and 0.45 score the same (0.99 / 0.80); 0.40 stays because at 0.35 reports the gold
# does not label visibly mis-merge (a recap of last week's announcement with today's).
SEED = 0.40  # a pair of paragraphs from two outlets this alike (mutual best) starts an event
SEED_SHARED = 3  # ...and shares this many distinct words: one name ("Home Office") is a topic, not an event
SAME_SOURCE = 0.55  # a summary bullet repeating one of its own page's posts

# Growth: paragraphs joining an event's centroid.
GROW = 0.35  # a paragraph this close to an event's centroid joins it (0.30: 0.60 / 0.59)
GROW_NEAR = 0.06  # ...or this close, when its same-speaker neighbour already belongs (0.10: recall 0.73; 0.03: the same)
GROW_ROUNDS = 2

# Joins: two events that are fragments of one.
JOIN = 0.45  # two fragments of one event: centroids this alike
JOIN_NEAR = 0.25  # ...or this alike when adjacent in some post
# 0.22 to 0.29 score the same; 0.20 starts joining one person's separate announcements
# (precision 0.86), 0.30 loses recall (0.72), and at JOIN (the plain join) recall is 0.67.
JOIN_SAME_SPEAKER = 0.26  # ...or this alike when one reports nobody but people the other reports

# Candidate search: which pairs are scored at all (work grows with the corpus, not its square).
TOP_TOKENS = 12  # tokens of a paragraph used to find candidates
MAX_POSTING = 64  # tokens in more paragraphs than this say nothing about an event
MAX_CANDIDATES = 16  # partners (paragraphs or events) scored per paragraph or event
CENTROID_TOKENS = 48  # an event's words, heaviest first, kept for comparing

# Adjustments to a pair's likeness.
TIME_SLACK = dt.timedelta(minutes=90)
CLOCKS_APART = 0.15  # taken off when two posts' clocks cannot come within TIME_SLACK of each other
SPEAKER_MATCH = 0.05  # added to a pair's similarity when they report the same person
SPEAKER_MISMATCH = 0.10  # taken off when both name speakers and none is shared
SUMS_DIFFER = 0.20  # taken off when both name sums of money and share none

# Follow-up rules.
LEDE = 2  # paragraphs under a headline that tell its story
MAIN_SPEAKER = 0.3  # share of a date's attributed paragraphs that makes a person the story's main speaker
REPEATED_POSTS = 3  # a text in this many posts of one page is the page's furniture, not news
