"""Record numbers (编号) for records added without one: the township's own pattern, continued."""

import re


def next_number(model, township, year: int, date_field: str, default_prefix: str) -> str:
    """The next free number of the year: 'DX-TJ-2025-012' after 'DX-TJ-2025-011', else 'TJ-2025-001'."""
    pattern = re.compile(rf"^(.*{year}\D?)(\d+)$")
    numbers = set(
        model.all_objects.filter(township=township).values_list("number", flat=True)
    )
    year_numbers = model.all_objects.filter(township=township, **{f"{date_field}__year": year}).values_list(
        "number", flat=True
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
