"""Helpers of the areas' stats.py: figures of many townships in a fixed number of grouped queries, and
links from a figure or an alert to the records behind it."""

from django.urls import NoReverseMatch, reverse


def township_ids(townships) -> list[int]:
    return [getattr(township, "pk", township) for township in townships]


def per_township(queryset, ids: list[int], **aggregates) -> dict[int, dict[str, int]]:
    """The aggregates of each township in one query (GROUP BY township); every aggregate gives 0 for a
    township without records, as an aggregate over no rows does."""
    rows = queryset.filter(township_id__in=ids).values("township_id").annotate(**aggregates).order_by()
    found = {row.pop("township_id"): row for row in rows}
    return {pk: {name: found.get(pk, {}).get(name) or 0 for name in aggregates} for pk in ids}


def detail_url(ledger: str, pk: int) -> str:
    """The record's page in its ledger ("" when the ledger's pages are not routed)."""
    try:
        return reverse(f"{ledger}:detail", args=[pk])
    except NoReverseMatch:
        return ""
