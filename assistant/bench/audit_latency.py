"""Audit's cost: the claim reader's model load and its time per sentence.

`audit` runs in the web chat and the bots, so its cost is measured like `ask`'s: a new
`hds-assistant audit TEXT --json` process (imports, rules, the polarity model and its e5
encoder, one text), then, in this process, the first sentence only the model reads (its load,
plus one reading) and each sentence of a fixed sample read warm (rules only when they read a claim, the model when they read none).
It checks nothing and sets no target.
"""
from __future__ import annotations

import os
import time

SAMPLE = (  # management, vendor and press prose in both languages, with and without a claim
    "Cloud Temple héberge en toute conformité les données de santé du CHU.",
    "Pour la préfecture, Google Workspace reste une impasse.",
    "AWS convient à une entreprise privée, pas à un ministère.",
    "Le ministère a lancé un appel d'offres auquel ont répondu Orange Business et Docaposte.",
    "Le consortium Bleu sera-t-il qualifié avant la fin de l'année ?",
    "Scaleway représente un hébergement tout à fait sûr pour les dossiers patients de la clinique.",
    "NumSpot offers a safe haven for a ministry's sensitive workloads.",
    "Azure is a non-starter for the Health Data Hub.",
    "OVHcloud announced record revenue in its last financial year.",
    "Oodrive is cleared for ministries, whereas Google Workspace is not.",
)


def measure(settings, rounds: int = 3) -> dict:
    from assistant.bench import cold_start
    from assistant.bench.stats import summary
    from assistant.checker import extract_claims

    env = {**os.environ, **cold_start.OFFLINE, "HDS_DATA_DIR": str(settings.data_dir)}
    new_process = cold_start._time(["audit", " ".join(SAMPLE[:3]), "--json"], env, 2, 300)
    extract_claims(SAMPLE[0])  # the rules' data, read by a sentence they decide alone
    t = time.perf_counter()
    extract_claims(SAMPLE[1])  # a sentence only the model reads: its first load
    load_s = round(time.perf_counter() - t, 2)
    samples = []
    for _ in range(rounds):
        for sentence in SAMPLE:
            t = time.perf_counter()
            extract_claims(sentence)
            samples.append((time.perf_counter() - t) * 1000)
    return {"new_process": new_process, "model_load_s": load_s, "per_sentence": summary(samples)}
