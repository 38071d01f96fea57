"""`hds-assistant bench`: speed, memory and scale figures, measured and compared in one run.

One module per measurement, each returning a plain dict of figures:

| module | measures |
| --- | --- |
| `ask_latency` | warm `AnswerService.ask` p50/p95 per stage, interleaved with `baseline` |
| `baseline` | the same questions through a bare LangChain `Chroma.similarity_search(k=5)` |
| `cold_start` | new `hds-assistant` processes: `--help`, a cold `retrieve`, a cold `ask` |
| `ingest_throughput` | chunks/s of a `--rebuild` ingest against the raw encoder on the same texts |
| `scale` | retrieval latency, RSS and index size on synthetic 1k/10k/100k-chunk indexes |
| `load` | concurrent clients against `POST /api/ask` of a real `chat` server, its memory |

`runner` runs them in order and computes the ratios checked against the targets; `report`
prints them. Speed targets live here, never in timed tests. Nothing here changes the
product's index: every build goes to a temporary folder.
"""
