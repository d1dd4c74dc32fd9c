"""An article's own text: the paragraphs of the block that holds the most prose, without
navigation, captions, share bars, related links, newsletter boxes or cookie notices.

The block is found as readability found it: every paragraph's text counts for its parent
(and half for its grandparent, as a wrapper div often splits an article's text), and the
element with the most wins; a page's own marking (`itemprop=articleBody`, `<article>`)
wins when it holds at least most of that. Furniture is known by its tag (nav, aside,
figure...) or by the words in its class or id, the same words every CMS uses.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser

from liveline.ingest.read.markup_tree import FURNITURE_TAGS, MarkupTree, WorkBudget
from liveline.ingest.read.raw_post import clean

_SKIP_TAGS = FURNITURE_TAGS
_PARAGRAPHS = frozenset({"p"})
# Some CMSs write each paragraph as a <div> of text (`data-testid="paragraph-3"`): a div
# holding no block of its own and at least a sentence's worth of text is one.
_DIV_PARAGRAPHS = frozenset({"div"})
_HOLDS_BLOCK = frozenset({"p", "div", "ul", "ol", "table", "section", "article", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "figure"})
MIN_DIV_PARAGRAPH = 60
# ... or a shorter one that ends as a sentence does ("Shares rose 3.1% by 0930 GMT.").
MIN_DIV_SENTENCE = 20
_SENTENCE_END = (".", "!", "?", '"', "”", "’", "»")
# Class and id words of page furniture (readability's "unlikely candidates", and what
# news CMSs name their boxes); matched as whole words of the attribute.
_FURNITURE = re.compile(
    r"(?:^|[\s_-])(?:related|recommend\w*|promo|newsletter|signup|subscribe|share|sharing|social|comments?|cookie|"
    r"consent|advert\w*|ad|ads|sponsor\w*|caption|credit|byline|tags|breadcrumbs?|teaser|more-stories|"
    r"read-?more|outbrain|taboola|paywall|popup|modal|banner|sidebar|footer|menu|nav)(?:$|[\s_-])",
    re.I,
)
# ... unless the same attribute also says it holds the text (readability's "maybe a candidate").
_KEEP = re.compile(r"article|body|content|main|story", re.I)
_NEVER_FURNITURE = frozenset({"body", "html", "main", "article"})
# The page's own mark for its article text counts if it holds this share of the best
# block's prose: it is the author's word, not a guess, unless it marks a small box.
_OWN_MARK_SHARE = 0.6
_MARKED = "[itemprop=articleBody], article"
_SPLIT_GAIN = 1.25


def article_paragraphs(page: LexborHTMLParser, body: MarkupTree | None, budget: WorkBudget) -> list[str]:
    """The article's paragraphs, in order; [] when the page has no body."""
    if page.body is None:
        return []
    tree = body if body is not None else MarkupTree(page.body, budget)
    furniture = _furniture(tree)
    paragraph = _paragraphs(tree, furniture)
    score = [0.0] * len(tree)
    for i in (i for i, is_paragraph in enumerate(paragraph) if is_paragraph):
        size = tree.text_size[i]
        up = tree.parent[i]
        if up >= 0:
            score[up] += size
            if tree.parent[up] >= 0:
                score[tree.parent[up]] += size / 2
    if not any(score):
        return []
    best = max(range(len(tree)), key=score.__getitem__)
    prose = _prose_under(tree, paragraph)
    for marked in tree.matching(_MARKED):
        if furniture[marked] or not prose[marked]:
            continue
        around = marked <= best < tree.end[marked]
        # Around the best block, the mark is taken when the best block missed prose (text
        # split across wrappers), not for a sign-off line beside it; elsewhere, when it
        # holds most of what the best block does (the best one then is comments, a box).
        if prose[marked] >= (_SPLIT_GAIN if around else _OWN_MARK_SHARE) * prose[best]:
            best = marked
            break
    else:
        # The best block's parent when the prose is split across sibling wrappers.
        up = tree.parent[best]
        if up >= 0 and prose[up] > prose[best] * 1.5 and tree.tags[up] not in ("body", "html"):
            best = up
    tree.visit(tree.end[best] - best)
    return [t for i in range(best, tree.end[best]) if paragraph[i] and (t := clean(tree.text(i)))]


def _paragraphs(tree: MarkupTree, furniture: list[bool]) -> list[bool]:
    """For every element: whether it is one of the article's paragraphs (a <p>, or a div of
    text with no block inside), furniture left out."""
    holds_block = tree.contains_tag(_HOLDS_BLOCK)
    tree.visit(len(tree))

    def text_block(i: int) -> bool:
        size = tree.text_size[i]
        if holds_block[i] or size < MIN_DIV_SENTENCE:
            return False
        return size >= MIN_DIV_PARAGRAPH or tree.text(i).rstrip().endswith(_SENTENCE_END)

    return [
        not furniture[i] and (tag in _PARAGRAPHS or (tag in _DIV_PARAGRAPHS and text_block(i)))
        for i, tag in enumerate(tree.tags)
    ]


def _furniture(tree: MarkupTree) -> list[bool]:
    """For every element: whether it is, or is inside, page furniture."""
    flags = [False] * len(tree)
    for i, node in enumerate(tree.nodes):
        up = tree.parent[i]
        if up >= 0 and flags[up]:
            flags[i] = True
            continue
        if tree.tags[i] in _SKIP_TAGS:
            flags[i] = True
            continue
        attributes = node.attributes
        if attributes and tree.tags[i] not in _NEVER_FURNITURE:
            words = f"{attributes.get('class') or ''} {attributes.get('id') or ''}"[:300]  # a class list, not an essay
            flags[i] = bool(_FURNITURE.search(words)) and not _KEEP.search(words)
    return flags


def _prose_under(tree: MarkupTree, paragraph: list[bool]) -> list[int]:
    """For every element: the text of the paragraphs inside it."""
    total = [0] * len(tree)
    for i in range(len(tree) - 1, -1, -1):
        if paragraph[i]:
            total[i] += tree.text_size[i]
        up = tree.parent[i]
        if up >= 0:
            total[up] += total[i]
    return total
