"""What counts as a paragraph holding a quotation, in SQL: one expression, used by the
schema's partial index and by the reader's quotes-only view (SQLite uses a partial index
only for a query that repeats its condition word for word)."""

from __future__ import annotations


def _sql_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


# Opening quotation marks of the languages liveline reads (English curly and straight,
# German low-9, French guillemets, single curly). A straight single quote counts only
# after a space or at the start: elsewhere it is an apostrophe ("Sunak's").
QUOTE_MARKS = ("“", '"', "„", "«", "‘", " '")
HOLDS_QUOTATION = (
    "(" + " OR ".join(f"instr(text, {_sql_text(mark)}) > 0" for mark in QUOTE_MARKS)
    + f" OR substr(text, 1, 1) = {_sql_text(chr(39))})"
)
# Looking for quotation marks in every paragraph's text costs 200 ms at 200,000 paragraphs;
# the partial index of the paragraphs holding one answers in 3 ms.
QUOTATION_INDEX = f"CREATE INDEX IF NOT EXISTS idx_paragraphs_quoting ON paragraphs (id) WHERE {HOLDS_QUOTATION}"
