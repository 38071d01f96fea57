"""`hds-assistant eval [--report DIR] [--subset fast] [--strategies a,b] [--retrieval-only]`.

Runs the evaluation sets (`eval/questions.yaml`, `eval/strangers-tune.yaml`, `eval/strangers.yaml`,
or the file named) through retrieval (every strategy, or those named) and the answer service, and
writes the report (default folder `eval/report`), tuning and test parts separately.
"""
from __future__ import annotations

import sys

DEFAULT_REPORT = "eval/report"


def register(sub) -> None:
    p = sub.add_parser("eval", help="run the evaluation set and write the report")
    p.add_argument("--report", default=DEFAULT_REPORT, metavar="DIR",
                   help=f"folder for report.md, metrics.json, results.jsonl and plots (default {DEFAULT_REPORT})")
    p.add_argument("--subset", choices=("all", "fast"), default="all",
                   help="'fast': the regression-gate subset (about 25 questions)")
    p.add_argument("--strategies", metavar="A,B",
                   help="retrieval strategies: bm25, dense-<use|e5|minilm>, hybrid-<use|e5|minilm> "
                        "(default all; the default strategy is always included)")
    p.add_argument("--retrieval-only", action="store_true", help="skip the answer metrics")
    p.add_argument("--questions", metavar="FILE", help="one other question file (same format) instead of the default sets")
    p.set_defaults(handler=handle)


def handle(args) -> int:
    from assistant import config
    from eval import harness
    from eval.questions import DEFAULT_SETS, fast_subset, load_sets
    from eval.report import write_report
    from ingest.documents import documents_by_id

    settings = config.settings()
    strategies = None
    if args.strategies:
        strategies = [harness.strategy_named(n) for n in args.strategies.split(",") if n.strip()]
    questions = load_sets([args.questions] if args.questions else DEFAULT_SETS, documents_by_id(settings.corpus_dir))
    if args.subset == "fast":
        questions = fast_subset(questions)
    run = harness.run(questions, settings, strategies=strategies, answers=not args.retrieval_only,
                      subset=args.subset)
    data = write_report(run, args.report)
    d = data["strategies"][data["default"]]
    print(f"{len(questions)} questions; default {data['default']}: recall@5 {d['recall@5']}, "
          f"MRR@10 {d['mrr@10']}; report in {args.report}", file=sys.stderr)
    a = data["answers"]
    if a:
        print(f"answers: quotes verbatim {a['quotes_verbatim_rate']}, contradicted claims shown "
              f"{a['contradicted_claims_shown']}, verdict accuracy {a['verdict_accuracy']}, "
              f"abstention recall {a['abstention_recall']}", file=sys.stderr)
    return 0
