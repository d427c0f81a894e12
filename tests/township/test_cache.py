"""township.cache: values kept per township (cached_each) and the database cache's bulk write (set_many)."""

import pytest
from django.core.cache import cache as shared

from township import cache


def test_set_many_writes_and_overwrites_what_the_cache_reads_back(db):
    cache.set_many({"portal:test:a": {"n": 1}, "portal:test:b": [2, "二"]})
    cache.set_many({"portal:test:b": [3, "三"], "portal:test:c": None, "portal:test:d": 4})
    assert shared.get_many(["portal:test:a", "portal:test:b", "portal:test:d"]) == {
        "portal:test:a": {"n": 1}, "portal:test:b": [3, "三"], "portal:test:d": 4}
    assert shared.get("portal:test:c", "absent") is None


def test_cached_each_computes_only_the_townships_written_to(db):
    asked = []

    def compute(ids):
        asked.append(sorted(ids))
        return {township_id: f"value of {township_id}" for township_id in ids}

    assert cache.cached_each("test", [1, 2, 3], compute, 2025) == {n: f"value of {n}" for n in (1, 2, 3)}
    assert cache.cached_each("test", [1, 2, 3], compute, 2025) == {n: f"value of {n}" for n in (1, 2, 3)}
    cache.changed(2)
    assert cache.cached_each("test", [3, 2, 1], compute, 2025) == {n: f"value of {n}" for n in (1, 2, 3)}
    cache.changed(cache.GLOBAL)
    cache.cached_each("test", [1, 2], compute, 2025)
    cache.cached_each("test", [1, 2], compute, 2024)  # another year: other values
    assert asked == [[1, 2, 3], [2], [1, 2], [1, 2]]


def test_cached_each_keeps_each_chunk_as_soon_as_it_is_computed(db, monkeypatch):
    """After the calendar changes every township is computed again; a request cut short (a worker's timeout) keeps
    the chunks it finished, and the next one computes only the rest."""
    monkeypatch.setattr(cache, "EACH_CHUNK", 2)
    asked = []

    def compute(ids):
        asked.append(list(ids))
        if len(asked) == 3:
            raise TimeoutError("the worker's time is up")
        return {township_id: township_id * 10 for township_id in ids}

    for township_id in range(1, 8):
        cache.changed(township_id)
    cache.changed(cache.GLOBAL)
    with pytest.raises(TimeoutError):
        cache.cached_each("test", range(1, 8), compute, 2025)
    assert asked == [[1, 2], [3, 4], [5, 6]]
    assert cache.cached_each("test", range(1, 8), compute, 2025) == {n: n * 10 for n in range(1, 8)}
    assert asked[3:] == [[5, 6], [7]]
