"""The members speaking in an official record's turns, as people of the story.

A turn of a record (a transcript source's post) names its speaker on the speaker line: the
post's author is the member ("Yvette Cooper", "Mr Doe"), its author role the office as
printed ("Secretary of State for the Home Department") or the seat and party. Every
paragraph of the turn is the member's: the record says so, more surely than any cue (a
member quoting somebody is still the one speaking). Their office becomes their role and
aliases (offices.py), so the story's live blogs find them as "the Home Secretary".

Members are learned before the story's news introductions: a record's "Mr Doe" is then
completed by a live blog's "Jane Doe", as any surname met before its full name is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from liveline.ingest.speakers.names import ROLE_NOUN_RE, ROLE_NOUNS, TITLES, fold, role_key, split_title
from liveline.ingest.speakers.offices import OfficeForms, office_forms
from liveline.ingest.speakers.registry import Person, Registry
from liveline.ingest.speakers.story import PostText

# A form looked up as the holder's must end in its role word ("Home Secretary") or be an
# office named with none ("Taoiseach"): the registry takes a looked-up form's last word for
# a surname, and "Department", "Opposition" or "Pensions" alone are nobody.
_ENDS_IN_ROLE = re.compile(rf"\b(?:{ROLE_NOUNS})$", re.I)
# Courtesy titles records print before a surname ("Senator Plett", "Deputy Murphy", "Hon. Doe")
# that say nothing of gender, unlike the titles names.py knows ("Mr", "Ms").
_RECORD_COURTESY = {"senator", "sen", "deputy", "hon", "representative", "rep", "congressman", "congresswoman"}
# The parts of a turn that are the member's words (a record's turn has no other).
_SPOKEN_PARTS = ("body", "headline")


def register_turns(registry: Registry, posts: Iterable[PostText]) -> dict[int, Person]:
    """Learn the member of every record turn among `posts`, with their office's role and
    aliases; the member speaking each paragraph of those turns, by paragraph key."""
    speakers: dict[int, Person] = {}
    for post in posts:
        if not post.record:
            continue
        member = _member(registry, post)
        if member is None:
            continue
        for para in post.paragraphs:
            if para.part in _SPOKEN_PARTS:
                speakers[para.key] = member
    return speakers


def for_learning(post: PostText) -> PostText:
    """The post as the news introductions should read it: a turn's speaker line names the
    member, no byline of somebody writing (introductions.learn would take them for a
    journalist), so a turn offers its words only."""
    return replace(post, author=None, author_role=None, blog_author=None) if post.record else post


def _member(registry: Registry, post: PostText) -> Person | None:
    forms = office_forms(post.author_role)
    if post.author:
        person = _named(registry, post.author, forms)
    elif forms.role:
        # A chair named by office alone ("Mr Speaker"): whoever the story knows in it.
        known = registry.find_role(role_key(forms.role)) or registry.find_alias(forms.role)
        person = known or registry.learn_role_person(forms.role, forms.role)
    else:
        return None
    for form in forms.aliases:
        if _ENDS_IN_ROLE.search(form) or not ROLE_NOUN_RE.search(form):
            registry.alias(person, form)
            # A role phrase the registry knows by no role key of its own ("the Foreign
            # Affairs Minister" beside the role "Foreign Minister") is found as written,
            # article and all.
            registry.alias(person, f"the {form}")
        else:
            registry.note_form(person, form)
    return person


def _named(registry: Registry, name: str, forms: OfficeForms) -> Person:
    """The member a speaker line names, found among the story's people or learned."""
    known = registry.find_alias(name)
    if known is not None and known.kind in ("person", "journalist"):
        registry.set_role(known, forms.role)
        return known
    title, bare = split_title(name)
    words = bare.split()
    if title is None and len(words) == 2 and words[0].lower().rstrip(".") in _RECORD_COURTESY:
        bare = words[1]  # "Senator Plett": a record's courtesy title the news never writes before a name
    if " " not in bare:
        # "Mr Doe": the one person of the story with that surname, unless their title's
        # gender says otherwise (a follower's registry knows the live blog's "Jane Doe").
        gender = TITLES.get(title or "")
        same = [p for p in registry.people if p.kind == "person" and fold(p.surname or "") == fold(bare)]
        if len(same) == 1 and not (gender and same[0].gender and gender != same[0].gender):
            person = same[0]
            registry.alias(person, name)
            person.vote(gender)
            registry.set_role(person, forms.role)
            return person
    return registry.learn_person(name, forms.role)
