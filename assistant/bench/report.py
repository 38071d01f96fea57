"""Plain-text rendering of a bench result (the dict from `runner.run`), for a terminal or
for pasting into `docs/benchmarks.md`. It computes nothing new."""
from __future__ import annotations


def _ms(s: dict) -> str:
    return f"p50 {s['p50_ms']:.1f} ms, p95 {s['p95_ms']:.1f} ms (n={s['n']})"


def render(r: dict) -> str:
    m = r["machine"]
    lines = [f"hds-assistant bench{' --quick' if r['quick'] else ''}",
             f"machine: {m['nproc']} CPUs ({m['cpu']}), {m['memory_gib']} GiB, Python {m['python']}, "
             f"load average at start {m['load_average']}, at end {r.get('load_average_end')} "
             "(the machine is shared: ratios come from interleaved runs)",
             f"pipeline: {r['pipeline']['retrieval']} retrieval, embedder {r['pipeline']['embedder']}, "
             f"{r['pipeline']['answerer']} answers, Chroma {r['pipeline']['chroma']}; "
             f"index {r['index_chunks']} chunks opened in {r['index_open_s']} s", ""]
    if "ask" in r:
        a = r["ask"]
        lines.append(f"warm ask ({a['questions']} questions x {a['rounds']} rounds, after a warm-up pass; "
                     f"{a['abstained']} abstentions):")
        for stage, s in a["ask"].items():
            lines.append(f"  {stage:<9} {_ms(s)}")
        lines.append(f"  baseline  {_ms(a['baseline'])}  (LangChain Chroma similarity_search k=5, same embedder)")
    if "cold_start" in r:
        lines.append("cold start (new process):")
        for name, v in r["cold_start"].items():
            lines.append(f"  {name:<9} " + (f"{v['median_s']} s (median of {v['runs']})" if "median_s" in v
                                            else v["error"]))
    if "audit" in r:
        au = r["audit"]
        cold = au["new_process"]
        lines.append("audit: new process " + (f"{cold['median_s']} s (median of {cold['runs']})" if "median_s" in cold
                                              else cold["error"])
                     + f"; polarity model load {au['model_load_s']} s (its e5 encoder shared with an e5 index); "
                       f"per sentence {_ms(au['per_sentence'])}")
    if "ingest" in r:
        i = r["ingest"]
        lines.append(f"ingest --rebuild: {i['chunks']} chunks in {i['ingest_s']} s = {i['ingest_chunks_per_s']} chunks/s; "
                     f"raw encoder {i['encoder_chunks_per_s']} chunks/s; ratio {i['ingest_vs_encoder']}")
    if "scale" in r:
        lines.append(f"scale ({r['scale']['method']}; store: {r['scale'].get('store', 'embedded')}):")
        for size, v in r["scale"]["sizes"].items():
            if "error" in v:
                lines.append(f"  {int(size):>7,} chunks: {v['error']}")
                continue
            split = (f" (encode {_ms(v['encode'])}, rank {_ms(v['rank'])})" if "rank" in v else "")
            lines.append(f"  {int(size):>7,} chunks: retrieve {_ms(v['retrieve'])}{split}; open from the store "
                         f"{v['open_s']} s; switch (load in background) {v.get('switch_load_s')} s; "
                         f"RSS {v['rss_mb']} MiB (peak {v['peak_rss_mb']}); "
                         + (f"index {v['index_mb']} MiB; " if v.get("index_mb") is not None else "")
                         + f"built in {v['build_s']} s")
    if "load" in r:
        lo = r["load"]
        lines.append(f"load: {lo['clients']} clients x {lo['per_client']} questions = {lo['requests']} requests, "
                     f"{lo['errors']} errors, {_ms(lo['latency'])}, {lo['requests_per_s']} req/s; "
                     f"server RSS idle {lo['server_idle_rss_mb']} MiB, after {lo.get('server_rss_mb')} MiB, "
                     f"peak {lo.get('server_peak_rss_mb')} MiB")
        lines.extend(f"  error: {e}" for e in lo["error_samples"])
    lines.append("")
    for name, value in r["ratios"].items():
        target = r["targets"][name]
        met = r["meets_targets"][name]
        lines.append(f"{name} = {value}  (target <= {target}: {'met' if met else 'NOT met' if value is not None else 'not measured'})")
    return "\n".join(lines) + "\n"
