"""A token bucket per API key, kept in memory (one process)."""

from __future__ import annotations

import math
import threading
import time
from typing import Callable


class RateLimiter:
    """Allows each key ``burst`` requests at once and ``per_minute`` requests a minute on average.

    A key's bucket holds up to ``burst`` tokens and gains ``per_minute / 60`` tokens a second;
    each request takes one. ``clock`` returns seconds (``time.monotonic`` by default).
    Buckets live in this process only: behind several processes each enforces its own.
    """

    def __init__(self, per_minute: float, burst: int, clock: Callable[[], float] = time.monotonic) -> None:
        if per_minute <= 0 or burst < 1:
            raise ValueError("per_minute must be positive and burst at least 1")
        self.rate = per_minute / 60.0
        self.burst = float(burst)
        self.clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def acquire(self, key: str) -> float:
        """Take a token for ``key``: 0.0 when allowed, else the seconds until a token is due."""
        now = self.clock()
        with self._lock:
            tokens, last = self._buckets.get(key, (self.burst, now))
            tokens = min(self.burst, tokens + (now - last) * self.rate)
            if tokens >= 1.0:
                self._buckets[key] = (tokens - 1.0, now)
                return 0.0
            self._buckets[key] = (tokens, now)
            return (1.0 - tokens) / self.rate

    @staticmethod
    def retry_after(wait: float) -> int:
        """``wait`` seconds as a Retry-After value: whole seconds, at least 1."""
        return max(1, math.ceil(wait))
