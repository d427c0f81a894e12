"""A township's list of occasions starts with the national ones (rules.NATIONAL_OCCASIONS): every new township
gets them, and staff add their own or remove those they never hold outreach at."""

from outreach import rules


def add_national_occasions(township) -> int:
    """The national occasions the township's list lacks, added (a deleted one is not brought back)."""
    from outreach.models import Occasion

    known = set(Occasion.all_objects.filter(township=township).values_list("name", flat=True))
    missing = [Occasion(township=township, name=name, month=month, day=day)
               for name, month, day in rules.NATIONAL_OCCASIONS if name not in known]
    for occasion in missing:
        occasion.save()  # one by one: each gets its history entry
    return len(missing)


def seed_new_township(sender, instance, created, raw=False, **kwargs):
    """post_save of Township: a new township's outreach calendar knows the national days."""
    if created and not raw:
        add_national_occasions(instance)
