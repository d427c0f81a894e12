"""Python's cyclic garbage collector kept out of the requests (docs/decisions/0025).

A collection of the oldest generation walks every object the process holds — about 190,000 once the portal is
loaded, 120-260 ms on the 2-core machine — and one fell inside a request every few dozen: the province's case
list answered in 60-85 ms, and in 140-350 ms when a collection came. So:

- what is loaded at start-up lives as long as the process: it is frozen (`freeze_loaded`, called by
  township.wsgi once the application is loaded), and no collection walks it again;
- during a request the collector is paused (request_started) and resumes once the response has been sent
  (request_finished), when the request's objects are gone and a collection has little to walk.

Reference counting frees everything as usual; only the cycles a request makes (a prefetched record and its
related rows point at each other) wait for the end of the request: a few thousand objects (the report's PDF:
7,450, and the same peak memory, 290 MB, with the collector paused or not).
"""

import gc


def freeze_loaded() -> None:
    gc.collect()
    gc.freeze()


def pause(**kwargs) -> None:
    gc.disable()


def resume(**kwargs) -> None:
    gc.enable()
