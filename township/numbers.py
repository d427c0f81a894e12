"""Whole numbers typed by people or sent in URLs: ASCII digits only, within the range they may take.

str.isdigit() also accepts superscript and other Unicode digits ("²", "①"), which int() then refuses, and a
20-digit number overflows an integer column (OverflowError on SQLite, DataError on PostgreSQL): both were
500s before they went through here.
"""

# The working years the portal takes (a user's year, ?year=, the ledgers' year filters).
FIRST_YEAR, LAST_YEAR = 2000, 2100

# An integer column (PostgreSQL integer, SQLite's and PostgreSQL's bigint for ids): larger values are no record.
BIGINT_MAX = 2**63 - 1


def plain_int(text, *, low: int = 0, high: int = BIGINT_MAX) -> int | None:
    """The number written in `text` (ASCII digits, nothing else), or None when it is not one in low…high."""
    text = str(text).strip()
    if not (text.isascii() and text.isdigit()) or len(text) > len(str(high)):
        return None
    number = int(text)
    return number if low <= number <= high else None
