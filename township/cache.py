"""Figures kept in the cache per township, and thrown away by any write to that township's records.

Every record of a township (a TownshipRecord) carries the township: saving, deleting or relinking one
gives the township a new data token, and a cached value is keyed by the tokens of the townships it
was computed from (and by the day and the language, since figures such as an on-time rate depend on
today and labels on the language). The cache is shared by every app process (DatabaseCache by
default, Redis when CACHE_URL names one), so a write on one process is seen at once by all.
"""

import hashlib
import uuid

from django.core.cache import cache
from django.utils import timezone, translation

TIMEOUT = 6 * 3600
GLOBAL = "all"  # the working-day calendar: its changes move every deadline


def _token_key(scope) -> str:
    return f"portal:data:{scope}"


def changed(scope) -> None:
    """The records of a township (or, with GLOBAL, what every township's figures depend on) changed."""
    cache.set(_token_key(scope), uuid.uuid4().hex, None)


def tokens(scopes) -> list[str]:
    keys = [_token_key(scope) for scope in scopes]
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            cache.add(key, uuid.uuid4().hex, None)
            found[key] = cache.get(key)
    return [found[key] or "" for key in keys]  # "" under a dummy cache: nothing is kept anyway


def cached(name: str, township_ids, compute, *parts):
    """compute() once per state of these townships' records, day and language."""
    scopes = [GLOBAL, *sorted(township_ids)]
    signature = "|".join([name, *map(str, parts), str(timezone.localdate()), translation.get_language() or "",
                          *map(str, scopes), *tokens(scopes)])
    key = "portal:cached:" + hashlib.sha256(signature.encode()).hexdigest()
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TIMEOUT)
    return value


def record_changed(sender, instance, **kwargs) -> None:
    """post_save, post_delete and m2m_changed of any model: a township's record drops its cached figures."""
    from township.models import CalendarDay, TownshipRecord

    if isinstance(instance, TownshipRecord) and instance.township_id:
        changed(instance.township_id)
    elif isinstance(instance, CalendarDay):
        changed(GLOBAL)
