"""Per-host spacing of requests: at most one request per host every ``min_interval`` seconds.

A dozen lines instead of a rate-limiting library: one process fetches sequentially, so a minimum interval per
host is all the politeness a government web server needs, and it is easy to see it is right.
"""

from __future__ import annotations

import threading
import time


class HostThrottle:
    def __init__(self, min_interval_s: float) -> None:
        self._interval = min_interval_s
        self._next_allowed: dict[str, float] = {}
        self._lock = threading.Lock()

    def wait(self, host: str) -> None:
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next_allowed.get(host, now))
            self._next_allowed[host] = start + self._interval
        if start > now:
            time.sleep(start - now)
