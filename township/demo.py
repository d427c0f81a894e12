"""Helpers for the demo loaders (township's load_demo and each app's demo.py)."""


def upsert(model, lookup: dict, values: dict):
    """Create the record, or update it only where a value differs: running the demo again writes no history."""
    record = model.objects.filter(**lookup).first()
    if record is None:
        return model.objects.create(**lookup, **values), True
    changed = [name for name, value in values.items() if getattr(record, name) != value]
    if changed:
        for name in changed:
            setattr(record, name, values[name])
        record.save()
    return record, False
