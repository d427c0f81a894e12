"""Record numbers (编号) for records added without one: the township's own pattern, continued, and
race-free: two clerks adding at the same second (or one clerk's double click) never get the same
number, and nobody sees an error for it.

A model declares ``numbering = Numbering(date_field="registered_on", prefix="TJ")``; TownshipRecord.save
then gives a record saved with a blank number the next free one of its year.
"""

import re
from dataclasses import dataclass

from django.db import IntegrityError, transaction

ATTEMPTS = 5


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

    def save(self, record, save) -> None:
        """save() the record with the next free number when its number is blank. A number taken meanwhile
        by another request violates the unique constraint: the savepoint is rolled back and the next
        number is tried (PostgreSQL makes the second insert wait for the first and then fail; SQLite
        serialises the writes, see settings)."""
        date = getattr(record, self.date_field)
        if getattr(record, self.field) or date is None or record.township_id is None:
            save()
            return
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
