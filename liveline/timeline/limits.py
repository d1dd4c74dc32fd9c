"""Limits of the store that input is checked against before it reaches a query.

Its own module, free of imports, so the command-line parser can check a value without
loading the query layer (`liveline --help` stays fast).
"""

# SQLite integers are 64-bit: the largest number a query can be given.
SQLITE_MAX_INTEGER = 2**63 - 1
