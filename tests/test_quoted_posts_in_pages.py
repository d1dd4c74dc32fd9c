"""A reader opens a saved live page whose posts quote tweets (the embed a newsroom pastes:
the tweet's text, then "— Name (@handle) date"), and the timeline says who wrote each
tweet: the tweet's words are the account's, its credit line is nobody's words."""

from __future__ import annotations

import json
from pathlib import Path

from liveline.ingest.read.json_ld import body_paragraphs
from liveline.ingest.read.raw_post import credit_line, split_credit
from liveline.ingest.speakers.tweets import signature
from tests.conftest import speakers_of, write

TWEET = (
    '<blockquote class="twitter-tweet"><p lang="en">Ferry cancelled again, third time this week. '
    '<a href="https://t.invalid/x">pic.example/abc</a></p>&mdash; Maud Gillespie (@maudgillespie) '
    '<a href="https://x.invalid/maudgillespie/status/9">March 3, 2025</a></blockquote>'
)


def _page(posts: list[str], ld: str = "") -> str:
    articles = "\n".join(
        f'<article class="post" id="p{n}"><time datetime="2025-03-03T{10 + n:02d}:00:00Z">{10 + n}:00</time>'
        f'<div class="body">{body}</div></article>'
        for n, body in enumerate(posts)
    )
    return (
        f'<!DOCTYPE html><html><head><title>Live: storms close the ferry routes</title>{ld}</head>'
        f'<body><main><h1>Live: storms close the ferry routes</h1>{articles}</main></body></html>'
    )


POSTS = [
    "<h2>Harbour shut</h2><p>The harbour master closed the port at dawn.</p>",
    "<h2>Passengers stranded</h2>" + TWEET,
    "<h2>Buses replace ferries</h2><p>Coaches will run from the pier from noon.</p>",
]


def _ingest(cli, tmp_path: Path, html: str) -> dict[str, list[str]]:
    page = write(tmp_path, "ferries.html", html)
    db = tmp_path / "t.db"
    run = cli("ingest", page, "--outlet", "Example News", "--db", db)
    assert run.code == 0, run.err
    return speakers_of(db)


def test_a_tweet_quoted_in_a_page_is_attributed_to_the_account_that_signed_it(cli, tmp_path: Path):
    said = _ingest(cli, tmp_path, _page(POSTS))
    assert said["Ferry cancelled again, third time this week. pic.example/abc"] == ["Maud Gillespie"]
    assert said["— Maud Gillespie (@maudgillespie) March 3, 2025"] == []
    assert said["The harbour master closed the port at dawn."] == []


def test_a_tweet_in_a_json_ld_update_keeps_its_credit_line(cli, tmp_path: Path):
    # The same page with its posts also in JSON-LD liveBlogUpdate items (HTML in articleBody).
    updates = [
        {"@type": "BlogPosting", "@id": f"#p{n}", "datePublished": f"2025-03-03T{10 + n:02d}:00:00Z", "articleBody": body}
        for n, body in enumerate(["<p>The harbour master closed the port at dawn.</p>", TWEET,
                                  "<p>Coaches will run from the pier from noon.</p>"])
    ]
    ld = json.dumps({"@context": "https://schema.org", "@type": "LiveBlogPosting", "liveBlogUpdate": updates})
    said = _ingest(cli, tmp_path, _page(POSTS, f'<script type="application/ld+json">{ld}</script>'))
    assert said["Ferry cancelled again, third time this week. pic.example/abc"] == ["Maud Gillespie"]
    assert said["— Maud Gillespie (@maudgillespie) March 3, 2025"] == []


def test_an_article_body_reads_a_quoted_tweet_as_its_text_and_its_credit():
    assert body_paragraphs("<p>Before.<br>Still before.</p>" + TWEET + "<p>After.</p>", "page") == [
        "Before.", "Still before.", "Ferry cancelled again, third time this week. pic.example/abc",
        "— Maud Gillespie (@maudgillespie) March 3, 2025", "After.",
    ]


def test_a_credit_line_is_written_one_way_whatever_dash_the_page_used():
    for written in ("-- Ana Ruiz (@anaruiz) 2 May 2025", "—Ana Ruiz (@anaruiz)", "– Ana Ruiz (@anaruiz) May 2, 2025"):
        assert credit_line(written).startswith("— Ana Ruiz (@anaruiz)")
        assert signature(credit_line(written)) is not None
    assert credit_line("The minister said nothing.") is None
    assert credit_line("Follow our desk (@newsdesk) for more") is None


def test_a_credit_run_into_the_tweets_text_is_cut_off_but_a_dash_in_a_sentence_is_not():
    assert split_credit("Roads flooded near the bridge — Tom Reyes (@tomreyes) May 2, 2025") == [
        "Roads flooded near the bridge", "— Tom Reyes (@tomreyes) May 2, 2025",
    ]
    assert split_credit("We asked the council — it would not comment.") == ["We asked the council — it would not comment."]


def test_words_either_side_of_a_line_break_stay_apart(cli, tmp_path: Path):
    posts = ["<h2>Roads</h2><p>The bridge is shut.<br>Use the bypass.</p>", *POSTS[1:]]
    said = _ingest(cli, tmp_path, _page(posts))
    assert "The bridge is shut. Use the bypass." in said
