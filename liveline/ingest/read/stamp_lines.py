"""Posts written as lines of one block rather than as blocks: "<b>19:05:</b> text<br/><br/>
<b>19:09:</b> text ..." inside a single <div>, as tickers were built before each post had an
element of its own. The stamps are inline elements side by side and each post's words are
the loose text after its stamp, so the block splits into posts at its stamped lines, as a
flat run of paragraphs splits at its stamped paragraphs (text_stamped.py).
"""

from __future__ import annotations

from liveline.ingest.read.markup_tree import MarkupTree
from liveline.ingest.read.raw_post import clean

# Elements that sit inside a line of text; anything else (a <p>, a <ul>) is a block of its own.
_INLINE = frozenset(
    {"a", "abbr", "b", "cite", "code", "em", "font", "i", "mark", "small", "span", "strong", "sub", "sup", "time", "u"}
)
_SEPARATORS = " :-–—|"  # between a stamp and the words after it


def stamped_lines(tree: MarkupTree, stamps: dict[int, str], skipped: list[bool]) -> dict[int, list[str]] | None:
    """For stamps (inline element -> its stamp as written) that are children of one block
    with loose text of its own between them, each stamp's paragraphs: its line and the lines
    after it (split at <br>, blocks inside as lines of their own), up to the next stamp.
    None when the stamps are not lines of one block (each in a block of its own, or posts'
    words in elements beside them, which text_stamped's runs of siblings read)."""
    parents = {tree.parent[stamp] for stamp in stamps}
    if len(parents) != 1 or any(tree.tags[stamp] not in _INLINE for stamp in stamps):
        return None
    parent = parents.pop()
    if parent < 0:
        return None
    lines: dict[int, list[list[str]]] = {}
    current: list[list[str]] | None = None
    loose = False
    for node in tree.nodes[parent].iter(include_text=True):
        if node.tag == "-text":
            text = node.text_content or ""
            tree.budget.spend(len(text))
            if current is not None and text.strip():
                loose = True
                current[-1].append(text)
            continue
        at = tree.at.get(node.mem_id, -1)
        if at < 0:
            continue  # a comment
        if at in stamps:
            current = lines[at] = [[tree.text(at)]]
        elif current is None or skipped[at]:
            continue
        elif node.tag == "br":
            current.append([])
        elif node.tag in _INLINE:
            current[-1].append(tree.text(at))
        else:
            current += [[tree.text(at)], []]
    if not loose:
        return None
    found: dict[int, list[str]] = {}
    for stamp, pieces in lines.items():
        paragraphs = [line for piece in pieces if (line := clean("".join(piece)))]
        written = stamps[stamp]
        if paragraphs and written and paragraphs[0].startswith(written):
            paragraphs[0] = paragraphs[0][len(written) :].lstrip(_SEPARATORS)
        found[stamp] = [paragraph for paragraph in paragraphs if paragraph]
    return found
