"""Redis as the shared cache, but never a reason for a page to fail.

Everything the hub caches (pages, the content version, fragments, search results) can be
computed again, so a cache that is away must cost time, not an error page. Django's
``RedisCache`` raises on a lost connection: every request would answer 500 while Redis
restarts. This backend treats a failing Redis as an empty cache that stores nothing, logs
the outage once, and does not try again for ``RETRY_SECONDS`` (a request pays the connect
timeout at most once per interval, not once per cache call).

When Redis answers again the content version is dropped, so pages cached before the outage
are not served after it: a page published while Redis was away moved no version on.
Sign-up and password limits count nothing during an outage (they fail open).
"""

from __future__ import annotations

import logging
import time

from django.core.cache.backends.redis import RedisCache

from .content_version import KEY as CONTENT_VERSION_KEY

logger = logging.getLogger(__name__)

RETRY_SECONDS = 5.0


def _default(key, default=None, *args, **kwargs):
    return default


# What each operation answers while Redis is away: a miss, "not stored", nothing.
WHEN_AWAY = {
    "get": _default,
    "get_many": lambda *args, **kwargs: {},
    "add": lambda *args, **kwargs: False,
    "touch": lambda *args, **kwargs: False,
    "delete": lambda *args, **kwargs: False,
    "has_key": lambda *args, **kwargs: False,
    "set_many": lambda data, *args, **kwargs: list(data),
    "incr": lambda *args, **kwargs: 0,
    "decr": lambda *args, **kwargs: 0,
    "set": lambda *args, **kwargs: None,
    "delete_many": lambda *args, **kwargs: None,
    "clear": lambda *args, **kwargs: None,
}


def _redis_errors() -> tuple[type[BaseException], ...]:
    import redis

    return (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError)


class ResilientRedisCache(RedisCache):
    """``django.core.cache.backends.redis.RedisCache`` that degrades to no cache."""

    # Per process, shared by every alias on this class: when Redis was last found away.
    away_until = 0.0

    def _guarded(self, name: str, *args, **kwargs):
        cls = ResilientRedisCache
        if cls.away_until and time.monotonic() < cls.away_until:
            return WHEN_AWAY[name](*args, **kwargs)
        try:
            if cls.away_until:
                super().delete(CONTENT_VERSION_KEY)  # raises again if still away
                cls.away_until = 0.0
                logger.warning("Redis cache back; the content version starts afresh")
            return getattr(super(), name)(*args, **kwargs)
        except _redis_errors() as error:
            if not cls.away_until:
                logger.warning("Redis cache unavailable, serving without it: %s", error)
            cls.away_until = time.monotonic() + RETRY_SECONDS
            return WHEN_AWAY[name](*args, **kwargs)


def _guard(name: str):
    def method(self, *args, **kwargs):
        return self._guarded(name, *args, **kwargs)

    method.__name__ = name
    method.__doc__ = getattr(RedisCache, name).__doc__
    return method


for _name in WHEN_AWAY:
    setattr(ResilientRedisCache, _name, _guard(_name))
