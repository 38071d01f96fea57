"""Vector store: chunk vectors in Chroma, embedded on disk or on a Chroma server.

`VectorStore.open(index_dir, chroma_url)` gives a `chromadb.PersistentClient` under
`index_dir/chroma` or, when `chroma_url` (`HDS_CHROMA_URL`) is set, a `chromadb.HttpClient`.
Collections are created with cosine space and *no* embedding function: vectors are always
computed by our own embedders (`ingest.embedders`) and passed in, so Chroma never fetches its
default ONNX model. Telemetry is off. Chroma failures become `BackendUnavailable`.

This module does not embed, chunk or fuse rankings.
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

from assistant.errors import BackendUnavailable

_CLIENTS: dict[str, object] = {}
ADD_BATCH = 256
READ_BATCH = 5000
PLACEHOLDER = [1.0]   # the vector of a record that is not searched by similarity (documents, catalogue)


def _settings():
    from chromadb.config import Settings
    return Settings(anonymized_telemetry=False, allow_reset=False)


class VectorStore:
    def __init__(self, identity: str, client):
        self.identity = identity    # "local:<path>" or "http://host:port": which store holds the vectors
        self._client = client
        # collection objects by name: `get_collection` costs a round trip (1.5-6 ms) per query.
        # A new index generation has a new collection name, so a cached object never outlives
        # its generation; `delete`/`create` drop the name here.
        self._collections: dict[str, object] = {}

    @classmethod
    def open(cls, index_dir: Path, chroma_url: str | None = None) -> "VectorStore":
        identity = store_identity(index_dir, chroma_url)
        if identity not in _CLIENTS:
            try:
                import chromadb
                if chroma_url:
                    url = urlparse(chroma_url)
                    if not url.hostname:
                        raise BackendUnavailable(f"HDS_CHROMA_URL {chroma_url!r} is not a URL like http://host:8000.")
                    client = chromadb.HttpClient(
                        host=url.hostname, port=url.port or (443 if url.scheme == "https" else 8000),
                        ssl=url.scheme == "https", settings=_settings())
                    client.heartbeat()
                else:
                    path = Path(index_dir) / "chroma"
                    path.mkdir(parents=True, exist_ok=True)
                    client = chromadb.PersistentClient(path=str(path), settings=_settings())
            except BackendUnavailable:
                raise
            except Exception as exc:  # chromadb raises many types (connection, sqlite, value)
                if chroma_url:
                    raise BackendUnavailable(f"cannot open the Chroma server at {chroma_url} "
                                             f"({exc.__class__.__name__}: {exc})") from exc
                # an embedded store that cannot be opened is damaged: a rebuild sets it aside
                raise BackendUnavailable(f"cannot open the Chroma store in {index_dir} ({exc.__class__.__name__}: "
                                         f"{exc}); run hds-assistant ingest --rebuild") from exc
            _CLIENTS[identity] = client
        return cls(identity, _CLIENTS[identity])

    def check(self) -> None:
        """Read the store's list of collections: `BackendUnavailable` when it cannot (a damaged
        embedded database may open and fail only on its first read)."""
        self._call("list its collections", self._client.list_collections)

    def _call(self, what: str, fn, *args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except BackendUnavailable:
            raise
        except Exception as exc:
            raise BackendUnavailable(f"Chroma failed to {what} ({exc.__class__.__name__}: {exc})") from exc

    def collection(self, name: str):
        col = self._collections.get(name)
        if col is None:
            col = self._call(f"open collection {name}", self._client.get_collection, name, embedding_function=None)
            self._collections[name] = col
        return col

    def has(self, name: str) -> bool:
        try:
            self._client.get_collection(name, embedding_function=None)
            return True
        except Exception:  # NotFoundError / ValueError depending on the client type
            return False

    def create(self, name: str, ids, vectors, metadatas, documents) -> None:
        """A new collection holding the given vectors (replaces one of the same name)."""
        if self.has(name):
            self.delete(name)
        col = self._call(f"create collection {name}", self._client.create_collection, name,
                         embedding_function=None, configuration={"hnsw": {"space": "cosine"}})
        for i in range(0, len(ids), ADD_BATCH):
            sl = slice(i, i + ADD_BATCH)
            self._call(f"add vectors to {name}", col.add, ids=list(ids[sl]),
                       embeddings=[list(map(float, v)) for v in vectors[sl]],
                       metadatas=list(metadatas[sl]), documents=list(documents[sl]))

    def create_records(self, name: str, ids, metadatas, documents) -> None:
        """A new collection of records that are read by id, never searched by similarity
        (the generation's documents): each gets the same one-number placeholder vector."""
        self.create(name, ids, [PLACEHOLDER] * len(ids), metadatas, documents)

    def read(self, name: str, include=("documents", "metadatas")) -> dict:
        """Every record of a collection, in pages of `READ_BATCH`: {"ids", and each of `include`}."""
        col = self.collection(name)
        out: dict[str, list] = {"ids": [], **{k: [] for k in include}}
        offset = 0
        while True:
            page = self._call(f"read {name}", col.get, include=list(include), limit=READ_BATCH, offset=offset)
            out["ids"].extend(page["ids"])
            for k in include:
                values = page.get(k)
                out[k].extend(list(values) if values is not None else [None] * len(page["ids"]))
            if len(page["ids"]) < READ_BATCH:
                return out
            offset += READ_BATCH

    def names(self) -> list[str]:
        """Names of every collection in the store."""
        listed = self._call("list its collections", self._client.list_collections)
        return [c if isinstance(c, str) else c.name for c in listed]

    def delete(self, name: str) -> None:
        self._collections.pop(name, None)
        try:
            self._client.delete_collection(name)
        except Exception:  # already gone: nothing to clean
            pass

    def count(self, name: str) -> int:
        return self._call(f"count {name}", self.collection(name).count)

    def query(self, name: str, vector, n: int, where: dict | None = None) -> list[tuple[str, float]]:
        """(chunk id, cosine similarity) of the `n` nearest chunks, best first."""
        embedding = [list(map(float, vector))]
        try:
            res = self.collection(name).query(query_embeddings=embedding, n_results=n, where=where or None,
                                              include=["distances"])
        except Exception:  # noqa: BLE001 - a cached object of a collection since deleted or recreated: look it up again
            self._collections.pop(name, None)
            res = self._call(f"query {name}", self.collection(name).query, query_embeddings=embedding,
                             n_results=n, where=where or None, include=["distances"])
        return [(i, 1.0 - float(d)) for i, d in zip(res["ids"][0], res["distances"][0])]


def set_aside(index_dir: Path) -> Path:
    """Move an unreadable embedded store (`index_dir/chroma`) to `chroma.damaged-<UTC time>` and
    forget its client, so that the next `VectorStore.open` starts a fresh store; returns where it
    went. The index generations' own files are not touched."""
    import datetime as dt
    path = Path(index_dir) / "chroma"
    _CLIENTS.pop(store_identity(index_dir, None), None)
    from chromadb.api.shared_system_client import SharedSystemClient
    # chromadb keeps the half-opened system of a path and would hand it back for the fresh store;
    # clients already open elsewhere keep their own reference to theirs
    SharedSystemClient.clear_system_cache()
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"chroma.damaged-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"chroma.damaged-{stamp}-{n}")
    path.rename(target)
    return target


def store_identity(index_dir: Path, chroma_url: str | None) -> str:
    if chroma_url:
        return chroma_url.rstrip("/")
    return f"local:{Path(index_dir).resolve() / 'chroma'}"
