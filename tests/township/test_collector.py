"""Python's cyclic garbage collector is paused during a request and resumes when the response is done
(township.collector): a collection walking the whole process no longer lands inside a page."""

import gc

from django.core.signals import request_started


def test_the_collector_is_paused_during_a_request_and_resumes_after(client, db):
    seen = []

    def during(**kwargs):  # connected after township's own receiver, so it runs after the pause
        seen.append(gc.isenabled())

    assert gc.isenabled()
    request_started.connect(during)
    try:
        assert client.get("/healthz/").status_code == 200
    finally:
        request_started.disconnect(during)
    assert seen == [False]
    assert gc.isenabled()


def test_the_collector_resumes_after_a_failing_request(client, db):
    assert client.get("/no-such-page/").status_code == 404
    assert gc.isenabled()
