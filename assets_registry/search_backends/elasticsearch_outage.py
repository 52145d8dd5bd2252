"""When Elasticsearch is down: searches answered by the database, index updates kept for later.

* ``guarded(call)`` runs one request to Elasticsearch through a circuit breaker (pybreaker, one
  per process, as the geocoder has): after ``ELASTICSEARCH_BREAKER_FAILURES`` outages in a row
  nobody waits on the node for ``ELASTICSEARCH_BREAKER_RESET_SECONDS``; the next call after that
  is a trial, and its success closes the circuit and sends ``elasticsearch_recovered``.
  pybreaker's own ``call()`` holds a lock for the whole call, which would queue every search of
  a process behind the slowest, so the request runs outside it and only its outcome is counted.
* ``answered(primary, fallback)`` answers from the database when Elasticsearch is down, and notes
  it for the current request (``begin_request``/``simpler_mode``): the pages then say that search
  runs in a simpler mode, and the response is not cached.
* ``index_updates_missed`` is sent with the ids of changes an index could not take; the search
  app keeps them and replays them when Elasticsearch answers again.

An outage is a connection error or timeout, or an answer saying the node cannot serve (429, 502,
503, 504); any other error is a bug and is raised as before.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import pybreaker
from elastic_transport import ApiError, TransportError

from django.conf import settings
from django.dispatch import Signal

logger = logging.getLogger(__name__)
T = TypeVar("T")

OUTAGE_STATUSES = frozenset({429, 502, 503, 504})

# Sent with ``target`` ("spaces": the find-a-space index; "wagtail": Wagtail's index), ``model``
# (the model class) and ``ids``: changes an index could not take because Elasticsearch was down.
index_updates_missed = Signal()
# Sent (no arguments) when a trial request succeeds after the circuit was open.
elasticsearch_recovered = Signal()


def is_outage(error: BaseException) -> bool:
    if isinstance(error, TransportError | pybreaker.CircuitBreakerError):
        return True
    return isinstance(error, ApiError) and error.meta.status in OUTAGE_STATUSES


class _Watcher(pybreaker.CircuitBreakerListener):
    def __init__(self):
        self.opened_at = 0.0  # time.monotonic() when the circuit last opened
        self.recovered = False

    def state_change(self, cb, old_state, new_state) -> None:
        if new_state.name == pybreaker.STATE_OPEN:
            self.opened_at = time.monotonic()
            logger.warning(
                "Elasticsearch is unavailable: searches use the database for %ss", cb.reset_timeout
            )
        elif (
            new_state.name == pybreaker.STATE_CLOSED
            and old_state
            and old_state.name != pybreaker.STATE_CLOSED
        ):
            logger.warning("Elasticsearch answers again")
            self.recovered = True  # announce_recovery() sends it, outside pybreaker's lock


@functools.cache
def _breaker(fail_max: int, reset_seconds: float) -> tuple[pybreaker.CircuitBreaker, _Watcher]:
    watcher = _Watcher()
    return pybreaker.CircuitBreaker(
        fail_max=fail_max, reset_timeout=reset_seconds, listeners=[watcher]
    ), watcher


def breaker() -> tuple[pybreaker.CircuitBreaker, _Watcher]:
    return _breaker(
        int(getattr(settings, "ELASTICSEARCH_BREAKER_FAILURES", 3)),
        float(getattr(settings, "ELASTICSEARCH_BREAKER_RESET_SECONDS", 30)),
    )


def circuit_open() -> bool:
    """True while the circuit is open and its reset time has not passed: do not ask the node."""
    cb, watcher = breaker()
    return (
        cb.current_state == pybreaker.STATE_OPEN and time.monotonic() < watcher.opened_at + cb.reset_timeout
    )


def refuse_while_open() -> None:
    """``pybreaker.CircuitBreakerError`` while the circuit is open."""
    if circuit_open():
        raise pybreaker.CircuitBreakerError("Elasticsearch was unavailable a moment ago")


def _raise(error: BaseException):
    raise error


def _nothing() -> None:
    return None


def guarded(call: Callable[..., T], *args, **kwargs) -> T:
    """``call(*args, **kwargs)``, one request (or a few) to Elasticsearch, counted by the breaker;
    ``pybreaker.CircuitBreakerError`` at once while the circuit is open."""
    try:
        return counted(call, *args, **kwargs)
    finally:
        announce_recovery()


def counted(call: Callable[..., T], *args, **kwargs) -> T:
    """``guarded()`` for a thread that must not touch the database (the search page's request
    for spaces): its caller then calls ``announce_recovery()`` in its own thread."""
    refuse_while_open()
    cb, _watcher = breaker()
    try:
        result = call(*args, **kwargs)
    except Exception as error:
        if is_outage(error):
            with contextlib.suppress(Exception):  # the original error is raised below
                cb.call(_raise, error)  # counted as a failure; may open the circuit
        raise
    # Counted as a success (closes a half-open circuit); if another thread opened it meanwhile,
    # this answer still stands.
    with contextlib.suppress(pybreaker.CircuitBreakerError):
        cb.call(_nothing)
    return result


def announce_recovery() -> None:
    """Send ``elasticsearch_recovered`` once after the circuit closed again (its receivers may
    use the database: never from the breaker's lock or a request thread of the search page)."""
    _cb, watcher = breaker()
    if watcher.recovered:
        watcher.recovered = False
        elasticsearch_recovered.send(sender=None)


# --- the current request ----------------------------------------------------------------------


@dataclass
class SearchMode:
    simpler: bool = False  # some search of this request was answered by the database


_mode: contextvars.ContextVar[SearchMode | None] = contextvars.ContextVar("search_mode", default=None)


def begin_request() -> SearchMode:
    """A fresh note for one request (the search app's middleware); worker threads started from
    a copy of this context share it."""
    mode = SearchMode()
    _mode.set(mode)
    return mode


def simpler_mode() -> bool:
    mode = _mode.get()
    return bool(mode and mode.simpler)


def fell_back(error: BaseException, what: str) -> None:
    """Note that ``what`` was answered by the database because of ``error`` (an outage)."""
    if isinstance(error, pybreaker.CircuitBreakerError):
        logger.debug("%s answered by the database: the Elasticsearch circuit is open", what)
    else:
        logger.warning("%s answered by the database: Elasticsearch is unavailable (%s)", what, error)
    if (mode := _mode.get()) is not None:
        mode.simpler = True


def answered(primary: Callable[[], T], fallback: Callable[[], T], *, what: str) -> T:
    """``primary()`` (Elasticsearch, through the breaker) or, in an outage, ``fallback()``."""
    try:
        return guarded(primary)
    except Exception as error:
        if not is_outage(error):
            raise
        fell_back(error, what)
        return fallback()
