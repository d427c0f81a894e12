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

`cached_each` keeps one value per township under that township's own token, for pages over many townships (the
county dashboard, the province rollup): after a write to one township only its value is computed again
(docs/decisions/0026).
"""

import base64
import collections
import contextlib
import contextvars
import datetime
import hashlib
import pickle
import threading
import uuid

from django.core.cache import cache, caches
from django.core.cache.backends.db import DatabaseCache
from django.db import connection, connections, router, transaction
from django.dispatch import Signal
from django.utils import timezone, translation

TIMEOUT = 24 * 3600  # values are of one day (the key holds it): kept for the day they were computed for
GLOBAL = "all"  # the working-day calendar: its changes move every deadline
LOCAL_ENTRIES = 32  # values kept in each process by cached_here (Daxi's 2025 dashboard body is ~140 KB)


#: sent once a change is committed, with its ``scope``: a township's id, or GLOBAL (the working-day calendar,
#: which every township's figures depend on); reports counts the dashboards again in the background
#: (reports.tasks.warm_after_change)
committed = Signal()

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
    transaction.on_commit(lambda: committed.send(sender=None, scope=scope))  # at once outside a transaction


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


def cached_each(name: str, township_ids, compute, *parts) -> dict:
    """``{township_id: value}``, each township's value kept under its own data token (and the global one, the day,
    the language): ``compute(ids) -> {township_id: value}`` is asked only for the townships whose value is missing
    or stale, so a write to one township of a thousand has that one computed again. When every value is kept:
    two round trips (the tokens, the values), whatever the number of townships."""
    ids = list(township_ids)
    current = tokens([GLOBAL, *ids])
    if not all(current):
        return compute(ids)
    common = "|".join([name, *map(str, parts), str(timezone.localdate()), translation.get_language() or "",
                       GLOBAL, current[0]])
    keys = {township_id: "portal:each:" + hashlib.sha256(f"{common}|{township_id}|{token}".encode()).hexdigest()
            for township_id, token in zip(ids, current[1:], strict=True)}
    found = cache.get_many(list(keys.values()))
    values = {township_id: found[key] for township_id, key in keys.items() if key in found}
    missing = [township_id for township_id in ids if township_id not in values]
    for start in range(0, len(missing), EACH_CHUNK):  # kept a chunk at a time: a request cut short keeps its work
        chunk = missing[start:start + EACH_CHUNK]
        computed = compute(chunk)
        set_many({keys[township_id]: computed[township_id] for township_id in chunk})
        values.update(computed)
    return values


#: townships computed and kept together by cached_each. After the working-day calendar changes, every township's
#: figures are computed again: a province's thousand take minutes, longer than a worker may take for a request
#: (gunicorn's 30 s); each chunk is kept as soon as it is computed, so the next request goes on from there.
EACH_CHUNK = 100


BULK_ROWS = 500  # values per INSERT into the database cache


def set_many(values: dict, timeout: int = TIMEOUT) -> None:
    """cache.set_many. Django's database cache sets each key in turn (a COUNT of the table, a SELECT and an INSERT
    each, in a savepoint): a thousand townships' values were seconds. There they go in with one
    INSERT … ON CONFLICT per BULK_ROWS values, as Django would store them (culling is left to its next set)."""
    backend = caches["default"]
    db = router.db_for_write(backend.cache_model_class) if isinstance(backend, DatabaseCache) else None
    if db is None or connections[db].vendor not in ("postgresql", "sqlite") or len(values) < 2:
        cache.set_many(values, timeout)
        return
    target = connections[db]
    quote = target.ops.quote_name
    expires = target.ops.adapt_datetimefield_value(
        (timezone.now() + datetime.timedelta(seconds=timeout)).replace(microsecond=0))
    rows = [(backend.make_and_validate_key(key),
             base64.b64encode(pickle.dumps(value, backend.pickle_protocol)).decode("latin1"), expires)
            for key, value in values.items()]
    table, key_column, value_column, expires_column = map(quote, (backend._table, "cache_key", "value", "expires"))
    with target.cursor() as cursor:
        for start in range(0, len(rows), BULK_ROWS):
            chunk = rows[start:start + BULK_ROWS]
            cursor.execute(
                f"INSERT INTO {table} ({key_column}, {value_column}, {expires_column}) "  # noqa: S608 - our names
                f"VALUES {', '.join(['(%s, %s, %s)'] * len(chunk))} ON CONFLICT ({key_column}) DO UPDATE SET "
                f"{value_column} = excluded.{value_column}, {expires_column} = excluded.{expires_column}",
                [part for row in chunk for part in row],
            )


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
