"""How many gold sentence pairs does embedding-pruned pairing keep, and at what cost?

    python eval/pairing_sweep.py [--gold eval/gold checker/demo] [--corpus DIR] [--out eval/results]

For each (top_k, similarity floor), the share of gold pairs (planted conflicts and faithful
restatements) that become candidate pairs, and how many candidate pairs that costs on the gold
stories and on a real corpus (each candidate pair costs two NLI passes). Only the embedder runs.
The defaults in checker/config.py are the cheapest setting that keeps every gold conflict.
"""
from __future__ import annotations

import argparse
import sys
from datetime import datetime, timezone
from pathlib import Path

from checker.evaluation.markdown import table
from checker.evaluation.record import provenance, write_result

TOP_KS = [1, 2, 3, 4, 5]
FLOORS = [0.2, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", nargs="+", default=["eval/gold", "checker/demo"])
    ap.add_argument("--corpus", default=None, help="a real corpus folder, for the cost column")
    ap.add_argument("--out", type=Path, default=Path("eval/results"))
    args = ap.parse_args(argv)

    from checker.config import Config
    from checker.evaluation.gold import load_gold, verdict_matches
    from checker.ingest import load_articles
    from checker.pairing import Embedder, candidate_pairs
    from checker.segment import segment_all
    from checker.types import CandidatePair, NLIScores, PairScores, Signals, Verdict

    cfg = Config(progress=False)
    emb = Embedder.load(cfg.embed_model, "cpu", progress=False)
    quiet = lambda m: None  # noqa: E731
    stories = []
    for g in args.gold:
        for st in load_gold(g).stories:
            arts = load_articles(st.article_files, warn=quiet)
            sents = segment_all(arts, cfg)
            stories.append((st, {a.id: a for a in arts}, sents, emb.encode([s.text for s in sents])))
    corpus = None
    if args.corpus:
        arts = load_articles([args.corpus], warn=quiet)
        sents = segment_all(arts, cfg)
        corpus = (sents, emb.encode([s.text for s in sents]))

    def as_verdict(p: CandidatePair) -> Verdict:
        s = NLIScores(0, 1, 0)
        return Verdict(PairScores(p, s, s, s), Signals(), "neutral", 0.0, None, ())

    rows = []
    for k in TOP_KS:
        for floor in FLOORS:
            kept = {"conflict": [0, 0], "agree": [0, 0]}
            n_pairs = 0
            for st, arts, sents, e in stories:
                verdicts = [as_verdict(p) for p in candidate_pairs(sents, e, k, floor)]
                n_pairs += len(verdicts)
                for g in st.pairs:
                    if g.label not in kept:  # distinct and review pairs: pairing them is neither gain nor loss
                        continue
                    kept[g.label][1] += 1
                    kept[g.label][0] += any(verdict_matches(v, g, arts) for v in verdicts)
            row = {"top_k": k, "floor": floor, "gold_pairs_scored": n_pairs,
                   "conflicts_kept": kept["conflict"][0] / kept["conflict"][1],
                   "agreements_kept": kept["agree"][0] / kept["agree"][1]}
            if corpus:
                row["corpus_pairs"] = len(candidate_pairs(corpus[0], corpus[1], k, floor))
            rows.append(row)
    out = {"date": datetime.now(timezone.utc).isoformat(timespec="seconds"), "gold": args.gold, "corpus": args.corpus,
           "default": {"top_k": cfg.pairing.top_k, "floor": cfg.pairing.min_similarity}, "rows": rows,
           "command": "python eval/pairing_sweep.py " + " ".join(argv if argv is not None else sys.argv[1:])}
    args.out.mkdir(parents=True, exist_ok=True)
    write_result(args.out / "pairing_sweep.json", out,
                 provenance(out["command"], models={"embedder": cfg.embed_model}, precision="fp32", device="cpu"))
    md = [f"# Pairing: gold pairs kept vs pairs to score ({out['date'][:10]})", "",
          f"Gold: {', '.join(args.gold)}. Corpus for cost: {args.corpus}. Default: top-k {cfg.pairing.top_k}, floor {cfg.pairing.min_similarity}.", ""]
    default = (cfg.pairing.top_k, cfg.pairing.min_similarity)
    md += table(["top-k", "floor", "conflicts kept", "agreements kept", "pairs (gold stories)"]
                + (["pairs (corpus)"] if corpus else []),
                [[r['top_k'], f"{r['floor']}{' **(default)**' if (r['top_k'], r['floor']) == default else ''}",
                  f"{r['conflicts_kept']:.3f}", f"{r['agreements_kept']:.3f}", r['gold_pairs_scored']]
                 + ([r['corpus_pairs']] if corpus else []) for r in rows])
    md += ["", f"Produced by: `{out['command']}`", ""]
    (args.out / "pairing_sweep.md").write_text("\n".join(md))
    print("\n".join(md))


if __name__ == "__main__":
    main()
