"""The page's own byline: who writes a live page as a whole, as distinct from a post's byline.

A page names its writer in three places, most deliberate first: the `author` of its
LiveBlogPosting or article in JSON-LD, a `<meta name="author">`, and a link marked
rel="author". Only a person is a blog's author: an outlet or a desk ("BBC News", "Staff
and agencies", an Organization in JSON-LD) has no first person of its own. When a byline
lists several people ("Jane Doe and John Roe", four `<meta name="author">` tags), nobody
is the blog's single author: live pages credit every reporter who filed to them, and the
first listed wrote no more of the unsigned posts than the others, so an "I" in them is
nobody's we can name. A rel="author" link is read only when no post carries a byline: on
a page whose posts are signed, those links are the posts'.
"""

from __future__ import annotations

from typing import Any

from selectolax.lexbor import LexborHTMLParser

from liveline.ingest.read.json_ld import types
from liveline.ingest.read.page_clock import meta_content
from liveline.ingest.read.post_markup import byline_of, people_of
from liveline.ingest.read.raw_post import clean
from liveline.ingest.read.shapes import looks_like_name

# JSON-LD types that name an outlet or a desk, not a person.
_NOT_PEOPLE = {"Organization", "NewsMediaOrganization", "Corporation", "Brand", "WebSite"}


def page_author(tree: LexborHTMLParser, main: dict[str, Any], posts_signed: bool) -> str | None:
    """The person the page names as its only writer, or None when it names none, only an
    outlet, or several people. The first place naming anybody decides."""
    places = [
        _ld_authors(main.get("author")),
        [clean(node.attributes.get("content") or "") for node in tree.css('meta[name="author" i]')]
        or [meta_content(tree, "author") or ""],
        [clean(node.text()) for node in tree.css('[rel~="author"]')] if not posts_signed else [],
    ]
    for names in places:
        people = list(dict.fromkeys(person for name in names for person in _people(name)))
        if people:
            return people[0] if len(people) == 1 else None
    return None


def _ld_authors(value: object) -> list[str]:
    """The names of a JSON-LD author value that may be people, in the page's order."""
    found = []
    for entry in value if isinstance(value, list) else [value]:
        if isinstance(entry, dict) and types(entry) & _NOT_PEOPLE:
            continue
        name = entry.get("name") if isinstance(entry, dict) else entry
        if isinstance(name, str):
            found.append(clean(name))
    return found


def _people(text: str) -> list[str]:
    """The people a byline names ("By Jane Doe, political editor" -> ["Jane Doe"])."""
    found = byline_of(text) if text else None
    if found is None:
        return []
    return [person for person in people_of(found[0]) if looks_like_name(person)]
