"""Record numbers (编号) for records added without one: the township's own pattern, continued, and
race-free: two clerks adding at the same second (or one clerk's double click) never get the same
number, and nobody sees an error for it.

A model declares ``numbering = Numbering(date_field="registered_on", prefix="TJ")``; TownshipRecord.save
then gives a record saved with a blank number the next free one of its year.
"""

import re
import zlib
from dataclasses import dataclass

from django.db import IntegrityError, connection, transaction

ATTEMPTS = 5


def lock_numbers(model, township_id) -> None:
    """On PostgreSQL, wait for the other requests numbering this ledger's records in this township to
    commit (a transaction-scoped advisory lock): otherwise eight clerks adding at once each read the
    same last number, and the one that loses five inserts in a row would answer 500. SQLite serialises
    writes already."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)",
                       [zlib.crc32(model._meta.db_table.encode()) - 2**31, township_id])


def next_number(model, township, year: int, date_field: str, default_prefix: str, field: str = "number") -> str:
    """The next free number of the year: 'DX-TJ-2025-012' after 'DX-TJ-2025-011', else 'TJ-2025-001'."""
    pattern = re.compile(rf"^(.*{year}\D?)(\d+)$")
    numbers = set(model.all_objects.filter(township=township).values_list(field, flat=True))
    year_numbers = model.all_objects.filter(township=township, **{f"{date_field}__year": year}).values_list(
        field, flat=True
    )
    counts: dict[str, list[int]] = {}
    width = 3
    for number in year_numbers:
        match = pattern.match(number or "")
        if match:
            counts.setdefault(match.group(1), []).append(int(match.group(2)))
            width = max(width, len(match.group(2)))
    if counts:
        prefix = max(counts, key=lambda key: len(counts[key]))
        serial = max(counts[prefix]) + 1
    else:
        prefix, serial = f"{default_prefix}-{year}-", 1
    while f"{prefix}{serial:0{width}d}" in numbers:
        serial += 1
    return f"{prefix}{serial:0{width}d}"


@dataclass(frozen=True)
class Numbering:
    date_field: str  # the date whose year the number carries
    prefix: str  # the prefix of a township's first number of a year ("TJ" → TJ-2025-001)
    field: str = "number"

    def numbers(self, record) -> bool:
        """Does save() give this record a number? (Its number is blank, its date and township known.)"""
        return (not getattr(record, self.field) and getattr(record, self.date_field) is not None
                and record.township_id is not None)

    def save(self, record, save) -> None:
        """save() the record with the next free number when its number is blank. A number taken meanwhile
        by another request violates the unique constraint: the savepoint is rolled back and the next
        number is tried. On PostgreSQL the adds of one ledger and township take their numbers one after the
        other (lock_numbers, held to the end of the request's transaction); SQLite serialises the writes
        (see settings)."""
        if not self.numbers(record):
            save()
            return
        date = getattr(record, self.date_field)
        lock_numbers(type(record), record.township_id)
        for attempt in range(ATTEMPTS):
            setattr(record, self.field, next_number(type(record), record.township, date.year, self.date_field,
                                                    self.prefix, self.field))
            try:
                with transaction.atomic():
                    save()
                return
            except IntegrityError:
                setattr(record, self.field, "")
                if attempt == ATTEMPTS - 1:
                    raise
