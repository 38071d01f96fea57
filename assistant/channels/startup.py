"""The first start of a channel: build the index if needed and load it, in a background thread,
while the server already answers; progress goes to the terminal (documents and passages) and
to the page (« Préparation de l'index… »).

`IndexPreparation(service, settings).start()` runs `ingest.pipeline.ingest(..., progress=...)`
(a no-op when the index is up to date) then `service.documents()` (opens the retriever).
`preflight()` refuses to start without an index nor a corpus; `wait(timeout)` blocks until ready and raises the preparation's error, if any; `status_fr()`
is the sentence the page shows. It does not answer questions nor serve anything.
"""
from __future__ import annotations

import sys
import threading
import time

from assistant.errors import BackendUnavailable


class IndexPreparation:
    def __init__(self, service, settings, *, out=None):
        self.service, self.settings = service, settings
        self.out = out or sys.stderr
        self.documents = 0
        self.done = self.total = 0
        self.phase = "waiting"  # waiting, building, loading, ready, failed
        self.error: BaseException | None = None
        self.seconds: float | None = None
        self._ready = threading.Event()
        self._last_print = -1

    def preflight(self) -> None:
        """Fail before listening, with one sentence, when there is no index and no corpus to build it."""
        from assistant.errors import CorpusError
        from ingest.documents import load_corpus
        from ingest.names import check_name
        from ingest.pipeline import current_generation, index_dir

        s = self.settings
        if current_generation(index_dir(s.data_dir, check_name(s.embedder)), s.chroma_url) is None:
            try:
                load_corpus(s.corpus_dir)
            except CorpusError as exc:
                raise BackendUnavailable(f"no index yet and it cannot be built: {exc}") from exc

    def start(self) -> "IndexPreparation":
        threading.Thread(target=self.run, name="hds-index-preparation", daemon=True).start()
        return self

    def run(self) -> None:
        """Build (if needed) and load the index; never raises (the error is kept for `wait`)."""
        started = time.perf_counter()
        try:
            self._build()
            self.phase = "loading"
            self._say("hds-assistant: loading the index…")
            self.service.documents()
            self.phase = "ready"
            self.seconds = time.perf_counter() - started
            self._say(f"hds-assistant: index ready in {self.seconds:.1f} s.")
        except BaseException as exc:  # kept for the requests that wait on it
            self.error, self.phase = exc, "failed"
            self._say(f"hds-assistant: the index could not be prepared: {exc}")
        finally:
            self._ready.set()

    def _build(self) -> None:
        from assistant.errors import CorpusError
        from ingest.documents import load_corpus
        from ingest.pipeline import ingest

        s = self.settings
        try:
            self.documents = len(load_corpus(s.corpus_dir))
        except CorpusError:
            return  # no corpus here: the retriever opens an existing index or says what is missing
        self.phase = "building"
        report = ingest(s.corpus_dir, s.data_dir, embedder=s.embedder, chroma_url=s.chroma_url,
                        progress=self._progress)
        if getattr(report, "changed", True):
            self._say(f"hds-assistant: index built: {self.documents} documents, {report.chunks} passages "
                      f"in {report.seconds:.1f} s.")

    def _progress(self, done: int, total: int) -> None:
        self.done, self.total = done, total
        tenth = done * 10 // total if total else 10
        if tenth != self._last_print:
            self._last_print = tenth
            self._say(f"hds-assistant: indexing {self.documents} documents: {done}/{total} passages ({tenth * 10} %)")

    def _say(self, line: str) -> None:
        print(line, file=self.out, flush=True)

    @property
    def ready(self) -> bool:
        return self._ready.is_set() and self.error is None

    def wait(self, timeout: float | None = None) -> None:
        """Block until the index is ready; raise its error, or `BackendUnavailable` on timeout."""
        if not self._ready.wait(timeout):
            raise BackendUnavailable("l'index est encore en préparation ; réessayez dans un instant.")
        if self.error is not None:
            raise self.error

    def status_fr(self) -> str:
        """What the page says while the index is prepared ("" once ready)."""
        if self.phase == "ready":
            return ""
        if self.phase == "failed":
            return f"L'index n'a pas pu être préparé : {self.error}"
        if self.phase == "building" and self.total:
            return (f"Préparation de l'index : {self.documents} documents, {self.done} passages sur "
                    f"{self.total} indexés. Les questions posées maintenant attendent la fin.")
        if self.phase == "loading":
            return "Préparation de l'index : chargement des modèles. Les questions posées maintenant attendent la fin."
        return "Préparation de l'index en cours. Les questions posées maintenant attendent la fin."
