"""A page's elements indexed once, so that reading its markup takes time in proportion to
its size, and a budget for the work that cannot be made so.

Asked naively, "the elements above this one" or "is this inside a <figure>" is a walk up
the tree from each element, and "its text" a walk down: fine at the depth of a real page
(a few dozen elements), quadratic on a page nested thousands deep (20,000 nested <div>s
took two minutes and then ran out of memory). Here the elements under a root are listed
in document order with each one's parent and the end of its subtree, so a subtree is a
range of positions and such questions are flags filled in one pass.

What is still read more than once is the text of an element inside another whose text
is read too (a list inside a list item, a span inside a span); every character read,
and every element a search visits, is charged to a WorkBudget that grows with the page.
"""

from __future__ import annotations

import bisect

from selectolax.lexbor import LexborNode

from liveline.timeline.errors import LivelineError

# The work reading a page's markup may take, per character of the page: real pages use
# under 5 (tests/test_hostile_pages.py measures the saved real pages); a page built to make
# the reading quadratic runs out within a second or so and is refused.
WORK_PER_PAGE_CHARACTER = 20
# ... and at least this much, so that a small page is never refused for its size.
MIN_WORK = 1_000_000
# An element visited by a search costs as much as this many characters of text read (a
# step of Python against a copy in C).
ELEMENT_WORK = 20

# Elements that hold page furniture, never a post's or an article's text (a <header> only
# outside a post: each reader says where a post's own header is).
FURNITURE_TAGS = frozenset({"figure", "figcaption", "aside", "nav", "footer", "button", "script", "style", "noscript", "svg",
                            "form", "header", "template", "select", "iframe"})

_BR = frozenset({"br"})

# Where the walk up from an element ends ("the elements above" never include these).
STOP_TAGS = frozenset({"body", "html", "-document"})


class WorkBudget:
    """The work left for reading one page's markup; refuses the page when it runs out."""

    def __init__(self, label: str, page_size: int) -> None:
        self.label = label
        self.total = WORK_PER_PAGE_CHARACTER * page_size + MIN_WORK
        self.left = self.total

    def spend(self, work: int) -> None:
        self.left -= work
        if self.left < 0:
            raise LivelineError(
                f"{self.label}: the page's markup is nested too deeply to read "
                f"(it needs more than {self.total:,} steps of work); not read"
            )

    @property
    def used(self) -> int:
        return self.total - self.left


class MarkupTree:
    """The elements under `root` (itself first) in document order.

    `parent[i]` is the position of element i's parent (-1 for the root); the elements
    inside element i are the positions i+1 .. end[i]-1. `childless[i]` says that element
    i has no child nodes but text (a comment counts as a child, as it does for lexbor);
    `text_size[i]` is the length of its text, known without reading the text.
    """

    def __init__(self, root: LexborNode, budget: WorkBudget) -> None:
        self.budget = budget
        self.nodes: list[LexborNode] = []
        self.tags: list[str] = []
        self.parent: list[int] = []
        self.childless: list[bool] = []
        self.at: dict[int, int] = {}  # lexbor's mem_id -> position
        self.text_size: list[int] = []  # characters of text inside each element, all levels down
        for node in root.traverse(include_text=True):
            above = node.parent
            up = self.at.get(above.mem_id, -1) if above is not None and self.nodes else -1
            tag = node.tag
            if tag == "-text":
                if up >= 0:
                    self.text_size[up] += len(node.text_content or "")
                continue
            if up >= 0:
                self.childless[up] = False
            if not tag or tag.startswith("-"):
                continue  # a comment or the like: a child node, but not an element
            self.at[node.mem_id] = len(self.nodes)
            self.nodes.append(node)
            self.tags.append(tag)
            self.parent.append(up)
            self.childless.append(True)
            self.text_size.append(0)
        self.end = [i + 1 for i in range(len(self.nodes))]
        for i in range(len(self.nodes) - 1, 0, -1):  # children come after their parents
            up = self.parent[i]
            if up >= 0:
                self.text_size[up] += self.text_size[i]
                if self.end[i] > self.end[up]:
                    self.end[up] = self.end[i]
        self._under: dict[frozenset[str], list[bool]] = {}
        self._over: dict[frozenset[str], list[bool]] = {}
        self._matching: dict[str, list[int]] = {}

    def __len__(self) -> int:
        return len(self.nodes)

    def text(self, i: int) -> str:
        """Element i's text (deep), charged to the budget; a line break (<br>) in it is a
        space, never two words run together ("the coast.<br>Crews" is not "coast.Crews")."""
        if self.contains_tag(_BR)[i]:
            text = "".join("\n" if node.tag == "br" else node.text_content or "" if node.tag == "-text" else ""
                           for node in self.nodes[i].traverse(include_text=True))
        else:
            text = self.nodes[i].text(deep=True) or ""
        self.budget.spend(len(text))
        return text

    def loose_text(self, i: int, holders: list[bool]) -> str:
        """The text of element i after its last child that is or holds a paragraph
        (`holders[j]`: whether element j holds one): a quoted post's credit line
        ("<blockquote><p>...</p>&mdash; Jane Doe (@janedoe) <a>May 5, 2024</a></blockquote>")."""
        tail: list[str] = []
        for child in self.nodes[i].iter(include_text=True):
            at = self.at.get(child.mem_id, -1)
            if at >= 0 and (self.tags[at] == "p" or holders[at]):
                tail = []
            else:
                tail.append((child.text(deep=True) or "") if at >= 0 else (child.text_content or ""))
            self.budget.spend(ELEMENT_WORK)
        text = "".join(tail)
        self.budget.spend(len(text))
        return text

    def visit(self, count: int) -> None:
        """Charge a search that visits `count` elements."""
        self.budget.spend(count * ELEMENT_WORK)

    def up(self, i: int) -> int:
        """The next element on the walk up from i, or -1 where that walk ends (at <body>)."""
        above = self.parent[i]
        return above if above >= 0 and self.tags[above] not in STOP_TAGS else -1

    def matching(self, selector: str) -> list[int]:
        """Positions of the elements (root included) that match a CSS selector, in order."""
        if selector not in self._matching:
            found = self.nodes[0].css(selector)
            self._matching[selector] = sorted(i for node in found if (i := self.at.get(node.mem_id)) is not None)
        return self._matching[selector]

    def of_tags(self, top: int, tags: frozenset[str]) -> list[int]:
        """Positions in top's subtree (top included) with one of `tags`, in document order."""
        end = self.end[top]
        self.visit(end - top)
        names = self.tags
        return [i for i in range(top, end) if names[i] in tags]

    def contains_tag(self, tags: frozenset[str]) -> list[bool]:
        """For every element: whether an element inside it has one of `tags`."""
        if tags not in self._under:
            found = [False] * len(self.nodes)
            for i in range(len(self.nodes) - 1, 0, -1):
                if found[i] or self.tags[i] in tags:
                    found[self.parent[i]] = True
            self._under[tags] = found
        return self._under[tags]

    def below_tag(self, tags: frozenset[str]) -> list[bool]:
        """For every element: whether an element above it (up to the document) has one of `tags`."""
        if tags not in self._over:
            found = [False] * len(self.nodes)
            for i in range(1, len(self.nodes)):
                up = self.parent[i]
                found[i] = found[up] or self.tags[up] in tags
            self._over[tags] = found
        return self._over[tags]

    def between(self, top: int, tags: frozenset[str]) -> list[bool]:
        """For each element of top's subtree (indexed from top): whether an element strictly
        between it and top has one of `tags`; for top itself, whether one above it does."""
        end = self.end[top]
        self.visit(end - top)
        flags = [False] * (end - top)
        flags[0] = self.below_tag(tags)[top]
        for i in range(top + 1, end):
            up = self.parent[i]
            flags[i - top] = up != top and (flags[up - top] or self.tags[up] in tags)
        return flags

    def within(self, positions: list[int], top: int) -> list[int]:
        """The sorted `positions` that fall in top's subtree."""
        return positions[bisect.bisect_left(positions, top):bisect.bisect_left(positions, self.end[top])]
