"""Who wrote each post: the byline a reader sees under or over it, in the page's own language
("By", "Von", "Par", "Di", "Por", "Door", "Przez", "Autor:", "Auteur :", "Redactie:"), names
with accents and particles, and a desk ("Redactie", "Staff") where the page signs a post with
one. A name in the post's own words is who the post is about, never its author."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from liveline.ingest.read.html_page import parse_time
from liveline.ingest.read.markup_tree import WorkBudget
from liveline.ingest.read.post_markup import byline_of, markup_posts, take_byline
from liveline.ingest.read.raw_post import RawPost


def timed_posts(*entries: str) -> list[RawPost]:
    """Posts of a page whose entries each carry a <time datetime> (read by post_markup)."""
    html = '<!doctype html><html><body><main><div class="feed">' + "".join(entries) + "</div></main></body></html>"
    posts, _ = markup_posts(LexborHTMLParser(html), parse_time, WorkBudget("page", len(html)))
    return posts


def entry(n: int, byline: str, text: str = "The river keeps rising along the old town walls.") -> str:
    return (f'<article id="p{n}"><time datetime="2024-09-14T0{n}:15:00+02:00">0{n}:15</time>'
            f"<h2>Update {n}</h2><p>{text}</p>{byline}</article>")


@pytest.mark.parametrize(("byline", "author"), [
    ('<div class="post__author">Autor: Jan Kowalski</div>', "Jan Kowalski"),
    ('<div class="post__author">Autorin: Lena Brandt</div>', "Lena Brandt"),
    ('<div class="post__author">Auteur : Jean-Luc Dupont</div>', "Jean-Luc Dupont"),
    ('<div class="post__author">Autore: Giulia Bianchi</div>', "Giulia Bianchi"),
    ('<div class="post__author">Redactie: Sanne de Vries</div>', "Sanne de Vries"),
    ('<div class="post__author">Reporter: Łukasz Żak</div>', "Łukasz Żak"),
    ('<span class="byline">Por Lucía Herrera</span>', "Lucía Herrera"),
    ('<span class="byline">Przez Łukasz Żak</span>', "Łukasz Żak"),
    ('<span class="byline">By Siobhan O\'Neill</span>', "Siobhan O'Neill"),
    ('<div class="byline"><span>By</span> <a href="/p/jd">Jane Doe</a></div>', "Jane Doe"),
    ('<div class="byline"><span>Von</span> <a href="/p/r">Redaktion</a></div>', "Redaktion"),
])
def test_a_marked_byline_in_the_pages_language_is_the_posts_author(byline, author):
    posts = timed_posts(entry(1, byline), entry(2, byline))
    assert [p.author for p in posts] == [author, author]
    assert all(p.paragraphs == ["The river keeps rising along the old town walls."] for p in posts)


@pytest.mark.parametrize(("byline", "author"), [
    ('<div class="liveblog-item__author">Door Redactie</div>', "Redactie"),
    ('<div class="author">Redaktion</div>', "Redaktion"),
    ('<span class="byline">By Staff and agencies</span>', "Staff and agencies"),
    ('<span class="meta">Door Redactie</span>', "Redactie"),  # the By-word marks it
])
def test_a_desk_the_page_signs_a_post_with_is_its_author(byline, author):
    assert [p.author for p in timed_posts(entry(1, byline), entry(2, byline))] == [author, author]


@pytest.mark.parametrize("name", ["Lucía Herrera", "Sanne de Vries", "Jean-Luc Dupont", "Łukasz Żak", "Mary O'Neill"])
def test_a_name_standing_alone_beside_the_posts_time_is_its_author(name):
    byline = f'<div class="meta"><a href="/autor/x">{name}</a></div>'
    assert [p.author for p in timed_posts(entry(1, byline), entry(2, byline))] == [name, name]


@pytest.mark.parametrize("label", ["Key Event", "LIVE UPDATES", "Die Polizei", "Read More", "Redaktion", "Newsroom"])
def test_a_label_or_an_unsigned_desk_word_beside_the_time_is_no_author(label):
    byline = f'<div class="meta"><span>{label}</span></div>'
    assert [p.author for p in timed_posts(entry(1, byline), entry(2, byline))] == [None, None]


def test_a_persons_name_in_the_posts_words_is_who_it_is_about_not_its_author():
    posts = timed_posts(
        entry(1, "", "<strong>Łukasz Żak</strong> said the dam will hold."),
        entry(2, "", "Lucía Herrera"),
        entry(3, '<ul><li>Sanne de Vries</li></ul>'),
    )
    assert [p.author for p in posts] == [None, None, None]


@pytest.mark.parametrize(("line", "author", "role"), [
    ("Door Redactie", "Redactie", None),
    ("Von Online-Redaktion", "Online-Redaktion", None),
    ("Autor: Jan Kowalski", "Jan Kowalski", None),
    ("Auteur : Jean-Luc Dupont, envoyé spécial", "Jean-Luc Dupont", "envoyé spécial"),
    ("Por Lucía Herrera y Pablo Ortega", "Lucía Herrera y Pablo Ortega", None),
])
def test_a_byline_paragraph_with_a_by_word_or_label_is_the_author(line, author, role):
    assert take_byline(["Het water stijgt nog steeds.", line]) == (author, role, ["Het water stijgt nog steeds."])


@pytest.mark.parametrize("line", [
    "Redactie", "Staff", "Autor des Buches ist Jan Kowalski.", "Door de regen is de weg afgesloten.",
    "Redaktion und Verlag danken allen Lesern für ihre Geduld in diesen Tagen.", "Par la suite, la redaction a changé."
])
def test_a_paragraph_that_is_not_signed_as_a_byline_stays_a_paragraph(line):
    assert take_byline([line]) == (None, None, [line])


def test_a_line_marked_as_a_byline_reads_with_or_without_its_by_word():
    assert byline_of("Door Sanne de Vries") == ("Sanne de Vries", None)
    assert byline_of("Sanne de Vries") == ("Sanne de Vries", None)
    assert byline_of("Autorin: Lena Brandt, Korrespondentin") == ("Lena Brandt", "Korrespondentin")
    assert byline_of("Der Fluss steigt weiter.") is None


def test_the_line_under_a_marked_byline_is_its_role_not_a_paragraph():
    byline = '<div class="post-byline"><p><span>By</span> <span>Naomi Berke</span></p><p>Reporting from the harbour</p></div>'
    posts = timed_posts(entry(1, byline), entry(2, byline))
    assert [(p.author, p.role, p.paragraphs) for p in posts] == [
        ("Naomi Berke", "Reporting from the harbour", ["The river keeps rising along the old town walls."])
    ] * 2


def test_a_name_beside_its_roles_element_in_a_marked_byline_is_the_author():
    byline = '<div class="post-author">Ruth Okafor<span class="post-author-role">news reporter</span></div>'
    assert [(p.author, p.role) for p in timed_posts(entry(1, byline), entry(2, byline))] == [("Ruth Okafor", "news reporter")] * 2


def test_a_post_wrapped_in_an_author_marked_element_keeps_its_paragraphs():
    posts = timed_posts(*(entry(n, "").replace("<h2>", '<div class="has-author"><span>Jane Doe</span><h2>').replace("</article>", "</div></article>")
                          for n in (1, 2)))
    assert [(p.author, p.paragraphs) for p in posts] == [("Jane Doe", ["The river keeps rising along the old town walls."])] * 2

