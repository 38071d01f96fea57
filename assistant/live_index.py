"""LiveRetriever: a `Retriever` that follows the index's generation switches without a restart.

It holds one `Retriever` (one loaded generation) at a time. A watcher thread reads the
catalogue's current pointer every `HDS_INDEX_POLL_S` seconds (default 5, one small read) and
renews this worker's lease on the generations it holds; when the pointer moves it loads the new
generation in the background (the old one keeps answering meanwhile) and swaps one reference.
A call that started on the old generation finishes on it; `document()` called by a thread
after its `retrieve()` reads the documents of the generation that thread retrieved from, so a
quote's offsets always point into the text they were cut from. `refresh()` does the same check
at once (on request). A failed poll or load (server down, generation damaged) keeps the
current generation and is tried again at the next poll.

This module does not rank: every ranking call goes to the current `Retriever`.
"""
from __future__ import annotations

import logging
import os
import secrets
import socket
import threading
import time

from assistant.errors import BackendUnavailable, CorpusError

log = logging.getLogger(__name__)
PIN_S = 120.0       # how long a thread's last retrieval keeps its generation for `document()`
OPEN_ATTEMPTS = 5


def poll_interval() -> float:
    return float(os.environ.get("HDS_INDEX_POLL_S", "5"))


class LiveRetriever:
    def __init__(self, make, store, key: str, first, settings, watch: bool):
        self._make = make                 # generation -> Retriever
        self._store, self._key, self._settings = store, key, settings
        self._current = first
        self._held: dict[str, tuple[object, float]] = {}     # generation -> (retriever, last use)
        self._pins: dict[int, tuple[object, float]] = {}     # thread id -> (retriever, when)
        self.worker = worker_id()
        self.switches: list[dict] = []    # {"generation", "load_s", "at"} of each swap
        self._guard = threading.Lock()
        self._stop = threading.Event()
        self._thread = None
        if watch and poll_interval() > 0:
            self._thread = threading.Thread(target=self._watch, daemon=True, name="index-watch")
            self._thread.start()

    # ------------------------------------------------------------ opening

    @classmethod
    def open(cls, retriever_cls, settings, *, strategy: str, embedder: str, build_if_missing: bool, watch: bool,
             key: str | None = None):
        """`key`: the index's name in the catalogue (default: the embedder's); the bench's
        synthetic indexes use their own."""
        from assistant.retrieval import GenerationGone
        from ingest.catalogue import Catalogue
        from ingest.names import index_key
        from ingest.pipeline import current_in, index_dir, open_store

        idx = index_dir(settings.data_dir, embedder)
        key = key or index_key(embedder)
        store = open_store(idx, settings.chroma_url)
        worker = worker_id()
        lock = threading.Lock()

        def make(gen, warm_up=True):
            return retriever_cls(gen, strategy=strategy, embedder_name=embedder, chroma_url=settings.chroma_url,
                                 index_dir=idx, encode_lock=lock, warm_up=warm_up)

        built = False
        for _ in range(OPEN_ATTEMPTS):
            gen = current_in(store, key)
            if gen is None:
                if not build_if_missing:
                    raise BackendUnavailable(f"no index for embedder '{embedder}' in {store_label(store)}; "
                                             "run `hds-assistant ingest` first.")
                if built:
                    break
                _build(settings, embedder)
                built = True
                continue
            Catalogue(store).heartbeat(key, f"{worker}:{gen.name}", gen.name)   # before loading: the GC keeps it
            try:
                first = make(gen)
            except (GenerationGone, BackendUnavailable) as exc:
                gone = isinstance(exc, GenerationGone)
                if gone and Catalogue(store).current(key) != gen.name:
                    continue        # switched and collected meanwhile: read the pointer again
                # records that differ from their checksums: refused, `ingest` repairs them (a
                # reader never rewrites an index it found damaged); collections gone (a server
                # reset): built again like a missing index
                if not gone or not build_if_missing or built:
                    if gone:
                        raise BackendUnavailable(
                            f"the collections of index generation {gen.name} are missing from "
                            f"{store_label(store)}; run `hds-assistant ingest`, which rebuilds them.") from None
                    raise
                _build(settings, embedder)
                built = True
                continue
            live = cls(make, store, key, first, settings, watch)
            live.worker = worker
            live._held[gen.name] = (first, time.time())
            return live
        raise BackendUnavailable(f"the index for embedder '{embedder}' could not be opened in {store_label(store)}.")

    # ------------------------------------------------------------ watching

    def _watch(self) -> None:
        while not self._stop.wait(poll_interval()):
            try:
                self.refresh()
            except Exception as exc:  # noqa: BLE001 - a failed poll must never stop the watcher
                log.warning("index watch: %s", exc)

    def load(self, generation):
        """A `Retriever` over `generation`, loaded now and not made current (what a switch costs)."""
        return self._make(generation, warm_up=False)

    def refresh(self) -> bool:
        """Check the catalogue now; load and swap in a new current generation. True when swapped."""
        from ingest.catalogue import Catalogue
        from ingest.pipeline import current_in
        cat = Catalogue(self._store)
        self._renew(cat)
        name = cat.current(self._key)
        if name is None or name == self._current.generation.name:
            return False
        gen = current_in(self._store, self._key)
        if gen is None:
            return False
        cat.heartbeat(self._key, self._lease_worker(gen.name), gen.name)
        t = time.perf_counter()
        new = self.load(gen)
        with self._guard:
            self._held[gen.name] = (new, time.time())
            self._current = new
        self.switches.append({"generation": gen.name, "load_s": round(time.perf_counter() - t, 3), "at": time.time()})
        log.info("index: switched to generation %s (loaded in %.2f s)", gen.name, time.perf_counter() - t)
        return True

    def _lease_worker(self, generation: str) -> str:
        return f"{self.worker}:{generation}"

    def _renew(self, cat) -> None:
        """Renew the leases of the generations still in use; drop the others."""
        now = time.time()
        with self._guard:
            current = self._current.generation.name
            in_use = {r.generation.name for r, when in self._pins.values() if now - when < PIN_S}
            self._pins = {t: (r, w) for t, (r, w) in self._pins.items() if now - w < PIN_S}
            dropped = [g for g in self._held if g != current and g not in in_use]
            for g in dropped:
                del self._held[g]
        for g in dropped:
            cat.release(self._key, self._lease_worker(g))
        for g in {current, *in_use}:
            cat.heartbeat(self._key, self._lease_worker(g), g)

    def close(self) -> None:
        """Stop watching and release this worker's leases."""
        from ingest.catalogue import Catalogue
        self._stop.set()
        if self._thread:
            self._thread.join(timeout=10)
        try:
            cat = Catalogue(self._store)
            for g in list(self._held):
                cat.release(self._key, self._lease_worker(g))
        except BackendUnavailable:
            pass

    # ------------------------------------------------------------ the Retriever's interface

    @property
    def current(self):
        return self._current

    def _pin(self):
        r = self._current
        self._pins[threading.get_ident()] = (r, time.time())
        return r

    def _pinned(self):
        got = self._pins.get(threading.get_ident())
        return got[0] if got and time.time() - got[1] < PIN_S else self._current

    def retrieve(self, question: str, k: int = 5, **filters):
        return self._pin().retrieve(question, k, **filters)

    def rankings(self, question: str, **kwargs):
        return self._pin().rankings(question, **kwargs)

    def document(self, doc_id: str):
        return self._pinned().document(doc_id)

    def documents(self) -> list:
        return self._pinned().documents()

    @property
    def passages(self):
        return self._pinned().passages

    @property
    def generation(self):
        return self._current.generation

    def __getattr__(self, name):
        return getattr(self._current, name)


def worker_id() -> str:
    """host:pid:random, so that a lease of a process gone from this host is recognised."""
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(3)}"


def store_label(store) -> str:
    return store.identity[6:] if store.identity.startswith("local:") else store.identity


def _build(settings, embedder: str) -> None:
    from ingest.pipeline import ingest
    try:
        ingest(settings.corpus_dir, settings.data_dir, embedder=embedder, chroma_url=settings.chroma_url or "",
               wait=600)
    except CorpusError as exc:
        raise BackendUnavailable(f"no index yet and it cannot be built: {exc}") from exc
