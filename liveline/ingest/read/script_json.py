"""The JSON values a page's scripts hold, read without running any JavaScript: every
`<script type="...json">` but ld+json (json_ld.py reads that), Nuxt 3's flattened payload
made whole, and the JSON that inline scripts assign to a name (`window.__APOLLO_STATE__ =
{...}`, `Fusion.globalContent=[...]`, `x = JSON.parse("...")`, `x = "{\\"a\\":1}"`). A
script that is not JSON is passed over. The search is one pass over each script, charged
to the page's WorkBudget.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any, NamedTuple

from selectolax.lexbor import LexborHTMLParser

from liveline.ingest.read.markup_tree import ELEMENT_WORK, WorkBudget

Json = Any  # a decoded JSON value: read only through isinstance checks

# How deep the state is followed. Real apps keep their posts 4-10 levels down
# (props.pageProps.data.liveBlog.posts) and a post's rich text 3-6 more; deeper values are
# left out (and said so), which also bounds how often a value inside posts nested in
# posts is read again.
MAX_DEPTH = 40

# Visiting a JSON object or list costs as much as reading this many characters: a few steps
# of Python (ELEMENT_WORK each, about 1-2 microseconds in all), and one step more for each of
# its members. At these costs (measured on states of empty objects, dated objects, a dict of
# 400,000 objects, 116,000 small posts) a page whose state spends its whole budget takes
# about 40 ns per unit of work, 4 s at 5 MB.
VALUE_WORK = 3 * ELEMENT_WORK
MEMBER_WORK = ELEMENT_WORK

# Scripts: JSON ones, JavaScript ones (searched for assignments), and the rest (templates) skipped.
_JS_TYPES = frozenset({"", "text/javascript", "application/javascript", "module", "text/ecmascript",
                       "application/ecmascript", "application/x-javascript"})
_ASSIGNMENT = re.compile(
    r"(?<![\w$.\]])([A-Za-z_$][\w$]*(?:\s*\.\s*[A-Za-z_$][\w$]*|\[\s*(?:\"[\w$.-]{1,200}\"|'[\w$.-]{1,200}')\s*\])*)"
    r"\s*=\s*(?=[\[{]|[\"'][\[{]|JSON\s*\.\s*parse\s*\(\s*[\"'])"
)
_JSON_PARSE = re.compile(r"JSON\s*\.\s*parse\s*\(\s*")
# A string literal's text up to its closing quote (or where it breaks off), in one pass.
_LITERAL = {'"': re.compile(r'[^"\\\n]*(?:\\.[^"\\\n]*)*', re.S), "'": re.compile(r"[^'\\\n]*(?:\\.[^'\\\n]*)*", re.S)}
_JS_ESCAPE = re.compile(r"\\(x[0-9a-fA-F]{2}|u\{[0-9a-fA-F]{1,6}\}|.)|\"", re.S)
_NUXT_WRAPPERS = frozenset({"Reactive", "ShallowReactive", "Ref", "ShallowRef"})
_DECODER = json.JSONDecoder()
# The first window of an assigned value handed to the decoder: most `x = {` in scripts are
# not JSON and fail within a few characters; a value that goes on gets twice the window.
_FIRST_WINDOW = 256
# An error this close to a window's end may be a token the window cut ("tru", "-Infinit").
_TOKEN_ROOM = 16


class ScriptValue(NamedTuple):
    where: str  # 'script#__NEXT_DATA__', 'script 4' (the page's fourth script), 'window.__INITIAL_STATE__'
    value: Json
    shared: bool  # a value may sit in several places, or hold itself (a Nuxt payload)


def script_values(page: LexborHTMLParser, budget: WorkBudget) -> Iterator[ScriptValue]:
    """Every JSON value the page's scripts hold, in page order."""
    for number, script in enumerate(page.css("script"), 1):
        attributes = script.attributes
        kind = (attributes.get("type") or "").strip().lower()
        ident = attributes.get("id") or ""
        if kind.endswith("ld+json"):
            continue
        text = script.text(deep=True) or ""
        budget.spend(len(text))
        where = f"script#{ident}" if ident else f"script {number}"
        if kind.endswith("json") or ident == "__NEXT_DATA__":
            data = _decode(text.strip().removeprefix("<!--").removesuffix("-->"))
            flat = isinstance(data, list) and bool(data) and (ident == "__NUXT_DATA__" or _nuxt_wrapper(data[0]))
            if flat:
                data = _unflatten(data, budget)
            if data is not None:
                yield ScriptValue(where, data, flat)
        elif kind in _JS_TYPES:
            yield from (ScriptValue(name, data, False) for name, data in _assignments(text, budget))


def _decode(text: str) -> Json:
    try:
        return json.loads(text)
    except (ValueError, RecursionError):  # not JSON, or nested deeper than Python's parser goes
        return None


def _assignments(text: str, budget: WorkBudget) -> Iterator[tuple[str, Json]]:
    """(name, value) for each JSON value a script assigns: `name = {...}`, `= [...]`, `= JSON.parse("...")`, `= "{...}"`."""
    at = 0
    while (match := _ASSIGNMENT.search(text, at)) is not None:
        name, start = re.sub(r"\s+", "", match.group(1)), match.end()
        at = start
        if text[start] in "[{":
            value, at, read = _json_at(text, start)
            budget.spend(read)
            if at < 0:
                return  # a string left open to the end: the rest of the script is inside it
            if value is None:
                continue
        else:  # JSON in a string: `= JSON.parse("...")`, or `= "..."` (JSON kept as a string)
            quote = _JSON_PARSE.match(text, start)
            value, at = _string_json_at(text, quote.end() if quote else start)
            budget.spend(at - start)
        if value is not None:
            yield name, value


def _json_at(text: str, start: int) -> tuple[Json, int, int]:
    """(the JSON value at `start` or None, where the search goes on (-1: nowhere), characters read).

    The decoder is handed a growing window of the text, not the text: its error message
    counts the lines before the error from the start of what it was given, which from the
    script's start would make a script of many `x = [` that are not JSON quadratic.
    """
    window = _FIRST_WINDOW
    read = 0
    while True:
        piece = text[start:start + window]
        cut = start + len(piece) < len(text)
        try:
            value, used = _DECODER.raw_decode(piece)
            return value, start + used, read + used
        except RecursionError:
            return None, start + len(piece), read + len(piece)  # nested deeper than Python's parser goes
        except json.JSONDecodeError as error:
            unterminated = error.msg.startswith("Unterminated string")
            read += len(piece) if unterminated else error.pos + 1
            if cut and (unterminated or error.pos >= len(piece) - _TOKEN_ROOM):
                window *= 2  # the value may go on past the window
                continue
            # What came before the error was JSON, so any `x =` in it is inside a string:
            # the search goes on after it, and no character is decoded twice.
            return None, -1 if unterminated else start + max(error.pos, 1), read


def _string_json_at(text: str, at: int) -> tuple[Json, int]:
    """(the JSON value in the string literal that opens at `at`, or None; where the literal ends)."""
    literal = _LITERAL[text[at]].match(text, at + 1)
    assert literal is not None  # both patterns match the empty string
    if text[literal.end():literal.end() + 1] != text[at]:
        return None, literal.end()  # a string that breaks off: JavaScript that does not parse
    return _js_string_json(literal.group(0)), literal.end() + 1


def _js_string_json(literal: str) -> Json:
    """The JSON value in a JavaScript string literal's text (`JSON.parse('{"a":1}')`), or None."""

    def escape(match: re.Match[str]) -> str:
        found = match.group(1)
        if found is None:
            return '\\"'  # a bare " inside '...'
        if found[0] == "x":
            return "\\u00" + found[1:]
        if found.startswith("u{"):
            point = int(found[2:-1], 16)
            return json.dumps(chr(point))[1:-1] if point <= 0x10FFFF else ""
        return "\\" + found if found in '"\\/bfnrtu' else ("" if found == "\n" else found)

    try:
        return json.loads(json.loads('"' + _JS_ESCAPE.sub(escape, literal) + '"'))
    except (ValueError, RecursionError, TypeError):
        return None


def _nuxt_wrapper(value: Json) -> bool:
    """A Nuxt 3 payload entry that wraps another ( ["ShallowReactive", 1] )."""
    return isinstance(value, list) and len(value) == 2 and isinstance(value[0], str) and value[0] in _NUXT_WRAPPERS


def _unflatten(values: list[Json], budget: WorkBudget) -> Json:
    """Nuxt 3's payload (devalue) as nested values: in the flat list it is, an object's
    members are the positions of their values; ["Date", iso] is a time, ["Reactive", i] is i."""
    built: dict[int, Json] = {}
    todo: list[int] = []

    def value_at(position: Json) -> Json:
        chain = []  # wrappers on the way, remembered as what they wrap: each is followed once
        while isinstance(position, int) and 0 <= position < len(values) and position not in built and _nuxt_wrapper(values[position]):
            built[position] = None  # (a wrapper that wraps itself ends here)
            chain.append(position)
            position = values[position][1]
        found = _built(position)
        built.update((wrapper, found) for wrapper in chain)
        return found

    def _built(position: Json) -> Json:
        if not isinstance(position, int) or isinstance(position, bool) or not 0 <= position < len(values):
            return None  # a negative number: undefined, NaN and the like
        if position not in built:
            entry = values[position]
            if isinstance(entry, dict) or (isinstance(entry, list) and not (entry and isinstance(entry[0], str))):
                built[position] = {} if isinstance(entry, dict) else []
                todo.append(position)
            elif isinstance(entry, list):
                built[position] = entry[1] if entry[0] == "Date" and len(entry) > 1 else None
            else:
                built[position] = entry
        return built[position]

    top = value_at(0)
    while todo:
        position = todo.pop()
        entry, shell = values[position], built[position]
        budget.spend(VALUE_WORK + len(entry) * MEMBER_WORK)
        if isinstance(entry, dict):
            shell.update((key, value_at(member)) for key, member in entry.items())
        else:
            shell.extend(value_at(member) for member in entry)
    return top
