"""Figures kept in the cache per township, and thrown away by any write to that township's records.

Every record of a township (a TownshipRecord) carries the township: saving, deleting or relinking one
gives the township a new data token, and a cached value is keyed by the tokens of the townships it
was computed from (and by the day and the language, since figures such as an on-time rate depend on
today and labels on the language). The cache is shared by every app process (DatabaseCache by
default, Redis when CACHE_URL names one), so a write on one process is seen at once by all.

A write inside a transaction changes the token twice: at once (the writer's own later readings in the
transaction see its rows) and again when the transaction commits. A reader on another connection between the
two sees the new token but not yet the new rows; what it caches under that token is never read again.

`cached_here` keeps a few values (the dashboard's rendered body) in the process as well, keyed by the same
tokens: a warm reading then costs only the round trip that reads the tokens (docs/decisions/0025).
"""

import collections
import contextlib
import contextvars
import hashlib
import threading
import uuid

from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone, translation

TIMEOUT = 6 * 3600
GLOBAL = "all"  # the working-day calendar: its changes move every deadline
LOCAL_ENTRIES = 32  # values kept in each process by cached_here (Daxi's 2025 dashboard body is ~140 KB)


_deferred: contextvars.ContextVar[set | None] = contextvars.ContextVar("portal_deferred_changes", default=None)


def _token_key(scope) -> str:
    return f"portal:data:{scope}"


def changed(scope) -> None:
    """The records of a township (or, with GLOBAL, what every township's figures depend on) changed."""
    pending = _deferred.get()
    if pending is not None:
        pending.add(scope)
        return
    _new_token(scope)
    if connection.in_atomic_block:
        transaction.on_commit(lambda: _new_token(scope))


def _new_token(scope) -> None:
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


def _cache_key(name: str, township_ids, parts) -> str | None:
    """The key of a value for this state of the townships' records, day and language; None when the cache keeps
    no tokens (a dummy cache: nothing may be kept, in the process neither)."""
    scopes = [GLOBAL, *sorted(township_ids)]
    current = tokens(scopes)
    if not all(current):
        return None
    signature = "|".join([name, *map(str, parts), str(timezone.localdate()), translation.get_language() or "",
                          *map(str, scopes), *current])
    return "portal:cached:" + hashlib.sha256(signature.encode()).hexdigest()


def cached(name: str, township_ids, compute, *parts):
    """compute() once per state of these townships' records, day and language."""
    key = _cache_key(name, township_ids, parts)
    return compute() if key is None else _shared(key, compute)


def _shared(key: str, compute):
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TIMEOUT)
    return value


_here: collections.OrderedDict[str, object] = collections.OrderedDict()
_here_lock = threading.Lock()


def cached_here(name: str, township_ids, compute, *parts):
    """cached(), with the last LOCAL_ENTRIES values also kept in this process. The key holds the tokens, read
    from the shared cache each time, so a write on any process is seen here at once all the same."""
    key = _cache_key(name, township_ids, parts)
    if key is None:
        return compute()
    with _here_lock:
        value = _here.get(key)
        if value is not None:
            _here.move_to_end(key)
            return value
    value = _shared(key, compute)
    with _here_lock:
        _here[key] = value
        while len(_here) > LOCAL_ENTRIES:
            _here.popitem(last=False)
    return value


def record_changed(sender, instance, **kwargs) -> None:
    """post_save, post_delete and m2m_changed of any model: a township's record drops its cached figures (the
    township itself too: its name heads the dashboard)."""
    from township.models import CalendarDay, Township, TownshipRecord

    if isinstance(instance, TownshipRecord) and instance.township_id:
        changed(instance.township_id)
    elif isinstance(instance, Township) and instance.pk:
        changed(instance.pk)
    elif isinstance(instance, CalendarDay):
        changed(GLOBAL)
