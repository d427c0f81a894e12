"""Figures kept in the cache per township, and thrown away by any write to that township's records.

Every record of a township (a TownshipRecord) carries the township: saving, deleting or relinking one
gives the township a new data token, and a cached value is keyed by the tokens of the townships it
was computed from (and by the day and the language, since figures such as an on-time rate depend on
today and labels on the language). The cache is shared by every app process (DatabaseCache by
default, Redis when CACHE_URL names one), so a write on one process is seen at once by all.
"""

import contextlib
import contextvars
import hashlib
import uuid

from django.core.cache import cache
from django.utils import timezone, translation

TIMEOUT = 6 * 3600
GLOBAL = "all"  # the working-day calendar: its changes move every deadline


_deferred: contextvars.ContextVar[set | None] = contextvars.ContextVar("portal_deferred_changes", default=None)


def _token_key(scope) -> str:
    return f"portal:data:{scope}"


def changed(scope) -> None:
    """The records of a township (or, with GLOBAL, what every township's figures depend on) changed."""
    pending = _deferred.get()
    if pending is not None:
        pending.add(scope)
        return
    cache.set(_token_key(scope), uuid.uuid4().hex, None)


@contextlib.contextmanager
def changes_deferred():
    """Many saves in one go (an import): each township touched gets one new token at the end, not one per
    record (with the database cache, two queries a record). Used inside the saves' transaction, so that the
    token changes with them; nothing is said when the block fails, since its transaction is rolled back."""
    pending: set = set()
    reset = _deferred.set(pending)
    try:
        yield pending  # the caller clears it when nothing was written after all (a dry run)
    finally:
        _deferred.reset(reset)
    for scope in pending:
        changed(scope)


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
