"""Per-key politeness: a minimum interval between request starts and a cap on requests in flight,
with backoff when the server says slow down (429/503) and a slow return to normal after.

Keys are hosts by default, or sites when several sites share one host (``politeness.per: site``).
Every start time is kept (bounded) so the benchmark can prove the limits held.
"""

from __future__ import annotations

import asyncio
import itertools
import time
from collections import defaultdict, deque
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field


@dataclass(slots=True)
class _Key:
    sem: asyncio.Semaphore
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    next_ok: float = 0.0
    penalty: float = 0.0  # extra delay after the server pushed back
    in_flight: int = 0
    max_in_flight: int = 0


class RateLimiter:
    def __init__(self, *, enabled: bool = True, clock: object = time.monotonic, keep: int = 10_000) -> None:
        self.enabled = enabled
        self._clock = clock
        self._keys: dict[str, _Key] = {}
        self.starts: dict[str, deque[float]] = defaultdict(lambda: deque(maxlen=keep))

    def _key(self, key: str, concurrency: int) -> _Key:
        k = self._keys.get(key)
        if k is None:
            k = self._keys[key] = _Key(asyncio.Semaphore(max(1, concurrency)))
        return k

    def now(self) -> float:
        return self._clock()  # type: ignore[operator,no-any-return]

    @asynccontextmanager
    async def slot(self, key: str, delay_s: float, concurrency: int) -> AsyncIterator[None]:
        """Wait for a turn on ``key``; hold it for the duration of one request."""
        if not self.enabled:
            self.starts[key].append(self.now())
            yield
            return
        k = self._key(key, concurrency)
        async with k.sem:
            async with k.lock:
                wait = k.next_ok - self.now()
                if wait > 0:
                    await asyncio.sleep(wait)
                start = self.now()
                k.next_ok = start + delay_s + k.penalty
                self.starts[key].append(start)
            k.in_flight += 1
            k.max_in_flight = max(k.max_in_flight, k.in_flight)
            try:
                yield
            finally:
                k.in_flight -= 1

    def push_back(self, key: str, seconds: float, max_backoff_s: float) -> None:
        """The server asked us to slow down: no request on ``key`` for ``seconds``, and a longer gap after."""
        k = self._keys.get(key)
        if k is None or not self.enabled:
            return
        k.penalty = min(max(k.penalty * 2, 0.25), max_backoff_s)
        k.next_ok = max(k.next_ok, self.now() + max(seconds, k.penalty))

    def went_well(self, key: str) -> None:
        k = self._keys.get(key)
        if k is not None and k.penalty:
            k.penalty = k.penalty / 2 if k.penalty > 0.05 else 0.0

    def max_in_flight(self, key: str) -> int:
        k = self._keys.get(key)
        return k.max_in_flight if k else 0

    def min_gap(self, key: str) -> float | None:
        """The smallest interval between two request starts on ``key`` (None: fewer than two)."""
        s = sorted(self.starts.get(key, ()))
        if len(s) < 2:
            return None
        return min(b - a for a, b in itertools.pairwise(s))
