"""Ingest lock: one ingest at a time per index, across processes and hosts, held in the catalogue.

The lock is a sequence of tickets `lock:<key>:<n>` in the catalogue (`ingest.catalogue`). To
take it, a process reads the latest ticket `n`; if it is held (not released, not expired, and,
when written on this host, by a live process) the ingest is refused (`IngestBusy`, exit 4);
otherwise the process adds ticket `n + 1`. Chroma 1.5.9 keeps the first `add` of an id and
ignores later ones, so of two processes racing for `n + 1` exactly one reads its own record
back. The holder renews the expiry every `ttl / 4` seconds from a background thread, checks
that no later ticket exists before it switches the current generation, and releases the
ticket at the end.

Guarantee: at most one holder at a time as long as the holder renews before its ticket
expires (a holder paused for longer than `ttl` — a frozen VM — can find a later ticket when it
wakes: it then stops before the switch, but work it did meanwhile is wasted). A crashed holder
blocks others until `ttl` seconds after its last renewal; on the same host, a holder whose
process is gone is recognised at once. Hosts' clocks must agree to well within `ttl`.

This module does not build anything.
"""
from __future__ import annotations

import os
import secrets
import socket
import threading
import time

from assistant.errors import BackendUnavailable

TTL_S = float(os.environ.get("HDS_INGEST_LOCK_TTL_S", "120"))


class IngestBusy(BackendUnavailable):
    """Another ingest holds the lock."""


def pid_alive(pid: int) -> bool:
    """Whether a process of this host with this id is running (a lock holder, a generation builder)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class IngestLock:
    def __init__(self, catalogue, key: str, ttl: float = TTL_S):
        self.catalogue, self.key, self.ttl = catalogue, key, ttl
        self.owner = f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(3)}"
        self.ticket: int | None = None
        self._meta: dict | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def _latest(self) -> tuple[int, dict | None]:
        tickets = [(int(m["n"]), m) for _rid, m, _doc in self.catalogue.records("lock", self.key)]
        return max(tickets, key=lambda t: t[0]) if tickets else (0, None)

    @staticmethod
    def _held(meta: dict | None) -> bool:
        if not meta or meta.get("released"):
            return False
        if float(meta["expires"]) < time.time():
            return False
        host, pid = meta["owner"].split(":")[:2]
        return not (host == socket.gethostname() and not pid_alive(int(pid)))

    def acquire(self, wait: float = 0.0) -> "IngestLock":
        """Take the lock, waiting up to `wait` seconds for a holder to finish; `IngestBusy` else."""
        deadline = time.monotonic() + wait
        while True:
            n, meta = self._latest()
            if not self._held(meta):
                mine = {"kind": "lock", "key": self.key, "n": n + 1, "owner": self.owner,
                        "since": time.time(), "expires": time.time() + self.ttl, "released": False}
                if self.catalogue.add_if_absent(f"lock:{self.key}:{n + 1}", mine):
                    self.ticket, self._meta = n + 1, mine
                    self.catalogue.delete([f"lock:{self.key}:{i}" for i in range(max(1, n - 8), n)])
                    self._thread = threading.Thread(target=self._renew, daemon=True, name="ingest-lock")
                    self._thread.start()
                    return self
                continue    # another process took n + 1 first: look again
            if time.monotonic() >= deadline:
                since = time.strftime("%H:%M:%S", time.gmtime(float(meta["since"])))
                left = max(0, int(float(meta["expires"]) - time.time()))
                raise IngestBusy(f"another ingest of index '{self.key}' is running ({meta['owner']}, since "
                                 f"{since} UTC); try again when it ends (its lock expires in {left} s "
                                 "if it stopped without releasing it).")
            time.sleep(min(1.0, max(0.05, deadline - time.monotonic())))

    def _renew(self) -> None:
        while not self._stop.wait(self.ttl / 4):
            try:
                self._meta = {**self._meta, "expires": time.time() + self.ttl}
                self.catalogue.update(f"lock:{self.key}:{self.ticket}", self._meta)
            except BackendUnavailable:
                pass    # the next renewal may get through; `still_held` decides before the switch

    def still_held(self) -> bool:
        n, meta = self._latest()
        return n == self.ticket and bool(meta) and meta["owner"] == self.owner

    def release(self) -> None:
        self._stop.set()
        if self._thread:
            self._thread.join(timeout=5)
        if self.ticket is not None:
            try:
                self.catalogue.update(f"lock:{self.key}:{self.ticket}", {**self._meta, "released": True})
            except BackendUnavailable:
                pass    # it expires by itself
            self.ticket = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.release()
