"""Throughput benchmark: NLI pairs per second and end-to-end seconds, pruned pairing vs all pairs.

    python eval/bench_throughput.py CORPUS_DIR [--device cpu|cuda] [--out eval/results]

Measures, in one run on one corpus and one machine:
1. NLI inference speed of the bundled model (pairs/s) at batch 32 and batch 1, on the corpus's own
   candidate pairs, after a warm-up batch.
2. End-to-end `checker report` stages (seconds per stage) with embedding-pruned pairing (the default).
3. The same corpus scored SummaC-style: every cross-article sentence pair through NLI, with the same
   aggregation, so the time taken and the conflicts found can be compared with (2).
Writes throughput.json and throughput.md (machine, date, torch version) to --out.
Numbers are wall-clock on a shared machine: compare ratios within one run, not across runs.
"""
from __future__ import annotations

import argparse
from dataclasses import replace
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

from checker.evaluation.markdown import table
from checker.evaluation.record import machine, provenance, write_result




def nli_rate(model, premises, hypotheses, batch_size: int, max_pairs: int) -> dict:
    premises, hypotheses = premises[:max_pairs], hypotheses[:max_pairs]
    model.batch_size = batch_size
    model.predict(premises[:batch_size], hypotheses[:batch_size])  # warm-up
    t = time.perf_counter()
    model.predict(premises, hypotheses)
    s = time.perf_counter() - t
    return {"batch_size": batch_size, "pairs": len(premises), "seconds": round(s, 3), "pairs_per_s": round(len(premises) / s, 1)}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="+")
    ap.add_argument("--device", default="cpu")
    ap.add_argument("--out", type=Path, default=Path("eval/results"))
    ap.add_argument("--name", default=None, help="result file stem (default: throughput-<device>)")
    ap.add_argument("--batch1-pairs", type=int, default=200, help="pairs timed at batch size 1")
    ap.add_argument("--judge", choices=("fast", "cascade", "strong"), default="fast",
                    help="the judge of the end-to-end runs (default: fast, the bundled model the rates are of)")
    args = ap.parse_args(argv)

    from checker.api import Models, check
    from checker.cascade import CascadeSettings
    from checker.config import Config
    from checker.pairing import PairingSettings
    from checker.ingest import load_articles
    from checker.pairing import all_cross_pairs
    from checker.segment import segment_all

    quiet = lambda m: None  # noqa: E731
    articles = load_articles(args.corpus, warn=quiet)
    config = Config(device=args.device, progress=False, cascade=CascadeSettings(judge=args.judge))
    t = time.perf_counter()
    models = Models.load(config)
    load_s = time.perf_counter() - t

    pruned = check(articles, config, models=models)
    sentences = segment_all(articles, config)
    every = all_cross_pairs(sentences)

    premises = [p.a.text for p in every] + [p.b.text for p in every]
    hypotheses = [p.b.text for p in every] + [p.a.text for p in every]
    rates = [nli_rate(models.nli, premises, hypotheses, 32, 4000),
             nli_rate(models.nli, premises, hypotheses, 1, args.batch1_pairs)]
    models.nli.batch_size = config.batch_size

    # SummaC-style: every cross-article pair, by setting top-k to the largest article and no floor.
    big = max(sum(1 for s in sentences if s.article_id == a.id) for a in articles)
    all_cfg = replace(config, pairing=PairingSettings(top_k=big, min_similarity=-1.0))
    exhaustive = check(articles, all_cfg, models=models)

    def summary(r):
        return {"pairs_scored": r.pairs_scored, "conflicts": len(r.conflicts), "agreements": len(r.agreements),
                "seconds_total": round(sum(t.seconds for t in r.timings if t.name != "load models"), 3),
                "stages": {t.name: t.seconds for t in r.timings}}

    found_pruned = {frozenset((f.top.pair.a.key, f.top.pair.b.key)) for f in pruned.conflicts}
    found_all = {frozenset((v.pair.a.key, v.pair.b.key)) for f in exhaustive.conflicts for v in f.evidence}
    result = {
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"), "machine": machine(), "device": models.nli.device,
        "corpus": [str(c) for c in args.corpus], "articles": len(articles), "sentences": len(sentences),
        "model_load_s": round(load_s, 2), "nli_throughput": rates,
        "pruned": summary(pruned), "all_pairs": summary(exhaustive),
        "cross_article_pairs": len(every),
        "pruned_conflicts_also_found_by_all_pairs": sum(1 for k in found_pruned if k in found_all),
        "command": "python eval/bench_throughput.py " + " ".join(argv if argv is not None else sys.argv[1:]),
    }
    args.out.mkdir(parents=True, exist_ok=True)
    stem = args.name or f"throughput-{models.nli.device.split(':')[0]}"
    write_result(args.out / f"{stem}.json", result,
                 provenance(result["command"], models={"nli": config.nli_model, "embedder": config.embed_model},
                            precision=models.nli.precision, device=models.nli.device))
    p, a = result["pruned"], result["all_pairs"]
    md = [f"# Throughput ({result['date'][:10]}, {result['machine']['cpu']}, {result['machine']['cores']} cores, "
          f"torch {result['machine']['torch']}, device {result['device']})", "",
          f"Corpus: {', '.join(result['corpus'])}: {len(articles)} articles, {len(sentences)} sentences, "
          f"{len(every)} cross-article sentence pairs.", ""]
    md += table(["NLI batch size", "pairs timed", "pairs/s"], [[r['batch_size'], r['pairs'], r['pairs_per_s']] for r in rates])
    md += [""] + table(["pairing", "pairs scored (x2 directions)", "conflicts", "agreements", "seconds (excl. model load)"],
                       [[f"embedding-pruned (top-{config.pairing.top_k}, floor {config.pairing.min_similarity})",
                         p['pairs_scored'], p['conflicts'], p['agreements'], p['seconds_total']],
                        ["every cross-article pair", a['pairs_scored'], a['conflicts'], a['agreements'], a['seconds_total']]])
    md += ["",
           f"Pruned pairing scores {p['pairs_scored'] / max(a['pairs_scored'], 1):.1%} of the pairs in "
           f"{p['seconds_total'] / max(a['seconds_total'], 1e-9):.1%} of the time; "
           f"{result['pruned_conflicts_also_found_by_all_pairs']} of its {p['conflicts']} conflicts are also flagged by the exhaustive run.",
           "", "Stages of the pruned run (s): " + ", ".join(f"{k} {v:.2f}" for k, v in p["stages"].items()), "",
           f"Produced by: `{result['command']}`"]
    (args.out / f"{stem}.md").write_text("\n".join(md) + "\n")
    print("\n".join(md))


if __name__ == "__main__":
    main()
