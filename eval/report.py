"""Write an `EvalRun` to a report folder.

Files: `metrics.json` (a `strategies` map `{name: {recall@1, recall@5, recall@10, mrr@10,
ndcg@10}}`, `default`, the answer metrics and latencies), `results.jsonl` (one row per
question, for error analysis), `report.md` (tables), `recall_at_k.png` and `latency.png`
(matplotlib, Agg backend). It computes nothing new: figures come from the harness.
"""
from __future__ import annotations

import collections
import json
from pathlib import Path

from eval.harness import EvalRun

RETRIEVAL_KEYS = ("recall@1", "recall@5", "recall@10", "mrr@10", "ndcg@10")


def _r(value, digits=3):
    return None if value is None else round(float(value), digits)


def metrics_json(run: EvalRun) -> dict:
    counts = collections.Counter(q.category for q in run.questions)
    langs = collections.Counter(q.lang for q in run.questions)
    return {
        "subset": run.subset,
        "questions": {"total": len(run.questions), "by_category": dict(sorted(counts.items())),
                      "by_lang": dict(sorted(langs.items())),
                      "by_part": dict(sorted(collections.Counter(q.split for q in run.questions).items())),
                      "in_scope": sum(1 for q in run.questions if q.in_scope)},
        "default": run.default,
        "strategies": {name: {k: _r(s[k]) for k in RETRIEVAL_KEYS} for name, s in run.strategies.items()},
        "strategies_by_lang": {name: {lang: {k: _r(v[k]) for k in RETRIEVAL_KEYS} for lang, v in s["by_lang"].items()}
                               for name, s in run.strategies.items()},
        "strategies_by_part": {name: {part: _part_json(v) for part, v in s.get("by_part", {}).items()}
                               for name, s in run.strategies.items()},
        "stages": {label: {part: _part_json(v) for part, v in s.get("by_part", {}).items()}
                   for label, s in run.stages.items()},
        "retrieval_latency_ms": {name: {k: _r(v, 1) if k != "n" else v for k, v in lat.items()}
                                 for name, lat in run.retrieval_latency.items()},
        "answers": _answers_json(run.answers),
        "notes": run.notes,
    }


def _part_json(s: dict) -> dict:
    out = {k: _r(s[k]) for k in RETRIEVAL_KEYS}
    out["n"] = s["n"]
    out["by_lang"] = {lang: {**{k: _r(v[k]) for k in RETRIEVAL_KEYS}, "n": v["n"]} for lang, v in s["by_lang"].items()}
    return out


def _part_lines(data: dict, part: str, default: str) -> list[str]:
    """The strategies' figures on one part, then per language (recall@5)."""
    rows = {name: parts[part] for name, parts in data["strategies_by_part"].items() if part in parts}
    if not rows:
        return [f"No in-scope question in the {part} part.", ""]
    n = next(iter(rows.values()))["n"]
    lines = [f"{n} in-scope questions.", "",
             "| strategy | recall@1 | recall@5 | recall@10 | MRR@10 | nDCG@10 |", "| --- | --- | --- | --- | --- | --- |"]
    for name, s in rows.items():
        mark = " (default)" if name == default else ""
        lines.append(f"| `{name}`{mark} | " + " | ".join(_fmt(s[k]) for k in RETRIEVAL_KEYS) + " |")
    langs = sorted({lang for s in rows.values() for lang in s["by_lang"]})
    lines += ["", "By language (recall@1 / recall@5 / MRR@10, n):", "",
              "| strategy | " + " | ".join(langs) + " |", "| --- |" + " --- |" * len(langs)]
    for name, s in rows.items():
        cells = []
        for lang in langs:
            v = s["by_lang"].get(lang)
            cells.append("–" if v is None else
                         f"{_fmt(v['recall@1'])} / {_fmt(v['recall@5'])} / {_fmt(v['mrr@10'])} ({v['n']})")
        lines.append(f"| `{name}` | " + " | ".join(cells) + " |")
    return lines + [""]


def _stage_lines(data: dict, default: str) -> list[str]:
    if not data["stages"]:
        return []
    lines = ["## What each stage brings", "",
             f"The default strategy `{default}` with its fusion restricted to growing sets of rankings "
             "(recall@1 / recall@5 / recall@10 / MRR@10).", "",
             "| stages | test | tune |", "| --- | --- | --- |"]
    for label, parts in data["stages"].items():
        cells = [" / ".join(_fmt(parts[p][k]) for k in ("recall@1", "recall@5", "recall@10", "mrr@10"))
                 if p in parts else "–" for p in ("test", "tune")]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return lines + [""]


def _answers_json(a: dict | None) -> dict | None:
    if a is None:
        return None
    out = {k: (_r(v) if isinstance(v, float) else v) for k, v in a.items() if k != "latency_ms"}
    out["latency_ms"] = {stage: {k: _r(v, 1) if k != "n" else v for k, v in lat.items()}
                         for stage, lat in a["latency_ms"].items()}
    return out


def results_rows(run: EvalRun) -> list[dict]:
    by_id = {q.id: {"id": q.id, "lang": q.lang, "category": q.category, "question": q.question,
                    "as_of": q.as_of.isoformat() if q.as_of else None,
                    "expected_verdict": q.expected_verdict, "missing": q.missing,
                    "gold": [{"doc_id": g.doc_id, "needle": g.needle} for g in q.gold],
                    "retrieval": {}} for q in run.questions}
    for name, rows in run.retrieval_rows.items():
        for r in rows:
            by_id[r["id"]]["retrieval"][name] = {"rank": r["rank"], "ndcg@10": _r(r["ndcg"]), "top3": r["top"]}
    for r in run.answer_rows:
        by_id[r["id"]]["answer"] = {k: v for k, v in r.items() if k not in ("id", "lang", "category")}
    return list(by_id.values())


def _fmt(v, digits: int = 3) -> str:
    if v is None:
        return "–"
    return f"{v:.{digits}f}" if isinstance(v, float) else str(v)


def report_md(run: EvalRun, data: dict) -> str:
    q = data["questions"]
    lines = [f"# Evaluation report ({run.subset} set)", "",
             f"{q['total']} questions ({', '.join(f'{k}: {v}' for k, v in q['by_category'].items())}; "
             f"{', '.join(f'{k}: {v}' for k, v in q['by_lang'].items())}). Retrieval is scored on the "
             f"{q['in_scope']} in-scope questions: a passage is relevant when it contains a gold needle of the "
             f"same document. Default strategy: `{run.default}`.", "",
             "Every question is in the tuning part (`tune`) or the test part (`test`) by the fixed rule of "
             "`eval/split.py`; no weight, lexicon entry or threshold is fitted on the test part. "
             "The test part's figures are the honest estimate.", "",
             "## Retrieval, test part", ""] + _part_lines(data, "test", run.default) + [
             "## Retrieval, tuning part", ""] + _part_lines(data, "tune", run.default) + \
            _stage_lines(data, run.default) + [
             "## Retrieval, whole set (both parts)", "",
             "| strategy | recall@1 | recall@5 | recall@10 | MRR@10 | nDCG@10 | p50 ms | p95 ms |",
             "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for name, s in data["strategies"].items():
        lat = data["retrieval_latency_ms"].get(name, {})
        mark = " (default)" if name == run.default else ""
        lines.append(f"| `{name}`{mark} | " + " | ".join(_fmt(s[k]) for k in RETRIEVAL_KEYS)
                     + f" | {_fmt(lat.get('p50'), 1)} | {_fmt(lat.get('p95'), 1)} |")
    lines += ["", "By language (recall@5):", "", "| strategy | " + " | ".join(sorted(q["by_lang"])) + " |",
              "| --- |" + " --- |" * len(q["by_lang"])]
    for name, by_lang in data["strategies_by_lang"].items():
        lines.append(f"| `{name}` | " + " | ".join(_fmt(by_lang.get(l, {}).get("recall@5")) for l in sorted(q["by_lang"])) + " |")
    lines += ["", "![recall@k](recall_at_k.png)", ""]
    a = data["answers"]
    if a is None:
        lines += ["## Answers", "", "Not run (retrieval only)."]
    else:
        lines += ["## Answers (`ask`)", "", "| metric | value |", "| --- | --- |",
                  f"| questions asked (errors) | {a['n']} ({a['errors']}) |",
                  f"| quotes verbatim (`doc.text[start:end] == quote`) | {_fmt(a['quotes_verbatim_rate'])} of {a['quotes']} |",
                  f"| claims shown although they contradict the checker | {a['contradicted_claims_shown']} |",
                  f"| verdict accuracy (eligibility) | {_fmt(a['verdict_accuracy'])} on {a['verdict_n']} |",
                  f"| abstention precision / recall | {_fmt(a['abstention_precision'])} / {_fmt(a['abstention_recall'])} |",
                  f"| missing-text detection | {_fmt(a['missing_text_detection'])} (other questions with such a notice, e.g. a 6404/SG caveat after 2023-05-31: {a['missing_text_notices_elsewhere']}) |",
                  f"| gold needle in a quote or the answer (in scope) | {_fmt(a['gold_in_answer_rate'])} |",
                  f"| in-scope questions wrongly abstained | {a['in_scope_abstained']} |", "",
                  "| stage | p50 ms | p95 ms |", "| --- | --- | --- |"]
        for stage, lat in a["latency_ms"].items():
            lines.append(f"| {stage} | {_fmt(lat['p50'], 1)} | {_fmt(lat['p95'], 1)} |")
        lines += ["", "![latency per stage](latency.png)", ""]
        wrong = [r for r in run.answer_rows if r.get("category") == "eligibility"
                 and r.get("verdict_got") != r.get("verdict_expected")]
        if wrong:
            lines += ["Eligibility questions with another verdict than expected:", ""]
            lines += [f"- `{r['id']}`: expected {r['verdict_expected']}, got {r.get('verdict_got')}" for r in wrong]
            lines.append("")
    abstained = [r["id"] for r in run.answer_rows if r.get("abstained") and r.get("category") != "out_of_scope"]
    if abstained:
        lines += ["Questions the assistant abstained on although they are answerable or name a missing text "
                  f"({len(abstained)}): " + ", ".join(f"`{i}`" for i in abstained), ""]
    misses = [r["id"] for r in run.retrieval_rows.get(run.default, []) if r["rank"] is None or r["rank"] > 5]
    if misses:
        lines += [f"In-scope questions without a relevant passage in the top 5 of `{run.default}` "
                  f"({len(misses)}): " + ", ".join(f"`{m}`" for m in misses), ""]
    for note in run.notes:
        lines.append(f"Note: {note}")
    lines += ["Per-question details: `results.jsonl`. Regenerate with `hds-assistant eval --report DIR`.", ""]
    return "\n".join(lines)


def plot_recall(data: dict, path: Path) -> None:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots(figsize=(7, 4))
    ks = [1, 5, 10]
    for name, s in data["strategies"].items():
        ax.plot(ks, [s[f"recall@{k}"] or 0 for k in ks], marker="o", label=name)
    ax.set_xlabel("k")
    ax.set_ylabel("recall@k")
    ax.set_xticks(ks)
    ax.set_ylim(0, 1.02)
    ax.set_title("Retrieval recall@k per strategy")
    ax.legend(fontsize=8)
    ax.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def plot_latency(data: dict, path: Path) -> None:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    bars = [(f"retrieve {n}", v) for n, v in data["retrieval_latency_ms"].items()]
    if data["answers"]:
        bars += [(f"ask: {stage}", v) for stage, v in data["answers"]["latency_ms"].items()]
    fig, ax = plt.subplots(figsize=(8, max(3, 0.35 * len(bars) + 1)))
    names = [b[0] for b in bars]
    ys = range(len(bars))
    ax.barh([y + 0.2 for y in ys], [b[1]["p50"] or 0 for b in bars], height=0.4, label="p50")
    ax.barh([y - 0.2 for y in ys], [b[1]["p95"] or 0 for b in bars], height=0.4, label="p95")
    ax.set_yticks(list(ys))
    ax.set_yticklabels(names, fontsize=8)
    ax.set_xlabel("ms")
    ax.set_title("Latency per stage")
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def write_report(run: EvalRun, out_dir: Path | str) -> dict:
    """Write every file of the report; return the metrics.json data."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    data = metrics_json(run)
    (out / "metrics.json").write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    with (out / "results.jsonl").open("w", encoding="utf-8") as fh:
        for row in results_rows(run):
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    (out / "report.md").write_text(report_md(run, data), encoding="utf-8")
    plot_recall(data, out / "recall_at_k.png")
    plot_latency(data, out / "latency.png")
    return data
